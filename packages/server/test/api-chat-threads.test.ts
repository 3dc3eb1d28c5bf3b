import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness, type Harness, type Session } from './helpers/server-harness.js';
import { openDatabase } from '../src/db/database.js';

// Threads scope the conversation context: a reply (parentId) resolves "it" against the context that was
// current at the message it answers, everything else against the session's latest.

interface Sent {
  message: { id: string };
  reply: {
    id: string;
    content: string;
    metadata: { command: { generatedCommand?: string; contextApplied?: string[] } };
  };
}

async function session(s: Session): Promise<string> {
  const res = await s.call('POST', '/api/v1/chat/sessions', { body: {} });
  assert.equal(res.status, 201, res.text);
  return res.body.data.id as string;
}

async function send(s: Session, sessionId: string, content: string, parentId?: string): Promise<Sent> {
  const res = await s.call('POST', `/api/v1/chat/sessions/${sessionId}/messages`, {
    body: { content, ...(parentId ? { parentId } : {}) },
  });
  assert.equal(res.status, 201, res.text);
  return { message: res.body.data, reply: res.body.reply };
}

const command = (sent: Sent) => sent.reply.metadata.command.generatedCommand;

async function conversation(s: Session, sessionId: string, messageId?: string) {
  const query = messageId ? `?messageId=${messageId}` : '';
  const res = await s.call('GET', `/api/v1/chat/sessions/${sessionId}/context${query}`);
  assert.equal(res.status, 200, res.text);
  return res.body.data.conversation as { resource?: string; name?: string; namespace?: string };
}

describe('chat threads and the conversation context', () => {
  let h: Harness;
  let alice: Session;
  before(async () => {
    h = await startHarness();
    alice = await h.login('alice');
  });
  after(() => h.close());

  it("a reply resolves follow-ups against the replied-to message's context, not the session's latest", async () => {
    const id = await session(alice);
    const scale = await send(alice, id, 'scale the api deployment in prod to 3');
    await send(alice, id, 'show pods in staging');
    assert.equal((await conversation(alice, id)).namespace, 'staging', 'the session keeps the latest');

    const reply = await send(alice, id, 'now scale it to 5', scale.reply.id);
    assert.equal(command(reply), 'kubectl scale deployment/api -n prod --replicas=5');
    assert.deepEqual(reply.reply.metadata.command.contextApplied, ['resource', 'name', 'namespace']);

    // The context just used is now the latest: a follow-up that is not a reply continues from it.
    assert.deepEqual(await conversation(alice, id), {
      resource: 'deployments',
      name: 'api',
      namespace: 'prod',
      lastQuery: 'now scale it to 5',
      lastIntent: 'scale',
    });
    assert.equal(
      command(await send(alice, id, 'show its logs')),
      'kubectl logs deployment/api -n prod --tail=100',
    );
  });

  it("a reply to a person's message uses the context its answer stored", async () => {
    const id = await session(alice);
    await send(alice, id, 'scale the api deployment in prod to 3');
    const pods = await send(alice, id, 'show pods in staging');
    await send(alice, id, 'describe deployment web in payments');
    const reply = await send(alice, id, 'and in prod?', pods.message.id);
    assert.equal(command(reply), 'kubectl get pods -n prod');
  });

  it("the context route returns a message's thread context, and refuses a message of another session", async () => {
    const id = await session(alice);
    const scale = await send(alice, id, 'scale the api deployment in prod to 3');
    await send(alice, id, 'show pods in staging');
    for (const messageId of [scale.message.id, scale.reply.id]) {
      const ctx = await conversation(alice, id, messageId);
      assert.equal(ctx.namespace, 'prod');
      assert.equal(ctx.name, 'api');
    }
    const other = await session(alice);
    const res = await alice.call('GET', `/api/v1/chat/sessions/${other}/context?messageId=${scale.reply.id}`);
    assert.equal(res.status, 400);
    assert.equal(res.body.code, 'VALIDATION_ERROR');
    const stranger = await h.login('bob');
    const hidden = await stranger.call(
      'GET',
      `/api/v1/chat/sessions/${id}/context?messageId=${scale.reply.id}`,
    );
    assert.equal(hidden.status, 404);
  });

  it('clearing the context empties the session, while an explicit reply to an old answer keeps its own', async () => {
    const id = await session(alice);
    const scale = await send(alice, id, 'scale the api deployment in prod to 3');
    const cleared = await alice.call('DELETE', `/api/v1/chat/sessions/${id}/context`);
    assert.deepEqual(cleared.body.data.conversation, {});
    const asked = await send(alice, id, 'now scale it to 4');
    assert.ok(!command(asked), 'no command without an object');
    assert.match(asked.reply.content, /Which object do you mean\?/);
    const reply = await send(alice, id, 'now scale it to 2', scale.reply.id);
    assert.equal(command(reply), 'kubectl scale deployment/api -n prod --replicas=2');
  });
});

describe('thread contexts across a restart', () => {
  it('are kept in the database, and an answer stored without one falls back to the session context', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kubechat-threads-'));
    try {
      const first = await startHarness({ dataDir });
      const alice = await first.login('alice');
      const id = await session(alice);
      const scale = await send(alice, id, 'scale the api deployment in prod to 3');
      const web = await send(alice, id, 'describe deployment web in payments');
      await send(alice, id, 'show pods in staging');
      await first.close({ keepData: true });
      // As if `web` had been answered before contexts were stored per answer.
      const db = openDatabase(dataDir);
      db.prepare('UPDATE messages SET context_json = NULL WHERE id = ?').run(web.reply.id);
      db.close();

      const second = await startHarness({ dataDir });
      try {
        const again = await second.login('alice');
        const reply = await send(again, id, 'now scale it to 5', scale.reply.id);
        assert.equal(command(reply), 'kubectl scale deployment/api -n prod --replicas=5');
        // The fallback is the session's latest, which the reply above just made prod/api.
        const old = await send(again, id, 'show its logs', web.reply.id);
        assert.equal(command(old), 'kubectl logs deployment/api -n prod --tail=100');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
