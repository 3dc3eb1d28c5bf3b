import { expect, test } from '@playwright/test';
import { ask, signInPortal, watchErrors } from './support.js';

// The demo portal served by the real reference server: real HTTP, real WebSocket, a real database file.

test('golden path: sign in, ask in plain English, run a safe command, watch it complete, find it in History', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await signInPortal(page, 'alice');
  const preview = await ask(page, 'list pods in prod');
  await expect(preview.locator('[part=badge]')).toContainText('Safe');
  await expect(preview.locator('[part=command]')).toContainText('kubectl get pods -n prod');
  await preview.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(preview.locator('k8s-execution-status [part=label]')).toHaveText('Completed', {
    timeout: 20_000,
  });
  await expect(preview.locator('k8s-execution-status [part=output]')).toContainText('Running');

  await page.getByRole('link', { name: 'History' }).click();
  const history = page.locator('k8s-command-history');
  await expect(
    history.getByRole('row').filter({ hasText: 'kubectl get pods -n prod' }).first(),
  ).toBeVisible();
  expect(errors).toEqual([]);
});

test('a warning command needs a second, explicit confirmation and then scales the deployment', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await signInPortal(page, 'bob');
  const preview = await ask(page, 'scale the web deployment in staging to 3');
  await expect(preview.locator('[part=badge]')).toContainText('Warning');
  await preview.getByRole('button', { name: 'Confirm and run…' }).click();
  await preview.getByRole('button', { name: 'Run now' }).click();
  await expect(preview.locator('k8s-execution-status [part=label]')).toHaveText('Completed', {
    timeout: 30_000,
  });
  await expect(preview.locator('k8s-execution-status [part=output]')).toContainText('scaled');
  expect(errors).toEqual([]);
});

test('a reload keeps the signed-in session, the chat session and its messages, nothing doubled', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await signInPortal(page, 'victor');
  const requests = ['list pods in default', 'show deployments in prod', 'get services in staging'];
  for (const request of requests) {
    await ask(page, request);
    await expect(page.locator('k8s-command-preview')).toHaveCount(requests.indexOf(request) + 1);
  }
  const userMessages = page.locator('k8s-chat [part~=message-user]');
  await expect(userMessages).toHaveCount(3);
  const activeSession = await page.locator('k8s-chat [part~=session-active]').getAttribute('data-session');

  await page.reload();
  await expect(page.locator('#who')).toContainText('victor');
  await expect(page.locator('k8s-chat [part~=session-active]')).toHaveAttribute(
    'data-session',
    activeSession!,
  );
  await expect(userMessages).toHaveCount(3);
  await expect(page.locator('k8s-command-preview')).toHaveCount(3);
  for (const request of requests) await expect(userMessages.filter({ hasText: request })).toHaveCount(1);
  expect(errors).toEqual([]);
});
