import { expect, test } from '@playwright/test';
import { ask, signInPortal, watchErrors } from './support.js';

// Two people, two browsers: a dangerous command waits for a second user's approval and then runs, live
// for the requester; and a running command is cancelled from the page.

test('a dangerous command is approved by a second user in another browser and runs, live for the requester', async ({
  page,
  browser,
}) => {
  const errors = watchErrors(page);
  await signInPortal(page, 'bob');
  const preview = await ask(page, 'delete pod web-0 in staging');
  await expect(preview.locator('[part=badge]')).toContainText('Dangerous');
  await preview.getByRole('button', { name: 'Request approval' }).click();
  const status = preview.locator('k8s-execution-status [part=label]');
  await expect(status).toContainText(/approval/i, { timeout: 10_000 });

  // The approver: another browser context (own cookies, own session), signed in as admin.
  const approverContext = await browser.newContext();
  try {
    const approver = await approverContext.newPage();
    const approverErrors = watchErrors(approver);
    await signInPortal(approver, 'admin');
    await approver.getByRole('link', { name: 'Approvals' }).click();
    const item = approver
      .locator('#page-approvals k8s-approval-queue [part~=item]')
      .filter({ hasText: /delete pod.web-0 -n staging/ })
      .filter({ hasText: 'bob' })
      .first();
    await expect(item).toBeVisible({ timeout: 10_000 });
    await item.getByRole('button', { name: 'Approve' }).click();
    // The approver signed in moments ago, so no step-up password is asked; the request leaves the queue.
    await expect(item).toHaveCount(0, { timeout: 10_000 });
    expect(approverErrors).toEqual([]);
  } finally {
    await approverContext.close();
  }

  // Bob sees it run to the end without reloading.
  await expect(status).toHaveText(/Completed|Failed/, { timeout: 20_000 });
  expect(errors).toEqual([]);
});

test('a running command is cancelled from the page and ends as Cancelled', async ({ page }) => {
  const errors = watchErrors(page);
  await signInPortal(page, 'alice');
  const preview = await ask(page, 'kubectl logs deployment/api -n prod -f');
  await preview.getByRole('button', { name: 'Run', exact: true }).click();
  const status = preview.locator('k8s-execution-status');
  await expect(status.locator('[part=label]')).toHaveText('Running', { timeout: 15_000 });
  await status.getByRole('button', { name: 'Cancel…' }).click();
  await expect(status.getByRole('alert')).toHaveText('Cancel this command?');
  await status.getByRole('button', { name: 'Yes, cancel it' }).click();
  await expect(status.locator('[part=label]')).toHaveText('Cancelled', { timeout: 10_000 });
  expect(errors).toEqual([]);
});
