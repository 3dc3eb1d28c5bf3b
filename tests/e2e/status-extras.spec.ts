import { expect, request, test, type Browser, type Page } from '@playwright/test';
import { PASSWORD, ask, signInPortal, watchErrors } from './support.js';

// Issue 10 in the real browser against the real server (real HTTP, WebSocket and database file): the
// server redacts a Secret's values before they reach the page, the execution status marks each hidden
// value, announces the end once, and an approver's optional note goes with Approve.

async function signedIn(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInPortal(page, username);
  return page;
}

test('a Secret read as YAML: approved with a note, run, and every secret value shown as a marked span', async ({
  browser,
}) => {
  const admin = await signedIn(browser, 'admin');
  const adminErrors = watchErrors(admin);
  await admin.getByRole('link', { name: 'Approvals' }).click();
  const queue = admin.locator('#page-approvals k8s-approval-queue');
  await expect(queue.locator('[part=heading]')).toHaveText('Approval requests');

  const alice = await signedIn(browser, 'alice');
  const aliceErrors = watchErrors(alice);
  const preview = await ask(alice, 'show me the value of the db-credentials secret in prod');
  const command = preview.locator('[part=command]');
  await expect(command).toHaveText(/^kubectl get secret[ /]db-credentials -n prod -o yaml$/u);
  const commandText = (await command.textContent())!;
  // Its region is named after the command, so several previews in one conversation stay distinct.
  await expect(preview.locator('section[part=base]')).toHaveAttribute(
    'aria-label',
    `Command preview: ${commandText}`,
  );
  await expect(preview.locator('[part=badge]')).toContainText('Dangerous');
  await preview.getByRole('button', { name: 'Request approval' }).click();
  await expect(preview.locator('[part=approval]')).toHaveAttribute('data-state', 'pending');

  // Admin approves with an optional note; a dangerous approval may ask for the password again (step-up).
  const item = queue.locator('[part=item]').filter({ hasText: 'db-credentials' });
  await expect(item).toHaveCount(1, { timeout: 15_000 });
  await item.getByLabel('Note with your approval (optional)').fill('Checked with alice: read-only.');
  await item.getByRole('button', { name: 'Approve', exact: true }).click();
  const password = item.getByLabel(/Your password/u);
  const done = queue.locator('[part=item]').filter({ hasText: 'db-credentials' });
  await expect
    .poll(async () => ((await password.count()) > 0 ? 'step-up' : (await done.count()) === 0 ? 'done' : ''), {
      timeout: 10_000,
    })
    .not.toBe('');
  if ((await password.count()) > 0) {
    await password.fill(PASSWORD);
    await item.getByRole('button', { name: 'Approve with password' }).click();
  }
  await expect(done).toHaveCount(0);

  // Alice, live: approved, run, completed; the end announced once for screen readers.
  const status = preview.locator('k8s-execution-status');
  await expect(status.locator('[part=label]')).toHaveText('Completed', { timeout: 30_000 });
  await expect(status.locator('[part=announcement]')).toHaveText(
    `Command completed, exit code 0: ${commandText}`,
  );

  // Every value of the Secret's data arrived redacted and is shown as a marked, explained span.
  const marked = status.locator('[part=redacted]');
  await expect(marked.first()).toBeVisible();
  expect(await marked.count()).toBeGreaterThanOrEqual(2); // username and password
  await expect(marked.first()).toContainText(/hidden: (secret data|password|base64 blob)/u);
  await expect(marked.first()).toHaveAttribute('title', /The server hid .* here/u);
  const output = status.locator('[part=output]');
  await expect(output).toContainText('db-credentials');
  const shown = (await output.textContent()) ?? '';
  const full = await status.evaluate((el) => (el as HTMLElement & { outputText: string }).outputText);
  // `shop` (the seeded username) in base64: no secret value reached the page, as text or in the DOM.
  for (const text of [shown, full]) expect(text).not.toContain('c2hvcA==');
  // No data line carries a value, only the marker; Copy/Download keep the marker text.
  expect(full).toMatch(/\[REDACTED (secret data|password|base64 blob)\]/u);
  const dataLines = full.split('\n').filter((l) => /^\s+(username|password):/u.test(l));
  expect(dataLines.length).toBeGreaterThanOrEqual(2);
  for (const line of dataLines) expect(line).toMatch(/:\s*\[REDACTED [a-z0-9 ]+\]\s*$/u);

  // The raw markup never became HTML: the marked spans are the element's own, nothing else appeared.
  expect(await output.locator('script, img, iframe').count()).toBe(0);

  expect(aliceErrors).toEqual([]);
  expect(adminErrors).toEqual([]);
  await alice.context().close();
  await admin.context().close();
});

test('sound on: a completed run plays the rising cue, a failed run the falling one, each announced once', async ({
  browser,
  baseURL,
}) => {
  const page = await (await browser.newContext()).newPage();
  // Records every note the page's Web Audio oscillators are asked to play (the real API underneath).
  await page.addInitScript(() => {
    const notes: number[] = [];
    (window as unknown as { cueNotes: number[] }).cueNotes = notes;
    const create = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      const oscillator = create.call(this);
      const setValueAtTime = oscillator.frequency.setValueAtTime.bind(oscillator.frequency);
      oscillator.frequency.setValueAtTime = (value: number, time: number) => {
        notes.push(value);
        return setValueAtTime(value, time);
      };
      return oscillator;
    };
  });
  const notes = () => page.evaluate(() => (window as unknown as { cueNotes: number[] }).cueNotes);
  const errors = watchErrors(page);
  try {
    await signInPortal(page, 'bob');
    await page.getByRole('link', { name: 'Account', exact: true }).click();
    const settings = page.locator('#page-account k8s-account-settings');
    await settings.getByRole('checkbox', { name: /Play a sound/u }).check();
    await expect(settings.getByRole('status')).toHaveText('Saved.');
    await page.getByRole('link', { name: 'Chat', exact: true }).click();

    const ok = await ask(page, 'list pods in default');
    await ok.getByRole('button', { name: 'Run', exact: true }).click();
    const okStatus = ok.locator('k8s-execution-status');
    await expect(okStatus.locator('[part=label]')).toHaveText('Completed', { timeout: 20_000 });
    await expect(okStatus.locator('[part=announcement]')).toHaveText(
      /^\s*Command completed, exit code 0: kubectl get pods -n default\s*$/u,
    );
    await expect.poll(notes).toEqual([660, 880]); // CUE_NOTES.success

    const failing = await ask(page, 'show logs of pod ghost in default');
    await failing.getByRole('button', { name: 'Run', exact: true }).click();
    const failedStatus = failing.locator('k8s-execution-status');
    await expect(failedStatus.locator('[part=label]')).toHaveText('Failed', { timeout: 20_000 });
    await expect(failedStatus.locator('[part=announcement]')).toHaveText(/^\s*Command failed/u);
    await expect.poll(notes).toEqual([660, 880, 392, 262]); // then CUE_NOTES.failure
  } finally {
    // The preference is stored on the shared server: put it back for the other specs.
    const api = await request.newContext({ baseURL });
    const login = await api.post('/api/v1/auth/login', { data: { username: 'bob', password: PASSWORD } });
    const { token } = (await login.json()).data;
    await api.patch('/api/v1/auth/me/preferences', {
      data: { sound: false },
      headers: { authorization: `Bearer ${token}` },
    });
    await api.dispose();
    await page.context().close();
  }
  expect(errors).toEqual([]);
});
