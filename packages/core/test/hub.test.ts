import { expect } from '@open-wc/testing';
import { waitUntil } from '../../../tests/helpers/wait-until.js';
import sinon from 'sinon';
import {
  HostTokenProvider,
  WebSocketHub,
  socketUrl,
  type ConnectionState,
  type HostTokenSource,
  type HubOptions,
} from '../src/index.js';
import { BASE } from './helpers/fake-fetch.js';
import { FakeGateway, recorder, type GatewayOptions } from './helpers/fake-gateway.js';

const FAKE_TIMERS: Parameters<typeof sinon.useFakeTimers>[0] = {
  toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  shouldClearNativeTimers: true,
};

function setup(
  options: { source?: HostTokenSource; gateway?: GatewayOptions; hub?: Partial<HubOptions> } = {},
) {
  const gateway = new FakeGateway(options.gateway);
  let n = 0;
  const source = sinon.spy(options.source ?? (() => `tok-${++n}`));
  const tokens = new HostTokenProvider({ getAccessToken: source, backoff: { baseMs: 1, maxMs: 2 } });
  const hub = new WebSocketHub({
    baseUrl: BASE,
    tokens,
    WebSocket: gateway.WebSocket,
    idleCloseMs: 0,
    backoff: { baseMs: 5, maxMs: 20 },
    ...options.hub,
  });
  const states: ConnectionState[] = [];
  hub.$connection.listen((s) => states.push(s));
  return { gateway, hub, tokens, source, states };
}

describe('WebSocketHub', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
    sinon.restore();
  });
  const make = (options?: Parameters<typeof setup>[0]) => {
    const ctx = setup(options);
    cleanups.push(() => {
      ctx.hub.dispose();
      ctx.tokens.dispose();
    });
    return ctx;
  };

  it('authenticates with the first frame (no token in the URL) and subscribes only after auth_result', async () => {
    const { gateway, hub, states } = make();
    const rec = recorder();
    hub.subscribe('session:s1', rec.listener);
    await waitUntil(() => hub.$connection.get() === 'open');
    const socket = gateway.last;
    expect(socket.url).to.equal('ws://kubechat.test/api/v1/ws');
    expect(socketUrl('https://x.example/base/')).to.equal('wss://x.example/base/api/v1/ws');
    expect(socket.protocols).to.deep.equal(['kubechat-ws']);
    expect(socket.sent.map((f) => f.type)).to.deep.equal(['auth', 'subscribe']);
    expect(socket.sent[0]!.payload).to.deep.equal({ token: 'tok-1' });
    expect(socket.sent[1]!.payload).to.deep.equal({ topics: ['session:s1'] });
    expect(states).to.deep.equal(['connecting', 'open']);
  });

  it('opens no socket until something listens, counts topic references and closes 1000 when idle', async () => {
    const { gateway, hub } = make();
    expect(gateway.sockets).to.have.length(0);
    expect(hub.$connection.get()).to.equal('idle');
    const a = hub.subscribe('system', {});
    const b = hub.subscribe('system', {});
    await waitUntil(() => hub.$connection.get() === 'open');
    expect(gateway.last.framesOf('subscribe')).to.have.length(1);
    a();
    a();
    expect(gateway.last.framesOf('unsubscribe')).to.have.length(0);
    b();
    expect(gateway.last.framesOf('unsubscribe')).to.have.length(1);
    await waitUntil(() => hub.$connection.get() === 'idle');
    expect(gateway.last.closedWith).to.deep.equal({ code: 1000, reason: 'idle', by: 'client' });
  });

  it('tells listeners when a subscription is live, so a snapshot read before can be read again', async () => {
    const { hub } = make();
    const first = sinon.spy();
    hub.subscribe('user:u1', { onSubscribed: first });
    expect(first.called, 'not before the ack').to.equal(false);
    await waitUntil(() => first.calledOnce, 'first listener confirmed');
    // A second listener joins a topic that is already live: no new ack comes, it is confirmed at once.
    const second = sinon.spy();
    hub.subscribe('user:u1', { onSubscribed: second });
    await waitUntil(() => second.calledOnce, 'second listener confirmed');
    expect(first.calledOnce).to.equal(true);
  });

  it('drops duplicates by (topic, seq) and asks for a REST re-read on a gap', async () => {
    const { gateway, hub } = make();
    const rec = recorder();
    hub.subscribe('execution:e1', rec.listener);
    await waitUntil(() => hub.$connection.get() === 'open');
    gateway.publish('execution:e1', 'output', { n: 1 });
    gateway.publish('execution:e1', 'output', { n: 2 });
    gateway.resend('execution:e1', 2);
    gateway.last.topics.delete('execution:e1');
    gateway.publish('execution:e1', 'output', { n: 3 }); // never reaches the client
    gateway.last.topics.add('execution:e1');
    gateway.publish('execution:e1', 'output', { n: 4 });
    expect(rec.seqs()).to.deep.equal([1, 2, 4]);
    expect(rec.resyncs).to.deep.equal(['gap']);
  });

  it('W1: after the socket drops, resubscribes with after=lastSeq and the epoch; every event once, in order', async () => {
    const { gateway, hub } = make();
    const rec = recorder();
    hub.subscribe('execution:e1', rec.listener);
    await waitUntil(() => hub.$connection.get() === 'open');
    for (let i = 0; i < 3; i++) gateway.publish('execution:e1', 'output', { i });
    gateway.down = true;
    gateway.dropAll(1006);
    await waitUntil(() => hub.$connection.get() === 'reconnecting');
    gateway.publish('execution:e1', 'output', { i: 3 });
    gateway.publish('execution:e1', 'output', { i: 4 });
    gateway.down = false;
    await waitUntil(() => hub.$connection.get() === 'open', 'reconnected');
    const subscribe = gateway.last.framesOf('subscribe')[0]!;
    expect(subscribe.payload).to.deep.equal({
      topics: ['execution:e1'],
      after: { 'execution:e1': 3 },
      epoch: 'epoch-1',
    });
    gateway.publish('execution:e1', 'output', { i: 5 });
    gateway.resend('execution:e1', 5);
    expect(rec.seqs(), 'contiguous, no duplicates').to.deep.equal([1, 2, 3, 4, 5, 6]);
    expect(rec.resyncs).to.deep.equal([]);
    for (const socket of gateway.sockets)
      expect(socket.sent[0]?.type ?? 'auth', 'first frame').to.equal('auth');
  });

  it('W1: reaches a gateway that comes back after a long outage within one capped backoff step (< 3 s)', async () => {
    const clock = sinon.useFakeTimers(FAKE_TIMERS);
    const { gateway, hub } = make({ hub: { backoff: {} } });
    hub.subscribe('system', {});
    await clock.tickAsync(10);
    expect(hub.$connection.get()).to.equal('open');
    gateway.down = true;
    gateway.dropAll(1006);
    await clock.tickAsync(60_000);
    const attempts = gateway.sockets.length;
    expect(attempts, 'kept trying, with backoff').to.be.within(20, 70);
    gateway.down = false;
    const back = Date.now();
    while (hub.$connection.get() !== 'open' && Date.now() - back < 10_000) await clock.tickAsync(50);
    expect(Date.now() - back).to.be.below(3_000);
  });

  it('W9: backs off exponentially with jitter between attempts, capped', async () => {
    const clock = sinon.useFakeTimers(FAKE_TIMERS);
    const { gateway, hub } = make({ hub: { backoff: { baseMs: 100, maxMs: 1_000 }, random: () => 1 } });
    gateway.down = true;
    hub.subscribe('system', {});
    const times: number[] = [];
    const start = Date.now();
    for (let t = 0; t < 4_000; t += 10) {
      await clock.tickAsync(10);
      while (times.length < gateway.sockets.length) times.push(Date.now() - start);
    }
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // random() = 1 gives the ceiling: 100, 200, 400, 800, then capped at 1000.
    expect(gaps.slice(0, 6).map((g) => Math.round(g / 10) * 10)).to.deep.equal([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it('W2: a gateway restarted with its history lost answers reset; the topic is re-read and continues', async () => {
    const { gateway, hub } = make();
    const rec = recorder();
    hub.subscribe('session:s1', rec.listener);
    await waitUntil(() => hub.$connection.get() === 'open');
    gateway.publish('session:s1', 'message', { id: 'm1' });
    gateway.publish('session:s1', 'message', { id: 'm2' });
    gateway.restart();
    gateway.publish('session:s1', 'message', { id: 'm3' }); // while the client is away, in the new epoch
    await waitUntil(() => rec.resyncs.length > 0, 'reset');
    expect(rec.resyncs).to.deep.equal(['epoch_changed']);
    gateway.publish('session:s1', 'message', { id: 'm4' });
    expect(
      rec.events.map((e) => e.payload.id),
      'm3 comes from the REST re-read',
    ).to.deep.equal(['m1', 'm2', 'm4']);
    expect(rec.events.at(-1)!.epoch).to.equal('epoch-2');
  });

  it('W6: a 4401 at token expiry costs exactly one refresh and one reconnect, and restores subscriptions', async () => {
    let valid = 'tok-1';
    const { gateway, hub, source } = make({ gateway: { accepts: (t) => t === valid } });
    const rec = recorder();
    hub.subscribe('execution:e1', rec.listener);
    await waitUntil(() => hub.$connection.get() === 'open');
    gateway.publish('execution:e1', 'output', {});
    valid = 'tok-2';
    gateway.dropAll(4401);
    await waitUntil(() => gateway.sockets.length === 2 && hub.$connection.get() === 'open', 'back');
    expect(source.getCalls().filter((c) => c.args[0].forceRefresh)).to.have.length(1);
    expect(gateway.last.sent[0]!.payload.token).to.equal('tok-2');
    expect(gateway.last.framesOf('subscribe')[0]!.payload.after).to.deep.equal({ 'execution:e1': 1 });
    gateway.publish('execution:e1', 'output', {});
    expect(rec.seqs()).to.deep.equal([1, 2]);
    expect(gateway.sockets).to.have.length(2);
  });

  it('W6: a token renewed while the socket is open re-authenticates in band, on the same socket', async () => {
    const { gateway, hub, tokens } = make();
    hub.subscribe('system', {});
    await waitUntil(() => hub.$connection.get() === 'open');
    await tokens.getAccessToken({ forceRefresh: true, rejectedToken: 'tok-1' });
    expect(gateway.sockets).to.have.length(1);
    expect(gateway.last.framesOf('auth').map((f) => f.payload.token)).to.deep.equal(['tok-1', 'tok-2']);
    expect(gateway.last.framesOf('subscribe'), 'subscriptions kept').to.have.length(1);
    expect(hub.$connection.get()).to.equal('open');
  });

  it('W6: stops instead of looping when a freshly refreshed token is refused too', async () => {
    const clock = sinon.useFakeTimers(FAKE_TIMERS);
    const { gateway, hub, source } = make({ gateway: { accepts: (t) => t === 'tok-1' } });
    hub.subscribe('system', {});
    await clock.tickAsync(10);
    gateway.dropAll(4401);
    await clock.tickAsync(60_000);
    expect(gateway.sockets).to.have.length(2);
    expect(source.callCount).to.equal(2);
    expect(hub.$connection.get()).to.equal('unauthorized');
  });

  it('4403 is terminal: no reconnect until asked', async () => {
    const clock = sinon.useFakeTimers(FAKE_TIMERS);
    const { gateway, hub } = make();
    hub.subscribe('system', {});
    await clock.tickAsync(10);
    gateway.dropAll(4403, 'origin not allowed');
    await clock.tickAsync(60_000);
    expect(gateway.sockets).to.have.length(1);
    expect(hub.$connection.get()).to.equal('unauthorized');
    hub.reconnect();
    await clock.tickAsync(10);
    expect(gateway.sockets).to.have.length(2);
    expect(hub.$connection.get()).to.equal('open');
  });

  it('W7: a token source failing during reconnect is retried with backoff until it recovers', async () => {
    const clock = sinon.useFakeTimers(FAKE_TIMERS);
    let failing = false;
    let n = 0;
    const { gateway, hub, source } = make({
      source: () => {
        if (failing) throw new TypeError('Failed to fetch');
        return `tok-${++n}`;
      },
      hub: { backoff: {} },
    });
    hub.subscribe('system', {});
    await clock.tickAsync(10);
    failing = true;
    gateway.dropAll(4401); // the token expired: the next connect needs a new one, and the source is down
    await clock.tickAsync(20_000);
    // 3 calls per attempt (the provider's own retries), attempts 0.25-3 s apart.
    expect(source.callCount, 'kept asking, with backoff').to.be.within(20, 120);
    expect(gateway.sockets, 'no socket without a token').to.have.length(1);
    expect(hub.$connection.get()).to.equal('reconnecting');
    failing = false;
    await clock.tickAsync(3_100);
    expect(hub.$connection.get()).to.equal('open');
    expect(gateway.sockets).to.have.length(2);
  });

  it('W4: detects a silent (half-open) socket within two heartbeat periods and reconnects', async () => {
    const clock = sinon.useFakeTimers(FAKE_TIMERS);
    const { gateway, hub } = make({ gateway: { answerHeartbeats: false }, hub: { heartbeatMs: 1_000 } });
    hub.subscribe('system', {});
    await clock.tickAsync(10);
    await clock.tickAsync(3_100);
    expect(gateway.sockets[0]!.closedWith).to.deep.include({ code: 4000, by: 'client' });
    expect(gateway.sockets).to.have.length(2);
  });

  it('keeps a socket that answers heartbeats', async () => {
    const clock = sinon.useFakeTimers(FAKE_TIMERS);
    const { gateway, hub } = make({ hub: { heartbeatMs: 1_000 } });
    hub.subscribe('system', {});
    await clock.tickAsync(10_000);
    expect(gateway.sockets).to.have.length(1);
    expect(gateway.last.framesOf('heartbeat').length).to.be.at.least(9);
  });

  it('reconnects at once when the browser comes back online or the page becomes visible', async () => {
    const clock = sinon.useFakeTimers(FAKE_TIMERS);
    const { gateway, hub } = make({ hub: { backoff: { baseMs: 2_000, maxMs: 2_000 } } });
    hub.subscribe('system', {});
    await clock.tickAsync(10);
    gateway.down = true;
    gateway.dropAll(1006);
    await clock.tickAsync(2_500); // one failed retry; the next one is ~1-2 s away
    window.dispatchEvent(new Event('offline'));
    expect(hub.$connection.get()).to.equal('offline');
    gateway.down = false;
    const sockets = gateway.sockets.length;
    window.dispatchEvent(new Event('online'));
    await clock.tickAsync(5);
    expect(gateway.sockets.length).to.equal(sockets + 1);
    expect(hub.$connection.get()).to.equal('open');

    // A socket that went quiet while the page was hidden is replaced as soon as it is visible.
    await clock.tickAsync(15_000);
    gateway.options.answerHeartbeats = false;
    clock.setSystemTime(Date.now() + 60_000);
    const before = gateway.sockets.length;
    document.dispatchEvent(new Event('visibilitychange'));
    await clock.tickAsync(5);
    expect(gateway.sockets.length).to.equal(before + 1);
  });

  it('A9/A10: never queues frames: nothing is sent before the socket is open and authenticated', async () => {
    const { gateway, hub } = make({ gateway: { autoOpen: false } });
    hub.subscribe('session:s1', {});
    await waitUntil(() => gateway.sockets.length === 1);
    hub.sendTyping('s1', true);
    gateway.last.open();
    await waitUntil(() => hub.$connection.get() === 'open');
    expect(gateway.last.sent.map((f) => f.type)).to.deep.equal(['auth', 'subscribe']);
  });

  it('signing out closes the socket with 1000; signing in again brings it back', async () => {
    const { gateway, hub, tokens } = make();
    hub.subscribe('system', {});
    await waitUntil(() => hub.$connection.get() === 'open');
    await tokens.signOut();
    expect(gateway.sockets[0]!.closedWith).to.deep.include({ code: 1000, by: 'client' });
    expect(hub.$connection.get()).to.equal('unauthorized');
    tokens.setSource(() => 'again');
    await waitUntil(() => hub.$connection.get() === 'open');
    expect(gateway.last.sent[0]!.payload.token).to.equal('again');
  });

  it('T6: after sleeping past expiry, the visible page reconnects at once and authenticates with a fresh token', async () => {
    const clock = sinon.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'Date'],
      shouldClearNativeTimers: true,
    });
    let n = 0;
    const { gateway, hub, source } = make({ source: () => ({ token: `tok-${++n}`, expiresIn: 900 }) });
    hub.subscribe('system', {});
    await clock.tickAsync(10);
    expect(hub.$connection.get()).to.equal('open');
    clock.setSystemTime(Date.now() + 2 * 3600_000); // asleep: no timer ran, the socket is long dead
    document.dispatchEvent(new Event('visibilitychange'));
    await clock.tickAsync(10);
    expect(gateway.sockets).to.have.length(2);
    expect(gateway.last.sent[0]).to.deep.include({ type: 'auth', payload: { token: 'tok-2' } });
    expect(source.callCount, 'one renewal, shared by the token provider and the hub').to.equal(2);
    expect(hub.$connection.get()).to.equal('open');
  });

  it('dispose closes with 1000 and leaves no timers behind', async () => {
    const clock = sinon.useFakeTimers(FAKE_TIMERS);
    const { gateway, hub, tokens } = make();
    hub.subscribe('system', {});
    await clock.tickAsync(10);
    hub.dispose();
    tokens.dispose();
    await clock.tickAsync(10);
    expect(gateway.sockets[0]!.closedWith).to.deep.include({ code: 1000, by: 'client' });
    expect(clock.countTimers()).to.equal(0);
  });
});
