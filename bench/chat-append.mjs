// Appending one message to a conversation of 10,000 (the newest message painted), <k8s-chat> and Deep Chat
// side by side. Each append starts at the beginning of a frame; "frames" says how many frames it took.
import { chatPage, renderHistory, within } from './chat-render.mjs';
import { summarize } from './stats.mjs';

const BASE = 10_000;
const APPENDS = 7;
const TIMEOUT_MS = 120_000;

async function appendRuns(browser, side) {
  const page = await chatPage(browser, side, BASE);
  try {
    await within(renderHistory(page, side), TIMEOUT_MS, () => page.close());
    return await page.evaluate(
      async ([side, appends]) => {
        const { makeHistory } = await import('/bench/fixtures.mjs');
        const adapter = window.__chat.sides[side];
        const history = window.__history;
        // New messages with the same kinds of content, alternating user and assistant.
        const extra = makeHistory(history.length + appends, 'n').slice(history.length);
        const runs = [];
        for (const message of extra) {
          // Let the previous append (and any scroll pinning) settle before the next one.
          for (let i = 0; i < 10; i++) await window.bench.afterPaint();
          history.push(message);
          runs.push(
            await window.bench.measure(
              () => adapter.append(window.__el, message),
              () => adapter.shows(window.__el, history),
              10_000,
            ),
          );
        }
        return runs;
      },
      [side, APPENDS],
    );
  } finally {
    if (!page.isClosed()) await page.close();
  }
}

export async function chatAppendBenchmark(browser) {
  const k8s = await appendRuns(browser, 'k8s');
  const deep = await appendRuns(browser, 'deep').catch((error) => {
    console.error(`  deep append: ${error.message}`);
    return [];
  });
  return {
    base: BASE,
    k8sChatMs: summarize(k8s.map((r) => r.ms)),
    k8sChatFrames: summarize(k8s.map((r) => r.frames)),
    deepChatMs: deep.length ? summarize(deep.map((r) => r.ms)) : null,
    ratio: deep.length ? summarize(k8s.map((r, i) => +(deep[i].ms / r.ms).toFixed(1))) : null,
  };
}
