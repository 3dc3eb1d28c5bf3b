import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness, type Session } from './helpers/server-harness.js';
import { TestClient } from './ws-harness.js';

// The WebSocket on the real server: REST changes arrive as scoped events, and nobody listens to what
// they may not read.
describe('WebSocket on the reference server', () => {
  let h: Harness;
  let alice: Session;
  let bob: Session;
  let wsUrl: string;
  before(async () => {
    h = await startHarness({ listen: true });
    [alice, bob] = await Promise.all([h.login('alice'), h.login('bob')]);
    wsUrl = `${h.url!.replace('http', 'ws')}/api/v1/ws`;
  });
  after(() => h.close());

  const connect = async (s: Session) => {
    const client = new TestClient(wsUrl, { origin: h.url! });
    await client.opened();
    const auth = await client.auth(s.token);
    assert.equal(auth.payload.success, true);
    return client;
  };

  it('streams a scale as execution, progress and output events in seq order', async () => {
    const client = await connect(alice);
    try {
      await client.subscribe([`user:${alice.user.id}`]);
      const res = await alice.call('POST', '/api/v1/commands/execute', {
        body: { command: 'kubectl scale deployment/worker -n prod --replicas=3' },
      });
      const id = res.body.execution.id;
      await client.subscribe([`execution:${id}`]);
      await alice.call('POST', '/api/v1/commands/approve', {
        body: { execution_id: id, decision: 'approve' },
      });
      await client.waitFor((f) => f.topic === `execution:${id}` && f.type === 'result', 20_000);
      const events = client.onTopic(`execution:${id}`);
      const seqs = events.map((f) => f.seq!);
      assert.deepEqual(
        seqs,
        [...seqs].sort((a, b) => a - b),
        'in order',
      );
      assert.equal(new Set(seqs).size, seqs.length, 'no duplicates');
      const types = events.map((f) => f.type);
      assert.ok(types.includes('executing'));
      assert.ok(types.includes('progress'));
      assert.ok(types.includes('output'));
      const output = events
        .filter((f) => f.type === 'output')
        .map((f) => f.payload.content)
        .join('');
      assert.match(output, /Running/);
      const statuses = client.onTopic(`user:${alice.user.id}`, 'execution').map((f) => f.payload.status);
      assert.ok(statuses.includes('pending_approval') && statuses.includes('completed'), statuses.join(','));
    } finally {
      client.close();
    }
  });

  it('publishes chat messages to the session topic and refuses other users', async () => {
    const session = (await alice.call('POST', '/api/v1/chat/sessions', { body: {} })).body.data;
    const mine = await connect(alice);
    const theirs = await connect(bob);
    try {
      await mine.subscribe([`session:${session.id}`]);
      const from = theirs.frames.length;
      theirs.send({ type: 'subscribe', payload: { topics: [`session:${session.id}`] } });
      const denied = await theirs.waitFor((f) => f.type === 'error', 2000, from);
      assert.equal(denied.payload.code, 'FORBIDDEN_TOPIC');
      await alice.call('POST', `/api/v1/chat/sessions/${session.id}/messages`, {
        body: { content: 'get pods in prod' },
      });
      const messages = await mine.waitFor(
        (f) => f.type === 'message' && f.payload.type === 'assistant',
        5000,
      );
      assert.match(
        String(
          (messages.payload.metadata as { command: { generatedCommand: string } }).command.generatedCommand,
        ),
        /kubectl get pods/,
      );
      assert.equal(
        theirs.frames.some((f) => f.type === 'message'),
        false,
      );
    } finally {
      mine.close();
      theirs.close();
    }
  });

  it('tells every participant that a session changed (session_activity), and nobody else', async () => {
    const session = (await alice.call('POST', '/api/v1/chat/sessions', { body: {} })).body.data;
    await alice.call('POST', `/api/v1/chat/sessions/${session.id}/share`, {
      body: { username: 'bob', access: 'read' },
    });
    const owner = await connect(alice);
    const reader = await connect(bob);
    const stranger = await connect(await h.login('victor'));
    try {
      // No topic subscription needed: the notice is unscoped, like session_shared.
      await alice.call('POST', `/api/v1/chat/sessions/${session.id}/messages`, {
        body: { content: 'get pods in prod' },
      });
      const activity = (f: { type: string; payload: any }) =>
        f.type === 'notification' && f.payload.type === 'session_activity';
      for (const client of [owner, reader]) {
        const notice = await client.waitFor(activity, 5000);
        assert.equal(notice.payload.data.session_id, session.id);
      }
      await owner.waitFor((f) => activity(f) && f !== owner.frames.find(activity), 5000); // one per message
      assert.equal(stranger.frames.some(activity), false);
    } finally {
      owner.close();
      reader.close();
      stranger.close();
    }
  });

  it('refuses a foreign Origin with 4403 and a bad token with 4401', async () => {
    const foreign = new TestClient(wsUrl, { origin: 'https://evil.example' });
    assert.equal((await foreign.waitClosed(3000)).code, 4403);
    assert.equal(foreign.frames.length, 0);
    const client = new TestClient(wsUrl, { origin: h.url! });
    await client.opened();
    client.send({ type: 'auth', payload: { token: 'nope' } });
    assert.equal((await client.waitClosed(3000)).code, 4401);
  });
});
