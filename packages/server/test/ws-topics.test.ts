import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startGateway, USERS, type Frame, type Harness } from './ws-harness.js';

const errorsOf = (frames: Frame[], code: string) =>
  frames.filter((f) => f.type === 'error' && f.payload.code === code);

describe('ws gateway: subscriptions and fan-out', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('subscribes to allowed topics and answers FORBIDDEN_TOPIC / INVALID_TOPICS for the rest', async () => {
    h = await startGateway({ epoch: 'e1' });
    const alice = await h.login('alice');
    h.gateway.publish('commands', 'notification', { n: 1 });
    const ack = await alice.subscribe([
      'commands',
      `user:${USERS.alice!.id}`,
      `user:${USERS.bob!.id}`,
      'session:secret',
      'approvals',
      'metrics',
      'session:has spaces',
    ]);
    assert.equal(ack.payload.type, 'subscription');
    assert.equal(ack.payload.status, 'subscribed');
    assert.deepEqual(ack.payload.metadata, {
      topics: ['commands', 'user:u-alice'],
      seq: { commands: 1, 'user:u-alice': 0 },
      epoch: 'e1',
    });
    const forbidden = errorsOf(alice.frames, 'FORBIDDEN_TOPIC').map((f) => f.payload.topic);
    assert.deepEqual(forbidden, ['user:u-bob', 'session:secret', 'approvals']);
    const invalid = errorsOf(alice.frames, 'INVALID_TOPICS');
    assert.equal(invalid.length, 1);
    assert.deepEqual(invalid[0]!.payload.details, ['metrics', 'session:has spaces']);
    assert.deepEqual(
      h.gateway.subscribers('commands').map((u) => u.id),
      ['u-alice'],
    );

    // An admin may read approvals.
    const root = await h.login('root');
    const rootAck = await root.subscribe(['approvals']);
    assert.deepEqual((rootAck.payload.metadata as { topics: string[] }).topics, ['approvals']);
  });

  it('treats a throwing authorizer as a refusal', async () => {
    h = await startGateway({
      authorizeTopic: (_user, topic) => {
        if (topic === 'alerts') throw new Error('backend down');
        return true;
      },
    });
    const alice = await h.login('alice');
    const ack = await alice.subscribe(['alerts', 'system']);
    assert.deepEqual((ack.payload.metadata as { topics: string[] }).topics, ['system']);
    assert.equal(errorsOf(alice.frames, 'FORBIDDEN_TOPIC').length, 1);
  });

  it('rejects a malformed subscribe payload with INVALID_MESSAGE', async () => {
    h = await startGateway();
    const alice = await h.login('alice');
    alice.send({ type: 'subscribe', payload: { topics: 'commands' } });
    alice.send({ type: 'subscribe', payload: { topics: ['commands'], after: { commands: -1 } } });
    alice.send({ type: 'subscribe' });
    await alice.waitFor(() => errorsOf(alice.frames, 'INVALID_MESSAGE').length === 3);
    assert.deepEqual(h.gateway.subscribers('commands'), []);
  });

  it('delivers a published event only to the topic subscribers', async () => {
    h = await startGateway({ epoch: 'e1' });
    const alice = await h.login('alice');
    const bob = await h.login('bob');
    const anonymous = await h.connect();
    await alice.subscribe(['execution:e1', 'system']);
    await bob.subscribe(['system']);

    const { seq } = h.gateway.publish('execution:e1', 'execution', { id: 'e1', status: 'executing' });
    assert.equal(seq, 1);
    // Frames on one socket arrive in order, so once bob has the later system event, he would already have
    // the execution event if it had been sent to him.
    h.gateway.publish('system', 'notification', { title: 'sentinel' });

    const event = await alice.waitFor((f) => f.topic === 'execution:e1');
    assert.deepEqual(
      { type: event.type, topic: event.topic, seq: event.seq, epoch: event.epoch, payload: event.payload },
      {
        type: 'execution',
        topic: 'execution:e1',
        seq: 1,
        epoch: 'e1',
        payload: { id: 'e1', status: 'executing' },
      },
    );
    await bob.waitFor((f) => f.topic === 'system');
    assert.deepEqual(bob.onTopic('execution:e1'), []);
    assert.deepEqual(
      anonymous.frames.map((f) => f.type),
      ['status'],
    );
  });

  it('numbers events per topic, starting at 1', async () => {
    h = await startGateway();
    const alice = await h.login('alice');
    await alice.subscribe(['session:a', 'session:b']);
    const before = { a: h.gateway.topicSeq('session:a'), b: h.gateway.topicSeq('session:b') };
    for (let i = 0; i < 3; i++) h.gateway.publish('session:a', 'message', { i });
    h.gateway.publish('session:b', 'message', { i: 0 });
    assert.equal(h.gateway.topicSeq('session:a'), before.a + 3);
    assert.equal(h.gateway.topicSeq('session:b'), before.b + 1);
    assert.equal(h.gateway.topicSeq('session:never'), 0);
    await alice.waitFor((f) => f.topic === 'session:a' && f.seq === before.a + 3);
    await alice.waitFor((f) => f.topic === 'session:b' && f.seq === before.b + 1);
    const seqs = alice.onTopic('session:a').map((f) => f.seq);
    assert.deepEqual(
      seqs,
      Array.from({ length: before.a + 3 }, (_, i) => i + 1),
    );
  });

  it('does not double deliveries when the same topic is subscribed twice', async () => {
    h = await startGateway();
    const alice = await h.login('alice');
    await alice.subscribe(['commands']);
    await alice.subscribe(['commands', 'commands']);
    h.gateway.publish('commands', 'notification', { n: 1 });
    h.gateway.publish('commands', 'notification', { n: 2 });
    await alice.waitFor((f) => f.topic === 'commands' && f.seq === 2);
    h.gateway.publish('system', 'notification', {});
    assert.deepEqual(
      alice.onTopic('commands').map((f) => f.seq),
      [1, 2],
    );
  });

  it('stops delivering after unsubscribe', async () => {
    h = await startGateway();
    const alice = await h.login('alice');
    await alice.subscribe(['commands', 'alerts']);
    alice.send({ type: 'unsubscribe', payload: { topics: ['commands'] } });
    const ack = await alice.waitFor((f) => f.type === 'status' && f.payload.status === 'unsubscribed');
    assert.deepEqual(ack.payload.metadata, { topics: ['commands'] });
    h.gateway.publish('commands', 'notification', {});
    h.gateway.publish('alerts', 'notification', {});
    await alice.waitFor((f) => f.topic === 'alerts');
    assert.deepEqual(alice.onTopic('commands'), []);
  });

  it('sends notifyUser only to that user and broadcast to every authenticated socket', async () => {
    h = await startGateway();
    const alice1 = await h.login('alice');
    const alice2 = await h.login('alice');
    const bob = await h.login('bob');
    const anonymous = await h.connect();
    h.gateway.notifyUser(USERS.alice!.id, 'notification', { title: 'for alice' });
    h.gateway.broadcast('notification', { title: 'for everyone' });
    for (const client of [alice1, alice2]) {
      await client.waitFor((f) => f.payload.title === 'for everyone');
      const direct = client.frames.filter((f) => f.payload.title === 'for alice');
      assert.equal(direct.length, 1);
      assert.equal(direct[0]!.topic, undefined, 'direct messages are unscoped');
      assert.equal(direct[0]!.seq, undefined);
    }
    await bob.waitFor((f) => f.payload.title === 'for everyone');
    assert.equal(bob.frames.filter((f) => f.payload.title === 'for alice').length, 0);
    assert.deepEqual(
      anonymous.frames.map((f) => f.type),
      ['status'],
    );
  });

  it('refuses to publish on an invalid topic', async () => {
    h = await startGateway();
    assert.throws(() => h!.gateway.publish('nope', 'message', {}), TypeError);
  });
});
