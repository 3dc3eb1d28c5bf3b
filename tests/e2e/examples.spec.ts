import { expect, test, type Page } from '@playwright/test';
import { EXAMPLES_URL, PASSWORD, ask, newConversation, runCommands, watchErrors } from './support.js';

// The embedding examples, built (`npm run build`) and served from an origin of their own, against the
// real reference server: cross-origin REST with CORS, the WebSocket's Origin allow-list, real data.

const server = () => test.info().project.use.baseURL!;
const example = (name: string) => `${EXAMPLES_URL}/${name}/index.html?server=${encodeURIComponent(server())}`;

async function hostSignIn(page: Page, username: string) {
  await page.getByLabel('User', { exact: true }).fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('React 19 host: the @k8s-chat/react wrappers render, take props and hand k8s-* events to onK8s… props', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto(example('react'));
  await hostSignIn(page, 'alice');
  await expect(page.getByTestId('who')).toHaveText('alice');
  await newConversation(page);

  // The provider got the host's getAccessToken (a property, not an attribute) and the chat works.
  const preview = await ask(page, 'list pods in prod');
  const log = page.getByRole('list', { name: 'Host event log' });
  await expect(log).toContainText('message-send: list pods in prod');
  await expect(preview.locator('[part=command]')).toContainText('kubectl get pods -n prod');
  await preview.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(preview.locator('k8s-execution-status [part=label]')).toHaveText('Completed', {
    timeout: 20_000,
  });

  // The compact history beside the chat hears the new execution live; opening a row reaches the host.
  const row = page
    .locator('k8s-command-history')
    .getByRole('row')
    .filter({ hasText: 'kubectl get pods -n prod' });
  await expect(row.first()).toBeVisible({ timeout: 10_000 });
  await row.first().click();
  await expect(log).toContainText('history-select: kubectl get pods -n prod');
  // The host cancelled the element's own dialog and shows the run through K8sExecutionStatus.
  await expect(page.locator('k8s-command-history').getByRole('dialog')).toBeHidden();
  const opened = page.getByRole('region', { name: 'Opened run' }).locator('k8s-execution-status');
  await expect(opened.locator('[part=label]')).toHaveText('Completed');

  // K8sCommandPreview with props set from React: Run reaches the host, then the command really runs.
  const quick = page.getByRole('region', { name: 'Quick check' }).locator('k8s-command-preview');
  await expect(quick.locator('[part=command]')).toContainText('kubectl get nodes');
  await quick.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(log).toContainText('command-run: kubectl get nodes');
  await expect(quick.locator('k8s-execution-status [part=label]')).toHaveText('Completed', {
    timeout: 20_000,
  });
  expect(errors).toEqual([]);
});

test('plain HTML: one script tag from the server’s /cdn/ registers every element', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(example('cdn'));
  await expect(page.locator('script[src]')).toHaveCount(1);
  // Nobody is signed in: the provider says so and the page shows its form.
  await hostSignIn(page, 'bob');
  await expect(page.getByRole('form', { name: 'Sign in to KubeChat' })).toBeHidden();
  await newConversation(page);
  const preview = await ask(page, 'show deployments in staging');
  await expect(preview.locator('[part=badge]')).toContainText('Safe');
  expect(
    await page.evaluate(() =>
      [
        'k8s-chat-provider',
        'k8s-chat',
        'k8s-command-history',
        'k8s-approval-queue',
        'k8s-execution-status',
      ].every((tag) => customElements.get(tag)),
    ),
  ).toBe(true);
  expect(errors).toEqual([]);
});

test('Backstage-style entity card: compact history of the entity’s namespace, in a half-width InfoCard', async ({
  page,
}) => {
  await runCommands(server(), 'bob', ['kubectl get pods -n prod', 'kubectl get services -n staging']);
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(example('backstage'));
  await hostSignIn(page, 'bob');
  const card = page.getByRole('region', { name: 'Kubernetes commands' });
  const history = card.locator('k8s-command-history');
  await expect(history).toHaveAttribute('compact', '');
  await expect(
    history.getByRole('row').filter({ hasText: 'kubectl get pods -n prod' }).first(),
  ).toBeVisible();
  await expect(history.getByRole('row').filter({ hasText: 'staging' })).toHaveCount(0);
  // Backstage's grid: two md={6} cards side by side in the content area beside the 224px sidebar.
  const box = (await card.boundingBox())!;
  expect(box.height).toBe(420);
  expect(box.width).toBeGreaterThan(500);
  expect(box.width).toBeLessThan(620);
  expect(errors).toEqual([]);
});

test('Grafana-style panel: compact history filtered by $namespace, exactly the size the panel gives it', async ({
  page,
}) => {
  await runCommands(server(), 'alice', ['kubectl get services -n staging', 'kubectl get pods -n default']);
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(example('grafana'));
  await hostSignIn(page, 'alice');
  const history = page.locator('k8s-command-history');
  await expect(
    history.getByRole('row').filter({ hasText: 'kubectl get services -n staging' }).first(),
  ).toBeVisible();
  await expect(history.getByRole('row').filter({ hasText: '-n default' })).toHaveCount(0);
  const box = (await history.boundingBox())!;
  expect(Math.round(box.width)).toBe(592 - 16);
  expect(Math.round(box.height)).toBe(372 - 32 - 16);
  expect(errors).toEqual([]);
});
