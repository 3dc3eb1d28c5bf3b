import { expect, test } from '@playwright/test';
import { ask, signInPortal, watchErrors } from './support.js';

// A shared session seen live by its participant, in a browser of their own.

test('a session shared read-only with victor shows him the owner’s new messages live', async ({
  page,
  browser,
}) => {
  const errors = watchErrors(page);
  await signInPortal(page, 'bob');
  await ask(page, 'list services in prod');
  const chat = page.locator('k8s-chat');
  const sessionId = await chat.locator('[part~=session-active]').getAttribute('data-session');

  await chat.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = chat.getByRole('dialog', { name: 'Share this session' });
  await dialog.getByLabel('User name').fill('victor');
  await dialog.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('Shared with victor');
  await dialog.getByRole('button', { name: 'Close' }).click();

  const viewerContext = await browser.newContext();
  try {
    const viewer = await viewerContext.newPage();
    const viewerErrors = watchErrors(viewer);
    await signInPortal(viewer, 'victor');
    const shared = viewer.locator(`k8s-chat [data-session="${sessionId}"]`).first();
    await expect(shared).toBeVisible({ timeout: 10_000 });
    await shared.click();
    const messages = viewer.locator('k8s-chat [part~=message-user]');
    await expect(messages.filter({ hasText: 'list services in prod' })).toHaveCount(1);

    // Bob writes again; victor sees it arrive without reloading.
    await ask(page, 'show deployments in staging');
    await expect(messages.filter({ hasText: 'show deployments in staging' })).toHaveCount(1, {
      timeout: 10_000,
    });
    expect(viewerErrors).toEqual([]);
  } finally {
    await viewerContext.close();
  }
  expect(errors).toEqual([]);
});
