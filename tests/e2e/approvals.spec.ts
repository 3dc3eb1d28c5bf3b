import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { signInPortal, watchErrors as watchPageErrors } from './support.js';

// Approvals, cancel and reconnects against the real reference server and its sandbox cluster (real HTTP,
// real WebSocket, a real database file). The sandbox runs in real time here, so `logs --follow` streams
// for about ten seconds: long enough to cancel it, or to drop the socket in the middle of it.

/** Page errors, minus the silent refresh (401) and the socket drops the tests cause. */
const watchErrors = (page: Page) =>
  watchPageErrors(page, /status of 401|ERR_INTERNET_DISCONNECTED|WebSocket/u);

/** A page of its own (own cookies, own session) signed in as `username`. */
async function signedIn(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  // Lets a test drop the live socket from the page side, the way a flaky network or a proxy would.
  await context.addInitScript(() => {
    const sockets: WebSocket[] = [];
    (window as unknown as { __sockets: WebSocket[] }).__sockets = sockets;
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        sockets.push(this);
      }
    };
  });
  const page = await context.newPage();
  // The specs share one server: start empty rather than in the person's last conversation.
  await signInPortal(page, username);
  return page;
}

/** Asks, and returns the preview of the answer to this request (found by the reply's message id). */
async function ask(page: Page, text: string): Promise<Locator> {
  const sent = page.waitForResponse(
    (r) => r.request().method() === 'POST' && /\/chat\/sessions\/[^/]+\/messages$/u.test(r.url()),
  );
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
  const body = (await (await sent).json()) as { reply: { id: string } };
  const preview = page.locator(`k8s-command-preview[message-id="${body.reply.id}"]`);
  await expect(preview).toBeVisible();
  return preview;
}

/**
 * Records every value the `status` attribute of a preview's execution status takes, in order. The chat
 * may render its rows again (it is virtualized), so the element is looked up again on every frame.
 */
async function recordStatuses(page: Page, preview: Locator): Promise<void> {
  const messageId = await preview.getAttribute('message-id');
  await page.evaluate((messageId) => {
    const seen: string[] = [];
    (window as unknown as { __statuses: string[] }).__statuses = seen;
    const record = (el: Element) => {
      const status = el.getAttribute('status');
      if (status && seen[seen.length - 1] !== status) seen.push(status);
    };
    // The execution status lives in the preview's shadow root, inside the chat's shadow root.
    const find = (): Element | null => {
      const chat = document.querySelector('k8s-chat');
      const mine = chat?.shadowRoot?.querySelector(`k8s-command-preview[message-id="${messageId}"]`);
      return mine?.shadowRoot?.querySelector('k8s-execution-status') ?? null;
    };
    let watched: Element | null = null;
    let observer: MutationObserver | null = null;
    const poll = () => {
      const el = find();
      if (el && el !== watched) {
        observer?.disconnect();
        watched = el;
        observer = new MutationObserver(() => record(el));
        observer.observe(el, { attributes: true, attributeFilter: ['status'] });
      }
      if (el) record(el);
      requestAnimationFrame(poll);
    };
    poll();
  }, messageId);
}

const statuses = (page: Page) =>
  page.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses);

/** The full output an execution status holds (virtualized: not all of it is in the DOM). */
const outputOf = (status: Locator) =>
  status.evaluate((el) => (el as HTMLElement & { outputText: string }).outputText);

/** The execution as the server has it, read over REST with the page's own session. */
async function serverOutput(page: Page, executionId: string): Promise<string> {
  return page.evaluate(async (id) => {
    const provider = document.getElementById('provider') as HTMLElement & {
      services: { api: { getExecution(id: string): Promise<{ output: string | null }> } };
    };
    const execution = await provider.services.api.getExecution(id);
    return execution.output ?? '';
  }, executionId);
}

test('a dangerous command asked for by alice, approved by admin in another browser, then run; alice sees it all live', async ({
  browser,
}) => {
  const admin = await signedIn(browser, 'admin');
  const adminErrors = watchErrors(admin);
  await admin.getByRole('link', { name: 'Approvals' }).click();
  const queue = admin.locator('#page-approvals k8s-approval-queue');
  await expect(queue.locator('[part=heading]')).toHaveText('Approval requests');
  await expect(queue.locator('[part=empty]')).toBeVisible();

  const alice = await signedIn(browser, 'alice');
  const aliceErrors = watchErrors(alice);
  const preview = await ask(alice, 'delete the worker deployment in staging');
  await expect(preview.locator('[part=badge]')).toContainText('Dangerous');
  await expect(preview.locator('[part=command]')).toHaveText('kubectl delete deployment/worker -n staging');
  await expect(preview.locator('[part=target]')).toContainText('staging');
  await preview.getByRole('button', { name: 'Request approval' }).click();

  // Alice: waiting, who must approve, and a countdown that really counts down.
  const approval = preview.locator('[part=approval]');
  await expect(approval).toHaveAttribute('data-state', 'pending');
  await expect(approval).toContainText('Waiting for approval by an admin other than you');
  const status = preview.locator('k8s-execution-status');
  await expect(status.locator('[part=label]')).toHaveText('Waiting for approval');
  await recordStatuses(alice, preview);
  const countdown = preview.locator('[part=countdown]');
  const first = await countdown.textContent();
  await expect(countdown).not.toHaveText(first!, { timeout: 5_000 });

  // Alice's own Approvals page lists her request, and only hers, with Cancel and no Approve.
  await alice.getByRole('link', { name: 'Approvals' }).click();
  const ownQueue = alice.locator('#page-approvals k8s-approval-queue');
  await expect(ownQueue.locator('[part=heading]')).toHaveText('Your pending requests');
  await expect(ownQueue.locator('[part=item]')).toHaveCount(1);
  await expect(ownQueue.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await expect(ownQueue.getByRole('button', { name: 'Cancel request' })).toBeVisible();
  await alice.getByRole('link', { name: 'Chat' }).click();

  // Admin: the request arrived live (no reload), with the full command, who asked, and the level.
  const item = queue.locator('[part=item]');
  await expect(item).toHaveCount(1);
  await expect(item.locator('[part=command]')).toHaveText('kubectl delete deployment/worker -n staging');
  await expect(item).toContainText('Asked by alice');
  await expect(item.locator('[part=badge]')).toContainText('Dangerous');
  await item.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(queue.locator('[part=item]')).toHaveCount(0);
  await expect(queue.locator('[part=empty]')).toBeVisible();

  // Alice, live: approved by admin (after the element re-checked the command), run, completed.
  await expect(approval).toHaveAttribute('data-state', 'approved', { timeout: 15_000 });
  await expect(approval).toContainText('Approved by admin');
  await expect(status.locator('[part=label]')).toHaveText('Completed', { timeout: 30_000 });
  await expect(status.locator('[part=summary] .exit-code')).toHaveText('0');
  await expect(status.locator('[part=summary] .ran-by')).toHaveText('alice');
  await expect(status.locator('[part=summary] .approved-by')).toHaveText('admin');
  expect(await outputOf(status)).toContain('deleted');
  const seen = await statuses(alice);
  const order = ['pending_approval', 'executing', 'completed'].map((s) => seen.indexOf(s));
  expect(
    order.every((i) => i >= 0),
    `statuses seen: ${seen.join(' → ')}`,
  ).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  expect(seen).not.toContain('failed');

  expect(aliceErrors).toEqual([]);
  expect(adminErrors).toEqual([]);
  await alice.context().close();
  await admin.context().close();
});

test('a rejection reaches the requester live, with the reason', async ({ browser }) => {
  const admin = await signedIn(browser, 'admin');
  await admin.getByRole('link', { name: 'Approvals' }).click();
  const alice = await signedIn(browser, 'alice');
  const preview = await ask(alice, 'delete pod web in staging');
  await preview.getByRole('button', { name: 'Request approval' }).click();
  await expect(preview.locator('[part=approval]')).toHaveAttribute('data-state', 'pending');

  const item = admin.locator('#page-approvals k8s-approval-queue [part=item]');
  await item.getByRole('button', { name: 'Reject…' }).click();
  await item.getByLabel('Reason for rejecting (required)').fill('Not during the release freeze.');
  await item.getByRole('button', { name: 'Reject', exact: true }).click();
  await expect(item).toHaveCount(0);

  await expect(preview.locator('[part=approval]')).toHaveAttribute('data-state', 'rejected');
  await expect(preview.locator('[part=approval]')).toContainText('Not during the release freeze.');
  await expect(preview.locator('k8s-execution-status [part=label]')).toHaveText('Rejected');
  await alice.context().close();
  await admin.context().close();
});

test('a long-running command is cancelled from the browser and really stops', async ({ browser }) => {
  const alice = await signedIn(browser, 'alice');
  const errors = watchErrors(alice);
  const preview = await ask(alice, 'follow the logs of deployment web in staging');
  await expect(preview.locator('[part=badge]')).toContainText('Safe');
  await preview.getByRole('button', { name: 'Run', exact: true }).click();
  const status = preview.locator('k8s-execution-status');
  await expect(status.locator('[part=label]')).toHaveText('Running');
  await expect(status.locator('[part=output]')).toContainText('GET', { timeout: 10_000 });

  await status.getByRole('button', { name: 'Cancel…' }).click();
  await status.getByRole('button', { name: 'Yes, cancel it' }).click();
  await expect(status.locator('[part=label]')).toHaveText('Cancelled', { timeout: 10_000 });
  await expect(status.locator('[part=summary] .exit-code')).toHaveText('130');
  await expect(status.getByRole('button', { name: 'Cancel…' })).toHaveCount(0);

  // It stopped for real: no output arrives after the cancel.
  const executionId = (await status.getAttribute('execution-id'))!;
  const atCancel = await serverOutput(alice, executionId);
  await alice.waitForTimeout(3_000); // the follow would have printed more by now
  expect(await serverOutput(alice, executionId)).toBe(atCancel);
  expect(errors).toEqual([]);
  await alice.context().close();
});

test('output is never doubled or lost when the socket drops in the middle of a stream', async ({
  browser,
}) => {
  const alice = await signedIn(browser, 'alice');
  const errors = watchErrors(alice);
  let sockets = 0;
  alice.on('websocket', () => sockets++);
  const preview = await ask(alice, 'follow the logs of deployment web in staging');
  await preview.getByRole('button', { name: 'Run', exact: true }).click();
  const status = preview.locator('k8s-execution-status');
  await expect(status.locator('[part=output]')).toContainText('GET', { timeout: 10_000 });
  const socketsBefore = sockets;

  // Offline, and the socket dropped from the page side, while the server keeps streaming.
  await alice.context().setOffline(true);
  await alice.evaluate(() => {
    for (const socket of (window as unknown as { __sockets: WebSocket[] }).__sockets) socket.close();
  });
  const linesWhileOffline = (await outputOf(status)).split('\n').length;
  await alice.waitForTimeout(3_000);
  await alice.context().setOffline(false);

  await expect(status.locator('[part=label]')).toHaveText('Completed', { timeout: 30_000 });
  expect(sockets).toBeGreaterThan(socketsBefore); // it really reconnected
  const executionId = (await status.getAttribute('execution-id'))!;
  const rest = await serverOutput(alice, executionId);
  // Wait for the last chunks, then compare line by line with the server's copy.
  const trim = (text: string) => text.replace(/\n$/u, '');
  await expect.poll(async () => trim(await outputOf(status))).toBe(trim(rest));
  const shown = trim(await outputOf(status)).split('\n');
  expect(shown.length).toBe(trim(rest).split('\n').length);
  expect(shown.length).toBeGreaterThan(linesWhileOffline); // lines written while offline arrived too
  expect(await status.evaluate((el) => (el as HTMLElement & { lineCount: number }).lineCount)).toBe(
    shown.length,
  );
  expect(errors).toEqual([]);
  await alice.context().close();
});
