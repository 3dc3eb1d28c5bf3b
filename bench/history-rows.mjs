// <k8s-command-history> with 100,000 rows: mounting it (services given → first rows painted) and filtering
// by a substring (typing in its search field → the filtered rows painted).
//
// The services are the package's own test fakes (packages/history/test/helpers/fake-services.ts) given
// through context. The element asks the server for pages of at most 1,000 rows; here the fake answers the
// first request with all 100,000, so the element holds and filters 100,000 rows locally (the worst case of
// a long scroll). The fake's answer to a filtered query is held (its gate) until the local filter has been
// painted, so the figure is the element's own filtering, not the fake server's.
import { BUNDLES } from './browser/launch.mjs';
import { summarize } from './stats.mjs';

const ROWS = 100_000;
const NEEDLES = ['rollout restart', 'monitoring', 'web-7c9f -n staging'];
const ROUNDS = 3;
const MOUNTS = 3;

export async function historyRowsBenchmark(browser) {
  const page = await browser.newPage([BUNDLES.fakes]);
  try {
    return await page.evaluate(
      async ([rows, needles, rounds, mountRuns]) => {
        const fakes = await import('/bench/tmp/fakes.js');
        const admin = { id: 'u-root', username: 'root', role: 'admin' };
        const world = fakes.fakeServices({ executions: fakes.makeExecutions(rows, fakes.NOW), user: admin });
        const list = world.services.api.listExecutions;
        const all = await list({ limit: rows });
        world.services.api.listExecutions = async (query, options) => {
          if (!query.q) return all; // the unfiltered list, precomputed: no fake work in the measured frame
          return list({ ...query, limit: rows }, options); // held by the fake's gate while measuring
        };
        // Core's context protocol: a plain host answers the element's context request with the services.
        const mountOnce = () => {
          const host = document.createElement('div');
          const el = document.createElement('k8s-command-history');
          el.style.height = '600px';
          el.setAttribute('no-summary', '');
          host.addEventListener('context-request', (event) => {
            event.stopPropagation();
            event.callback(world.services);
          });
          host.append(el);
          return { host, el };
        };
        const firstRowShown = (el) => () => {
          const first = el.visibleRows[0];
          const row = first && el.shadowRoot?.querySelector(`[role=row][data-id="${first.id}"]`);
          return window.bench.visibleIn(row, el);
        };
        const mounts = [];
        let el;
        for (let i = 0; i < mountRuns; i++) {
          const mounted = mountOnce();
          el = mounted.el;
          const shown = firstRowShown(el);
          mounts.push(
            await window.bench.measure(
              () => document.getElementById('stage').append(mounted.host),
              () => el.visibleRows.length === rows && shown(),
              30_000,
            ),
          );
          if (i < mountRuns - 1) mounted.host.remove();
        }
        const root = () => el.shadowRoot;
        const shown = firstRowShown(el);
        const input = root().querySelector('input[name=q]');
        const type = (value) => {
          input.value = value;
          input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        };
        const filters = [];
        for (let round = 0; round < rounds; round++) {
          for (const needle of needles) {
            type('');
            // Wait for the unfiltered rows (and any late fake answer) before the next filter.
            await new Promise((resolve) => setTimeout(resolve, 300));
            await window.bench.until(performance.now(), () => el.visibleRows.length === rows, 10_000);
            // The fake server's filtered answer waits until the local filter is painted.
            world.hold();
            const result = await window.bench
              .measure(
                () => type(needle),
                () => el.q === needle && el.visibleRows.length < rows && shown(),
                10_000,
              )
              .finally(() => world.release());
            filters.push({ needle, matched: el.visibleRows.length, ...result });
          }
        }
        return { mounts, filters };
      },
      [ROWS, NEEDLES, ROUNDS, MOUNTS],
    );
  } finally {
    await page.close();
  }
}

export async function historyBenchmark(browser) {
  const { mounts, filters } = await historyRowsBenchmark(browser);
  return {
    rows: ROWS,
    mountMs: summarize(mounts.map((m) => m.ms)),
    filterMs: summarize(filters.map((f) => f.ms)),
    filterFrames: summarize(filters.map((f) => f.frames)),
    needles: NEEDLES.map((needle) => ({
      needle,
      matched: filters.find((f) => f.needle === needle).matched,
      ms: summarize(filters.filter((f) => f.needle === needle).map((f) => f.ms)),
    })),
  };
}
