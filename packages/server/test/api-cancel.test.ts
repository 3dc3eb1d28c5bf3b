import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, settle, startHarness, type Harness, type Session } from './helpers/server-harness.js';

// Real sandbox time here: `logs -f` follows for 10 s, so the cancel cannot lose a race with the end.
describe('cancel', () => {
  let h: Harness;
  let alice: Session;
  before(async () => {
    h = await startHarness({ env: { KUBECHAT_SANDBOX_TIME_SCALE: '1' } });
    alice = await h.login('alice');
  });
  after(() => h.close());

  const execute = (s: Session, command: string) =>
    s.call('POST', '/api/v1/commands/execute', { body: { command } });

  it('cancels a pending request and a running command (the run really stops)', async () => {
    const pending = await execute(alice, 'kubectl rollout restart deployment/web -n prod');
    const cancelled = await alice.call(
      'POST',
      `/api/v1/commands/executions/${pending.body.execution.id}/cancel`,
    );
    assert.equal(cancelled.status, 200);
    assert.equal(cancelled.body.status, 'cancelled');

    const pods = await settle(
      alice,
      (await execute(alice, 'kubectl get pods -n prod -l app=web -o name')).body.id,
    );
    const pod = pods.output.trim().split('\n')[0]!.replace('pod/', '');
    const follow = await execute(alice, `kubectl logs ${pod} -n prod -f`);
    assert.equal(follow.status, 201);
    await eventually(
      async () =>
        (await alice.call('GET', `/api/v1/commands/executions/${follow.body.id}`)).body.status ===
        'executing',
      5000,
      'executing',
    );
    const stop = await alice.call('POST', `/api/v1/commands/executions/${follow.body.id}/cancel`);
    assert.equal(stop.status, 200);
    const done = await settle(alice, follow.body.id);
    assert.equal(done.status, 'cancelled');
    assert.equal(
      (await alice.call('POST', `/api/v1/commands/executions/${follow.body.id}/cancel`)).status,
      409,
    );
  });
});
