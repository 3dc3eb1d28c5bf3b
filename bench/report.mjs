// The table `npm run bench` prints: one row per figure with its target (budget) where the project has one.

const KB = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const fmt = (s, unit = ' ms') =>
  s ? `${s.median}${unit} (min ${s.min}, max ${s.max}, n=${s.runs})` : 'not measured';
const ratio = (s) => (s ? `${s.median}× (min ${s.min}×, max ${s.max}×)` : 'not measured');
const FRAME_MS = 1000 / 60;

/** `[figure, value, target, verdict]` rows. */
export function rows(r) {
  const out = [];
  const target = (met, text) => [text, met === null ? '' : met ? 'met' : 'MISSED'];
  for (const x of r.render ?? []) {
    const n = x.messages.toLocaleString('en');
    out.push([
      `<k8s-chat> render ${n} messages`,
      fmt(x.k8sChatMs),
      ...(x.messages === 10_000 ? target(x.k8sChatMs.median < 150, '< 150 ms') : ['', '']),
    ]);
    out.push([`Deep Chat render ${n} messages`, fmt(x.deepChatMs), '', '']);
    out.push([
      `  ratio Deep Chat / <k8s-chat> (${n})`,
      ratio(x.ratio),
      ...(x.messages === 10_000 ? target(x.ratio.median >= 20, '≥ 20×') : ['', '']),
    ]);
    out.push([
      `  heap after GC, JS / DOM (${n})`,
      `<k8s-chat> ${x.k8sChatHeapMB.median} / ${x.k8sChatDomHeapMB.median} MB; Deep Chat ${x.deepChatHeapMB.median} / ${x.deepChatDomHeapMB.median} MB`,
      '',
      '',
    ]);
  }
  if (r.append) {
    const a = r.append;
    out.push([
      `<k8s-chat> append 1 to ${a.base.toLocaleString('en')} → painted`,
      `${fmt(a.k8sChatMs)}; frames ${a.k8sChatFrames.median} (max ${a.k8sChatFrames.max})`,
      ...target(a.k8sChatMs.median < FRAME_MS, '< 1 frame (16.7 ms)'),
    ]);
    out.push([`Deep Chat append 1 to ${a.base.toLocaleString('en')}`, fmt(a.deepChatMs), '', '']);
    out.push(['  ratio Deep Chat / <k8s-chat> (append)', ratio(a.ratio), '', '']);
  }
  if (r.search)
    out.push([
      `<k8s-chat> search ${r.search.messages.toLocaleString('en')} messages → first hit painted`,
      fmt(r.search.ms),
      '',
      '',
    ]);
  if (r.switch) {
    out.push([`<k8s-chat> switch cached sessions (services, fake API)`, fmt(r.switch.servicesMs), '', '']);
    out.push([`<k8s-chat> switch 1,000-message arrays (property)`, fmt(r.switch.propertyMs), '', '']);
  }
  if (r.history) {
    const h = r.history;
    out.push([
      `<k8s-command-history> mount ${h.rows.toLocaleString('en')} rows → painted`,
      fmt(h.mountMs),
      '',
      '',
    ]);
    out.push([
      `<k8s-command-history> filter ${h.rows.toLocaleString('en')} rows by substring`,
      fmt(h.filterMs),
      ...target(h.filterMs.median < 50, '< 50 ms'),
    ]);
  }
  if (r.live) {
    const l = r.live;
    out.push(['Execution event leaving server → painted, p50', fmt(l.eventToPaint.p50Ms), '', '']);
    out.push([
      'Execution event leaving server → painted, p99',
      fmt(l.eventToPaint.p99Ms),
      ...target(l.eventToPaint.p99Ms.median < 100, '< 100 ms'),
    ]);
    out.push([
      `Reconnect after server restart (${l.reconnect.downMs} ms down), median`,
      `${l.reconnect.medianMs} ms`,
      ...target(l.reconnect.medianMs < 1000, '< 1 s'),
    ]);
    out.push([
      'Reconnect after server restart, p95',
      `${l.reconnect.p95Ms} ms (min ${l.reconnect.ms.min}, max ${l.reconnect.ms.max}, n=${l.reconnect.ms.runs})`,
      '',
      '',
    ]);
    out.push(['Message sent → reply painted', fmt(l.messageToReplyMs), '', '']);
  }
  for (const b of r.bundles ?? []) {
    const all = b.bundle === 'k8s-chat-all.js';
    out.push([
      `bundle ${b.bundle}`,
      `${KB(b.min)} min, ${KB(b.gzip)} gzip, ${KB(b.brotli)} brotli`,
      ...(all ? target(b.gzip < 60 * 1024, '< 60 KB gzip') : ['', '']),
    ]);
  }
  if (r.nlp) {
    out.push([
      'NLP translations per second (translate + classify)',
      fmt(r.nlp.translationsPerSecond, '/s'),
      '',
      '',
    ]);
    out.push([
      'NLP exact-command accuracy on the labelled set',
      `${(r.nlp.accuracy * 100).toFixed(1)} % of ${r.nlp.labelled}`,
      '',
      '',
    ]);
  }
  if (r.fanOut)
    out.push([
      `WebSocket: ${r.fanOut.clients} subscribers, publish → all received`,
      fmt(r.fanOut.allReceivedMs),
      '',
      '',
    ]);
  if (r.api) {
    out.push([`API under ${r.api.users} concurrent users: p50`, fmt(r.api.p50Ms), '', '']);
    out.push([`API under ${r.api.users} concurrent users: p99`, fmt(r.api.p99Ms), '', '']);
    out.push([
      `API under ${r.api.users} concurrent users: throughput`,
      fmt(r.api.requestsPerSecond, ' req/s'),
      '',
      '',
    ]);
  }
  return out;
}

/** A plain-text table (what the terminal shows). */
export function textTable(table) {
  const widths = [0, 1, 2].map((c) => Math.max(...table.map((row) => row[c].length)));
  return table
    .map((row) =>
      `${row[0].padEnd(widths[0])}  ${row[1].padEnd(widths[1])}  ${row[2].padEnd(widths[2])}  ${row[3]}`.trimEnd(),
    )
    .join('\n');
}

/** A Markdown table (what goes into the README). */
export function markdownTable(table) {
  const esc = (s) => s.replaceAll('|', '\\|').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  return [
    '| Figure | Median (min, max, runs) | Target | Verdict |',
    '| --- | --- | --- | --- |',
    ...table.map((row) => `| ${row.map(esc).join(' | ')} |`),
  ].join('\n');
}
