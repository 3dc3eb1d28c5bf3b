import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../../tests/helpers/wait-until.js';
import { SignalWatcher, computed } from '@lit-labs/signals';
import { ContextConsumer } from '@lit/context';
import { LitElement } from 'lit';
import { atom } from 'nanostores';
import sinon from 'sinon';
import type { ChatSession, HostTokenProvider } from '../src/index.js';
import {
  $strings,
  AuthRequiredEvent,
  DEFAULT_STRINGS,
  StoreController,
  apiContext,
  configureSharedServices,
  createServices,
  defineElement,
  formatString,
  hubContext,
  resetStrings,
  resolveServices,
  setStrings,
  storeSignal,
  strings,
  type AuthRequiredReason,
  type ExecutionState,
  type K8sChatProvider,
  type KubeChatServices,
} from '../src/index.js';
import '../src/define/k8s-chat-provider.js';
import { execution, fakeBackend } from './helpers/fake-backend.js';
import { BASE, fakeFetch, json } from './helpers/fake-fetch.js';
import { FakeGateway } from './helpers/fake-gateway.js';
import type { ProbeElement } from './helpers/probe-element.js';
import './helpers/probe-element.js';
import { unique } from './helpers/timing.js';

const $count = atom(1);

class SignalProbe extends SignalWatcher(LitElement) {
  readonly count = storeSignal($count);
  readonly doubled = computed(() => this.count.get() * 2);
  override render() {
    return html`<span>${this.doubled.get()}</span>`;
  }
}
defineElement('k8s-test-signal-probe', SignalProbe);

class StoreProbe extends LitElement {
  readonly count = new StoreController(this, $count);
  override render() {
    return html`<span>${this.count.value}</span>`;
  }
}
defineElement('k8s-test-store-probe', StoreProbe);

/** Services over a fake network and socket, as the tests build them (token `tok`, no idle socket close). */
function servicesOn(
  net: { fetch: typeof fetch },
  gateway: FakeGateway,
  api: { backoff: { baseMs: number; maxMs: number } } | undefined = undefined,
) {
  return createServices({
    baseUrl: BASE,
    getAccessToken: () => 'tok',
    fetch: net.fetch,
    ...(api ? { api } : {}),
    hub: { WebSocket: gateway.WebSocket, idleCloseMs: 0 },
  });
}

function world() {
  const gateway = new FakeGateway();
  const backend = fakeBackend(gateway);
  const net = fakeFetch(backend.handler);
  const services = servicesOn(net, gateway, { backoff: { baseMs: 1, maxMs: 2 } });
  return { gateway, backend, net, services };
}

describe('stores, controllers and <k8s-chat-provider>', () => {
  const live: KubeChatServices[] = [];
  const make = () => {
    const w = world();
    live.push(w.services);
    return w;
  };
  afterEach(() => {
    for (const s of live.splice(0)) s.dispose();
    sinon.restore();
    resetStrings();
    $count.set(1);
  });

  describe('controllers and signals', () => {
    it('StoreController renders a store and stops listening when the element leaves', async () => {
      const el = await fixture<StoreProbe>(html`<k8s-test-store-probe></k8s-test-store-probe>`);
      expect(el.shadowRoot!.textContent).to.equal('1');
      $count.set(5);
      await el.updateComplete;
      expect(el.shadowRoot!.textContent).to.equal('5');
      expect($count.lc).to.equal(1);
      el.remove();
      expect($count.lc).to.equal(0);
    });

    it('storeSignal feeds computed() in a SignalWatcher element and listens only while watched', async () => {
      const el = await fixture<SignalProbe>(html`<k8s-test-signal-probe></k8s-test-signal-probe>`);
      expect(el.shadowRoot!.textContent).to.equal('2');
      await waitUntil(() => $count.lc > 0, 'subscribed while rendered');
      $count.set(21);
      await waitUntil(() => el.shadowRoot!.textContent === '42');
      el.remove();
      await waitUntil(() => $count.lc === 0, 'unsubscribed once nobody watches');
    });

    it('HubSubscriptionController follows topic changes and releases everything on disconnect', async () => {
      const { gateway, services } = make();
      const probe = await fixture<ProbeElement>(html`<k8s-test-probe .topics=${['a']}></k8s-test-probe>`);
      // Hand the probe our services through a provider-less path: resolve via the controller option.
      const hub = services.hub;
      const events: string[] = [];
      const { HubSubscriptionController } = await import('../src/index.js');
      const controller = new HubSubscriptionController(probe, {
        hub: () => hub,
        topics: () => probe.topics,
        onEvent: (e) => events.push(e.topic!),
      });
      controller.hostConnected();
      await waitUntil(() => hub.$connection.get() === 'open');
      expect(controller.topics).to.deep.equal(['a']);
      probe.topics = ['b'];
      await probe.updateComplete;
      expect(controller.topics).to.deep.equal(['b']);
      gateway.publish('a', 'x', {});
      gateway.publish('b', 'x', {});
      expect(events).to.deep.equal(['b']);
      probe.remove();
      expect(controller.topics).to.deep.equal([]);
      await waitUntil(() => hub.$connection.get() === 'idle', 'socket closed when nothing listens');
    });
  });

  describe('stores', () => {
    it('loads messages on mount, follows the session topic and never shows a message twice', async () => {
      const { gateway, services } = make();
      const $messages = services.stores.messages('s1');
      const stop = $messages.listen(() => undefined);
      await waitUntil(() => $messages.get().loaded && services.hub.$connection.get() === 'open');
      const before = $messages.get();
      const outcome = await services.stores.sendMessage('s1', 'list pods');
      expect(outcome.status).to.equal('sent');
      gateway.resend('session:s1', 1); // a duplicate frame
      const state = $messages.get();
      expect(before.messages, 'earlier states are never mutated').to.deep.equal([]);
      expect(state.messages.map((m) => [m.id, m.status])).to.deep.equal([
        ['m1', 'sent'],
        ['m2', 'sent'],
      ]);
      stop();
    });

    it('W8: messages sent while offline wait in the outbox and are sent exactly once, over REST, when back online', async () => {
      const { gateway, backend, net, services } = make();
      const $messages = services.stores.messages('s1');
      const stop = $messages.listen(() => undefined);
      await waitUntil(() => $messages.get().loaded && services.hub.$connection.get() === 'open');
      backend.setOffline(true);
      const first = await services.stores.sendMessage('s1', 'scale web to 3');
      const second = await services.stores.sendMessage('s1', 'get pods');
      expect([first.status, second.status]).to.deep.equal(['queued', 'queued']);
      expect($messages.get().messages.map((m) => m.status)).to.deep.equal(['queued', 'queued']);
      backend.setOffline(false);
      window.dispatchEvent(new Event('online'));
      await waitUntil(
        () =>
          $messages.get().messages.length === 4 && $messages.get().messages.every((m) => m.status === 'sent'),
      );
      expect(
        backend.messages.get('s1')!.filter((m) => m.type === 'user'),
        'stored once each',
      ).to.have.length(2);
      const posts = net.to('/messages', 'POST');
      const ids = new Set(posts.map((p) => p.body.clientMessageId));
      expect(ids.size, 'same clientMessageId on every attempt').to.equal(2);
      window.dispatchEvent(new Event('online'));
      await services.stores.retryMessage(first.clientMessageId);
      expect(net.to('/messages', 'POST').length, 'nothing resent').to.equal(posts.length);
      const sentOverSocket = gateway.sockets.flatMap((s) => s.sent.map((f) => f.type));
      const control = ['auth', 'subscribe', 'unsubscribe', 'heartbeat', 'pong'];
      expect(
        sentOverSocket.filter((type) => !control.includes(type)),
        'no mutation over the socket',
      ).to.deep.equal([]);
      stop();
    });

    it('W3: messages written in quick succession go out one at a time and are stored in the order written', async () => {
      const gateway = new FakeGateway();
      const backend = fakeBackend(gateway);
      let open = 0;
      let most = 0;
      // Over separate connections a later POST can overtake an earlier one: answer the first one last.
      const slow: Record<string, number> = { first: 60, second: 30, third: 0 };
      const net = fakeFetch(async (req, index) => {
        if (req.method !== 'POST') return backend.handler(req, index);
        most = Math.max(most, ++open);
        await new Promise((r) => setTimeout(r, slow[req.body.content] ?? 0));
        open--;
        return backend.handler(req, index);
      });
      const services = servicesOn(net, gateway);
      live.push(services);
      const outcomes = await Promise.all(
        ['first', 'second', 'third'].map((text) => services.stores.sendMessage('s1', text)),
      );
      expect(outcomes.map((o) => o.status)).to.deep.equal(['sent', 'sent', 'sent']);
      expect(most, 'one POST in flight at a time').to.equal(1);
      expect(
        backend.messages
          .get('s1')!
          .filter((m) => m.type === 'user')
          .map((m) => m.content),
      ).to.deep.equal(['first', 'second', 'third']);
    });

    it('a message written after one queued by a network failure waits behind it and never overtakes it', async () => {
      const { backend, net, services } = make();
      backend.setOffline(true);
      const first = await services.stores.sendMessage('s1', 'first');
      expect(first.status).to.equal('queued');
      backend.setOffline(false);
      // The network is back but nothing has announced it: sending the next message resends the first, first.
      const second = await services.stores.sendMessage('s1', 'second');
      expect(second.status).to.equal('sent');
      expect(
        backend.messages
          .get('s1')!
          .filter((m) => m.type === 'user')
          .map((m) => m.content),
      ).to.deep.equal(['first', 'second']);
      // While an earlier message cannot go out, a later one is held back (queued), never sent past it.
      backend.setOffline(true);
      const tried = (text: string) =>
        net.to('/messages', 'POST').filter((p) => p.body.content === text).length;
      const third = await services.stores.sendMessage('s1', 'third');
      const triedAlone = tried('third');
      const fourth = await services.stores.sendMessage('s1', 'fourth');
      expect([third.status, fourth.status]).to.deep.equal(['queued', 'queued']);
      expect(tried('third'), 'the third is retried when the fourth is sent').to.be.greaterThan(triedAlone);
      expect(tried('fourth'), 'the fourth never left').to.equal(0);
      backend.setOffline(false);
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => backend.messages.get('s1')!.filter((m) => m.type === 'user').length === 4);
      expect(
        backend.messages
          .get('s1')!
          .filter((m) => m.type === 'user')
          .map((m) => m.content),
      ).to.deep.equal(['first', 'second', 'third', 'fourth']);
    });

    it('a refused message is marked failed and can be retried by hand with the same id', async () => {
      const gateway = new FakeGateway();
      let refuse = true;
      const net = fakeFetch((req) => {
        if (refuse)
          return new Response(JSON.stringify({ error: 'Too long.', code: 'VALIDATION_ERROR' }), {
            status: 400,
          });
        return new Response(
          JSON.stringify({
            success: true,
            data: {
              id: 'm1',
              sessionId: 's1',
              type: 'user',
              content: 'x',
              timestamp: '2026-01-01T00:00:00Z',
              isEdited: false,
              clientMessageId: req.body.clientMessageId,
            },
          }),
          { status: 201 },
        );
      });
      const services = createServices({
        baseUrl: BASE,
        getAccessToken: () => 't',
        fetch: net.fetch,
        hub: { WebSocket: gateway.WebSocket },
      });
      live.push(services);
      const outcome = await services.stores.sendMessage('s1', 'x');
      expect(outcome.status).to.equal('failed');
      expect(outcome.error?.kind).to.equal('validation');
      refuse = false;
      const again = await services.stores.retryMessage(outcome.clientMessageId);
      expect(again?.status).to.equal('sent');
      expect(net.calls[1]!.body.clientMessageId).to.equal(outcome.clientMessageId);
    });

    it('streams execution output by byte offset: replays are not appended twice, a gap re-reads over REST', async () => {
      const { gateway, backend, services } = make();
      backend.executions.set('e1', execution('e1', { output: 'a' }));
      const $execution = services.stores.execution('e1');
      const states: ExecutionState[] = [];
      const stop = $execution.listen((s) => states.push(s));
      await waitUntil(() => $execution.get().execution !== null && services.hub.$connection.get() === 'open');
      gateway.publish('execution:e1', 'output', { content: 'bé', offset: 1 });
      gateway.publish('execution:e1', 'output', { content: 'bé', offset: 1 }); // same chunk, new seq
      gateway.publish('execution:e1', 'output', { content: 'c', offset: 4 });
      expect($execution.get().output).to.equal('abéc');
      backend.executions.set(
        'e1',
        execution('e1', { output: 'abécdef', status: 'completed', updated_at: '2026-01-01T00:00:09.000Z' }),
      );
      gateway.publish('execution:e1', 'output', { content: 'f', offset: 7 }); // 'de' went missing
      await waitUntil(() => $execution.get().output === 'abécdef', 'REST re-read');
      expect($execution.get().execution?.status).to.equal('completed');
      gateway.publish(
        'execution:e1',
        'execution',
        execution('e1', { status: 'executing', updated_at: '2026-01-01T00:00:01.000Z' }),
      );
      expect($execution.get().execution?.status, 'an older version never wins').to.equal('completed');
      expect(states.every((s, i) => i === 0 || s !== states[i - 1])).to.equal(true);
      stop();
    });

    it('W5: gaps that come faster than a REST re-read answers: one read at a time, and every answer is shown', async () => {
      const gateway = new FakeGateway();
      const backend = fakeBackend(gateway);
      // A slow link: each read of the execution takes longer than the gap between two output chunks.
      const net = fakeFetch(async (req, index) => {
        if (req.url.pathname.endsWith('/executions/e1')) await new Promise((r) => setTimeout(r, 60));
        return backend.handler(req, index);
      });
      const services = servicesOn(net, gateway);
      live.push(services);
      backend.executions.set('e1', execution('e1', { output: '' }));
      const $execution = services.stores.execution('e1');
      const stop = $execution.listen(() => undefined);
      await waitUntil(() => $execution.get().execution !== null && services.hub.$connection.get() === 'open');
      const reads = () => net.to('/executions/e1', 'GET').length;
      const readsBefore = reads();
      // The burst went out before we listened; each later chunk lands past what the page has.
      let written = 'burst line 1\nburst line 2\n';
      let shownWhileStreaming = false;
      for (let i = 1; i <= 8; i++) {
        const offset = new TextEncoder().encode(written).length;
        const content = `line ${i}\n`;
        written += content;
        backend.executions.set('e1', execution('e1', { output: written }));
        gateway.publish('execution:e1', 'output', { content, offset });
        await new Promise((r) => setTimeout(r, 25));
        if ($execution.get().output.startsWith('burst line 1')) shownWhileStreaming = true;
      }
      expect(shownWhileStreaming, 'output shown while chunks kept coming').to.equal(true);
      await waitUntil(() => $execution.get().output === written, 'all of it in the end');
      expect(reads() - readsBefore, 'reads coalesced, not one per chunk').to.be.lessThan(8);
      stop();
    });

    it('keeps the executions list and pending approvals current from the user topic', async () => {
      const { gateway, backend, services } = make();
      backend.executions.set('e1', execution('e1'));
      const stopExecutions = services.stores.$executions.listen(() => undefined);
      const stopApprovals = services.stores.$approvals.listen(() => undefined);
      await waitUntil(
        () => services.stores.$executions.get().loaded && services.stores.$approvals.get().loaded,
      );
      await waitUntil(() => gateway.open.some((s) => s.topics.has('user:u1')), 'follows user:u1');
      gateway.publish('user:u1', 'execution', execution('e2', { status: 'pending_approval' }));
      gateway.publish('user:u1', 'approval', { id: 'a1', status: 'pending', command_execution_id: 'e2' });
      expect(services.stores.$executions.get().items.map((e) => e.id)).to.deep.equal(['e2', 'e1']);
      expect(services.stores.$approvals.get().items.map((a) => a.id)).to.deep.equal(['a1']);
      gateway.publish('user:u1', 'approval', { id: 'a1', status: 'approved', command_execution_id: 'e2' });
      expect(services.stores.$approvals.get().items).to.deep.equal([]);
      stopExecutions();
      stopApprovals();
    });

    it('reads lists again when someone signs in after they failed while signed out', async () => {
      const gateway = new FakeGateway();
      const backend = fakeBackend(gateway);
      const net = fakeFetch(backend.handler);
      const services = createServices({
        baseUrl: BASE,
        getAccessToken: () => null,
        fetch: net.fetch,
        api: { backoff: { baseMs: 1, maxMs: 2 } },
        hub: { WebSocket: gateway.WebSocket, idleCloseMs: 0 },
      });
      live.push(services);
      const stop = services.stores.$sessions.listen(() => undefined);
      await waitUntil(() => services.stores.$sessions.get().error !== null, 'fails while signed out');
      expect(services.stores.$auth.get().status).to.equal('signed-out');
      (services.auth as HostTokenProvider).setSource(() => 'tok');
      await waitUntil(
        () => services.stores.$sessions.get().error === null && net.to('/chat/sessions', 'GET').length === 1,
        'read again once signed in',
      );
      stop();
    });

    const session = (id: string): ChatSession => ({
      id,
      title: id,
      userId: 'u1',
      ownerUsername: 'alice',
      clusterId: 'dev',
      createdAt: '2026-11-28T08:00:00.000Z',
      updatedAt: '2026-11-28T08:00:00.000Z',
      messageCount: 0,
      isActive: true,
      sessionType: 'general',
      access: 'owner',
      participants: [],
    });

    it('a session created or deleted while the list is being read is not undone by that read', async () => {
      const gateway = new FakeGateway();
      let releaseFirstRead!: () => void;
      const firstRead = new Promise<void>((resolve) => (releaseFirstRead = resolve));
      let stored = [session('old')];
      const net = fakeFetch(async (req, index) => {
        const path = req.url.pathname;
        if (path.endsWith('/chat/sessions') && req.method === 'POST') {
          stored = [session('new'), ...stored];
          return json(201, { success: true, data: stored[0] });
        }
        if (path.endsWith('/chat/sessions')) {
          const snapshot = stored;
          if (index === 0) await firstRead; // the read that started before the create answers last
          return json(200, { success: true, data: snapshot });
        }
        return json(404, { error: 'no route', code: 'ROUTE_NOT_FOUND' });
      });
      const services = servicesOn(net, gateway, { backoff: { baseMs: 1, maxMs: 2 } });
      live.push(services);
      const stop = services.stores.$sessions.listen(() => undefined);
      await waitUntil(() => net.calls.length === 1, 'first read started');
      await services.stores.createSession({ title: 'fresh' });
      releaseFirstRead();
      await waitUntil(() => !services.stores.$sessions.get().loading, 'reads settled');
      expect(services.stores.$sessions.get().items.map((s) => s.id)).to.deep.equal(['new', 'old']);
      stop();
    });

    it('reloads sessions when a session is shared with the user', async () => {
      const { gateway, net, services } = make();
      const stop = services.stores.$sessions.listen(() => undefined);
      await waitUntil(() => services.stores.$sessions.get().loaded);
      services.hub.subscribe('system', {});
      await waitUntil(() => services.hub.$connection.get() === 'open');
      gateway.last.push({ type: 'notification', payload: { type: 'session_shared' } });
      await waitUntil(() => net.to('/chat/sessions', 'GET').length === 2);
      stop();
    });
  });

  describe('strings', () => {
    it('one table of UI strings a host replaces for another language', () => {
      const seen: string[] = [];
      const stop = $strings.listen((s) => seen.push(s['connection.reconnecting']));
      setStrings({
        'connection.reconnecting': 'Verbindung wird wiederhergestellt…',
        'not.a.key': 'x',
      } as never);
      expect(strings['connection.reconnecting']).to.equal('Verbindung wird wiederhergestellt…');
      expect(seen).to.deep.equal(['Verbindung wird wiederhergestellt…']);
      expect(formatString('error.rate-limited', { seconds: 4 })).to.contain('4 s');
      resetStrings();
      expect(strings['connection.reconnecting']).to.equal(DEFAULT_STRINGS['connection.reconnecting']);
      stop();
    });
  });

  describe('<k8s-chat-provider>', () => {
    it('provides its services through context and is accessible', async () => {
      const gateway = new FakeGateway();
      const net = fakeFetch(fakeBackend(gateway).handler);
      const page = await fixture<HTMLDivElement>(
        html`<div>
          <k8s-chat-provider
            base-url=${BASE}
            .options=${{ fetch: net.fetch, hub: { WebSocket: gateway.WebSocket } }}
          >
            <k8s-test-probe show-user></k8s-test-probe>
          </k8s-chat-provider>
        </div>`,
      );
      const provider = page.querySelector('k8s-chat-provider')!;
      const probe = page.querySelector('k8s-test-probe')!;
      expect(probe.services.services).to.equal(provider.services);
      const api = new ContextConsumer(probe, { context: apiContext });
      const hub = new ContextConsumer(probe, { context: hubContext });
      expect(api.value).to.equal(provider.services!.api);
      expect(hub.value).to.equal(provider.services!.hub);
      expect(resolveServices(probe)).to.equal(provider.services);
      expect(provider).shadowDom.to.equal('<slot></slot>');
      expect(getComputedStyle(provider).display).to.equal('contents');
      await expect(page).to.be.accessible();

      // Host mode: the page sets its token callback after the elements started.
      provider.getAccessToken = () => 'from-the-host';
      await waitUntil(() => probe.shadowRoot!.textContent === 'alice', 'probe renders the user');
      expect(net.to('/auth/me')[0]!.headers.get('authorization')).to.equal('Bearer from-the-host');
    });

    it('fires one k8s-auth-required when the host has no token, and closes its socket with 1000 when removed', async () => {
      const gateway = new FakeGateway();
      const net = fakeFetch(fakeBackend(gateway).handler);
      let token: string | null = 'ok';
      const provider = await fixture<K8sChatProvider>(
        html`<k8s-chat-provider
          base-url=${BASE}
          .getAccessToken=${() => token}
          .options=${{ fetch: net.fetch, hub: { WebSocket: gateway.WebSocket } }}
        ></k8s-chat-provider>`,
      );
      provider.services!.hub.subscribe('system', {});
      await waitUntil(() => provider.services!.hub.$connection.get() === 'open');
      token = null;
      const event = oneEvent(provider, 'k8s-auth-required') as Promise<AuthRequiredEvent>;
      await provider.services!.auth.getAccessToken({ forceRefresh: true }).catch(() => undefined);
      const fired = await event;
      expect(fired.detail).to.deep.equal({ reason: 'refresh-failed', baseUrl: BASE });
      expect(fired.bubbles && fired.composed).to.equal(true);
      expect(gateway.sockets[0]!.closedWith).to.deep.include({ code: 1000, by: 'client' });

      const services = provider.services!;
      provider.remove();
      await waitUntil(() => provider.services === undefined);
      expect(services.hub.$connection.get()).to.equal('idle');
    });

    it('falls back to host mode for an unknown auth value, and login() needs session mode', async () => {
      const warn = sinon.stub(console, 'warn');
      const provider = await fixture<K8sChatProvider>(
        html`<k8s-chat-provider base-url=${BASE} auth="oauth"></k8s-chat-provider>`,
      );
      expect(provider.services!.auth.mode).to.equal('host');
      expect(warn.callCount).to.be.at.most(1);
      let error: Error | undefined;
      await provider.login('a', 'b').catch((e) => (error = e));
      expect(error?.message).to.contain('auth="session"');
    });

    it('rebuilds its client when base-url changes', async () => {
      const provider = await fixture<K8sChatProvider>(
        html`<k8s-chat-provider base-url=${BASE}></k8s-chat-provider>`,
      );
      const first = provider.services!;
      provider.baseUrl = 'http://other.test';
      await provider.updateComplete;
      expect(provider.services).to.not.equal(first);
      expect(provider.services!.baseUrl).to.equal('http://other.test');
    });
  });

  describe('event typings', () => {
    it('k8s-auth-required is typed on elements and the document', async () => {
      const provider = await fixture<K8sChatProvider>(html`<k8s-chat-provider></k8s-chat-provider>`);
      const reasons: AuthRequiredReason[] = [];
      const listener = (event: AuthRequiredEvent) => reasons.push(event.detail.reason);
      provider.addEventListener('k8s-auth-required', listener);
      document.addEventListener('k8s-auth-required', listener);
      provider.dispatchEvent(new AuthRequiredEvent({ reason: 'logout', baseUrl: BASE }));
      document.removeEventListener('k8s-auth-required', listener);
      expect(AuthRequiredEvent.eventName).to.equal('k8s-auth-required');
      expect(reasons, 'bubbles to the document').to.deep.equal(['logout', 'logout']);
    });
  });

  describe('elements on their own', () => {
    it('an element with base-url and no provider uses one shared client per URL', async () => {
      const url = `http://${unique('lone')}.test`;
      const gateway = new FakeGateway();
      configureSharedServices(url, {
        getAccessToken: () => 'shared',
        auth: 'host',
        fetch: fakeFetch(fakeBackend(gateway).handler).fetch,
        hub: { WebSocket: gateway.WebSocket, idleCloseMs: 0 },
      });
      const page = await fixture<HTMLDivElement>(
        html`<div>
          <k8s-test-probe base-url=${url} .topics=${['system']}></k8s-test-probe>
          <k8s-test-probe base-url=${url} .topics=${['alerts']}></k8s-test-probe>
        </div>`,
      );
      const [a, b] = page.querySelectorAll('k8s-test-probe');
      expect(a!.services.services?.baseUrl).to.equal(url);
      expect(a!.services.services).to.equal(b!.services.services);
      expect(resolveServices(a!)).to.equal(a!.services.services);
      await waitUntil(() => gateway.open.length === 1 && gateway.last.topics.size === 2);
      expect(gateway.sockets, 'one socket for both').to.have.length(1);
    });

    it('W11: removing and re-adding an element ten times leaves one socket per live element, closed ones with 1000, no listeners left', async () => {
      const url = `http://${unique('w11')}.test`;
      const gateway = new FakeGateway();
      configureSharedServices(url, {
        getAccessToken: () => 'tok',
        auth: 'host',
        fetch: fakeFetch(fakeBackend(gateway).handler).fetch,
        hub: { WebSocket: gateway.WebSocket, idleCloseMs: 0 },
      });
      const listeners = new Map<string, number>();
      const count = (target: EventTarget) => {
        const add = target.addEventListener.bind(target);
        const remove = target.removeEventListener.bind(target);
        sinon.stub(target, 'addEventListener').callsFake((type: string, ...rest: unknown[]) => {
          listeners.set(type, (listeners.get(type) ?? 0) + 1);
          return (add as (...a: unknown[]) => void)(type, ...rest);
        });
        sinon.stub(target, 'removeEventListener').callsFake((type: string, ...rest: unknown[]) => {
          listeners.set(type, (listeners.get(type) ?? 0) - 1);
          return (remove as (...a: unknown[]) => void)(type, ...rest);
        });
      };
      count(window);
      count(document);
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      for (let i = 0; i < 10; i++) {
        const probe = document.createElement('k8s-test-probe');
        probe.baseUrl = url;
        probe.topics = ['system'];
        host.append(probe);
        await waitUntil(() => gateway.open.length === 1 && gateway.last.user !== null, `open ${i}`);
        expect(gateway.open, 'exactly one open socket').to.have.length(1);
        if (i < 9) {
          probe.remove();
          await waitUntil(() => gateway.open.length === 0, `closed ${i}`);
        }
      }
      expect(gateway.sockets).to.have.length(10);
      for (const socket of gateway.sockets.slice(0, 9))
        expect(socket.closedWith).to.deep.include({ code: 1000, by: 'client' });
      host.firstElementChild!.remove();
      await waitUntil(() => gateway.open.length === 0);
      for (const type of ['online', 'offline', 'visibilitychange']) {
        expect(listeners.get(type) ?? 0, `${type} listeners left`).to.equal(0);
      }
    });
  });
});
