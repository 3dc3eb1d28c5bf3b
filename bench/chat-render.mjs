// <k8s-chat> vs Deep Chat: mounting a history of 100, 1,000 and 10,000 messages (set the data and attach
// → the newest message painted), and the JS heap the mounted element keeps after GC. Both sides run in
// the same run, alternating which goes first, each in a fresh page with only its own bundle loaded.
import { BUNDLES } from './browser/launch.mjs';
import { summarize } from './stats.mjs';

const PLAN = [
  { count: 100, runs: 5 },
  { count: 1_000, runs: 5 },
  { count: 10_000, runs: 3 },
];
/** A render that has not painted by then is reported as timed out (the page is closed to stop it). */
const TIMEOUT_MS = 90_000;
export const SIDE_BUNDLE = { k8s: BUNDLES.k8sChatAll, deep: BUNDLES.deepChat };

/** Rejects after `ms`; `onTimeout` runs first (e.g. closing the page to stop a render that is still going). */
export function within(promise, ms, onTimeout) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(async () => {
        await onTimeout?.();
        reject(new Error(`timed out after ${ms} ms`));
      }, ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * A fresh page with `side`'s bundle, warmed up on a 40-message history (so the first measured render is
 * not also the first run of the code), with `count` messages ready in `window.__history`.
 */
export async function chatPage(browser, side, count) {
  const page = await browser.newPage([SIDE_BUNDLE[side]]);
  await page.evaluate(
    async ([side, count]) => {
      const { makeHistory } = await import('/bench/fixtures.mjs');
      const chat = await import('/bench/browser/chat-sides.mjs');
      const warm = await chat.render(side, makeHistory(40, 'w'));
      warm.el.remove();
      window.__chat = chat;
      window.__history = makeHistory(count);
    },
    [side, count],
  );
  return page;
}

/** Renders `window.__history` on `page`; resolves to `{ ms, frames }` and keeps the element as `__el`. */
export const renderHistory = (page, side) =>
  page.evaluate(async (side) => {
    const result = await window.__chat.render(side, window.__history);
    window.__el = result.el;
    return { ms: result.ms, frames: result.frames };
  }, side);

async function renderRun(browser, side, count) {
  const page = await chatPage(browser, side, count);
  try {
    const before = await browser.heapAfterGc(page);
    const { ms } = await within(renderHistory(page, side), TIMEOUT_MS, () => page.close());
    const after = await browser.heapAfterGc(page);
    const mb = (bytes) => +(bytes / 2 ** 20).toFixed(2);
    return { ms, heapMB: mb(after.js - before.js), domHeapMB: mb(after.dom - before.dom) };
  } catch (error) {
    console.error(`  ${side} ${count}: ${error.message}`);
    return null;
  } finally {
    if (!page.isClosed()) await page.close();
  }
}

const ok = (values) => values.filter((v) => v !== null && v !== undefined);

export async function chatRenderBenchmark(browser, log = () => {}) {
  const results = [];
  for (const { count, runs } of PLAN) {
    const k8s = [];
    const deep = [];
    for (let run = 0; run < runs; run++) {
      const order = run % 2 ? ['deep', 'k8s'] : ['k8s', 'deep'];
      const got = {};
      for (const side of order) got[side] = await renderRun(browser, side, count);
      k8s.push(got.k8s);
      deep.push(got.deep);
      log(
        `render ${count}: run ${run + 1}/${runs} k8s ${got.k8s?.ms ?? '—'} ms, deep ${got.deep?.ms ?? '—'} ms`,
      );
    }
    const ratios = k8s.map((k, i) => (k && deep[i] ? +(deep[i].ms / k.ms).toFixed(1) : null));
    results.push({
      messages: count,
      k8sChatMs: summarize(ok(k8s.map((r) => r?.ms))),
      deepChatMs: summarize(ok(deep.map((r) => r?.ms))),
      ratio: summarize(ok(ratios)),
      k8sChatHeapMB: summarize(ok(k8s.map((r) => r?.heapMB))),
      deepChatHeapMB: summarize(ok(deep.map((r) => r?.heapMB))),
      k8sChatDomHeapMB: summarize(ok(k8s.map((r) => r?.domHeapMB))),
      deepChatDomHeapMB: summarize(ok(deep.map((r) => r?.domHeapMB))),
      timedOut: { k8s: k8s.filter((r) => !r).length, deep: deep.filter((r) => !r).length },
    });
  }
  return results;
}
