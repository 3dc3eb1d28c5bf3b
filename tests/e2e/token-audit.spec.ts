import { expect, test, type Page } from '@playwright/test';
import { ownServer } from './own-server.js';
import { ask, signInPortal } from './support.js';

// Reliability T9, the token leakage audit: a whole session in the demo portal (sign in, chat, run a
// command, History, a reload that renews through the refresh cookie, sign out) against a server of its
// own that logs every request. No access or refresh token may appear in a URL, a Referer header, a
// console line, the server's log, browser storage or a JS-readable cookie; the refresh token is never in
// a response body. After sign-out, the captured tokens are replayed: REST, the WebSocket and the refresh
// endpoint all refuse them. (The WebSocket authenticates with its first frame, not a ticket: see the
// contract's decisions, so "ticket replay" is this replay of the access token.)

const AUDIT_PORT = Number(process.env.E2E_AUDIT_PORT ?? Number(process.env.E2E_PORT ?? 8181) + 7);

/** The refresh token from a Set-Cookie header value. */
function refreshCookie(setCookie: string | undefined): string | null {
  const match = /(?:^|\n)\s*([^=;\s]+)=([^;]+);[^\n]*HttpOnly/i.exec(setCookie ?? '');
  return match ? match[2]! : null;
}

async function storageDump(page: Page) {
  return page.evaluate(async () => ({
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
    cookie: document.cookie,
    databases: (await indexedDB.databases()).map((db) => db.name ?? ''),
  }));
}

test('T9: no token in any URL, Referer, console line, server log or storage; replayed tokens are refused after sign-out', async ({
  page,
}) => {
  const server = ownServer(AUDIT_PORT, { KUBECHAT_LOG_REQUESTS: 'true' });
  await server.start();
  try {
    const accessTokens = new Set<string>();
    const refreshTokens = new Set<string>();
    const urls: string[] = [];
    const referers: string[] = [];
    const consoleLines: string[] = [];
    const authBodies: string[] = [];
    page.on('request', (request) => {
      urls.push(request.url());
      const referer = request.headers()['referer'];
      if (referer) referers.push(referer);
    });
    page.on('websocket', (socket) => urls.push(socket.url()));
    page.on('console', (message) => consoleLines.push(message.text()));
    page.on('pageerror', (error) => consoleLines.push(error.message));
    page.on('response', async (response) => {
      if (!/\/api\/v1\/auth\/(login|refresh)$/.test(response.url())) return;
      const refresh = refreshCookie(
        (await response.headerValue('set-cookie').catch(() => undefined)) ?? undefined,
      );
      if (refresh) refreshTokens.add(refresh);
      const body = await response.text().catch(() => '');
      authBodies.push(body);
      const token = (JSON.parse(body || '{}') as { data?: { token?: string } }).data?.token;
      if (token) accessTokens.add(token);
    });

    await signInPortal(page, 'alice', `${server.url}/`);
    const preview = await ask(page, 'list pods in prod');
    await preview.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(preview.locator('k8s-execution-status [part=label]')).toHaveText('Completed', {
      timeout: 20_000,
    });
    await page.getByRole('link', { name: 'History' }).click();
    await expect(page.locator('#page-history k8s-command-history').getByRole('row').nth(1)).toBeVisible();
    // A reload renews the access token through the refresh cookie (a rotation: a second refresh token).
    await page.reload();
    await expect(page.locator('#who')).toContainText('alice');
    await expect.poll(() => accessTokens.size).toBeGreaterThanOrEqual(2);
    await expect.poll(() => refreshTokens.size).toBeGreaterThanOrEqual(2);
    const stored = await storageDump(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible();

    const secrets = [...accessTokens, ...refreshTokens];
    const leaks = (where: string, texts: readonly string[]) =>
      texts.flatMap((text) =>
        secrets.filter((s) => text.includes(s)).map(() => `${where}: ${text.slice(0, 120)}`),
      );
    expect(leaks('URL', urls)).toEqual([]);
    expect(leaks('Referer', referers)).toEqual([]);
    expect(leaks('console', consoleLines)).toEqual([]);
    expect(leaks('server log', server.output().split('\n'))).toEqual([]);
    expect(server.output(), 'the server logged requests').toContain('/api/v1/auth/refresh');
    expect(leaks('storage', [stored.local, stored.session, stored.cookie, ...stored.databases])).toEqual([]);
    // The refresh token travels only in its httpOnly cookie, never in a body a script can read.
    const refreshInBodies = authBodies.filter((body) => [...refreshTokens].some((t) => body.includes(t)));
    expect(refreshInBodies).toEqual([]);

    // Replays after sign-out: REST, the WebSocket's auth frame and the refresh endpoint all refuse.
    const lastAccess = [...accessTokens].at(-1)!;
    const rest = await page.request.get(`${server.url}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${lastAccess}` },
    });
    expect(rest.status()).toBe(401);
    const closeCode = await page.evaluate(
      ({ base, token }) =>
        new Promise<number>((resolve) => {
          const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/api/v1/ws`, 'kubechat-ws');
          socket.onopen = () => socket.send(JSON.stringify({ type: 'auth', payload: { token } }));
          socket.onclose = (event) => resolve(event.code);
        }),
      { base: server.url, token: lastAccess },
    );
    expect(closeCode).toBe(4401);
    for (const refresh of refreshTokens) {
      const renewed = await page.request.post(`${server.url}/api/v1/auth/refresh`, {
        headers: { cookie: `kubechat_refresh=${refresh}` },
      });
      expect(renewed.status(), 'a refresh token after sign-out').toBe(401);
    }
  } finally {
    await server.stop();
  }
});
