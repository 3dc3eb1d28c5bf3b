// Opens every story (and every docs page) of the static Storybook build in headless Chromium and fails on
// any console error, uncaught exception, failed module load or Storybook error screen.
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright';
import { chromiumArgs, requireChromium } from './chromium.mjs';
import { serveStatic } from './static-server.mjs';

const dir = process.argv[2] ?? 'storybook-static';
const index = JSON.parse(await readFile(`${dir}/index.json`, 'utf8'));
const entries = Object.values(index.entries);
if (entries.length === 0) throw new Error(`no stories found in ${dir}/index.json`);

const server = await serveStatic(dir);
const browser = await chromium.launch({
  executablePath: requireChromium(),
  headless: true,
  args: chromiumArgs,
});
const page = await browser.newPage();
const failures = [];
let problems = [];
page.on('console', (msg) => {
  if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
});
page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
page.on('response', (response) => {
  if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
});
page.on('requestfailed', (request) => {
  // Requests the browser drops because the page moved on are not failures of the story.
  if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
  problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
});

let passed = 0;
try {
  for (const entry of entries) {
    problems = [];
    const viewMode = entry.type === 'docs' ? 'docs' : 'story';
    await page.goto(`${server.url}/iframe.html?id=${entry.id}&viewMode=${viewMode}`);
    const rendered = viewMode === 'docs' ? '#storybook-docs .sbdocs' : '#storybook-root > *';
    await page
      .waitForFunction(
        (selector) =>
          document.body.classList.contains('sb-show-errordisplay') ||
          document.querySelector(selector) !== null,
        rendered,
        { timeout: 15_000 },
      )
      .catch(() => problems.push('did not render within 15 s'));
    // Let custom elements upgrade, first updates settle and lazy chunks (the a11y addon's axe) load.
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
    if (await page.evaluate(() => document.body.classList.contains('sb-show-errordisplay'))) {
      problems.push(
        `Storybook error screen: ${await page
          .locator('#error-message')
          .innerText()
          .catch(() => '')}`,
      );
    }
    const label = `${entry.title} › ${entry.name} (${viewMode})`;
    if (problems.length) {
      failures.push({ label, problems });
      console.log(`✖ ${label}\n    ${problems.join('\n    ')}`);
    } else {
      passed++;
      console.log(`✔ ${label}`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`\nstorybook smoke: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
