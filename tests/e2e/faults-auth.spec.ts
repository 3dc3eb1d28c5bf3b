import { expect, test, type Page, type Request } from '@playwright/test';
import { ownServer } from './own-server.js';
import { ask, signInPortal, watchErrors } from './support.js';

// Access-token faults (reliability T1, T6, W6, T8) against the real server. T1 and W6 use a server of
// their own with 5-second access tokens, so expiry happens inside the test rather than after 15 minutes.

const SHORT_TTL_PORT = Number(process.env.E2E_FAULTS_PORT ?? Number(process.env.E2E_PORT ?? 8181) + 2);
const shortTtl = ownServer(SHORT_TTL_PORT, { KUBECHAT_ACCESS_TTL_SECONDS: '5' });

test.beforeAll(() => shortTtl.start());
test.afterAll(() => shortTtl.stop());

const bearer = (request: Request) => request.headers().authorization?.replace(/^Bearer /, '') ?? null;

/** Counts calls to the refresh endpoint (the standalone portal's token source). */
function countRefreshes(page: Page) {
  const calls: number[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/v1/auth/refresh')) calls.push(Date.now());
  });
  return calls;
}

test('T1: five requests in flight with an expired token: one refresh, each replayed once, the POST once', async ({
  page,
}) => {
  // The client believes its tokens live an hour (as with a slow client clock); the server says 5 s.
  await page.route(/\/api\/v1\/auth\/(login|refresh)$/, async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    if (body.data) {
      body.data.expires_in = 3_600;
      body.data.expires_at = new Date(Date.now() + 3_600_000).toISOString();
    }
    await route.fulfill({ response, json: body });
  });
  // The socket's 4401 at expiry would trigger the renewal by itself; hide it so only the five requests do.
  await page.routeWebSocket(/\/ws/, (ws) => {
    const server = ws.connectToServer();
    server.onClose(() => undefined);
  });
  const refreshes = countRefreshes(page);
  await signInPortal(page, 'alice', `${shortTtl.url}/`);
  const sessionId = await page.evaluate(async () => {
    const api = (document.getElementById('provider') as unknown as { services: { api: any } }).services.api;
    return (await api.createSession({ title: 'T1' })).id as string;
  });
  await page.waitForTimeout(6_000); // the server-side lifetime of the token passes

  const seen: Request[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/') && !r.url().includes('/auth/')) seen.push(r);
  });
  const before = refreshes.length;
  const results = await page.evaluate(async (sid) => {
    const api = (document.getElementById('provider') as unknown as { services: { api: any } }).services.api;
    const calls = [
      api.listSessions(),
      api.listMessages(sid),
      api.listExecutions({}),
      api.stats({}),
      api.sendMessage(sid, { content: 'list pods in prod' }),
    ];
    return Promise.allSettled(calls).then((all) => all.map((r) => r.status));
  }, sessionId);

  expect(results).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
  expect(refreshes.length - before).toBe(1);
  // Every request went at most twice (the 401 and its one replay), and the replay had a new token.
  const byUrl = new Map<string, Request[]>();
  for (const r of seen)
    byUrl.set(`${r.method()} ${r.url()}`, [...(byUrl.get(`${r.method()} ${r.url()}`) ?? []), r]);
  expect(byUrl.size).toBe(5);
  for (const [url, requests] of byUrl) {
    expect(requests.length, url).toBe(2);
    expect(bearer(requests[0]!), url).not.toBe(bearer(requests[1]!));
  }
  const post = [...byUrl.entries()].find(([url]) => url.startsWith('POST'))![1];
  expect(post[0]!.headers()['idempotency-key']).toBeTruthy();
  expect(post[1]!.headers()['idempotency-key']).toBe(post[0]!.headers()['idempotency-key']);
  // One side effect: the message is stored once.
  const contents = await page.evaluate(async (sid) => {
    const api = (document.getElementById('provider') as unknown as { services: { api: any } }).services.api;
    return ((await api.listMessages(sid)) as { type: string; content: string }[])
      .filter((m) => m.type === 'user')
      .map((m) => m.content);
  }, sessionId);
  expect(contents).toEqual(['list pods in prod']);
});

test('W6: tokens expire while the socket is open: one renewal per lifetime, no reconnect storm, live updates go on', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const refreshes = countRefreshes(page);
  const sockets: { tokens: string[]; closed: boolean }[] = [];
  page.on('websocket', (ws) => {
    const socket = { tokens: [] as string[], closed: false };
    sockets.push(socket);
    ws.on('framesent', (frame) => {
      const message = JSON.parse(String(frame.payload));
      if (message.type === 'auth') socket.tokens.push(message.payload.token);
    });
    ws.on('close', () => (socket.closed = true));
  });
  await signInPortal(page, 'bob', `${shortTtl.url}/`);
  await ask(page, 'list pods in prod');
  const start = refreshes.length;
  const startedAt = Date.now();
  await page.waitForTimeout(12_000); // more than two lifetimes of the 5 s token
  const lifetimes = (Date.now() - startedAt) / 5_000;

  const renewals = refreshes.length - start;
  expect(renewals).toBeGreaterThanOrEqual(2);
  expect(renewals).toBeLessThanOrEqual(Math.ceil(lifetimes) + 1);
  // At most one new socket per renewal, and no socket ever authenticated twice with the same token.
  expect(sockets.length).toBeLessThanOrEqual(1 + renewals);
  const tokens = sockets.flatMap((s) => s.tokens);
  expect(new Set(tokens).size).toBe(tokens.length);
  expect(sockets.filter((s) => !s.closed)).toHaveLength(1);

  // The subscriptions survived: a command started now is followed live to the end.
  const preview = await ask(page, 'show deployments in staging');
  await preview.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(preview.locator('k8s-execution-status [part=label]')).toHaveText('Completed', {
    timeout: 20_000,
  });
  expect(errors).toEqual([]);
});

test('T6: a tab asleep two hours past expiry uses a fresh token for its first request and its socket', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.clock.install();
  const refreshes = countRefreshes(page);
  const authFrames: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', (frame) => {
      const message = JSON.parse(String(frame.payload));
      if (message.type === 'auth') authFrames.push(message.payload.token);
    }),
  );
  // Without the portal's idle timeout (15 minutes), which would rightly end a session asleep for two hours.
  await signInPortal(page, 'victor', '/?idle=0');
  await expect(page.locator('k8s-chat')).toBeVisible();
  await expect.poll(() => authFrames.length).toBeGreaterThan(0);
  const oldTokens = new Set(authFrames);

  // The laptop sleeps: the page is hidden and two hours pass at once.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  const requests: Request[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/') && !r.url().includes('/auth/')) requests.push(r);
  });
  const before = refreshes.length;
  await page.clock.fastForward('02:00:00');
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect.poll(() => refreshes.length - before).toBe(1);

  // The first request after waking, and the socket, use the fresh token; the old one is never sent again.
  await page.getByRole('link', { name: 'History' }).click();
  await expect.poll(() => requests.length).toBeGreaterThan(0);
  for (const request of requests) expect(oldTokens.has(bearer(request)!), request.url()).toBe(false);
  await expect.poll(() => authFrames.filter((t) => !oldTokens.has(t)).length).toBeGreaterThan(0);
  expect(refreshes.length - before).toBe(1);
  expect(errors).toEqual([]);
});

test('T8: signing out in one tab ends the other within a second; it makes no more API calls', async ({
  context,
}) => {
  const a = await context.newPage();
  await signInPortal(a, 'alice');
  const b = await context.newPage();
  const bSockets: { closed: boolean }[] = [];
  b.on('websocket', (ws) => {
    const socket = { closed: false };
    bSockets.push(socket);
    ws.on('close', () => (socket.closed = true));
  });
  await b.goto('/');
  await expect(b.locator('#who')).toContainText('alice');
  await expect(b.locator('k8s-chat')).toBeVisible();
  await expect.poll(() => bSockets.length).toBeGreaterThan(0);
  // B has finished loading (its pages read their first rows, and the dashboard its next page): what
  // counts is what it asks after the sign-out, not what it was still asking from its own start.
  await b.waitForLoadState('networkidle');
  const afterSignOut: string[] = [];
  let signedOutAt = 0;
  b.on('request', (r) => {
    if (signedOutAt && r.url().includes('/api/v1/') && !r.url().includes('/auth/'))
      afterSignOut.push(r.url());
  });

  signedOutAt = Date.now();
  await a.getByRole('button', { name: 'Sign out' }).click();
  await expect(b.getByRole('heading', { name: 'Sign in' })).toBeVisible({ timeout: 1_000 });
  await expect(b.locator('k8s-chat')).toHaveCount(0);
  // B's socket is closed and B keeps quiet afterwards.
  await b.waitForTimeout(1_500);
  expect(
    await b.evaluate(() => {
      const provider = document.getElementById('provider') as unknown as {
        services?: { stores: { $user: { get(): unknown } } };
      };
      return provider.services?.stores.$user.get() ?? null;
    }),
  ).toBe(null);
  expect(afterSignOut).toEqual([]);
  expect(bSockets.every((socket) => socket.closed)).toBe(true);
});
