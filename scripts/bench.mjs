// `npm run bench`: runs the benchmarks, prints a table and writes bench/results.json.
// Element benchmarks in Chromium (render, append, search, event-to-paint, reconnect, Deep Chat side by side)
// are still to come; what runs today are the server and bundle measurements.
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { bundleSizes } from '../bench/bundle-sizes.mjs';
import { apiLatencyBenchmark, fanOutBenchmark, nlpBenchmark } from '../bench/server-benchmarks.mjs';

const fmt = (s, unit = '') => `${s.median}${unit} (min ${s.min}, max ${s.max}, n=${s.runs})`;

const started = new Date();
const bundles = bundleSizes(new URL('../dist-cdn', import.meta.url).pathname);
const nlp = await nlpBenchmark();
const fanOut = await fanOutBenchmark(500);
const api = await apiLatencyBenchmark(50, 40);

const rows = [
  ['NLP translations per second (translate + classify)', fmt(nlp.translationsPerSecond, '/s')],
  [
    'NLP exact-command accuracy on the labelled set',
    `${(nlp.accuracy * 100).toFixed(1)} % of ${nlp.labelled}`,
  ],
  [`WebSocket: ${fanOut.clients} subscribers, publish → all received`, fmt(fanOut.allReceivedMs, ' ms')],
  [`API under ${api.users} concurrent users: p50`, fmt(api.p50Ms, ' ms')],
  [`API under ${api.users} concurrent users: p99`, fmt(api.p99Ms, ' ms')],
  [`API under ${api.users} concurrent users: throughput`, fmt(api.requestsPerSecond, ' req/s')],
  ...bundles.map((b) => [`bundle ${b.bundle}`, `${b.min} B min, ${b.gzip} B gzip, ${b.brotli} B brotli`]),
];
const width = Math.max(...rows.map((r) => r[0].length));
console.log(`k8s-chat benchmarks (${cpus().length} cores, node ${process.version})\n`);
for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);

writeFileSync(
  new URL('../bench/results.json', import.meta.url),
  JSON.stringify(
    { date: started.toISOString(), node: process.version, cores: cpus().length, nlp, fanOut, api, bundles },
    null,
    2,
  ) + '\n',
);
console.log('\nwritten: bench/results.json');
process.exit(0);
