import { readFile } from 'node:fs/promises';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';

// <k8s-command-history> in the demo portal against the real reference server: commands run as two users,
// each sees exactly their own rows, admin sees both, and an exported CSV holds exactly the filtered rows.

const PASSWORD = 'kubechat-demo';

async function token(request: APIRequestContext, username: string): Promise<string> {
  const res = await request.post('/api/v1/auth/login', { data: { username, password: PASSWORD } });
  expect(res.status()).toBe(200);
  return (await res.json()).data.token as string;
}

/** Runs a safe command as `username` through the API and returns its execution id. */
async function run(request: APIRequestContext, bearer: string, command: string): Promise<string> {
  const res = await request.post('/api/v1/commands/execute', {
    data: { command },
    headers: { authorization: `Bearer ${bearer}` },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).id as string;
}

/** The ids the server holds for a query, read as admin (the ground truth the views are checked against). */
async function serverIds(request: APIRequestContext, bearer: string, query: string): Promise<string[]> {
  const res = await request.get(`/api/v1/commands/executions?limit=1000&${query}`, {
    headers: { authorization: `Bearer ${bearer}` },
  });
  expect(res.status()).toBe(200);
  return ((await res.json()).executions as { id: string }[]).map((e) => e.id).sort();
}

async function openHistory(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('User', { exact: true }).fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('#who')).toContainText(username);
  await page.getByRole('link', { name: 'History' }).click();
  await expect(page.locator('#page-history k8s-command-history').getByRole('grid')).toBeVisible();
  return page;
}

/**
 * Whether the view holds only rows of `allowed` (the server's answer for the same filter) and at least
 * every id of `must`. The view pages (it holds the newest rows first), and the shared e2e server has runs
 * of every other spec, so a full equality only holds while everything fits one page; the row count is
 * checked against the server's total separately.
 */
async function viewMatches(page: Page, allowed: string[], must: readonly string[]): Promise<boolean> {
  const ids = (await viewRows(page)).map((r) => r.id);
  const server = new Set(allowed);
  return ids.length > 0 && ids.every((id) => server.has(id)) && must.every((id) => ids.includes(id));
}

/** The rows the element holds, once the first page has settled. */
async function viewRows(page: Page): Promise<{ id: string; username: string }[]> {
  const history = page.locator('#page-history k8s-command-history');
  await expect(history.getByRole('grid')).toHaveAttribute('aria-busy', 'false');
  return history.evaluate((el) =>
    (el as unknown as { visibleRows: { id: string; username: string }[] }).visibleRows.map((r) => ({
      id: r.id,
      username: r.username,
    })),
  );
}

/** RFC 4180 records (quoted fields may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n') {
      record.push(field.replace(/\r$/, ''));
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field || record.length) records.push([...record, field]);
  return records;
}

test('alice and bob each see exactly their own runs, admin sees both, and the CSV export matches the filter', async ({
  browser,
  request,
}) => {
  // Three people's histories on a server the other specs share: more than the default minute on a busy box.
  test.setTimeout(120_000);
  const [alice, bob, admin] = await Promise.all(['alice', 'bob', 'admin'].map((u) => token(request, u)));
  // The full view with every filter: whatever layout another spec stored for these people on this server.
  for (const bearer of [alice, bob, admin]) {
    const reset = await request.patch('/api/v1/auth/me/preferences', {
      data: { compact: false },
      headers: { authorization: `Bearer ${bearer}` },
    });
    expect(reset.status()).toBe(200);
  }
  const aliceRuns = [
    await run(request, alice, 'kubectl get pods -n prod'),
    await run(request, alice, 'kubectl get deployments -n staging'),
  ];
  const bobRuns = [
    await run(request, bob, 'kubectl get services -n prod'),
    await run(request, bob, 'kubectl get pods -n default'),
  ];

  for (const [username, own, other] of [
    ['alice', aliceRuns, bobRuns],
    ['bob', bobRuns, aliceRuns],
  ] as const) {
    const page = await openHistory(browser, username);
    const expected = await serverIds(request, admin, `username=${username}`);
    await expect.poll(() => viewMatches(page, expected, own), { timeout: 15_000 }).toBe(true);
    const rows = await viewRows(page);
    expect(rows.every((r) => r.username === username)).toBe(true);
    for (const id of own) expect(rows.map((r) => r.id)).toContain(id);
    for (const id of other) expect(rows.map((r) => r.id)).not.toContain(id);
    // What the screen shows agrees: every rendered row's user cell is this user's.
    const userCells = page.locator('k8s-command-history [role=row][data-index] [role=gridcell].user');
    await expect(userCells.first()).toBeVisible();
    expect(new Set((await userCells.allTextContents()).map((t) => t.trim()))).toEqual(new Set([username]));
    await expect(page.locator('#page-history k8s-command-history').getByRole('grid')).toHaveAttribute(
      'aria-rowcount',
      String(expected.length + 1),
    );
    await page.context().close();
  }

  const page = await openHistory(browser, 'admin');
  const everyone = await serverIds(request, admin, '');
  await expect
    .poll(() => viewMatches(page, everyone, [...aliceRuns, ...bobRuns]), { timeout: 15_000 })
    .toBe(true);
  for (const id of [...aliceRuns, ...bobRuns]) expect(everyone).toContain(id);

  // Filter to prod (server-side and on the loaded rows), then export exactly that as CSV.
  const history = page.locator('#page-history k8s-command-history');
  const namespace = history.getByLabel('Namespace');
  await namespace.fill('prod');
  await namespace.press('Enter');
  await namespace.dispatchEvent('change');
  const prod = await serverIds(request, admin, 'namespace=prod');
  expect(prod).toEqual(expect.arrayContaining([aliceRuns[0], bobRuns[0]]));
  await expect
    .poll(() => viewMatches(page, prod, [aliceRuns[0]!, bobRuns[0]!]), { timeout: 15_000 })
    .toBe(true);
  await expect(history.getByRole('grid')).toHaveAttribute('aria-rowcount', String(prod.length + 1));

  await history.getByLabel('Export as').selectOption('csv');
  const downloading = page.waitForEvent('download');
  await history.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const [header, ...records] = parseCsv(await readFile((await download.path())!, 'utf8'));
  expect(header?.slice(0, 3)).toEqual(['id', 'created_at', 'username']);
  const namespaceColumn = header!.indexOf('namespace');
  expect(records.map((r) => r[0]).sort()).toEqual(prod);
  expect(records.every((r) => r[namespaceColumn] === 'prod')).toBe(true);
  await expect(history.locator('[part=export] [role=status]')).toHaveText(`Exported ${prod.length} rows.`);
  await page.context().close();
});

test('the details of an approved command name who asked and who approved, with the status timeline', async ({
  browser,
  request,
}) => {
  const [alice, admin] = await Promise.all(['alice', 'admin'].map((u) => token(request, u)));
  const asked = await request.post('/api/v1/commands/execute', {
    data: { command: 'kubectl delete pod -n staging -l app=web' },
    headers: { authorization: `Bearer ${alice}` },
  });
  expect(asked.status(), await asked.text()).toBe(202);
  const id = (await asked.json()).execution.id as string;
  const approved = await request.post('/api/v1/commands/approve', {
    data: { execution_id: id, decision: 'approve', password: PASSWORD },
    headers: { authorization: `Bearer ${admin}` },
  });
  expect(approved.status(), await approved.text()).toBe(200);

  const page = await openHistory(browser, 'alice');
  const history = page.locator('#page-history k8s-command-history');
  const row = history.locator(`[role=row][data-id="${id}"]`);
  await expect(row.locator('[part=status-badge]')).toHaveText('completed', { timeout: 20_000 });
  await row.locator('[role=gridcell].command').click();
  const dialog = history.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('.approval li').nth(0)).toContainText('Requested by alice');
  await expect(dialog.locator('.approval li').nth(1)).toContainText('Approved by admin');
  await expect(dialog.locator('.timeline li')).toHaveText([
    /^\s*Requested by alice:/,
    /^\s*Approved by admin:/,
    /^\s*Started:/,
    /^\s*Completed:/,
  ]);
  await expect(dialog.locator('[part=output]')).not.toBeEmpty();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await page.context().close();
});
