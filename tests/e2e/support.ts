import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect, request, type Locator, type Page } from '@playwright/test';

// Shared helpers of the e2e specs: sign-in, asking the assistant, seeding executions over the real API,
// and an error watcher that fails a test on any page error or unexpected console error.

export const PASSWORD = 'kubechat-demo';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Runs axe-core (WCAG 2.x A/AA rules) on the whole page, open shadow roots included. */
export async function axeViolations(page: Page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ...a: unknown[]
          ) => Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`,
    );
  });
}

/**
 * Where the suite writes the README's screenshots: test-results/screenshots/ on every run, and
 * docs/screenshots/ (the committed copies) only with E2E_UPDATE_SCREENSHOTS=1, so a test run leaves the
 * committed images alone.
 */
export const SCREENSHOTS = fileURLToPath(
  new URL(
    process.env.E2E_UPDATE_SCREENSHOTS === '1'
      ? '../../docs/screenshots/'
      : '../../test-results/screenshots/',
    import.meta.url,
  ),
);
export const EXAMPLES_URL = process.env.E2E_EXAMPLES_URL ?? '';

/** Collects page errors and console errors, minus the ones a test says it expects (e.g. a 401 refresh). */
export function watchErrors(page: Page, expected: RegExp = /status of 401/) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !expected.test(m.text())) errors.push(m.text());
  });
  return errors;
}

/**
 * Signs in through the demo portal's own login form and starts a new, empty conversation: the specs share
 * one server, and the chat would otherwise reopen the user's last session from an earlier test.
 */
export async function signInPortal(page: Page, username: string, path = '/') {
  await signIn(page, username, path);
  await newConversation(page);
}

/** Signs in through the demo portal's own login form and waits for the signed-in header (no chatting). */
export async function signIn(page: Page, username: string, path = '/') {
  await page.goto(path);
  await page.getByLabel('User', { exact: true }).fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('#who')).toContainText(username);
}

/** Clicks the chat's New button and waits for the empty conversation. */
export async function newConversation(page: Page) {
  const chat = page.locator('k8s-chat');
  const active = chat.locator('[part~=session-active]');
  await expect(chat.locator('[data-action=new-session]')).toBeVisible();
  // A user with earlier conversations gets the last one reopened; give the list a moment to arrive.
  const reopened = await expect
    .poll(() => active.count(), { timeout: 3_000 })
    .toBeGreaterThan(0)
    .then(
      () => true,
      () => false,
    );
  const before = reopened ? await active.getAttribute('data-session') : null;
  await chat.locator('[data-action=new-session]').click();
  await expect(active).toHaveCount(1);
  if (before) await expect(active).not.toHaveAttribute('data-session', before);
  await expect(chat.locator('[part~=message-user]')).toHaveCount(0);
}
/** Types a request into the chat composer and waits for the assistant's command preview. */
export async function ask(page: Page, text: string) {
  const before = await page.locator('k8s-command-preview').count();
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
  await expect(page.locator('k8s-command-preview')).toHaveCount(before + 1, { timeout: 15_000 });
  return page.locator('k8s-command-preview').last();
}

/** A REST client signed in as `username` on `baseURL`, and the header that carries its access token. */
export async function apiAs(baseURL: string, username: string) {
  const api = await request.newContext({ baseURL });
  const login = await api.post('/api/v1/auth/login', { data: { username, password: PASSWORD } });
  expect(login.ok(), await login.text()).toBe(true);
  const { token } = (await login.json()).data;
  return { api, headers: { authorization: `Bearer ${token}` } };
}

/** The non-empty output lines an execution status element shows, given its `[part=output]`. */
export const outputLines = (output: Locator) =>
  output.evaluate((el) =>
    [...el.querySelectorAll('.line[data-line]')]
      .map((line) => line.textContent ?? '')
      .filter((line) => line.trim() !== ''),
  );

/** Runs commands for a user straight through the REST API (setup for pages that only read history). */
export async function runCommands(baseURL: string, username: string, commands: string[]) {
  const { api, headers } = await apiAs(baseURL, username);
  const ids: string[] = [];
  for (const command of commands) {
    const res = await api.post('/api/v1/commands/execute', {
      data: { command },
      headers: { ...headers, 'idempotency-key': crypto.randomUUID() },
    });
    expect(res.status(), await res.text()).toBeLessThan(300);
    const body = await res.json();
    // A command that needs approval answers 202 with the approval request, which names its execution.
    ids.push(body.command_execution_id ?? body.id);
  }
  await api.dispose();
  return ids;
}
