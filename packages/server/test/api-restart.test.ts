import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, startHarness } from './helpers/server-harness.js';
import { openDatabase } from '../src/db/database.js';

describe('restart', () => {
  it('loses nothing, and a command that was running ends as failed with a reason', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kubechat-restart-'));
    try {
      const first = await startHarness({ dataDir });
      const alice = await first.login('alice');
      const session = (
        await alice.call('POST', '/api/v1/chat/sessions', { body: { title: 'Before restart' } })
      ).body.data;
      await alice.call('POST', `/api/v1/chat/sessions/${session.id}/messages`, {
        body: { content: 'scale the api deployment in prod to 3', clientMessageId: 'restart-0001' },
      });
      const scale = await alice.call('POST', '/api/v1/commands/execute', {
        body: { command: 'kubectl scale deployment/web -n prod --replicas=5' },
      });
      await alice.call('POST', '/api/v1/commands/approve', {
        body: { execution_id: scale.body.execution.id, decision: 'approve' },
      });
      await eventually(
        async () =>
          (await alice.call('GET', `/api/v1/commands/executions/${scale.body.execution.id}`)).body.status ===
          'completed',
        20_000,
      );
      const pods = (await alice.call('GET', '/api/v1/commands/executions?limit=1')).body;
      // A long-running command is in flight when the server dies.
      const follow = await alice.call('POST', '/api/v1/commands/execute', {
        body: { command: 'kubectl logs deployment/api -n prod -f' },
      });
      await eventually(
        async () =>
          (await alice.call('GET', `/api/v1/commands/executions/${follow.body.id}`)).body.status ===
          'executing',
        5000,
      );
      await first.close({ keepData: true });
      // A crash leaves 'executing' in the database: the process never got to record the end.
      const db = openDatabase(dataDir);
      db.prepare(
        "UPDATE executions SET status = 'executing', completed_at = NULL, error_message = NULL WHERE id = ?",
      ).run(follow.body.id);
      db.close();

      const second = await startHarness({ dataDir });
      try {
        const again = await second.login('alice');
        const sessions = (await again.call('GET', '/api/v1/chat/sessions')).body.data;
        assert.ok(
          sessions.some(
            (s: { id: string; title: string }) => s.id === session.id && s.title === 'Before restart',
          ),
        );
        const messages = (await again.call('GET', `/api/v1/chat/sessions/${session.id}/messages`)).body.data;
        assert.equal(messages.length, 2);
        const replay = await again.call('POST', `/api/v1/chat/sessions/${session.id}/messages`, {
          body: { content: 'scale the api deployment in prod to 3', clientMessageId: 'restart-0001' },
        });
        assert.equal(replay.status, 200, 'the clientMessageId is remembered across restarts');
        const crashed = (await again.call('GET', `/api/v1/commands/executions/${follow.body.id}`)).body;
        assert.equal(crashed.status, 'failed');
        assert.match(crashed.error_message, /restarted/);
        assert.ok(
          (await again.call('GET', '/api/v1/commands/executions')).body.pagination.total >=
            pods.pagination.total,
        );
        // The sandbox cluster kept its state: web is still at 5 replicas.
        const get = await again.call('POST', '/api/v1/commands/execute', {
          body: { command: 'kubectl get deployment web -n prod -o json' },
        });
        const done = await eventually(async () => {
          const r = (await again.call('GET', `/api/v1/commands/executions/${get.body.id}`)).body;
          return r.status === 'completed' ? r : null;
        }, 10_000);
        assert.equal(JSON.parse(done.output).spec.replicas, 5);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
