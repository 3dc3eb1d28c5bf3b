import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sleep, startGateway, until, USERS, type Harness } from './ws-harness.js';

describe('ws gateway: protocol errors, limits and socket lifecycle', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('answers INVALID_MESSAGE_TYPE to unknown and mutating types without closing (A9)', async () => {
    h = await startGateway();
    const alice = await h.login('alice');
    alice.send({ type: 'execute', payload: { command: 'kubectl delete ns prod' } });
    alice.send({ type: 'PING' });
    alice.send({ type: 'ping' });
    await alice.waitFor(
      () =>
        alice.frames.filter((f) => f.type === 'error' && f.payload.code === 'INVALID_MESSAGE_TYPE').length ===
        3,
    );
    const execute = alice.frames.find((f) => f.type === 'error')!;
    assert.match(execute.payload.message as string, /POST \/api\/v1\/commands\/execute/);
    assert.equal(alice.isOpen, true);
  });

  it('answers INVALID_MESSAGE to a numeric timestamp, non-JSON and binary frames', async () => {
    h = await startGateway();
    const alice = await h.login('alice');
    alice.send({ type: 'heartbeat', timestamp: Date.now() });
    alice.send('{not json');
    alice.send({ type: 'heartbeat', timestamp: 'yesterday' });
    alice.socket.send(Buffer.from('{"type":"heartbeat"}'), { binary: true });
    await alice.waitFor(
      () =>
        alice.frames.filter((f) => f.type === 'error' && f.payload.code === 'INVALID_MESSAGE').length === 4,
    );
    assert.equal(alice.frames.filter((f) => f.type === 'pong').length, 0);
    // A string RFC 3339 timestamp is fine.
    alice.send({ id: 'c-1', type: 'heartbeat', timestamp: new Date().toISOString() });
    const pong = await alice.waitForType('pong');
    assert.equal(typeof pong.payload.client_id, 'string');
    assert.equal(typeof pong.payload.timestamp, 'string');
    assert.equal(alice.isOpen, true);
  });

  it('closes with 1009 when a frame is larger than maxPayloadBytes', async () => {
    h = await startGateway({ maxPayloadBytes: 1024 });
    const alice = await h.login('alice');
    alice.send({ type: 'heartbeat', payload: { pad: 'x'.repeat(2048) } });
    assert.equal((await alice.waitClosed()).code, 1009);
  });

  it('closes a client that does not keep up with 1013, never dropping events silently', async () => {
    h = await startGateway({ maxBufferedBytes: 64 * 1024 });
    const slow = await h.login('alice');
    await slow.subscribe(['execution:big']);
    // ws 8 can stop reading from the socket; the installed typings are ws 7's.
    const reader = slow.socket as unknown as { pause(): void; resume(): void };
    reader.pause();
    const chunk = 'x'.repeat(256 * 1024);
    for (let i = 0; i < 64; i++) h.gateway.publish('execution:big', 'output', { content: chunk });
    assert.ok(h.logs.some((l) => l.event === 'ws.backpressure'));
    reader.resume();
    assert.equal((await slow.waitClosed(5000)).code, 1013);
    // What did arrive is a gap-free prefix, so a replay from its last seq loses nothing.
    const seqs = slow.onTopic('execution:big').map((f) => f.seq);
    assert.ok(seqs.length < 64);
    assert.deepEqual(
      seqs,
      seqs.map((_, i) => i + 1),
    );
  });

  it('closes every socket of a user with the code given to disconnectUser (T8)', async () => {
    h = await startGateway();
    const alice1 = await h.login('alice');
    const alice2 = await h.login('alice');
    const bob = await h.login('bob');
    await alice1.subscribe(['commands']);
    await bob.subscribe(['commands']);
    assert.throws(() => h!.gateway.disconnectUser(USERS.alice!.id, 1006, 'no'), RangeError);
    h.gateway.disconnectUser(USERS.alice!.id, 4401, 'logged out');
    assert.deepEqual(await alice1.waitClosed(), { code: 4401, reason: 'logged out' });
    assert.deepEqual(await alice2.waitClosed(), { code: 4401, reason: 'logged out' });
    assert.equal(bob.isOpen, true);
    await until(() => h!.gateway.clientCount() === 1);
    assert.deepEqual(
      h.gateway.subscribers('commands').map((u) => u.id),
      [USERS.bob!.id],
    );
  });

  it('keeps live clients and terminates one that answers nothing for two intervals (W4)', async () => {
    h = await startGateway({ heartbeatIntervalMs: 100 });
    // Answers protocol pings automatically, like a browser, and sends nothing else.
    const browserLike = await h.login('alice');
    // Ignores protocol pings but answers the app-level ping.
    const appPonger = await h.login('bob', { autoPong: false });
    appPonger.socket.on('message', (data: Buffer) => {
      if (JSON.parse(data.toString()).type === 'ping') appPonger.send({ type: 'pong' });
    });
    // Half-open: receives but never answers.
    const dead = await h.login('carol', { autoPong: false });
    const started = Date.now();

    const closed = await dead.waitClosed(1000);
    const elapsed = Date.now() - started;
    assert.equal(closed.code, 1006, 'terminated without a close handshake');
    assert.ok(elapsed <= 400, `detected within about two intervals (took ${elapsed} ms)`);
    assert.ok(h.logs.some((l) => l.event === 'ws.dead'));

    await sleep(400);
    assert.equal(browserLike.isOpen, true);
    assert.equal(appPonger.isOpen, true);
    const ping = await browserLike.waitForType('ping');
    assert.equal(typeof ping.payload.timestamp, 'string');
    assert.equal(h.gateway.clientCount(), 2);
  });

  it('forgets idle topics nobody listens to, and keeps those with subscribers', async () => {
    const harness = (h = await startGateway({ heartbeatIntervalMs: 50, idleTopicTtlMs: 20 }));
    const { gateway } = harness;
    const client = await harness.login('alice');
    await client.subscribe(['execution:kept']);
    gateway.publish('execution:kept', 'progress', { n: 1 });
    gateway.publish('execution:idle', 'progress', { n: 1 });
    gateway.publish('execution:idle', 'progress', { n: 2 });
    assert.equal(gateway.topicSeq('execution:idle'), 2);
    await until(() => gateway.topicSeq('execution:idle') === 0, 2000);
    assert.equal(gateway.topicSeq('execution:kept'), 1);
  });

  it('answers a client heartbeat with pong carrying the client id', async () => {
    h = await startGateway();
    const alice = await h.login('alice');
    alice.send({ type: 'heartbeat' });
    alice.send({ type: 'heartbeat' });
    await alice.waitFor(() => alice.frames.filter((f) => f.type === 'pong').length === 2);
    const ids = new Set(alice.frames.filter((f) => f.type === 'pong').map((f) => f.payload.client_id));
    assert.equal(ids.size, 1);
  });

  it('closes every socket with 1001 on close() and accepts no new ones', async () => {
    h = await startGateway();
    const alice = await h.login('alice');
    const pending = await h.connect();
    await h.gateway.close();
    assert.equal((await alice.waitClosed()).code, 1001);
    assert.equal((await pending.waitClosed()).code, 1001);
    assert.equal(h.gateway.clientCount(), 0);
    await assert.rejects(h.connect());
  });
});
