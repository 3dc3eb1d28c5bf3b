import { expect, test } from '@playwright/test';
import { ownServer } from './own-server.js';
import { apiAs, ask, outputLines, runCommands, signInPortal, watchErrors } from './support.js';

// Network and process faults against the real server (reliability W1, W8).

const RESTART_PORT = Number(process.env.E2E_RESTART_PORT ?? Number(process.env.E2E_PORT ?? 8181) + 3);

/** How long W8 stays offline (reliability W8: 60 s). */
const OFFLINE_MS = 60_000;

test('W1: the server is killed mid-execution and restarted; the page reconnects fast and shows what the server says', async ({
  page,
}) => {
  const server = ownServer(RESTART_PORT);
  await server.start();
  try {
    const errors = watchErrors(page, /status of (401|502|503)|ERR_CONNECTION_REFUSED|WebSocket/);
    const sockets: number[] = [];
    page.on('websocket', () => sockets.push(Date.now()));
    await signInPortal(page, 'alice', `${server.url}/`);
    const preview = await ask(page, 'kubectl logs deployment/api -n prod -f');
    await expect(preview.locator('[part=command]')).toContainText('logs deployment/api -n prod -f');
    await preview.getByRole('button', { name: 'Run', exact: true }).click();
    const label = preview.locator('k8s-execution-status [part=label]');
    await expect(label).toHaveText('Running', { timeout: 15_000 });
    await expect
      .poll(
        async () => (await outputLines(page.locator('k8s-execution-status [part=output]').last())).length,
        { timeout: 15_000 },
      )
      .toBeGreaterThan(2);

    await server.kill();
    await page.waitForTimeout(2_000);
    const socketsBefore = sockets.length;
    await server.start();
    const reachableAt = Date.now();
    await expect.poll(() => sockets.length, { timeout: 10_000 }).toBeGreaterThan(socketsBefore);
    expect(sockets[socketsBefore]! - reachableAt).toBeLessThan(3_000);

    // The server marked the interrupted run failed; the page shows the same, without doubled lines.
    await expect(label).toHaveText('Failed', { timeout: 15_000 });
    const executionId = await preview.locator('k8s-execution-status').getAttribute('execution-id');
    const { api, headers } = await apiAs(server.url, 'alice');
    const snapshot = await (await api.get(`/api/v1/commands/executions/${executionId}`, { headers })).json();
    await api.dispose();
    expect(snapshot.status).toBe('failed');
    await expect(preview.locator('k8s-execution-status')).toContainText('restarted');
    const lines = await outputLines(page.locator('k8s-execution-status [part=output]').last());
    expect(new Set(lines).size).toBe(lines.length);
    expect(errors).toEqual([]);
  } finally {
    await server.stop();
  }
});

test('W8: a minute offline while sending two messages and approving: each message stored once, the approval runs once', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(OFFLINE_MS + 90_000);
  const [executionId] = await runCommands(baseURL!, 'alice', ['kubectl delete pod web-1 -n staging']);
  await signInPortal(page, 'admin');
  await ask(page, 'list pods in default');
  const sessionId = await page.locator('k8s-chat [part~=session-active]').getAttribute('data-session');
  const approveAnswers: number[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('/api/v1/commands/approve')) approveAnswers.push(r.status());
  });

  await context.setOffline(true);
  const offlineAt = Date.now();
  const composer = page.getByRole('textbox', { name: 'Message' });
  for (const text of ['show services in prod', 'show deployments in prod']) {
    await composer.fill(text);
    await composer.press('Enter');
  }
  await expect(
    page.locator('k8s-chat [part~=message-user]').filter({ hasText: 'show deployments in prod' }),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Approvals' }).click();
  const request = page
    .locator('#page-approvals k8s-approval-queue [part~=item]')
    .filter({ hasText: 'web-1' });
  await request.getByRole('button', { name: 'Approve' }).click();
  // The row's full minute offline: long enough for heartbeats to give up and backoffs to grow.
  await page.waitForTimeout(Math.max(0, offlineAt + OFFLINE_MS - Date.now()));
  await context.setOffline(false);

  // Back online: both messages are stored exactly once, in order, each with its own reply.
  const { api, headers } = await apiAs(baseURL!, 'admin');
  await expect
    .poll(
      async () => {
        const messages = await (
          await api.get(`/api/v1/chat/sessions/${sessionId}/messages`, { headers })
        ).json();
        return (messages.data ?? messages)
          .filter((m: { type: string }) => m.type === 'user')
          .map((m: { content: string }) => m.content);
      },
      { timeout: 20_000 },
    )
    .toEqual(['list pods in default', 'show services in prod', 'show deployments in prod']);
  await page.getByRole('link', { name: 'Chat' }).click();
  for (const text of ['show services in prod', 'show deployments in prod']) {
    await expect(page.locator('k8s-chat [part~=message-user]').filter({ hasText: text })).toHaveCount(1);
  }

  // The approval: the click made offline either failed visibly or went through once; never twice.
  await page.getByRole('link', { name: 'Approvals' }).click();
  if (await request.count()) await request.getByRole('button', { name: 'Approve' }).click();
  await expect(request).toHaveCount(0, { timeout: 10_000 });
  // It ran (the sandbox says how it went) and the server accepted exactly one approval.
  await expect
    .poll(
      async () =>
        (await (await api.get(`/api/v1/commands/executions/${executionId}`, { headers })).json()).status,
      {
        timeout: 15_000,
      },
    )
    .toMatch(/^(completed|failed)$/);
  expect(approveAnswers.filter((status) => status < 300)).toHaveLength(1);
  await api.dispose();
});
