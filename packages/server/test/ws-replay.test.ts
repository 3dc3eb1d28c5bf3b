import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startGateway, type Harness } from './ws-harness.js';

const TOPIC = 'execution:run-1';

describe('ws gateway: replay and reset (A8)', () => {
  const harnesses: Harness[] = [];
  const start = async (...args: Parameters<typeof startGateway>) => {
    const h = await startGateway(...args);
    harnesses.push(h);
    return h;
  };
  afterEach(async () => {
    await Promise.all(harnesses.splice(0).map((h) => h.stop()));
  });

  it('replays exactly the missed events after a reconnect with `after` (W1)', async () => {
    const h = await start();
    const first = await h.login('alice');
    await first.subscribe([TOPIC, 'commands']);
    for (let i = 1; i <= 5; i++) h.gateway.publish(TOPIC, 'output', { line: i });
    await first.waitFor((f) => f.topic === TOPIC && f.seq === 5);
    const epoch = first.frames.find((f) => f.type === 'auth_result')!.payload.epoch as string;
    first.close();
    await first.closed;

    for (let i = 6; i <= 8; i++) h.gateway.publish(TOPIC, 'output', { line: i });
    h.gateway.publish('commands', 'notification', { unrelated: true });

    const second = await h.login('alice');
    const ack = await second.subscribe([TOPIC], { after: { [TOPIC]: 5 }, epoch });
    assert.deepEqual((ack.payload.metadata as { seq: object }).seq, { [TOPIC]: 8 });
    // A live event after the replay comes next, not before it and not twice.
    h.gateway.publish(TOPIC, 'output', { line: 9 });
    await second.waitFor((f) => f.topic === TOPIC && f.seq === 9);

    const received = second.onTopic(TOPIC);
    assert.deepEqual(
      received.map((f) => [f.seq, f.payload.line]),
      [
        [6, 6],
        [7, 7],
        [8, 8],
        [9, 9],
      ],
    );
    assert.equal(second.frames.filter((f) => f.type === 'reset').length, 0);
    assert.deepEqual(second.onTopic('commands'), [], 'nothing from topics it did not subscribe to');
  });

  it('replays events byte for byte as they were first sent', async () => {
    const h = await start();
    const live = await h.login('alice');
    await live.subscribe([TOPIC]);
    for (let i = 1; i <= 4; i++) h.gateway.publish(TOPIC, 'output', { line: i });
    await live.waitFor((f) => f.topic === TOPIC && f.seq === 4);
    const liveRaw = live.raw.filter((_, i) => live.frames[i]!.topic === TOPIC);

    const late = await h.login('bob');
    await late.subscribe([TOPIC], { after: { [TOPIC]: 2 }, epoch: h.gateway.epoch });
    await late.waitFor((f) => f.topic === TOPIC && f.seq === 4);
    const lateRaw = late.raw.filter((_, i) => late.frames[i]!.topic === TOPIC);
    assert.deepEqual(lateRaw, liveRaw.slice(2));
  });

  it('replays from the start for after=0 and sends nothing when the client is current', async () => {
    const h = await start();
    h.gateway.publish(TOPIC, 'output', { line: 1 });
    h.gateway.publish(TOPIC, 'output', { line: 2 });
    const fresh = await h.login('alice');
    await fresh.subscribe([TOPIC], { after: { [TOPIC]: 0 } });
    await fresh.waitFor((f) => f.topic === TOPIC && f.seq === 2);
    assert.deepEqual(
      fresh.onTopic(TOPIC).map((f) => f.seq),
      [1, 2],
    );

    const current = await h.login('alice');
    await current.subscribe([TOPIC], { after: { [TOPIC]: 2 }, epoch: h.gateway.epoch });
    h.gateway.publish(TOPIC, 'output', { line: 3 });
    await current.waitFor((f) => f.topic === TOPIC && f.seq === 3);
    assert.deepEqual(
      current.onTopic(TOPIC).map((f) => f.seq),
      [3],
    );
  });

  it('answers reset when the client saw another epoch (W2)', async () => {
    const h = await start({ epoch: 'boot-2' });
    h.gateway.publish(TOPIC, 'output', { line: 1 });
    h.gateway.publish(TOPIC, 'output', { line: 2 });
    const client = await h.login('alice');
    await client.subscribe([TOPIC], { after: { [TOPIC]: 1 }, epoch: 'boot-1' });
    const reset = await client.waitForType('reset');
    assert.equal(reset.topic, TOPIC);
    assert.equal(reset.epoch, 'boot-2');
    assert.equal(reset.seq, 2);
    assert.deepEqual(reset.payload, { topic: TOPIC, reason: 'epoch_changed' });
    // Live events continue from the reset's seq.
    h.gateway.publish(TOPIC, 'output', { line: 3 });
    await client.waitFor((f) => f.topic === TOPIC && f.seq === 3);
    assert.deepEqual(
      client.onTopic(TOPIC, 'output').map((f) => f.seq),
      [3],
    );
  });

  it('answers reset across a real gateway restart (W2)', async () => {
    const before = await start();
    const client = await before.login('alice');
    await client.subscribe([TOPIC]);
    before.gateway.publish(TOPIC, 'output', { line: 1 });
    await client.waitFor((f) => f.topic === TOPIC && f.seq === 1);
    const oldEpoch = before.gateway.epoch;
    await before.gateway.close();
    assert.equal((await client.closed).code, 1001);

    const after = await start();
    assert.notEqual(after.gateway.epoch, oldEpoch, 'a new boot gets a new epoch');
    const again = await after.login('alice');
    await again.subscribe([TOPIC], { after: { [TOPIC]: 1 }, epoch: oldEpoch });
    const reset = await again.waitForType('reset');
    assert.deepEqual(reset.payload, { topic: TOPIC, reason: 'epoch_changed' });
    assert.equal(reset.seq, 0);
  });

  it('answers reset when a client without epoch is ahead of the server', async () => {
    const h = await start();
    h.gateway.publish(TOPIC, 'output', { line: 1 });
    const client = await h.login('alice');
    await client.subscribe([TOPIC], { after: { [TOPIC]: 10 } });
    const reset = await client.waitForType('reset');
    assert.equal(reset.seq, 1);
    assert.equal(reset.payload.reason, 'epoch_changed');
  });

  it('answers reset when the missed events were trimmed from history', async () => {
    const h = await start({ historyPerTopic: 3 });
    for (let i = 1; i <= 6; i++) h.gateway.publish(TOPIC, 'output', { line: i });
    const trimmed = await h.login('alice');
    await trimmed.subscribe([TOPIC], { after: { [TOPIC]: 2 }, epoch: h.gateway.epoch });
    const reset = await trimmed.waitForType('reset');
    assert.deepEqual(reset.payload, { topic: TOPIC, reason: 'history_trimmed' });
    assert.equal(reset.seq, 6);
    assert.deepEqual(trimmed.onTopic(TOPIC, 'output'), []);

    // Seq 4..6 are still kept, so after=3 can be served.
    const kept = await h.login('alice');
    await kept.subscribe([TOPIC], { after: { [TOPIC]: 3 }, epoch: h.gateway.epoch });
    await kept.waitFor((f) => f.topic === TOPIC && f.seq === 6);
    assert.deepEqual(
      kept.onTopic(TOPIC).map((f) => f.seq),
      [4, 5, 6],
    );
    assert.equal(kept.frames.filter((f) => f.type === 'reset').length, 0);
  });
});
