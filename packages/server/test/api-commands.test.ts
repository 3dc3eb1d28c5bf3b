import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { settle, startHarness, type Harness, type Session } from './helpers/server-harness.js';

describe('commands API', () => {
  let h: Harness;
  let admin: Session;
  let alice: Session;
  let bob: Session;
  let victor: Session;
  before(async () => {
    h = await startHarness();
    [admin, alice, bob, victor] = await Promise.all([
      h.login('admin'),
      h.login('alice'),
      h.login('bob'),
      h.login('victor'),
    ]);
  });
  after(() => h.close());

  const execute = (s: Session, command: unknown, headers: Record<string, string> = {}) =>
    s.call('POST', '/api/v1/commands/execute', { body: { command }, headers });

  it('runs a safe command at once (201) and keeps its output', async () => {
    const res = await execute(alice, 'kubectl get pods -n prod');
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.safety_level, 'safe');
    const done = await settle(alice, res.body.id);
    assert.equal(done.status, 'completed');
    assert.equal(done.exit_code, 0);
    assert.match(done.output, /NAME\s+READY\s+STATUS/);
    assert.match(done.output, /api-/);
  });

  it('a viewer cannot execute anything', async () => {
    const res = await execute(victor, 'kubectl get pods');
    assert.equal(res.status, 403);
    assert.equal(res.body.code, 'WRITE_PERMISSION_REQUIRED');
  });

  it('ignores a client-sent safety level and refuses compound commands', async () => {
    const sneaky = await alice.call('POST', '/api/v1/commands/execute', {
      body: { command: 'kubectl delete ns staging', safety_level: 'safe' },
    });
    assert.equal(sneaky.status, 202);
    assert.equal(sneaky.body.execution.safety_level, 'dangerous');
    for (const command of [
      'kubectl get pods | sh',
      'kubectl get pods; kubectl delete ns prod',
      'kubectl get pods $(id)',
      'rm -rf /',
    ]) {
      const res = await execute(alice, command);
      assert.equal(res.status, 400, command);
      assert.equal(res.body.code, 'COMMAND_REFUSED');
    }
  });

  it('a warning command waits for the requester to confirm, then scales with live state', async () => {
    const res = await execute(alice, 'kubectl scale deployment/api -n prod --replicas=3');
    assert.equal(res.status, 202, res.text);
    assert.equal(res.body.status, 'pending');
    assert.equal(res.body.required_role, 'requester');
    assert.equal(res.body.execution.status, 'pending_approval');
    assert.equal(res.body.command_digest, res.body.execution.command_digest);
    const id = res.body.execution.id;
    // bob (not the requester, not an admin) cannot confirm alice's command.
    assert.equal(
      (
        await bob.call('POST', '/api/v1/commands/approve', {
          body: { execution_id: id, decision: 'approve' },
        })
      ).status,
      404,
    );
    const ok = await alice.call('POST', '/api/v1/commands/approve', {
      body: { execution_id: id, decision: 'approve', command_digest: res.body.command_digest },
    });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.status, 'approved');
    const again = await alice.call('POST', '/api/v1/commands/approve', {
      body: { execution_id: id, decision: 'approve' },
    });
    assert.equal(again.status, 409, 'an approval is single-use');
    const done = await settle(alice, id);
    assert.equal(done.status, 'completed', done.output);
    assert.match(done.output, /scaled/);
    const pods = await settle(alice, (await execute(alice, 'kubectl get pods -n prod -l app=api')).body.id);
    assert.equal((pods.output.match(/Running/g) ?? []).length, 3, pods.output);
  });

  it('a dangerous command needs another administrator; the requester cannot approve it', async () => {
    const res = await execute(alice, 'kubectl delete pod -n staging -l app=web');
    assert.equal(res.status, 202);
    assert.equal(res.body.required_role, 'admin');
    const id = res.body.execution.id;
    const self = await alice.call('POST', '/api/v1/commands/approve', {
      body: { execution_id: id, decision: 'approve' },
    });
    assert.equal(self.status, 403);
    assert.equal(self.body.code, 'ADMIN_APPROVAL_REQUIRED');
    const changed = await admin.call('POST', '/api/v1/commands/approve', {
      body: { execution_id: id, decision: 'approve', command_digest: 'deadbeef' },
    });
    assert.equal(changed.status, 409);
    assert.equal(changed.body.code, 'COMMAND_CHANGED');
    const pending = await admin.call('GET', '/api/v1/commands/approvals/pending');
    assert.ok(pending.body.some((a: { command_execution_id: string }) => a.command_execution_id === id));
    const mine = await alice.call('GET', '/api/v1/commands/approvals/pending');
    assert.ok(mine.body.every((a: { requested_by: string }) => a.requested_by === 'alice'));
    const ok = await admin.call('POST', '/api/v1/commands/approve', {
      body: { execution_id: id, decision: 'approve', reason: 'ok by SRE' },
    });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.approved_by, 'admin');
    assert.equal((await settle(alice, id)).status, 'completed');
    const audit = h.services.audit.recent(50);
    assert.ok(audit.some((a) => a.action === 'approval.approve' && a.outcome === 'denied'));
    assert.ok(
      audit.some(
        (a) => a.action === 'approval.approve' && a.outcome === 'success' && a.actor_username === 'admin',
      ),
    );
  });

  it('an admin cannot approve their own dangerous command', async () => {
    const res = await execute(admin, 'kubectl delete namespace staging');
    const self = await admin.call('POST', '/api/v1/commands/approve', {
      body: { execution_id: res.body.execution.id, decision: 'approve' },
    });
    assert.equal(self.status, 403);
    assert.equal(self.body.code, 'SELF_APPROVAL_FORBIDDEN');
    const reject = await admin.call('POST', '/api/v1/commands/approve', {
      body: { execution_id: res.body.execution.id, decision: 'reject', reason: 'not today' },
    });
    assert.equal(reject.status, 200);
    const exec = await admin.call('GET', `/api/v1/commands/executions/${res.body.execution.id}`);
    assert.equal(exec.body.status, 'rejected');
    assert.match(exec.body.error_message, /not today/);
  });

  it('runs a dry run of a change without approval and without changing anything', async () => {
    const before = await settle(
      bob,
      (await execute(bob, 'kubectl get deployment web -n staging -o json')).body.id,
    );
    const replicas = JSON.parse(before.output).spec.replicas;
    const dry = await bob.call('POST', '/api/v1/commands/execute', {
      body: { command: 'kubectl scale deployment/web -n staging --replicas=7', dry_run: true },
    });
    assert.equal(dry.status, 201, dry.text);
    assert.equal(dry.body.dry_run, true);
    assert.match(dry.body.command, /--dry-run=server$/);
    const done = await settle(bob, dry.body.id);
    assert.equal(done.status, 'completed', done.output);
    assert.match(done.output, /dry run/);
    const after = await settle(
      bob,
      (await execute(bob, 'kubectl get deployment web -n staging -o json')).body.id,
    );
    assert.equal(JSON.parse(after.output).spec.replicas, replicas);
    const pointless = await bob.call('POST', '/api/v1/commands/execute', {
      body: { command: 'kubectl get pods', dry_run: true },
    });
    assert.equal(pointless.status, 400);
    assert.equal(pointless.body.code, 'DRY_RUN_NOT_NEEDED');
  });

  it('replays an Idempotency-Key instead of running twice', async () => {
    const headers = { 'idempotency-key': 'idem-key-0000001' };
    const a = await execute(bob, 'kubectl get nodes', headers);
    const b = await execute(bob, 'kubectl get nodes', headers);
    assert.equal(a.body.id, b.body.id);
    assert.equal(b.headers['idempotent-replay'], 'true');
  });

  it('accepts upstream structured operations through the same classifier', async () => {
    const res = await execute(bob, { operation: 'list', resource: 'pods', namespace: 'default' });
    assert.equal(res.status, 201);
    assert.equal(res.body.command, 'kubectl get pods -n default');
    const scale = await execute(bob, {
      operation: 'scale',
      resource: 'deployments',
      namespace: 'default',
      name: 'hello',
      replicas: 2,
    });
    assert.equal(scale.status, 202);
  });

  it('users see their own executions, admins see everyone’s, with filters', async () => {
    const mine = await bob.call('GET', '/api/v1/commands/executions?limit=100');
    assert.ok(mine.body.executions.length > 0);
    assert.ok(mine.body.executions.every((e: { username: string }) => e.username === 'bob'));
    const all = await admin.call('GET', '/api/v1/commands/executions?limit=100');
    const users = new Set(all.body.executions.map((e: { username: string }) => e.username));
    assert.ok(users.has('alice') && users.has('bob'));
    const someoneElse = await bob.call(
      'GET',
      `/api/v1/commands/executions/${all.body.executions.find((e: { username: string }) => e.username === 'alice').id}`,
    );
    assert.equal(someoneElse.status, 404);
    assert.equal((await bob.call('GET', `/api/v1/commands/executions?user_id=${alice.user.id}`)).status, 403);
    const filtered = await admin.call(
      'GET',
      '/api/v1/commands/executions?status=completed&safety_level=safe&namespace=prod&q=pods&sort=-created_at',
    );
    assert.ok(filtered.body.executions.length > 0);
    for (const e of filtered.body.executions) {
      assert.equal(e.status, 'completed');
      assert.equal(e.safety_level, 'safe');
      assert.equal(e.namespace, 'prod');
    }
    const page = await admin.call('GET', '/api/v1/commands/executions?limit=2&offset=1&sort=created_at');
    assert.equal(page.body.pagination.limit, 2);
    assert.equal(page.body.pagination.offset, 1);
    assert.equal(page.body.executions.length, 2);
    assert.ok(page.body.executions[0].created_at <= page.body.executions[1].created_at);
  });

  it('exports exactly the filtered set as CSV, JSON and NDJSON', async () => {
    const list = await admin.call('GET', '/api/v1/commands/executions?status=completed&limit=1000');
    const csv = await admin.call('GET', '/api/v1/commands/executions/export?format=csv&status=completed');
    assert.equal(csv.status, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    assert.equal(
      lines[0],
      'id,created_at,username,command,namespace,safety_level,status,exit_code,execution_time_ms,session_id,error_message',
    );
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(',')[0]),
      list.body.executions.map((e: { id: string }) => e.id),
    );
    const json = await admin.call('GET', '/api/v1/commands/executions/export?format=json&status=completed');
    assert.equal(JSON.parse(json.text).length, list.body.pagination.total);
    const nd = await admin.call('GET', '/api/v1/commands/executions/export?format=ndjson&status=completed');
    assert.equal(nd.text.trim().split('\n').length, list.body.pagination.total);
    const bobsCsv = await bob.call('GET', '/api/v1/commands/executions/export?format=csv');
    assert.ok(
      bobsCsv.text
        .trim()
        .split('\r\n')
        .slice(1)
        .every((l) => l.split(',')[2] === 'bob'),
    );
  });

  it('reports stats with success rate, top resources and a series', async () => {
    const res = await admin.call('GET', '/api/v1/commands/stats?buckets=6');
    assert.equal(res.status, 200);
    assert.ok(res.body.total_executions > 0);
    assert.ok(res.body.success_rate > 0 && res.body.success_rate <= 1);
    assert.ok(res.body.top_resources.length > 0);
    assert.equal(res.body.series.length, 6);
    assert.equal(
      res.body.series.reduce((n: number, b: { total: number }) => n + b.total, 0),
      res.body.total_executions,
    );
    const bad = await admin.call(
      'GET',
      '/api/v1/commands/stats?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z',
    );
    assert.equal(bad.status, 400);
  });

  it('plans and runs a rollback that restores what a scale changed', async () => {
    const replicas = async () =>
      JSON.parse(
        (await settle(bob, (await execute(bob, 'kubectl get deployment hello -n default -o json')).body.id))
          .output,
      ).spec.replicas;
    const before = await replicas();
    const res = await execute(bob, 'kubectl scale deployment/hello -n default --replicas=4');
    await bob.call('POST', '/api/v1/commands/approve', {
      body: { execution_id: res.body.execution.id, decision: 'approve' },
    });
    const done = await settle(bob, res.body.execution.id);
    assert.equal(done.rollback_available, true);
    const valid = await bob.call('GET', `/api/v1/commands/executions/${done.id}/rollback/validate`);
    assert.equal(valid.body.is_valid, true);
    const plan = await bob.call('POST', `/api/v1/commands/executions/${done.id}/rollback/plan`);
    assert.equal(plan.status, 201, plan.text);
    assert.ok(plan.body.rollback_steps.length > 0);
    const run = await bob.call('POST', `/api/v1/rollback/plans/${plan.body.id}/execute`);
    assert.equal(run.status, 202);
    const rolledBack = await settle(bob, run.body.execution_id);
    assert.equal(rolledBack.status, 'completed', rolledBack.output);
    const status = await bob.call('GET', `/api/v1/rollback/executions/${run.body.id}/status`);
    assert.equal(status.body.progress, 100);
    const again = await bob.call('POST', `/api/v1/rollback/plans/${plan.body.id}/execute`);
    assert.equal(again.status, 409);
    assert.notEqual(before, 4);
    assert.equal(await replicas(), before);
  });
});
