// Headless Debian Chromium through Playwright, plus a static server on loopback that serves the repository
// (the built CDN bundles, Deep Chat's published bundle, the bench page and its fixtures).
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { chromiumArgs, requireChromium } from '../../scripts/chromium.mjs';
import { serveStatic } from '../../scripts/static-server.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Bundles the page can load, relative to the repository root. */
export const BUNDLES = {
  k8sChatAll: 'dist-cdn/k8s-chat-all.js',
  deepChat: 'node_modules/deep-chat/dist/deepChat.bundle.js',
  fakes: 'bench/tmp/fakes.js',
};

export async function openBrowser({ staticPort = 8194 } = {}) {
  const files = await serveStatic(root, staticPort);
  const browser = await chromium.launch({
    executablePath: requireChromium(),
    headless: true,
    // --expose-gc lets a page call gc(); the heap figures use CDP's collectGarbage either way.
    args: [...chromiumArgs, '--js-flags=--expose-gc'],
  });

  /** A fresh bench page from the static server with `bundles` loaded as modules. */
  async function newPage(bundles = []) {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    page.setDefaultTimeout(120_000);
    page.on('pageerror', (error) => console.error(`  [page error] ${error.message}`));
    await page.goto(`${files.url}/bench/browser/page.html`);
    for (const bundle of bundles) await page.addScriptTag({ url: `${files.url}/${bundle}`, type: 'module' });
    return page;
  }

  /**
   * Heap in use after two full garbage collections (CDP), in bytes: `js` is V8's JavaScript heap, `dom` the
   * embedder (Blink/Oilpan) heap where DOM nodes live.
   */
  async function heapAfterGc(page) {
    const cdp = await page.context().newCDPSession(page);
    try {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const usage = await cdp.send('Runtime.getHeapUsage');
      return { js: usage.usedSize, dom: usage.embedderHeapUsedSize ?? 0 };
    } finally {
      await cdp.detach();
    }
  }

  async function close() {
    await browser.close();
    await files.close();
  }

  return { url: files.url, browser, newPage, heapAfterGc, close };
}
