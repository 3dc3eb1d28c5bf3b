// `npm run bench`: runs every benchmark (bench/*.mjs, one module per scenario), prints a table with the
// targets and writes bench/results.json plus bench/tmp/results.md (the table as Markdown for the README).
// Element benchmarks run in headless Chromium through Playwright; the server ones in this Node process.
// Every loop is bounded in count and time, and everything listens on 127.0.0.1 ports 8194–8195 only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { bundleSizes } from '../bench/bundle-sizes.mjs';
import { buildFakes } from '../bench/browser/build-fakes.mjs';
import { openBrowser } from '../bench/browser/launch.mjs';
import { chatAppendBenchmark } from '../bench/chat-append.mjs';
import { chatRenderBenchmark } from '../bench/chat-render.mjs';
import { chatSearchBenchmark } from '../bench/chat-search.mjs';
import { chatSwitchBenchmark } from '../bench/chat-switch.mjs';
import { historyBenchmark } from '../bench/history-rows.mjs';
import { liveServerBenchmark } from '../bench/live-server.mjs';
import { markdownTable, rows, textTable } from '../bench/report.mjs';
import { apiLatencyBenchmark, fanOutBenchmark, nlpBenchmark } from '../bench/server-benchmarks.mjs';

const started = new Date();
const t0 = performance.now();
const log = (message) => console.error(`[${((performance.now() - t0) / 1000).toFixed(0)} s] ${message}`);
const results = {
  date: started.toISOString(),
  node: process.version,
  cores: cpus().length,
  loadAverageAtStart: loadavg().map((x) => +x.toFixed(2)),
  notes: [
    'Element benchmarks: headless Chromium; "painted" = checked in a task posted from requestAnimationFrame.',
    '<k8s-chat> render/append/search use the all-in-one CDN bundle and its `messages` property (no services).',
    "Session switching and <k8s-command-history> get core services from the packages' own test fakes through context (no network).",
    'Deep Chat: its published deepChat.bundle.js, maxVisibleMessages raised so it holds the whole history.',
    'Live figures: the real reference server on loopback (HTTP, WebSocket, SQLite file).',
  ],
};

results.bundles = bundleSizes(new URL('../dist-cdn', import.meta.url).pathname);
log('server: NLP');
results.nlp = await nlpBenchmark();
log('server: WebSocket fan-out');
results.fanOut = await fanOutBenchmark(500);
log('server: API latency');
results.api = await apiLatencyBenchmark(50, 40);

await buildFakes();
const browser = await openBrowser({ staticPort: 8194 });
try {
  log('browser: render (<k8s-chat> and Deep Chat)');
  results.render = await chatRenderBenchmark(browser, log);
  log('browser: append');
  results.append = await chatAppendBenchmark(browser);
  log('browser: search');
  results.search = await chatSearchBenchmark(browser);
  log('browser: switch sessions');
  results.switch = await chatSwitchBenchmark(browser);
  log('browser: command history');
  results.history = await historyBenchmark(browser);
  log('browser: live server');
  results.live = await liveServerBenchmark(browser);
} finally {
  await browser.close();
}
results.loadAverageAtEnd = loadavg().map((x) => +x.toFixed(2));
results.seconds = Math.round((performance.now() - t0) / 1000);

const table = rows(results);
console.log(
  `\nk8s-chat benchmarks (${results.cores} cores, node ${process.version}, load ${results.loadAverageAtStart[0]}→${results.loadAverageAtEnd[0]}, ${results.seconds} s)\n`,
);
console.log(textTable(table));
writeFileSync(new URL('../bench/results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
mkdirSync(new URL('../bench/tmp', import.meta.url), { recursive: true });
writeFileSync(new URL('../bench/tmp/results.md', import.meta.url), markdownTable(table) + '\n');
console.log('\nwritten: bench/results.json, bench/tmp/results.md');
process.exit(0);
