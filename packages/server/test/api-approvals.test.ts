import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, eventually, startHarness } from './helpers/server-harness.js';

describe('approval rules (X9)', () => {
  it('an approval expires, and an expired request can no longer be approved', async () => {
    const h = await startHarness({ env: { KUBECHAT_APPROVAL_TTL_SECONDS: '1' } });
    try {
      const alice = await h.login('alice');
      const res = await alice.call('POST', '/api/v1/commands/execute', {
        body: { command: 'kubectl scale deployment/api -n prod --replicas=4' },
      });
      assert.equal(res.status, 202);
      await new Promise((r) => setTimeout(r, 1100));
      const late = await alice.call('POST', '/api/v1/commands/approve', {
        body: { execution_id: res.body.execution.id, decision: 'approve' },
      });
      assert.equal(late.status, 409);
      assert.equal(late.body.code, 'APPROVAL_EXPIRED');
      const execution = await alice.call('GET', `/api/v1/commands/executions/${res.body.execution.id}`);
      assert.equal(execution.body.status, 'rejected');
      assert.match(execution.body.error_message, /expired/);
      assert.ok(
        h.services.audit.recent(20).some((a) => a.action === 'approval.approve' && a.outcome === 'denied'),
      );
    } finally {
      await h.close();
    }
  });

  it('approving a dangerous command needs a fresh sign-in or the password (step-up)', async () => {
    const h = await startHarness({ env: { KUBECHAT_STEP_UP_MAX_AGE_SECONDS: '0' } });
    try {
      const [admin, alice] = await Promise.all([h.login('admin'), h.login('alice')]);
      const res = await alice.call('POST', '/api/v1/commands/execute', {
        body: { command: 'kubectl delete pod -n staging -l app=web' },
      });
      const id = res.body.execution.id;
      const noStepUp = await admin.call('POST', '/api/v1/commands/approve', {
        body: { execution_id: id, decision: 'approve' },
      });
      assert.equal(noStepUp.status, 403);
      assert.equal(noStepUp.body.code, 'STEP_UP_REQUIRED');
      const wrong = await admin.call('POST', '/api/v1/commands/approve', {
        body: { execution_id: id, decision: 'approve', password: 'wrong' },
      });
      assert.equal(wrong.status, 403);
      const ok = await admin.call('POST', '/api/v1/commands/approve', {
        body: { execution_id: id, decision: 'approve', password: DEMO_PASSWORD },
      });
      assert.equal(ok.status, 200, ok.text);
      await eventually(
        async () =>
          (await alice.call('GET', `/api/v1/commands/executions/${id}`)).body.status === 'completed',
        20_000,
      );
      // The approval was single-use: replaying it does not run the command again.
      const replay = await admin.call('POST', '/api/v1/commands/approve', {
        body: { execution_id: id, decision: 'approve', password: DEMO_PASSWORD },
      });
      assert.equal(replay.status, 409);
      const runs = (await admin.call('GET', '/api/v1/commands/executions?q=delete%20pod')).body.executions;
      assert.equal(runs.length, 1);
    } finally {
      await h.close();
    }
  });
});
