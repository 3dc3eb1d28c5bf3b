/**
 * Against the real reference server (started by web-test-runner; see scripts/test-server.mjs): `main` with
 * 15-minute tokens and `short` with 5-second tokens. These tests cross the wire: real HTTP, real cookies,
 * real WebSocket, real restarts.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../../tests/helpers/wait-until.js';
import {
  createServices,
  createTabSync,
  newId,
  type ChatMessage,
  type KubeChatServices,
  type AuthRequiredEvent,
  type ServicesOptions,
  type SessionTokenProvider,
} from '../src/index.js';
import '../src/define/k8s-chat-provider.js';
import type { K8sChatProvider } from '../src/index.js';
import { recorder } from './helpers/fake-gateway.js';
import './helpers/probe-element.js';
import { unique } from './helpers/timing.js';
import {
  PASSWORD,
  countingFetch,
  hostSource,
  login,
  restartServer,
  servers,
  socketSpy,
} from './helpers/wire.js';

const LONG = { timeout: 12_000, interval: 50 };

describe('against the reference server', function () {
  this.timeout(30_000);
  const live: KubeChatServices[] = [];
  const make = (options: ServicesOptions) => {
    const services = createServices(options);
    live.push(services);
    return services;
  };
  let url: { main: string; short: string };

  before(() => {
    url = servers();
  });
  afterEach(() => {
    for (const s of live.splice(0)) s.dispose();
  });

  it("stores.sendMessage carries a reply's parentId and the default namespace to the server", async () => {
    const grant = await login(url.main, 'bob');
    const services = make({ baseUrl: url.main, getAccessToken: () => grant.token });
    const session = await services.api.createSession({ title: 'threads' });
    const first = await services.stores.sendMessage(session.id, 'list pods', { namespace: 'staging' });
    expect(first.status).to.equal('sent');
    expect(first.message!.parentId, 'an ordinary message has no parent').to.equal(undefined);
    expect(first.reply!.parentId, 'the server links its reply').to.equal(first.message!.id);
    const command = first.reply!.metadata!['command'] as { generatedCommand: string };
    expect(command.generatedCommand).to.contain('-n staging');
    const reply = await services.stores.sendMessage(session.id, 'and the deployments?', {
      parentId: first.reply!.id,
    });
    expect(reply.message!.parentId).to.equal(first.reply!.id);
    const stored = await services.api.listMessages(session.id);
    expect(stored.find((m) => m.id === reply.message!.id)!.parentId).to.equal(first.reply!.id);
  });

  it("api.getContext with a messageId returns that thread's context, not the session's latest", async () => {
    const grant = await login(url.main, 'bob');
    const services = make({ baseUrl: url.main, getAccessToken: () => grant.token });
    const session = await services.api.createSession({ title: 'thread context' });
    const scale = await services.api.sendMessage(session.id, {
      content: 'scale the api deployment in prod to 3',
    });
    await services.api.sendMessage(session.id, { content: 'show pods in staging' });
    expect((await services.api.getContext(session.id)).conversation.namespace).to.equal('staging');
    const thread = await services.api.getContext(session.id, { messageId: scale.reply!.id });
    expect(thread.conversation).to.include({ resource: 'deployments', name: 'api', namespace: 'prod' });
  });

  it('signs in with a session, reads /auth/me, and renews silently through the httpOnly cookie', async () => {
    const first = make({ baseUrl: url.main, auth: 'session', tokens: { tabSync: createTabSync(unique()) } });
    const user = await (first.auth as SessionTokenProvider).login('alice', PASSWORD);
    expect(user.username).to.equal('alice');
    expect((await first.api.me()).username).to.equal('alice');

    // A second client (think: a reload) has no token, only the cookie the browser keeps for it.
    const second = make({ baseUrl: url.main, auth: 'session', tokens: { tabSync: createTabSync(unique()) } });
    expect((await second.api.me()).username).to.equal('alice');
    expect(second.auth.$state.get().status).to.equal('signed-in');
    expect(document.cookie, 'the refresh cookie is not script-readable').to.equal('');
    expect(localStorage.length + sessionStorage.length).to.equal(0);
  });

  it('T1: five requests in flight with an expired token: one refresh, all succeed, one side effect', async () => {
    const host = hostSource(url.short, 'alice');
    const net = countingFetch();
    const services = make({ baseUrl: url.short, getAccessToken: host.source, fetch: net.fetch });
    const session = await services.api.createSession({ title: 'T1' });
    const issued = host.calls[0]!.at;
    await waitUntil(() => Date.now() > issued + 6_000, 'the 5 s token expired', LONG);
    net.requests.length = 0;

    const clientMessageId = newId();
    const results = await Promise.all([
      services.api.me(),
      services.api.listSessions(),
      services.api.getSession(session.id),
      services.api.listMessages(session.id),
      services.api.sendMessage(session.id, { content: 'list pods in default', clientMessageId }),
    ]);
    expect(results).to.have.length(5);
    expect(host.forced(), 'exactly one refresh').to.equal(1);
    expect(host.calls).to.have.length(2);
    expect(net.requests, 'each request replayed once').to.have.length(10);
    const posts = net.requests.filter((r) => r.method === 'POST');
    expect(posts).to.have.length(2);
    expect(posts[1]!.headers.get('idempotency-key')).to.equal(posts[0]!.headers.get('idempotency-key'));
    const stored = (await services.api.listMessages(session.id)).filter(
      (m) => m.clientMessageId === clientMessageId,
    );
    expect(stored, 'one side effect').to.have.length(1);
  });

  it('a POST whose response was lost is retried with its key and stored once (messages and executions)', async () => {
    let dropNext = 0;
    const net = countingFetch();
    // Passes the request on, then pretends the response never arrived.
    const lossy = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await net.fetch(input, init);
      if (dropNext > 0) {
        dropNext--;
        throw new TypeError('Failed to fetch');
      }
      return response;
    }) as typeof fetch;
    const grant = await login(url.main, 'bob');
    const services = make({ baseUrl: url.main, getAccessToken: () => grant.token, fetch: lossy });
    const session = await services.api.createSession({ title: 'lossy' });
    dropNext = 1;
    const sent = await services.api.sendMessage(session.id, { content: 'get pods' });
    expect(sent.message.content).to.equal('get pods');
    const messages = await services.api.listMessages(session.id);
    expect(messages.filter((m) => m.type === 'user')).to.have.length(1);

    const before = (await services.api.listExecutions()).pagination.total;
    dropNext = 1;
    const run = await services.api.execute({ command: 'kubectl get pods -n default' });
    expect(run.kind).to.equal('execution');
    expect((await services.api.listExecutions()).pagination.total, 'one execution').to.equal(before + 1);
    const executes = net.requests.filter((r) => r.url.endsWith('/commands/execute'));
    expect(executes).to.have.length(2);
    expect(executes[1]!.headers.get('idempotency-key')).to.equal(executes[0]!.headers.get('idempotency-key'));
  });

  it('T3: a revoked session ends in one k8s-auth-required, then nothing more goes out', async () => {
    const net = countingFetch();
    const services = make({
      baseUrl: url.main,
      auth: 'session',
      fetch: net.fetch,
      tokens: { tabSync: createTabSync(unique()) },
    });
    const auth = services.auth as SessionTokenProvider;
    await auth.login('victor', PASSWORD);
    const reasons: string[] = [];
    auth.onAuthRequired((reason) => reasons.push(reason));
    const current = (await services.api.devices()).find((d) => d.current)!;
    await services.api.revokeDevice(current.id);

    let error: { kind?: string } | undefined;
    await auth.getAccessToken({ forceRefresh: true }).catch((e) => (error = e));
    expect(error?.kind).to.equal('auth');
    expect(reasons).to.deep.equal(['refresh-failed']);
    const refreshes = net.requests.filter((r) => r.url.endsWith('/auth/refresh'));
    expect(refreshes, 're-read + one retry').to.have.length(2);

    const count = net.requests.length;
    await services.api.me().catch(() => undefined);
    await services.api.listSessions().catch(() => undefined);
    expect(net.requests.length, 'no more requests').to.equal(count);
    expect(reasons).to.have.length(1);
  });

  it('W6: the server closes the socket with 4401 at token expiry: one refresh, one reconnect, subscriptions restored', async () => {
    const host = hostSource(url.short, 'bob');
    const spy = socketSpy();
    const services = make({
      baseUrl: url.short,
      getAccessToken: host.source,
      hub: { WebSocket: spy.WebSocket },
    });
    const session = await services.api.createSession({ title: 'W6' });
    const rec = recorder();
    services.hub.subscribe(`session:${session.id}`, rec.listener);
    await waitUntil(() => services.hub.$connection.get() === 'open', 'open', LONG);
    await waitUntil(
      () => spy.sockets.length === 2 && services.hub.$connection.get() === 'open',
      'reconnected',
      LONG,
    );
    expect(spy.sockets[0]!.closeCode).to.equal(4401);
    expect(host.forced(), 'one refresh').to.equal(1);
    const resubscribe = spy.sockets[1]!.sent.find((f) => f.type === 'subscribe');
    expect(resubscribe.payload.after, 'resumes where it was').to.have.property(`session:${session.id}`);

    await services.api.sendMessage(session.id, { content: 'get deployments' });
    await waitUntil(
      () =>
        rec.events.some(
          (e) => e.type === 'message' && (e.payload as ChatMessage).content === 'get deployments',
        ),
      'live again',
      LONG,
    );
    expect(spy.sockets, 'no reconnect storm').to.have.length(2);
  });

  it('W6: a token renewed ahead of expiry re-authenticates in band; the socket outlives the first token', async () => {
    const host = hostSource(url.short, 'admin', { withExpiry: true });
    const spy = socketSpy();
    const services = make({
      baseUrl: url.short,
      getAccessToken: host.source,
      hub: { WebSocket: spy.WebSocket },
    });
    services.hub.subscribe('approvals', {});
    await waitUntil(() => services.hub.$connection.get() === 'open', 'open', LONG);
    const issued = host.calls[0]!.at;
    await waitUntil(() => Date.now() > issued + 6_000, 'past the first token expiry', LONG);
    expect(spy.sockets, 'same socket').to.have.length(1);
    expect(services.hub.$connection.get()).to.equal('open');
    const auths = spy.sockets[0]!.sent.filter((f) => f.type === 'auth');
    expect(auths.length, 'in-band re-auth').to.be.at.least(2);
    const results = spy.sockets[0]!.received.filter((f) => f.type === 'auth_result');
    expect(results.every((r) => r.payload.success)).to.equal(true);
  });

  it('W1: a socket that drops resumes with after=lastSeq in the same epoch and replays what it missed, once', async () => {
    const grant = await login(url.main, 'alice');
    const spy = socketSpy();
    const services = make({
      baseUrl: url.main,
      getAccessToken: () => grant.token,
      hub: { WebSocket: spy.WebSocket },
    });
    const session = await services.api.createSession({ title: 'W1' });
    const rec = recorder();
    services.hub.subscribe(`session:${session.id}`, rec.listener);
    await waitUntil(() => services.hub.$connection.get() === 'open', 'open', LONG);
    await services.api.sendMessage(session.id, { content: 'get pods' });
    await waitUntil(
      () => rec.events.filter((e) => e.type === 'message').length === 2,
      'user message and reply',
      LONG,
    );

    spy.gate.closed = true; // reconnect attempts fail until the gate opens
    services.hub.reconnect();
    await waitUntil(() => services.hub.$connection.get() === 'reconnecting', 'dropped', LONG);
    await services.api.sendMessage(session.id, { content: 'get services' }); // published while away
    spy.gate.closed = false;
    await waitUntil(() => services.hub.$connection.get() === 'open', 'back', LONG);
    await waitUntil(() => rec.events.filter((e) => e.type === 'message').length === 4, 'replayed', LONG);

    const seqs = rec.seqs() as number[];
    expect(seqs, 'contiguous, no duplicates').to.deep.equal(seqs.map((_, i) => seqs[0]! + i));
    expect(rec.resyncs).to.deep.equal([]);
    const resumed = spy.sockets.at(-1)!.sent.find((f) => f.type === 'subscribe');
    expect(resumed.payload.after[`session:${session.id}`]).to.be.a('number');
    expect(resumed.payload.epoch).to.be.a('string');
    const snapshot = await services.api.listMessages(session.id);
    const live = rec.events.filter((e) => e.type === 'message').map((e) => (e.payload as ChatMessage).id);
    expect(live).to.deep.equal(snapshot.map((m) => m.id));
  });

  it('W2: after a server restart (kill -9, history lost) the client gets reset, re-reads over REST, stays consistent', async () => {
    const grant = await login(url.main, 'admin');
    const spy = socketSpy();
    const services = make({
      baseUrl: url.main,
      getAccessToken: () => grant.token,
      hub: { WebSocket: spy.WebSocket },
    });
    const session = await services.api.createSession({ title: 'W2' });
    const $messages = services.stores.messages(session.id);
    const stop = $messages.listen(() => undefined);
    await waitUntil(
      () => services.hub.$connection.get() === 'open' && $messages.get().loaded,
      'loaded',
      LONG,
    );
    await services.stores.sendMessage(session.id, 'get pods');
    await waitUntil(() => $messages.get().messages.length === 2, 'two messages', LONG);

    await restartServer('main');
    const back = Date.now();
    await waitUntil(() => services.hub.$connection.get() === 'open', 'reconnected', LONG);
    expect(Date.now() - back, 'reconnects within 3 s of the server being back').to.be.below(3_000);
    await waitUntil(() => spy.sockets.at(-1)!.received.some((f) => f.type === 'reset'), 'reset', LONG);

    const outcome = await services.stores.sendMessage(session.id, 'get nodes');
    expect(outcome.status).to.equal('sent');
    await waitUntil(
      () => $messages.get().messages.length === 4 && !$messages.get().loading,
      'four messages',
      LONG,
    );
    const snapshot = await services.api.listMessages(session.id);
    expect(
      $messages.get().messages.map((m) => m.id),
      'equals the REST snapshot',
    ).to.deep.equal(snapshot.map((m) => m.id));
    stop();
  });

  it('T8: logout in one provider signs out the other on the page within 1 s and closes its socket', async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div>
        <k8s-chat-provider id="a" base-url=${url.main} auth="session"></k8s-chat-provider>
        <k8s-chat-provider id="b" base-url=${url.main} auth="session"></k8s-chat-provider>
      </div>`,
    );
    const a = page.querySelector<K8sChatProvider>('#a')!;
    const b = page.querySelector<K8sChatProvider>('#b')!;
    const required: AuthRequiredEvent[] = [];
    b.addEventListener('k8s-auth-required', (e) => required.push(e));
    await a.login('admin', PASSWORD);
    await waitUntil(() => b.services!.auth.$state.get().status === 'signed-in', 'B adopts the sign-in', LONG);
    b.services!.hub.subscribe('system', {});
    await waitUntil(() => b.services!.hub.$connection.get() === 'open', 'B socket open', LONG);

    const started = performance.now();
    await a.logout();
    await waitUntil(() => b.services!.auth.$state.get().status === 'signed-out', 'B signed out', {
      timeout: 1_000,
      interval: 10,
    });
    expect(performance.now() - started).to.be.below(1_000);
    await waitUntil(() => b.services!.hub.$connection.get() === 'unauthorized', 'B socket closed', {
      timeout: 1_000,
    });
    expect(required.map((e) => e.detail.reason)).to.deep.equal(['logout']);
    const entries = performance.getEntriesByType('resource').length;
    let error: { kind?: string } | undefined;
    await b.services!.api.me().catch((e) => (error = e));
    expect(error?.kind).to.equal('auth');
    expect(performance.getEntriesByType('resource').length, 'B sent nothing').to.equal(entries);
  });

  it('T7: a host getAccessToken that throws leaves the page signed out, with zero requests and nothing stored', async () => {
    const t0 = performance.now();
    const required: AuthRequiredEvent[] = [];
    const page = await fixture<HTMLDivElement>(
      html`<div>
        <k8s-chat-provider
          base-url=${url.main}
          .getAccessToken=${() => {
            throw new Error('no session in the portal');
          }}
          @k8s-auth-required=${(e: AuthRequiredEvent) => required.push(e)}
        >
          <k8s-test-probe show-user .topics=${['system']}></k8s-test-probe>
        </k8s-chat-provider>
      </div>`,
    );
    const provider = page.querySelector('k8s-chat-provider')!;
    await waitUntil(() => required.length === 1, 'k8s-auth-required', LONG);
    expect(required[0]!.detail).to.deep.equal({ reason: 'host-denied', baseUrl: url.main });
    await waitUntil(() => provider.services!.hub.$connection.get() === 'unauthorized', 'no socket', LONG);
    const touched = performance
      .getEntriesByType('resource')
      .filter((e) => e.name.startsWith(url.main) && e.startTime >= t0);
    expect(touched, 'zero requests').to.deep.equal([]);
    expect(localStorage.length + sessionStorage.length).to.equal(0);
    expect(document.cookie).to.equal('');
    expect((await indexedDB.databases()).length).to.equal(0);
    expect(required).to.have.length(1);
  });
});
