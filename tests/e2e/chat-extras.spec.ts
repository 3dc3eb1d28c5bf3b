import { expect, test, type Page } from '@playwright/test';
import { signIn as signInOnly, watchErrors as watchPageErrors } from './support.js';

// Issue 10 in <k8s-chat> against the real reference server (demo portal at `/`): explicit replies and threads,
// the conversation context and clearing it, stored preferences, redaction marks, the support reference on
// errors, and forced colours (Windows high contrast).

/** Page errors, minus 401s (the silent refresh on a first visit) and the test's own oversized message (400). */
const watchErrors = (page: Page) => watchPageErrors(page, /status of 40[01]/);

async function signIn(page: Page, username: string) {
  await signInOnly(page, username);
  // Each test talks in a conversation of its own (the demo users are shared by every spec of the run).
  const sessions = chat(page).locator('[part~=session]');
  await page.waitForFunction(() => {
    const provider = document.querySelector('k8s-chat-provider') as unknown as {
      services?: { stores: { $sessions: { get(): { loaded: boolean; loading: boolean } } } };
    };
    const state = provider.services?.stores.$sessions.get();
    return state?.loaded && !state.loading;
  });
  const before = await sessions.count();
  await chat(page).getByRole('button', { name: 'New', exact: true }).click();
  await expect(sessions).toHaveCount(before + 1);
  await expect(chat(page).locator('[part~=session-active]')).toContainText('New conversation');
  await expect(chat(page).locator('[part=examples]')).toBeVisible();
}

const chat = (page: Page) => page.locator('k8s-chat');
const assistant = (page: Page) => chat(page).locator('[part~=message-assistant]');
const users = (page: Page) => chat(page).locator('[part~=message-user]');

async function ask(page: Page, text: string) {
  const before = await assistant(page).count();
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
  await expect(assistant(page)).toHaveCount(before + 1);
  return assistant(page).last();
}

test('threads: reply to a chosen answer, quote and jump, fold with the keyboard, kept across a reload', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await signIn(page, 'alice');
  await ask(page, 'list deployments in prod');
  const first = assistant(page).first();
  await ask(page, 'list pods in staging');
  // Ordinary request/answer pairs are not threads.
  await expect(chat(page).locator('[part=reply-quote]')).toHaveCount(0);
  await expect(chat(page).locator('[part=thread-toggle]')).toHaveCount(0);

  await first.getByRole('button', { name: /^Reply to assistant/ }).click();
  await expect(chat(page).locator('[part=replying]')).toContainText('Replying to assistant');
  const composer = page.getByRole('textbox', { name: 'Message' });
  await expect(composer).toBeFocused();
  await composer.fill('show the services in prod');
  await composer.press('Enter');
  await expect(chat(page).locator('[part=replying]')).toHaveCount(0);
  const quote = chat(page).locator('[part=reply-quote]');
  await expect(quote).toHaveCount(1);
  await expect(quote).toContainText('In reply to assistant');
  await expect(assistant(page)).toHaveCount(3);
  await expect(assistant(page).last().locator('k8s-command-preview [part=command]')).toContainText(
    'kubectl get services -n prod',
  );

  // The reply and its answer fold under the message they answer.
  const toggle = first.locator('[part=thread-toggle]');
  await expect(toggle).toContainText('Hide 2 replies');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(users(page)).toHaveCount(2);
  await page.keyboard.press('Enter');
  await expect(users(page)).toHaveCount(3);

  await quote.focus();
  await page.keyboard.press('Enter');
  await expect(first).toBeFocused();

  // The server stored the parent: after a reload the quote is still there.
  await page.reload();
  await expect(chat(page).locator('[part=reply-quote]')).toContainText('In reply to assistant');
  expect(errors).toEqual([]);
});

test('conversation context: the answer says what it used, Clear context makes follow-ups ask again', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await signIn(page, 'bob');
  await ask(page, 'describe deployment api in prod');
  const followUp = await ask(page, 'now scale it to 5');
  await expect(followUp.locator('[part=context]')).toContainText('Using: deployment api in prod');
  await expect(followUp.locator('k8s-command-preview [part=command]')).toContainText(
    'kubectl scale deployment/api -n prod --replicas=5',
  );

  await followUp.getByRole('button', { name: 'Clear context' }).click();
  await expect(chat(page).locator('[part=context-cleared]')).toContainText('name the object');
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused();
  const asked = await ask(page, 'now scale it to 3');
  await expect(asked).toContainText('Which object do you mean?');
  await expect(asked.locator('k8s-command-preview')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('thread context: a reply resolves "it" against the answer it replies to, not the latest request', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await signIn(page, 'bob');
  await ask(page, 'scale the api deployment in prod to 3');
  const first = assistant(page).first(); // ask() answers with .last(), which moves on with the next answer
  await ask(page, 'show pods in staging');

  await first.getByRole('button', { name: /^Reply to assistant/ }).click();
  await expect(chat(page).locator('[part=replying]')).toContainText('Replying to assistant');
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill('now scale it to 5');
  await composer.press('Enter');
  await expect(assistant(page)).toHaveCount(3);
  const answer = assistant(page).last();
  // The session's latest context is pods in staging; the reply took the first request's.
  await expect(answer.locator('[part=context]')).toContainText('Using: deployment api in prod');
  await expect(answer.locator('k8s-command-preview [part=command]')).toContainText(
    'kubectl scale deployment/api -n prod --replicas=5',
  );
  expect(errors).toEqual([]);
});

test('preferences: stored theme and compact apply, and the default namespace goes with a request', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await signIn(page, 'admin');
  await page.evaluate(async () => {
    const provider = document.querySelector('k8s-chat-provider') as unknown as {
      services: { stores: { updatePreferences(u: Record<string, unknown>): Promise<unknown> } };
    };
    await provider.services.stores.updatePreferences({
      theme: 'dark',
      compact: true,
      default_namespace: 'payments',
    });
  });
  await expect(chat(page)).toHaveAttribute('theme', 'dark');
  await expect(chat(page)).toHaveAttribute('compact', '');
  const reply = await ask(page, 'list pods');
  await expect(reply.locator('k8s-command-preview [part=command]')).toContainText(
    'kubectl get pods -n payments',
  );
  // A namespace in the request wins over the default.
  const named = await ask(page, 'list pods in prod');
  await expect(named.locator('k8s-command-preview [part=command]')).toContainText('kubectl get pods -n prod');
  // Other specs sign in as admin on the same server: leave the defaults behind.
  await page.evaluate(async () => {
    const provider = document.querySelector('k8s-chat-provider') as unknown as {
      services: { stores: { updatePreferences(u: Record<string, unknown>): Promise<unknown> } };
    };
    await provider.services.stores.updatePreferences({
      theme: 'system',
      compact: false,
      default_namespace: null,
    });
  });
  expect(errors).toEqual([]);
});

test('redaction marks, the support reference on errors, and forced colours', async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, 'bob');
  await ask(page, 'list pods in prod, db password: hunter2');
  const mark = users(page).last().locator('mark[part=redacted]');
  await expect(mark).toHaveText('[REDACTED password]');
  await expect(mark).toHaveAttribute('title', 'Hidden by the server: password');
  await expect(chat(page)).not.toContainText('hunter2');

  // The server refuses an oversized message; the failed message carries the request id it logged.
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill('x'.repeat(4001));
  await composer.press('Enter');
  const failed = chat(page).locator('[data-status=failed]');
  await expect(failed.locator('[part=error-reference]')).toContainText(/Support reference: \S+/);
  await expect(failed.getByRole('button', { name: 'Retry' })).toBeVisible();

  await page.emulateMedia({ forcedColors: 'active' });
  // The long refused message fills the virtualized list; check its own row.
  await expect
    .poll(() =>
      chat(page).evaluate((el) => {
        const style = getComputedStyle(el.shadowRoot!.querySelector('[data-status=failed] article')!);
        return `${style.borderTopStyle} ${parseFloat(style.borderTopWidth) > 0}`;
      }),
    )
    .toBe('solid true');
  await failed.getByRole('button', { name: 'Retry' }).focus();
  await page.keyboard.press('Shift');
  const outline = await chat(page).evaluate((el) => {
    const focused = el.shadowRoot!.activeElement!;
    const style = getComputedStyle(focused);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(outline.style).toBe('solid');
  expect(outline.width).toBeGreaterThanOrEqual(2);
  expect(errors).toEqual([]);
});
