import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, watchErrors } from './support.js';

// The golden path with the keyboard alone: no clicks, no fill(); only Tab, Shift+Tab, typing and Enter.

/** What has focus, looking through open shadow roots: its tag and accessible-ish name. */
function focused(page: Page) {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return { tag: '', name: '', role: '', row: '' };
    const label =
      el.getAttribute('aria-label') ??
      (el as HTMLInputElement).labels?.[0]?.textContent ??
      el.getAttribute('name') ??
      el.textContent ??
      '';
    const row = el.closest('[role="row"]')?.textContent ?? '';
    return {
      tag: el.tagName.toLowerCase(),
      name: label.replace(/\s+/g, ' ').trim(),
      role: el.getAttribute('role') ?? '',
      row: row.replace(/\s+/g, ' ').trim(),
    };
  });
}

/** Presses Tab (or Shift+Tab) until the focused element matches; fails after `max` presses. */
async function tabTo(page: Page, tag: string, name: RegExp, { back = false, max = 80 } = {}) {
  for (let i = 0; i < max; i++) {
    const now = await focused(page);
    if (now.tag === tag && name.test(now.name)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`no ${tag} named ${name} within ${max} ${back ? 'Shift+Tab' : 'Tab'} presses`);
}

test('golden path with the keyboard alone: sign in, ask, run, watch it complete, find it in History', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  await tabTo(page, 'input', /^User/);
  await page.keyboard.type('bob');
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.locator('#who')).toContainText('bob');
  // A new conversation (the chat reopens bob's last one from earlier tests otherwise).
  await tabTo(page, 'button', /^New$/);
  await page.keyboard.press('Enter');
  await expect(page.locator('k8s-chat [part~=message-user]')).toHaveCount(0);

  await tabTo(page, 'textarea', /Message/);
  await page.keyboard.type('list pods in staging');
  await page.keyboard.press('Enter');
  const preview = page.locator('k8s-command-preview').last();
  await expect(preview.locator('[part=command]')).toContainText('kubectl get pods -n staging', {
    timeout: 15_000,
  });

  await tabTo(page, 'button', /^Run$/, { back: true });
  await page.keyboard.press('Enter');
  await expect(preview.locator('k8s-execution-status [part=label]')).toHaveText('Completed', {
    timeout: 20_000,
  });

  await tabTo(page, 'a', /^History$/, { back: true, max: 120 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('link', { name: 'History' })).toHaveAttribute('aria-current', 'page');
  const history = page.locator('#page-history k8s-command-history');
  const row = history.getByRole('row').filter({ hasText: 'kubectl get pods -n staging' }).first();
  await expect(row).toBeVisible();

  // Into the grid and open the run's details with Enter; Escape closes them again.
  // The grid is one tab stop with a roving focus per cell: Tab into it, then ArrowDown to the run's row.
  const trail: string[] = [];
  for (let i = 0; (await focused(page)).role !== 'gridcell'; i++) {
    const now = await focused(page);
    trail.push(`${now.tag}[${now.role}] ${now.name.slice(0, 30)}`);
    if (i > 80) throw new Error(`no grid cell within 80 Tab presses: ${trail.join(' | ')}`);
    await page.keyboard.press('Tab');
  }
  // The tab stop is wherever the roving focus last was (live rows move it); start from the newest run.
  await page.keyboard.press('Control+Home');
  for (let i = 0; !/kubectl get pods -n staging/.test((await focused(page)).row); i++) {
    if (i > 20)
      throw new Error(`the run is not within 20 rows of the grid: ${JSON.stringify(await focused(page))}`);
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  const dialog = history.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('kubectl get pods -n staging');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(errors).toEqual([]);
});
