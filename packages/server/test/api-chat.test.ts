import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness, type Session } from './helpers/server-harness.js';

describe('chat API', () => {
  let h: Harness;
  let alice: Session;
  let bob: Session;
  let victor: Session;
  before(async () => {
    h = await startHarness();
    [alice, bob, victor] = await Promise.all([h.login('alice'), h.login('bob'), h.login('victor')]);
  });
  after(() => h.close());

  const createSession = async (s: Session, title?: string) => {
    const res = await s.call('POST', '/api/v1/chat/sessions', { body: title ? { title } : {} });
    assert.equal(res.status, 201, res.text);
    return res.body.data as { id: string; title: string };
  };

  it('creates, lists, renames, deletes and restores sessions', async () => {
    const session = await createSession(alice, 'Prod triage');
    assert.equal(session.title, 'Prod triage');
    const untitled = await createSession(alice);
    assert.match(untitled.title, /^Chat /);
    const list = await alice.call('GET', '/api/v1/chat/sessions');
    assert.ok(list.body.data.some((x: { id: string }) => x.id === session.id));
    const renamed = await alice.call('PUT', `/api/v1/chat/sessions/${session.id}`, {
      body: { title: 'Prod incident' },
    });
    assert.equal(renamed.body.data.title, 'Prod incident');
    assert.equal((await alice.call('DELETE', `/api/v1/chat/sessions/${untitled.id}`)).status, 200);
    assert.equal((await alice.call('GET', `/api/v1/chat/sessions/${untitled.id}`)).status, 404);
    const restored = await alice.call('POST', `/api/v1/chat/sessions/${untitled.id}/restore`);
    assert.equal(restored.status, 200);
    assert.equal((await alice.call('GET', `/api/v1/chat/sessions/${untitled.id}`)).status, 200);
  });

  it('sends a message and stores the assistant reply with its command preview', async () => {
    const session = await createSession(alice);
    const res = await alice.call('POST', `/api/v1/chat/sessions/${session.id}/messages`, {
      body: { content: 'scale the api deployment in prod to 3', clientMessageId: 'cmid-scale-0001' },
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.data.type, 'user');
    assert.equal(res.body.data.content, 'scale the api deployment in prod to 3');
    const command = res.body.reply.metadata.command;
    assert.equal(res.body.reply.type, 'assistant');
    assert.match(command.generatedCommand, /^kubectl scale .*api.*--replicas=3/);
    assert.match(command.generatedCommand, /-n prod/);
    assert.equal(command.safetyLevel, 'warning');
    assert.equal(command.requiresApproval, true);
    assert.ok(command.explanation.length > 0);
    assert.equal(command.target.cluster.length > 0, true);
  });

  it('never doubles a message: the same clientMessageId returns what was stored', async () => {
    const session = await createSession(alice);
    const body = { content: 'list pods in staging', clientMessageId: 'cmid-retry-000001' };
    const [a, b] = await Promise.all([
      alice.call('POST', `/api/v1/chat/sessions/${session.id}/messages`, { body }),
      alice.call('POST', `/api/v1/chat/sessions/${session.id}/messages`, { body }),
    ]);
    const c = await alice.call('POST', `/api/v1/chat/sessions/${session.id}/messages`, { body });
    assert.deepEqual([a.status, b.status].sort(), [200, 201]);
    assert.equal(c.status, 200);
    assert.equal(c.headers['idempotent-replay'], 'true');
    assert.equal(a.body.data.id, c.body.data.id);
    assert.equal(b.body.data.id, c.body.data.id);
    assert.equal(a.body.reply.id, c.body.reply.id);
    const list = await alice.call('GET', `/api/v1/chat/sessions/${session.id}/messages`);
    assert.equal(list.body.data.length, 2, 'one user message and one reply');
  });

  it('pages messages with limit, offset, after, before, latest and searches with q', async () => {
    const session = await createSession(alice);
    for (let i = 1; i <= 4; i++) {
      await alice.call('POST', `/api/v1/chat/sessions/${session.id}/messages`, {
        body: { content: `get pods number ${i}` },
      });
    }
    const base = `/api/v1/chat/sessions/${session.id}/messages`;
    const all = await alice.call('GET', base);
    assert.equal(all.body.data.length, 8);
    assert.equal(all.body.pagination.total, 8);
    const page = await alice.call('GET', `${base}?limit=2&offset=2`);
    assert.deepEqual(
      page.body.data.map((m: { id: string }) => m.id),
      all.body.data.slice(2, 4).map((m: { id: string }) => m.id),
    );
    const after = await alice.call('GET', `${base}?after=${all.body.data[5].id}`);
    assert.deepEqual(
      after.body.data.map((m: { id: string }) => m.id),
      all.body.data.slice(6).map((m: { id: string }) => m.id),
    );
    const before = await alice.call('GET', `${base}?before=${all.body.data[4].id}&limit=2`);
    assert.deepEqual(
      before.body.data.map((m: { id: string }) => m.id),
      all.body.data.slice(2, 4).map((m: { id: string }) => m.id),
    );
    const latest = await alice.call('GET', `${base}?latest=true&limit=3`);
    assert.deepEqual(
      latest.body.data.map((m: { id: string }) => m.id),
      all.body.data.slice(5).map((m: { id: string }) => m.id),
    );
    const search = await alice.call('GET', `${base}?q=number%203`);
    assert.equal(search.body.data.length, 1);
    assert.equal(search.body.data[0].content, 'get pods number 3');
  });

  it('keeps sessions private until shared; read shares cannot send, write shares can', async () => {
    const session = await createSession(alice, 'Shared');
    assert.equal((await bob.call('GET', `/api/v1/chat/sessions/${session.id}`)).status, 404);
    assert.equal((await bob.call('GET', `/api/v1/chat/sessions/${session.id}/messages`)).status, 404);
    const share = await alice.call('POST', `/api/v1/chat/sessions/${session.id}/share`, {
      body: { username: 'bob', access: 'read' },
    });
    assert.equal(share.status, 200);
    assert.ok(
      share.body.data.participants.some(
        (p: { username: string; access: string }) => p.username === 'bob' && p.access === 'read',
      ),
    );
    assert.equal((await bob.call('GET', `/api/v1/chat/sessions/${session.id}`)).status, 200);
    const denied = await bob.call('POST', `/api/v1/chat/sessions/${session.id}/messages`, {
      body: { content: 'get pods' },
    });
    assert.equal(denied.status, 403);
    assert.equal(denied.body.code, 'SESSION_READ_ONLY');
    assert.equal(denied.body.success, false);
    assert.equal(
      (await bob.call('PUT', `/api/v1/chat/sessions/${session.id}`, { body: { title: 'x' } })).status,
      403,
    );
    await alice.call('POST', `/api/v1/chat/sessions/${session.id}/share`, {
      body: { username: 'bob', access: 'write' },
    });
    assert.equal(
      (
        await bob.call('POST', `/api/v1/chat/sessions/${session.id}/messages`, {
          body: { content: 'get pods' },
        })
      ).status,
      201,
    );
    assert.ok(
      (await bob.call('GET', '/api/v1/chat/sessions')).body.data.some(
        (x: { id: string; access: string }) => x.id === session.id && x.access === 'write',
      ),
    );
    const unshare = await alice.call('DELETE', `/api/v1/chat/sessions/${session.id}/share/${bob.user.id}`);
    assert.equal(unshare.status, 200);
    assert.equal((await bob.call('GET', `/api/v1/chat/sessions/${session.id}`)).status, 404);
  });

  it('lets a viewer chat (read-only proposals) and refuses unknown users for sharing', async () => {
    const session = await createSession(victor);
    assert.equal(
      (
        await victor.call('POST', `/api/v1/chat/sessions/${session.id}/messages`, {
          body: { content: 'list nodes' },
        })
      ).status,
      201,
    );
    const res = await victor.call('POST', `/api/v1/chat/sessions/${session.id}/share`, {
      body: { username: 'nobody', access: 'read' },
    });
    assert.equal(res.status, 404);
  });

  it('previews a command without storing a message, and resolves follow-ups against the session context', async () => {
    const session = await createSession(alice);
    const preview = await alice.call('POST', '/api/v1/chat/commands/preview', {
      body: { naturalLanguage: 'delete the pod web-1 in staging', sessionId: session.id },
    });
    assert.equal(preview.status, 201);
    assert.equal(preview.body.data.safetyLevel, 'dangerous');
    assert.equal(
      (await alice.call('GET', `/api/v1/chat/sessions/${session.id}/messages`)).body.data.length,
      0,
    );

    await alice.call('POST', `/api/v1/chat/sessions/${session.id}/messages`, {
      body: { content: 'scale the api deployment in prod to 3' },
    });
    const ctx = await alice.call('GET', `/api/v1/chat/sessions/${session.id}/context`);
    assert.equal(ctx.status, 200);
    assert.equal(ctx.body.data.conversation.namespace, 'prod');
    assert.equal(ctx.body.data.conversation.name, 'api');
    const followUp = await alice.call('POST', `/api/v1/chat/sessions/${session.id}/messages`, {
      body: { content: 'now scale it to 5' },
    });
    assert.match(
      followUp.body.reply.metadata.command.generatedCommand,
      /scale .*api.*-n prod.*--replicas=5|scale .*api.*--replicas=5.*-n prod/,
    );
    const cleared = await alice.call('DELETE', `/api/v1/chat/sessions/${session.id}/context`);
    assert.deepEqual(cleared.body.data.conversation, {});
    const commands = await alice.call('GET', `/api/v1/chat/sessions/${session.id}/commands`);
    assert.equal(commands.status, 200);
    assert.deepEqual(commands.body.data, []);
  });
});
