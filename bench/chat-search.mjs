// Searching a conversation of 10,000 messages in <k8s-chat>: typing a query → the "n of N" count and the
// first hit (scrolled into view) painted. Deep Chat has no search, so there is no comparison.
import { chatPage, renderHistory } from './chat-render.mjs';
import { summarize } from './stats.mjs';

const SIZE = 10_000;
/** A common phrase (one message in eight), an image name in some YAML blocks, and one message in the middle. */
const QUERIES = ['crash-looping', 'registry.example.test/search', 'check 5000'];
const ROUNDS = 3;

export async function chatSearchBenchmark(browser) {
  const page = await chatPage(browser, 'k8s', SIZE);
  try {
    await renderHistory(page, 'k8s');
    const runs = await page.evaluate(
      async ([queries, rounds]) => {
        const el = window.__el;
        const root = el.shadowRoot;
        root.querySelector('[data-action=search]').click();
        await el.updateComplete;
        const input = root.querySelector('[part=search] input');
        const status = root.querySelector('[part=search] [role=status]');
        const type = (value) => {
          input.value = value;
          input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        };
        const out = [];
        for (let round = 0; round < rounds; round++) {
          for (const query of queries) {
            type('');
            for (let i = 0; i < 10; i++) await window.bench.afterPaint();
            const hits = window.__history.filter((m) => m.text.toLowerCase().includes(query.toLowerCase()));
            const first = hits[0];
            if (!first) throw new Error(`the fixture has no message with "${query}"`);
            const painted = () =>
              status.textContent.trim() === `1 of ${hits.length}` &&
              window.bench.visibleIn(
                root.querySelector(`[data-id="${first.id}"]`),
                root.querySelector('[part~=messages]'),
              );
            const result = await window.bench.measure(() => type(query), painted, 10_000);
            out.push({ query, hits: hits.length, ...result });
          }
        }
        return out;
      },
      [QUERIES, ROUNDS],
    );
    return {
      messages: SIZE,
      queries: QUERIES.map((query) => ({ query, hits: runs.find((r) => r.query === query).hits })),
      ms: summarize(runs.map((r) => r.ms)),
      perQuery: Object.fromEntries(
        QUERIES.map((q) => [q, summarize(runs.filter((r) => r.query === q).map((r) => r.ms))]),
      ),
    };
  } finally {
    await page.close();
  }
}
