// `npm run bench`: runs every benchmark (bench/*.mjs, one module per scenario), prints a table with the
// targets and writes bench/results.json plus bench/tmp/results.md (the table as Markdown for the README).
// Element benchmarks run in headless Chromium through Playwright; the server ones in this Node process.
// Every loop is bounded in count and time, and everything listens on 127.0.0.1 ports 8194–8195 only.
//
// `node scripts/bench.mjs --only history,search` runs just those scenarios (names: bundles, nlp, fanout,
// api, render, append, search, switch, history, live) and `--port N` moves the static server off 8194, so
// one scenario can be measured while working on it. A partial run does not overwrite bench/results.json
// (it writes bench/tmp/results-partial.json), so the README table always comes from a full run.
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

const SCENARIOS = [
  'bundles',
  'nlp',
  'fanout',
  'api',
  'render',
  'append',
  'search',
  'switch',
  'history',
  'live',
];
const argValue = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
};
const only =
  argValue('only')
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean) ?? null;
const unknown = only?.filter((name) => !SCENARIOS.includes(name)) ?? [];
if (unknown.length) {
  console.error(`unknown scenario(s): ${unknown.join(', ')}; known: ${SCENARIOS.join(', ')}`);
  process.exit(2);
}
const want = (name) => !only || only.includes(name);
const staticPort = Number(argValue('port') ?? 8194);

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

if (only) results.only = only;
if (want('bundles')) results.bundles = bundleSizes(new URL('../dist-cdn', import.meta.url).pathname);
if (want('nlp')) {
  log('server: NLP');
  results.nlp = await nlpBenchmark();
}
if (want('fanout')) {
  log('server: WebSocket fan-out');
  results.fanOut = await fanOutBenchmark(500);
}
if (want('api')) {
  log('server: API latency');
  results.api = await apiLatencyBenchmark(50, 40);
}

const browserScenarios = ['render', 'append', 'search', 'switch', 'history', 'live'];
if (browserScenarios.some(want)) {
  await buildFakes();
  const browser = await openBrowser({ staticPort });
  try {
    if (want('render')) {
      log('browser: render (<k8s-chat> and Deep Chat)');
      results.render = await chatRenderBenchmark(browser, log);
    }
    if (want('append')) {
      log('browser: append');
      results.append = await chatAppendBenchmark(browser);
    }
    if (want('search')) {
      log('browser: search');
      results.search = await chatSearchBenchmark(browser);
    }
    if (want('switch')) {
      log('browser: switch sessions');
      results.switch = await chatSwitchBenchmark(browser);
    }
    if (want('history')) {
      log('browser: command history');
      results.history = await historyBenchmark(browser);
    }
    if (want('live')) {
      log('browser: live server');
      results.live = await liveServerBenchmark(browser);
    }
  } finally {
    await browser.close();
  }
}
results.loadAverageAtEnd = loadavg().map((x) => +x.toFixed(2));
results.seconds = Math.round((performance.now() - t0) / 1000);

const table = rows(results);
console.log(
  `\nk8s-chat benchmarks (${results.cores} cores, node ${process.version}, load ${results.loadAverageAtStart[0]}→${results.loadAverageAtEnd[0]}, ${results.seconds} s)\n`,
);
console.log(textTable(table));
mkdirSync(new URL('../bench/tmp', import.meta.url), { recursive: true });
if (only) {
  writeFileSync(
    new URL('../bench/tmp/results-partial.json', import.meta.url),
    JSON.stringify(results, null, 2) + '\n',
  );
  console.log('\nwritten: bench/tmp/results-partial.json (partial run; bench/results.json untouched)');
} else {
  writeFileSync(new URL('../bench/results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(new URL('../bench/tmp/results.md', import.meta.url), markdownTable(table) + '\n');
  console.log('\nwritten: bench/results.json, bench/tmp/results.md');
}
process.exit(0);
