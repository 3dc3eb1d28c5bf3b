import { expect, request, test, type Browser, type Page } from '@playwright/test';
import { ownServer } from './own-server.js';
import { PASSWORD, watchErrors, SCREENSHOTS, axeViolations, signIn } from './support.js';

// The portal's Account page against the real server: preferences that follow the person to another
// browser live, signing out another device, the security notice after a refresh-token reuse, the idle
// timeout (also across tabs), the support reference on a server error, and axe.

const SHOTS = SCREENSHOTS;
// The reuse scenario needs tokens that rotate within the test: a server of its own with 5-second tokens.
const SHORT_TTL_PORT = Number(process.env.E2E_FAULTS_PORT ?? Number(process.env.E2E_PORT ?? 8181) + 2);
const shortTtl = ownServer(SHORT_TTL_PORT, { KUBECHAT_ACCESS_TTL_SECONDS: '5' });
// Another browser, so the device list can tell the two sign-ins of one person apart.
const EDGE_ON_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0';
const FIREFOX_ON_MACOS =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:133.0) Gecko/20100101 Firefox/133.0';
// Expected in the console: the 401s of a revoked session and the 404 of the support-reference case.
const EXPECTED_ERRORS = /status of (401|404)/;

test.beforeAll(() => shortTtl.start());
test.afterAll(() => shortTtl.stop());

/** Opens the Account page and waits for the person's preferences and devices. */
async function openAccount(page: Page) {
  await page.getByRole('link', { name: 'Account', exact: true }).click();
  const settings = page.locator('#page-account k8s-account-settings');
  await expect(settings.getByRole('radio', { name: 'Dark' })).toBeEnabled();
  await expect(settings.locator('[part=device]').first()).toBeVisible();
  return settings;
}

const signInForm = (page: Page) => page.getByRole('heading', { name: 'Sign in', exact: true });

async function newPage(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}) {
  const context = await browser.newContext(options);
  return context.newPage();
}

/** Puts a user's preferences back to the defaults, so other specs on the shared server are unaffected. */
async function resetPreferences(baseURL: string, username: string) {
  const api = await request.newContext({ baseURL });
  const login = await api.post('/api/v1/auth/login', { data: { username, password: PASSWORD } });
  const { token } = (await login.json()).data;
  const reset = await api.patch('/api/v1/auth/me/preferences', {
    data: { theme: 'system', default_namespace: null, compact: false, sound: false },
    headers: { authorization: `Bearer ${token}` },
  });
  expect(reset.ok(), await reset.text()).toBe(true);
  await api.dispose();
}

test('preferences: Dark and a default namespace chosen in Account reach another browser live and after a reload', async ({
  browser,
  baseURL,
}) => {
  const here = await newPage(browser);
  const there = await newPage(browser);
  const errors = [...watchErrors(here, EXPECTED_ERRORS), ...watchErrors(there, EXPECTED_ERRORS)];
  try {
    await signIn(here, 'alice');
    await signIn(there, 'alice');
    await expect(there.locator('html')).toHaveAttribute('data-theme', 'light');
    // Marks this document: a reload would lose it, so a change seen while it is set arrived live.
    await there.evaluate(() => ((window as unknown as { liveMark: number }).liveMark = 1));

    const settings = await openAccount(here);
    await settings.getByRole('radio', { name: 'Dark' }).check();
    await expect(settings.getByRole('status')).toHaveText('Saved.');
    await expect(here.locator('html')).toHaveAttribute('data-theme', 'dark');
    const namespace = settings.getByRole('textbox', { name: 'Default namespace' });
    await namespace.fill('staging');
    await namespace.press('Enter');
    await expect(settings.getByRole('status')).toHaveText('Saved.');

    // The other browser: the portal's chrome and the elements turn dark without a reload.
    await expect(there.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(there.locator('html')).toHaveCSS('color-scheme', 'dark');
    await expect(there.locator('#theme-toggle')).toHaveAttribute('aria-pressed', 'true');
    const thereSettings = await openAccount(there);
    await expect(thereSettings).toHaveAttribute('theme', 'dark');
    expect(await there.evaluate(() => (window as unknown as { liveMark?: number }).liveMark)).toBe(1);
    await expect(thereSettings.getByRole('textbox', { name: 'Default namespace' })).toHaveValue('staging');
    await expect(thereSettings.getByRole('radio', { name: 'Dark' })).toBeChecked();

    // And after a reload, from the server.
    await there.reload();
    await expect(there.locator('#who')).toContainText('alice');
    await expect(there.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(there.locator('#page-account k8s-account-settings')).toHaveAttribute('theme', 'dark');
    await expect(
      there.locator('#page-account k8s-account-settings').getByRole('textbox', { name: 'Default namespace' }),
    ).toHaveValue('staging');

    // The portal's own switch stores the choice too: Light here reaches the first browser.
    await there.getByRole('button', { name: 'Dark theme' }).click();
    await expect(there.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(here.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(settings.getByRole('radio', { name: 'Light' })).toBeChecked();
    expect(errors).toEqual([]);
  } finally {
    await here.context().close();
    await there.context().close();
    await resetPreferences(baseURL!, 'alice');
  }
});

test('devices: bob signs his other browser out from Account; it is signed out on its next request', async ({
  browser,
}) => {
  const here = await newPage(browser);
  const there = await newPage(browser, { userAgent: EDGE_ON_WINDOWS });
  const errors = watchErrors(here, EXPECTED_ERRORS);
  try {
    // The other browser first: this page reads the device list when it signs in.
    await signIn(there, 'bob');
    await signIn(here, 'bob');
    const thereSettings = await openAccount(there);
    await expect(thereSettings.locator('[part=device]').filter({ hasText: 'This device' })).toContainText(
      'Edge on Windows',
    );

    const settings = await openAccount(here);
    const other = settings.locator('[part=device]').filter({ hasText: 'Edge on Windows' });
    await expect(other).toHaveCount(1);
    await expect(other).not.toContainText('This device');
    const revoked = here.waitForResponse(
      (r) => r.request().method() === 'DELETE' && r.url().includes('/api/v1/auth/devices/'),
    );
    await other.getByRole('button', { name: /^Sign out Edge on Windows/ }).click();
    expect((await revoked).status()).toBe(200);
    await expect(other).toHaveCount(0);
    await expect(here.locator('#who')).toContainText('bob'); // this browser stays signed in

    // The other browser's next request (a preference change) is refused, renewal fails: sign-in form.
    await thereSettings.getByRole('checkbox', { name: 'Compact layout' }).check();
    await expect(signInForm(there)).toBeVisible();
    await expect(there.locator('#login-notice')).toHaveText(/signed out from another device/);
    await expect(there.locator('k8s-account-settings')).toHaveCount(0);
    expect(errors).toEqual([]);
  } finally {
    await here.context().close();
    await there.context().close();
  }
});

test('support reference: a device that already signed out cannot be signed out again; the error names the request id', async ({
  browser,
}) => {
  const here = await newPage(browser);
  const there = await newPage(browser, { userAgent: FIREFOX_ON_MACOS });
  const errors = watchErrors(here, EXPECTED_ERRORS);
  try {
    await signIn(there, 'bob');
    await signIn(here, 'bob');
    const settings = await openAccount(here);
    const other = settings.locator('[part=device]').filter({ hasText: 'Firefox on macOS' });
    await expect(other).toHaveCount(1);
    // The other browser signs itself out; this page's list is now out of date.
    await there.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(signInForm(there)).toBeVisible();

    const refused = here.waitForResponse(
      (r) => r.request().method() === 'DELETE' && r.url().includes('/api/v1/auth/devices/'),
    );
    await other.getByRole('button', { name: /^Sign out Firefox on macOS/ }).click();
    const response = await refused;
    expect(response.status()).toBe(404);
    const requestId = response.headers()['x-request-id'];
    expect(requestId).toBeTruthy();
    const error = settings.locator('[part=error]');
    await expect(error).toBeVisible();
    await expect(error).toContainText('no longer exists');
    await expect(error.locator('[part=error-reference]')).toHaveText(`Support reference: ${requestId}`);

    // Signing out this device from Account ends the session here, with nothing to explain.
    const current = settings.locator('[part=device]').filter({ hasText: 'This device' });
    await current.getByRole('button', { name: /^Sign out/ }).click();
    await expect(signInForm(here)).toBeVisible();
    await expect(here.locator('#login-notice')).toHaveText('');
    expect(errors).toEqual([]);
  } finally {
    await here.context().close();
    await there.context().close();
  }
});

test('security notice: a reused refresh token ends that sign-in; the admin sees the notice, the user why', async ({
  browser,
}) => {
  const admin = await newPage(browser);
  const bob = await newPage(browser);
  const errors = [...watchErrors(admin, EXPECTED_ERRORS), ...watchErrors(bob, EXPECTED_ERRORS)];
  try {
    await signIn(admin, 'admin', `${shortTtl.url}/`);
    const adminSettings = await openAccount(admin);
    await signIn(bob, 'bob', `${shortTtl.url}/`);
    await openAccount(bob);

    // A copy of bob's refresh cookie (httpOnly: only the browser and the test can read it) ...
    const refreshCookie = async () =>
      (await bob.context().cookies()).find((c) => c.name === 'kubechat_refresh')?.value;
    const stolen = await refreshCookie();
    expect(stolen).toBeTruthy();
    // ... goes stale as the page renews its 5-second tokens. After the second renewal the copy's successor
    // has been used, so a replay can no longer pass for a retried request whose answer was lost.
    const seen = new Set([stolen]);
    await expect
      .poll(
        async () => {
          seen.add(await refreshCookie());
          return seen.size;
        },
        { timeout: 20_000, intervals: [250] },
      )
      .toBeGreaterThanOrEqual(3);

    const replay = await fetch(`${shortTtl.url}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { cookie: `kubechat_refresh=${stolen}` },
    });
    expect(replay.status).toBe(401);
    expect((await replay.json()).code).toBe('REFRESH_TOKEN_REUSED');

    // The admin is told at once, in Account.
    const notice = adminSettings.locator('[part=notice]');
    await expect(notice).toContainText('A sign-in was ended for safety');
    await expect(notice).toContainText('A refresh token of bob was used twice');
    await expect(admin.locator('#who')).toContainText('admin');
    // The whole family was revoked, bob's own browser included: it is signed out, and says why.
    await expect(signInForm(bob)).toBeVisible({ timeout: 15_000 });
    await expect(bob.locator('#login-notice')).toHaveText(
      /You were signed out for your safety: A refresh token of bob was used twice/,
    );
    expect(errors).toEqual([]);
  } finally {
    await admin.context().close();
    await bob.context().close();
  }
});

test('idle timeout: a warning with "Stay signed in", then a sign-out that the sign-in form explains', async ({
  page,
}) => {
  const errors = watchErrors(page, EXPECTED_ERRORS);
  await signIn(page, 'victor', '/?idle=6');
  const dialog = page.getByRole('alertdialog', { name: 'Are you still there?' });
  // The warning shows in the last half of the 6 seconds (it is capped at half the timeout).
  await expect(dialog).toBeVisible({ timeout: 10_000 });
  await dialog.getByRole('button', { name: 'Stay signed in' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('#who')).toContainText('victor');
  // No activity now: the warning again, then the end of the session.
  await expect(dialog).toBeVisible({ timeout: 10_000 });
  await expect(signInForm(page)).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('#login-notice')).toHaveText(
    'You were signed out after 6 seconds without activity.',
  );
  await expect(dialog).toBeHidden();
  await expect(page.locator('#who')).toBeHidden();
  // The server ended the session too: a reload finds nobody signed in.
  await page.reload();
  await expect(signInForm(page)).toBeVisible();
  expect(errors).toEqual([]);
});

test('idle timeout: the default 15 minutes end a session whose laptop slept through them', async ({
  page,
}) => {
  const errors = watchErrors(page, EXPECTED_ERRORS);
  await page.clock.install();
  await signIn(page, 'victor');
  // The laptop sleeps: no timer runs, then twenty minutes have passed when the page is shown again.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.clock.fastForward('20:00');
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect(signInForm(page)).toBeVisible();
  await expect(page.locator('#login-notice')).toHaveText(
    'You were signed out after 15 minutes without activity.',
  );
  expect(errors).toEqual([]);
});

test('idle timeout: activity in another tab keeps this one signed in', async ({ page }) => {
  const errors = watchErrors(page, EXPECTED_ERRORS);
  await signIn(page, 'victor', '/?idle=12&idle-warning=4');
  const other = await page.context().newPage();
  await other.goto('/?idle=12&idle-warning=4');
  await expect(other.locator('#who')).toContainText('victor');
  const dialog = page.getByRole('alertdialog', { name: 'Are you still there?' });

  // Well past the 12 seconds, someone keeps working in the other tab only.
  const until = Date.now() + 16_000;
  while (Date.now() < until) {
    await other.keyboard.press('Shift');
    await expect(dialog).toBeHidden();
    await other.waitForTimeout(1_000);
  }
  await expect(page.locator('#who')).toContainText('victor');
  await expect(dialog).toBeHidden();

  // Then nobody does anything: both tabs end, and both say why: the tab whose timer ran out first signs
  // the other out with the reason (a background tab's timers may run late, so either can be first).
  await expect(signInForm(page)).toBeVisible({ timeout: 20_000 });
  await expect(signInForm(other)).toBeVisible();
  const idle = 'You were signed out after 12 seconds without activity.';
  await expect(page.locator('#login-notice')).toHaveText(idle);
  await expect(other.locator('#login-notice')).toHaveText(idle);
  expect(errors).toEqual([]);
});

test('axe: the Account page has no violations, in light and dark', async ({ page }) => {
  const errors = watchErrors(page, EXPECTED_ERRORS);
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, 'victor');
  await openAccount(page);
  expect(await axeViolations(page), 'account').toEqual([]);
  await page.screenshot({ path: `${SHOTS}portal-account.png` });
  // Dark, for this page only (the stored preference is left alone): the switch applies while signed in
  // and stores it, so set the tokens directly instead.
  await page.evaluate(() => {
    document.documentElement.dataset.theme = 'dark';
    (document.getElementById('theme-tokens') as HTMLLinkElement).href = '/themes/dark.css';
    document.querySelector('k8s-account-settings')!.setAttribute('theme', 'dark');
  });
  await expect(page.locator('html')).toHaveCSS('color-scheme', 'dark');
  expect(await axeViolations(page), 'account, dark').toEqual([]);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(signInForm(page)).toBeVisible();
  expect(errors).toEqual([]);
});
