import { expect, test, type Page } from '@playwright/test';
import {
  PASSWORD,
  ask,
  newConversation,
  runCommands,
  signInPortal,
  watchErrors,
  axeViolations,
  SCREENSHOTS,
} from './support.js';

// Every page of the demo portal: axe finds no violations, the pages work, and the suite takes the
// README's screenshots while it is there: into test-results/screenshots/ on every run, and into
// docs/screenshots/ (the README's copies) with E2E_UPDATE_SCREENSHOTS=1, so a test run leaves the
// committed images alone.

const SHOTS = SCREENSHOTS;

async function openPage(page: Page, name: string) {
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page');
}

test.beforeAll(async ({ baseURL }) => {
  // Something for every page to show: runs in two namespaces and a dangerous request waiting for admin.
  await runCommands(baseURL!, 'bob', ['kubectl get pods -n prod', 'kubectl get deployments -n staging']);
  await runCommands(baseURL!, 'bob', ['kubectl delete pod web-0 -n staging']);
});

test('axe: the sign-in page has no violations', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}portal-sign-in.png` });
  // The check can fail: a nameless button is a violation.
  await page.evaluate(() => document.body.append(document.createElement('button')));
  expect(await axeViolations(page)).toEqual([expect.stringMatching(/^button-name/)]);
});

test('axe: Dashboard, Chat, History and Approvals have no violations, in light and dark', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInPortal(page, 'admin');
  await ask(page, 'list pods in prod');
  expect(await axeViolations(page), 'chat').toEqual([]);
  await page.screenshot({ path: `${SHOTS}portal-chat.png` });

  await openPage(page, 'Dashboard');
  const recent = page.getByRole('region', { name: 'Recent commands' });
  await expect(recent.locator('k8s-command-history')).toHaveAttribute('compact', '');
  await expect(recent.getByRole('row').filter({ hasText: 'kubectl get pods -n prod' }).first()).toBeVisible();
  const waiting = page.getByRole('region', { name: 'Waiting for approval' });
  await expect(waiting.locator('k8s-approval-queue [part~=command]').first()).toContainText(
    'delete pod web-0',
  );
  expect(await axeViolations(page), 'dashboard').toEqual([]);
  await page.screenshot({ path: `${SHOTS}portal-dashboard.png` });

  await openPage(page, 'History');
  await expect(
    page
      .locator('#page-history k8s-command-history')
      .getByRole('row')
      .filter({ hasText: 'deployments' })
      .first(),
  ).toBeVisible();
  expect(await axeViolations(page), 'history').toEqual([]);
  await page.screenshot({ path: `${SHOTS}portal-history.png` });

  await openPage(page, 'Approvals');
  await expect(page.locator('#page-approvals k8s-approval-queue [part~=command]').first()).toContainText(
    'delete pod web-0',
  );
  expect(await axeViolations(page), 'approvals').toEqual([]);
  await page.screenshot({ path: `${SHOTS}portal-approvals.png` });

  // The light/dark switch swaps the theme tokens the elements read.
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  // The switch is the person's stored theme: start from light whatever an earlier spec left behind.
  if ((await toggle.getAttribute('aria-pressed')) === 'true') {
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  }
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect
    .poll(() => page.evaluate(() => getComputedStyle(document.documentElement).colorScheme))
    .toBe('dark');
  await openPage(page, 'Chat');
  expect(await axeViolations(page), 'chat, dark').toEqual([]);
  await page.screenshot({ path: `${SHOTS}portal-chat-dark.png` });
  expect(errors).toEqual([]);
});

test('host-delegated auth page: the host signs in and holds the token; the provider only asks for it', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/host-auth.html');
  await expect(page.getByRole('heading', { name: 'Sign in to the portal' })).toBeVisible();
  expect(await axeViolations(page), 'host sign-in').toEqual([]);
  // Count the host's token calls: the provider asks the host, never /auth/login or /auth/refresh itself.
  const authCalls: string[] = [];
  page.on('request', (r) => {
    if (/\/api\/v1\/auth\/(login|refresh)/.test(r.url())) authCalls.push(new URL(r.url()).pathname);
  });
  await page.getByLabel('User', { exact: true }).fill('alice');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('#who')).toContainText('alice · user');
  await newConversation(page);
  const preview = await ask(page, 'list pods in default');
  await expect(preview.locator('[part=badge]')).toContainText('Safe');
  expect(authCalls).toEqual(['/api/v1/auth/login']);
  expect(await axeViolations(page), 'host chat').toEqual([]);
  await page.screenshot({ path: `${SHOTS}portal-host-auth.png` });

  // Nothing of the session is stored where script could read it later (A3).
  const stored = await page.evaluate(() => ({
    local: localStorage.length,
    session: Object.keys(sessionStorage).filter((k) => /token/i.test(sessionStorage.getItem(k) ?? '')),
    cookie: document.cookie,
  }));
  expect(stored).toEqual({ local: stored.local, session: [], cookie: '' });
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toMatch(/eyJ/);

  // A reload resumes through the host's refresh cookie, and sign-out ends it.
  await page.reload();
  await expect(page.locator('#who')).toContainText('alice');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to the portal' })).toBeVisible();
  await expect(page.locator('k8s-chat')).toHaveCount(0);
  expect(errors).toEqual([]);
});
