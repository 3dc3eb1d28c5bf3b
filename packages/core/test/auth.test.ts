import { expect } from '@open-wc/testing';
import { waitUntil } from '../../../tests/helpers/wait-until.js';
import sinon from 'sinon';
import {
  HostTokenProvider,
  KubeChatApi,
  SessionTokenProvider,
  WebSocketHub,
  createTabSync,
  isKubeChatError,
  type AuthRequiredReason,
  type HostTokenSource,
  type TokenProvider,
} from '../src/index.js';
import { BASE, fakeFetch, grant, json, type Handler } from './helpers/fake-fetch.js';
import { FakeGateway } from './helpers/fake-gateway.js';
import { unique, until } from './helpers/timing.js';

const FAST = { backoff: { baseMs: 1, maxMs: 2 } };

function watchRequired(provider: TokenProvider) {
  const reasons: AuthRequiredReason[] = [];
  provider.onAuthRequired((reason) => reasons.push(reason));
  return reasons;
}

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as Error & { kind?: string };
  }
  throw new Error('expected a rejection');
}

/** A fake reference server's auth routes: login and rotating refresh tokens. */
function authServer(
  options: { refresh?: (n: number) => Response | Promise<Response>; expiresIn?: number } = {},
) {
  let refreshes = 0;
  const handler: Handler = async (req) => {
    const path = req.url.pathname;
    if (path.endsWith('/auth/login')) {
      return req.body.password === 'right'
        ? json(200, grant('t0', options.expiresIn))
        : json(401, {
            error: 'Invalid username or password. Check both and try again.',
            code: 'INVALID_CREDENTIALS',
          });
    }
    if (path.endsWith('/auth/refresh')) {
      refreshes++;
      return options.refresh
        ? options.refresh(refreshes)
        : json(200, grant(`t${refreshes}`, options.expiresIn));
    }
    if (path.endsWith('/auth/logout')) return json(200, { message: 'Logout successful' });
    if (path.endsWith('/auth/me')) {
      return req.headers.get('authorization') === 'Bearer revoked'
        ? json(401, { error: 'no', code: 'INVALID_TOKEN' })
        : json(200, { data: { id: 'u1', username: 'alice', role: 'user' } });
    }
    return json(404, { error: 'no', code: 'ROUTE_NOT_FOUND' });
  };
  return { handler, refreshCount: () => refreshes };
}

function sessionProvider(handler: Handler, channel = unique()) {
  const net = fakeFetch(handler);
  const provider = new SessionTokenProvider({
    baseUrl: BASE,
    fetch: net.fetch,
    tabSync: createTabSync(channel),
    ...FAST,
  });
  return { provider, net };
}

describe('token providers', () => {
  const disposables: Array<{ dispose(): void }> = [];
  const track = <T extends { dispose(): void }>(x: T) => (disposables.push(x), x);
  afterEach(() => {
    sinon.restore();
    for (const d of disposables.splice(0)) d.dispose();
  });

  describe('host-delegated', () => {
    it('calls the host once for concurrent requests and caches the token in memory', async () => {
      const source = sinon.spy(async () => {
        await new Promise((r) => setTimeout(r, 5));
        return 'h1';
      });
      const provider = track(new HostTokenProvider({ getAccessToken: source }));
      const tokens = await Promise.all([
        provider.getAccessToken(),
        provider.getAccessToken(),
        provider.getAccessToken(),
      ]);
      expect(tokens).to.deep.equal(['h1', 'h1', 'h1']);
      expect(await provider.getAccessToken()).to.equal('h1');
      expect(source.callCount).to.equal(1);
      expect(provider.$state.get().status).to.equal('signed-in');
    });

    it('compare-and-refresh: a forced refresh for a token already replaced returns the replacement', async () => {
      let n = 0;
      const source = sinon.spy((_request: { forceRefresh: boolean; reason: string }) => `h${++n}`);
      const provider = track(new HostTokenProvider({ getAccessToken: source }));
      await provider.getAccessToken();
      expect(await provider.getAccessToken({ forceRefresh: true, rejectedToken: 'h1' })).to.equal('h2');
      expect(
        await provider.getAccessToken({ forceRefresh: true, rejectedToken: 'h1' }),
        'late 401 for h1',
      ).to.equal('h2');
      expect(source.callCount).to.equal(2);
      expect(source.secondCall.args[0].forceRefresh).to.equal(true);
    });

    it('renews a token with a known lifetime ahead of expiry (local receipt time + expiresIn)', async () => {
      const clock = sinon.useFakeTimers({
        toFake: ['setTimeout', 'clearTimeout', 'Date'],
        shouldClearNativeTimers: true,
      });
      let n = 0;
      const source = sinon.spy((_request: { forceRefresh: boolean; reason: string }) => ({
        token: `h${++n}`,
        expiresIn: 100,
      }));
      const provider = track(new HostTokenProvider({ getAccessToken: source }));
      const changes: Array<string | null> = [];
      provider.onTokenChange((t) => changes.push(t));
      await provider.getAccessToken();
      await clock.tickAsync(79_000);
      expect(source.callCount, 'not yet: lead is a fifth of 100 s').to.equal(1);
      await clock.tickAsync(1_500);
      expect(source.callCount).to.equal(2);
      expect(source.secondCall.args[0]).to.include({ forceRefresh: true, reason: 'expiring' });
      expect(changes).to.deep.equal(['h1', 'h2']);
    });

    it('T7: a host callback that throws or returns nothing signs out, sends zero requests and stores nothing', async () => {
      for (const source of [
        () => {
          throw new Error('not signed in');
        },
        () => '',
        () => null,
      ] as HostTokenSource[]) {
        const spy = sinon.spy(source);
        const provider = track(new HostTokenProvider({ getAccessToken: spy }));
        const required = watchRequired(provider);
        const net = fakeFetch(() => json(200, { data: {} }));
        const api = new KubeChatApi({ baseUrl: BASE, tokens: provider, fetch: net.fetch });
        const error = await rejection(api.me());
        expect(isKubeChatError(error) && error.kind).to.equal('auth');
        await rejection(api.listSessions());
        await rejection(provider.getAccessToken({ forceRefresh: true }));
        expect(net.calls, 'zero requests').to.have.length(0);
        expect(spy.callCount, 'no more host calls once signed out').to.equal(1);
        expect(provider.$state.get()).to.include({ status: 'signed-out', reason: 'host-denied' });
        expect(required).to.deep.equal(['host-denied']);
      }
      expect(localStorage.length, 'localStorage').to.equal(0);
      expect(sessionStorage.length, 'sessionStorage').to.equal(0);
      expect(document.cookie, 'script-readable cookies').to.equal('');
      const databases = await indexedDB.databases();
      expect(
        databases.map((d) => d.name),
        'IndexedDB',
      ).to.deep.equal([]);
    });

    it('T4: a transient host failure keeps the session, retries with backoff and recovers', async () => {
      let failing = true;
      const source = sinon.spy(() => {
        if (failing) throw new TypeError('Failed to fetch');
        return 'h-ok';
      });
      const provider = track(new HostTokenProvider({ getAccessToken: source, retries: 2, ...FAST }));
      const required = watchRequired(provider);
      const error = await rejection(provider.getAccessToken());
      expect(error.kind).to.equal('network');
      expect(source.callCount, 'bounded: 1 + 2 retries').to.equal(3);
      expect(provider.$state.get().status).to.not.equal('signed-out');
      expect(required).to.deep.equal([]);
      failing = false;
      expect(await provider.getAccessToken()).to.equal('h-ok');
    });

    it('resumes after the host sets a new callback', async () => {
      const provider = track(new HostTokenProvider({ getAccessToken: () => null }));
      await rejection(provider.getAccessToken());
      expect(provider.$state.get().status).to.equal('signed-out');
      provider.setSource(() => 'again');
      expect(await provider.getAccessToken()).to.equal('again');
    });

    it('waits for a callback the host sets after the elements started', async () => {
      const provider = track(new HostTokenProvider());
      const pending = provider.getAccessToken();
      provider.setSource(() => 'late');
      expect(await pending).to.equal('late');
    });
  });

  describe('session (reference server)', () => {
    it('logs in with the refresh cookie path, keeps the token in memory only and knows the user', async () => {
      const server = authServer();
      const { provider, net } = sessionProvider(server.handler);
      track(provider);
      const user = await provider.login('alice', 'right');
      expect(user.username).to.equal('alice');
      expect(await provider.getAccessToken()).to.equal('t0');
      expect(provider.$state.get()).to.deep.include({ status: 'signed-in', user });
      expect(net.calls[0]!.credentials, 'cookie travels').to.equal('include');
      expect(localStorage.length + sessionStorage.length).to.equal(0);
      expect(document.cookie).to.equal('');
    });

    it('reports a wrong password as an auth error with the server message', async () => {
      const { provider } = sessionProvider(authServer().handler);
      track(provider);
      const error = await rejection(provider.login('alice', 'wrong'));
      expect(error.kind).to.equal('auth');
      expect(error.message).to.contain('Invalid username or password');
    });

    it('without a session cookie, asks the server once and becomes signed out', async () => {
      const server = authServer({
        refresh: () => json(401, { error: 'Your session ended.', code: 'REFRESH_TOKEN_MISSING' }),
      });
      const { provider } = sessionProvider(server.handler);
      track(provider);
      const required = watchRequired(provider);
      await rejection(provider.getAccessToken());
      expect(server.refreshCount()).to.equal(1);
      expect(required).to.deep.equal(['no-session']);
    });

    it('T3: a refused refresh re-reads, retries once, rejects in-flight calls, closes the socket 1000, fires one event, then nothing for 60 s', async () => {
      const server = authServer({
        refresh: () => json(401, { error: 'Your session ended.', code: 'INVALID_REFRESH_TOKEN' }),
      });
      const { provider, net } = sessionProvider(server.handler);
      track(provider);
      const required = watchRequired(provider);
      await provider.login('alice', 'right');
      const gateway = new FakeGateway();
      const hub = track(new WebSocketHub({ baseUrl: BASE, tokens: provider, WebSocket: gateway.WebSocket }));
      hub.subscribe('system', {});
      await waitUntil(() => hub.$connection.get() === 'open', 'socket open');

      // The server revoked the session: the access token is refused and the refresh too.
      const api = new KubeChatApi({ baseUrl: BASE, tokens: provider, fetch: net.fetch });
      (provider as unknown as { accept(g: object): void }).accept({ token: 'revoked', expiresIn: 900 });
      const results = await Promise.allSettled([api.me(), api.me(), api.me()]);
      for (const r of results) {
        expect(r.status).to.equal('rejected');
        expect(((r as PromiseRejectedResult).reason as { kind: string }).kind).to.equal('auth');
      }
      expect(server.refreshCount(), 're-read + one retry').to.equal(2);
      expect(required).to.deep.equal(['refresh-failed']);
      expect(gateway.sockets[0]!.closedWith).to.deep.include({ code: 1000, by: 'client' });
      expect(hub.$connection.get()).to.equal('unauthorized');
      expect(provider.$state.get().status).to.equal('signed-out');

      const calls = net.calls.length;
      const clock = sinon.useFakeTimers({
        toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
        shouldClearNativeTimers: true,
      });
      await clock.tickAsync(61_000);
      await rejection(api.me());
      await rejection(provider.getAccessToken({ forceRefresh: true }));
      expect(net.calls.length, 'no token calls and no requests').to.equal(calls);
      expect(server.refreshCount()).to.equal(2);
      expect(gateway.sockets, 'no reconnect').to.have.length(1);
      expect(required).to.have.length(1);
    });

    for (const skewMinutes of [15, -15]) {
      it(`T5: with the client clock ${skewMinutes > 0 ? 'ahead' : 'behind'} by 15 min, renews once per lifetime and never loops`, async () => {
        const serverNow = Date.now();
        const clock = sinon.useFakeTimers({
          now: serverNow + skewMinutes * 60_000,
          toFake: ['setTimeout', 'clearTimeout', 'Date'],
          shouldClearNativeTimers: true,
        });
        const server = authServer();
        const { provider, net } = sessionProvider(server.handler);
        track(provider);
        await provider.login('alice', 'right');
        const sentWith: string[] = [];
        const api = new KubeChatApi({ baseUrl: BASE, tokens: provider, fetch: net.fetch });
        for (let lifetime = 1; lifetime <= 3; lifetime++) {
          await clock.tickAsync(900_000);
          await until(() => server.refreshCount() === lifetime, `refresh ${lifetime}`);
          await api.me();
          sentWith.push(net.to('/auth/me').at(-1)!.headers.get('authorization')!);
        }
        await clock.tickAsync(500_000);
        expect(server.refreshCount(), 'one renewal per lifetime').to.equal(3);
        expect(sentWith).to.deep.equal(['Bearer t1', 'Bearer t2', 'Bearer t3']);
      });
    }

    it('T6: after sleeping 2 h past expiry, renews when the page is visible and never sends the stale token', async () => {
      const clock = sinon.useFakeTimers({
        toFake: ['setTimeout', 'clearTimeout', 'Date'],
        shouldClearNativeTimers: true,
      });
      const server = authServer();
      const { provider, net } = sessionProvider(server.handler);
      track(provider);
      await provider.login('alice', 'right');
      clock.setSystemTime(Date.now() + 2 * 3600_000); // asleep: no timer ran
      document.dispatchEvent(new Event('visibilitychange'));
      await until(() => server.refreshCount() === 1, 'refresh on visible');
      const api = new KubeChatApi({ baseUrl: BASE, tokens: provider, fetch: net.fetch });
      await api.me();
      expect(net.to('/auth/me')[0]!.headers.get('authorization')).to.equal('Bearer t1');

      clock.setSystemTime(Date.now() + 2 * 3600_000); // asleep again, no visibility event this time
      await api.me();
      expect(net.to('/auth/me').map((c) => c.headers.get('authorization'))).to.deep.equal([
        'Bearer t1',
        'Bearer t2',
      ]);
    });

    it('T4: a refresh endpoint answering 5xx keeps the session and the still-valid token', async () => {
      const server = authServer({ refresh: () => json(503, { error: 'down', code: 'UNAVAILABLE' }) });
      const { provider } = sessionProvider(server.handler);
      track(provider);
      const required = watchRequired(provider);
      await provider.login('alice', 'right');
      const error = await rejection(provider.getAccessToken({ forceRefresh: true, rejectedToken: 't0' }));
      expect(error.kind).to.equal('server');
      expect(server.refreshCount(), 'bounded retries').to.equal(3);
      expect(provider.$state.get().status).to.equal('signed-in');
      expect(required).to.deep.equal([]);
    });

    it('T2: three tabs whose tokens expire together make one refresh call and all adopt the new token', async () => {
      const channel = unique();
      const server = authServer({
        refresh: async (n) => {
          await new Promise((r) => setTimeout(r, 20));
          return json(200, grant(`t${n}`));
        },
      });
      const tabs = [0, 1, 2].map(() => track(sessionProvider(server.handler, channel).provider));
      await tabs[0]!.login('alice', 'right');
      await waitUntil(
        () => tabs.every((t) => t.$state.get().status === 'signed-in'),
        'other tabs adopt the login',
      );
      const tokens = await Promise.all(
        tabs.map((t) => t.getAccessToken({ forceRefresh: true, rejectedToken: 't0' })),
      );
      expect(server.refreshCount(), 'one token-endpoint call across tabs').to.equal(1);
      expect(tokens).to.deep.equal(['t1', 't1', 't1']);
      expect(tabs.map((t) => t.$state.get().status)).to.deep.equal(['signed-in', 'signed-in', 'signed-in']);
    });

    it('a lost refresh race is not a logout: the token another tab won is used', async () => {
      const channel = unique();
      const otherTab = createTabSync(channel);
      const server = authServer({
        refresh: () => {
          otherTab.publish({
            type: 'token',
            token: 'won-elsewhere',
            expiresAt: Date.now() + 900_000,
            user: null,
          });
          return json(401, { error: 'reused', code: 'REFRESH_TOKEN_REUSED' });
        },
      });
      const { provider } = sessionProvider(server.handler, channel);
      track(provider);
      const required = watchRequired(provider);
      await provider.login('alice', 'right');
      expect(await provider.getAccessToken({ forceRefresh: true, rejectedToken: 't0' })).to.equal(
        'won-elsewhere',
      );
      expect(required).to.deep.equal([]);
      otherTab.close();
    });

    /** Two tabs of one browser (one channel), alice signed in through tab A and tab B following. */
    async function twoSignedInTabs() {
      const channel = unique();
      const server = authServer();
      const a = sessionProvider(server.handler, channel);
      const b = sessionProvider(server.handler, channel);
      track(a.provider);
      track(b.provider);
      await a.provider.login('alice', 'right');
      await waitUntil(() => b.provider.$state.get().status === 'signed-in');
      return { a, b, requiredB: watchRequired(b.provider) };
    }

    it('T8: logout in one tab signs out the other within 1 s; the other then sends nothing', async () => {
      const { a, b, requiredB } = await twoSignedInTabs();
      const started = performance.now();
      await a.provider.signOut();
      await waitUntil(() => b.provider.$state.get().status === 'signed-out', 'tab B signed out', {
        timeout: 1000,
      });
      expect(performance.now() - started).to.be.below(1000);
      expect(requiredB).to.deep.equal(['logout']);
      const logout = a.net.to('/auth/logout')[0]!;
      expect(logout.headers.get('authorization')).to.equal('Bearer t0');
      expect(logout.credentials).to.equal('include');
      const apiB = new KubeChatApi({ baseUrl: BASE, tokens: b.provider, fetch: b.net.fetch });
      await rejection(apiB.me());
      expect(b.net.calls, 'no calls from B').to.have.length(0);
    });

    it('an idle sign-out reaches the other tabs as idle, not as a logout', async () => {
      const { a, b, requiredB } = await twoSignedInTabs();
      await a.provider.signOut('idle');
      await waitUntil(() => b.provider.$state.get().status === 'signed-out', 'tab B signed out');
      expect(b.provider.$state.get().reason).to.equal('idle');
      expect(requiredB).to.deep.equal(['idle']);
    });
  });
});
