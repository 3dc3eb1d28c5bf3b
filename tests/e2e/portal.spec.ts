import { expect, test } from '@playwright/test';

test('the demo portal loads every element from the CDN bundle without errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

  await page.goto('/');
  for (const tag of ['k8s-chat', 'k8s-command-preview', 'k8s-execution-status', 'k8s-command-history']) {
    await expect.poll(() => page.evaluate((t) => !!customElements.get(t), tag), { message: tag }).toBe(true);
  }
  await expect(page.locator('k8s-command-preview [part=command]')).toHaveText(
    'kubectl scale deployment/api -n prod --replicas=3',
  );
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill('list pods in prod');
  await composer.press('Enter');
  await expect(page.locator('k8s-chat [part~=message-user]')).toHaveText('list pods in prod');
  expect(errors).toEqual([]);
});
