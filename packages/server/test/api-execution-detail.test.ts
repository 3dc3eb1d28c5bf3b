import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, eventually, startHarness } from './helpers/server-harness.js';

describe('GET /commands/executions/{id}: the approval trail', () => {
  it('names who asked, who approved and when, for the requester and for an admin', async () => {
    const h = await startHarness();
    try {
      const [admin, alice] = await Promise.all([h.login('admin'), h.login('alice')]);
      const res = await alice.call('POST', '/api/v1/commands/execute', {
        body: { command: 'kubectl delete pod -n staging -l app=web' },
      });
      assert.equal(res.status, 202, res.text);
      const id = res.body.execution.id;

      const waiting = await alice.call('GET', `/api/v1/commands/executions/${id}`);
      assert.equal(waiting.status, 200);
      assert.equal(waiting.body.approval.status, 'pending');
      assert.equal(waiting.body.approval.requested_by, 'alice');
      assert.equal(waiting.body.approval.approved_by, null);
      assert.equal(waiting.body.approval.decided_at, null);

      const ok = await admin.call('POST', '/api/v1/commands/approve', {
        body: { execution_id: id, decision: 'approve', password: DEMO_PASSWORD },
      });
      assert.equal(ok.status, 200, ok.text);
      await eventually(
        async () =>
          (await alice.call('GET', `/api/v1/commands/executions/${id}`)).body.status === 'completed',
        20_000,
      );
      for (const reader of [alice, admin]) {
        const detail = (await reader.call('GET', `/api/v1/commands/executions/${id}`)).body;
        assert.equal(detail.approval.status, 'approved');
        assert.equal(detail.approval.requested_by, 'alice');
        assert.equal(detail.approval.approved_by, 'admin');
        assert.equal(detail.approval.approved_by_user_id, ok.body.approved_by_user_id);
        assert.ok(Date.parse(detail.approval.decided_at) >= Date.parse(detail.created_at));
        assert.equal(detail.approval.command_execution_id, id);
      }
    } finally {
      await h.close();
    }
  });

  it('names who rejected, with the reason', async () => {
    const h = await startHarness();
    try {
      const [admin, bob] = await Promise.all([h.login('admin'), h.login('bob')]);
      const res = await bob.call('POST', '/api/v1/commands/execute', {
        body: { command: 'kubectl scale deployment/api -n prod --replicas=4' },
      });
      assert.equal(res.status, 202, res.text);
      const id = res.body.execution.id;
      const no = await admin.call('POST', '/api/v1/commands/approve', {
        body: { execution_id: id, decision: 'reject', reason: 'Not during the freeze' },
      });
      assert.equal(no.status, 200, no.text);
      const detail = (await bob.call('GET', `/api/v1/commands/executions/${id}`)).body;
      assert.equal(detail.status, 'rejected');
      assert.equal(detail.approval.status, 'rejected');
      assert.equal(detail.approval.approved_by, 'admin');
      assert.equal(detail.approval.reason, 'Not during the freeze');
      assert.ok(detail.approval.decided_at);
    } finally {
      await h.close();
    }
  });

  it('is null for a safe command that needed no approval', async () => {
    const h = await startHarness();
    try {
      const alice = await h.login('alice');
      const res = await alice.call('POST', '/api/v1/commands/execute', {
        body: { command: 'kubectl get pods -n default' },
      });
      assert.equal(res.status, 201, res.text);
      const detail = await alice.call('GET', `/api/v1/commands/executions/${res.body.id}`);
      assert.equal(detail.status, 200);
      assert.equal(detail.body.approval, null);
      // The list stays lean: approvals are only in the detail.
      const list = (await alice.call('GET', '/api/v1/commands/executions')).body.executions;
      assert.equal('approval' in list[0], false);
    } finally {
      await h.close();
    }
  });
});
