// The elements against the real reference server on loopback (real HTTP, WebSocket and SQLite file), from
// the all-in-one CDN bundle in a page on another loopback origin (allowed by the server, as an embed is):
// - an execution event leaving the server → <k8s-execution-status> painting it (p50, p99 per run);
// - the server restarted → the hub connected again and <k8s-chat>'s reconnecting banner gone (painted);
// - a message sent in <k8s-chat> → the server's reply painted.
// Server and page clocks are compared with performance.timeOrigin + performance.now() (same machine).
import { Buffer } from 'node:buffer';
import { performance } from 'node:perf_hooks';
import { BUNDLES } from './browser/launch.mjs';
import { call, login, removeDataDir, startServer } from './reference-server.mjs';
import { percentile, summarize } from './stats.mjs';

const EVENT_RUNS = 3;
const EVENTS_PER_RUN = 60;
const RESTARTS = 5;
/** How long the server stays down in each restart (a quick process restart). */
const DOWN_MS = 1_000;
const MESSAGES = [
  'list pods in prod',
  'show deployments in staging',
  'get nodes',
  'describe pod api-0 in prod',
];
const MESSAGE_RUNS = 7;

const epochNow = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Mounts provider, execution status and chat on the page; resolves when both show the server's data. */
async function mount(page, { url, token, executionId, sessionId }) {
  await page.evaluate(
    async ({ url, token, executionId, sessionId }) => {
      const provider = document.createElement('k8s-chat-provider');
      provider.setAttribute('base-url', url);
      provider.getAccessToken = () => token;
      const status = document.createElement('k8s-execution-status');
      status.setAttribute('execution-id', executionId);
      status.style.height = '220px';
      const chat = document.createElement('k8s-chat');
      chat.setAttribute('session-id', sessionId);
      chat.setAttribute('no-sessions', '');
      chat.style.height = '360px';
      provider.append(status, chat);
      document.getElementById('stage').append(provider);
      window.__live = { provider, status, chat, sessionId };
      await window.bench.until(
        performance.now(),
        () => status.status === 'completed' && provider.services?.hub.$connection.get() === 'open',
        20_000,
      );
    },
    { url, token, executionId, sessionId },
  );
}

/**
 * Publishes output chunks through the server's WebSocket gateway, as the executor does, each carrying a
 * marker; the page reports when the marker is painted. `offset` continues the execution's stored output so
 * the element's store appends each chunk.
 */
async function eventToPaint(page, server, executionId, storedBytes) {
  const topic = `execution:${executionId}`;
  let offset = storedBytes;
  const runs = [];
  for (let run = 0; run < EVENT_RUNS; run++) {
    const samples = [];
    for (let i = 0; i < EVENTS_PER_RUN; i++) {
      const content = `bench-event-${run}-${i}-${Math.random().toString(36).slice(2, 8)}\n`;
      await page.evaluate((marker) => {
        const region = () => window.__live.status.shadowRoot.querySelector('[part=output-region]');
        window.__painted = window.bench
          .until(performance.now(), () => region()?.textContent.includes(marker), 10_000)
          .then(() => window.bench.epochNow());
      }, content.trim());
      const sent = epochNow();
      server.services.gateway.publish(topic, 'output', {
        command_id: executionId,
        execution_id: executionId,
        content,
        stream: 'stdout',
        offset,
        timestamp: new Date().toISOString(),
      });
      offset += Buffer.byteLength(content);
      samples.push((await page.evaluate(() => window.__painted)) - sent);
      await sleep(20 + Math.random() * 30); // off the frame grid
    }
    runs.push({ p50: +percentile(samples, 50).toFixed(2), p99: +percentile(samples, 99).toFixed(2) });
  }
  return runs;
}

/** Stops the server, waits until the page shows it is gone, starts it again on the same port and data. */
async function reconnects(page, running, options) {
  const times = [];
  for (let i = 0; i < RESTARTS; i++) {
    await running.current.close({ keepData: true });
    await page.evaluate(() =>
      window.bench.until(
        performance.now(),
        () => !!window.__live.chat.shadowRoot.querySelector('[part=banner][data-state=reconnecting]'),
        20_000,
      ),
    );
    await sleep(DOWN_MS);
    running.current = await startServer(options);
    const listening = epochNow();
    const back = await page.evaluate(async () => {
      const { provider, chat } = window.__live;
      await window.bench.until(
        performance.now(),
        () =>
          provider.services.hub.$connection.get() === 'open' &&
          !chat.shadowRoot.querySelector('[part=banner]'),
        30_000,
      );
      return window.bench.epochNow();
    });
    times.push(+(back - listening).toFixed(1));
  }
  return times;
}

/** Types a message in <k8s-chat>, presses Send, and waits for the server's reply to be painted. */
async function messageToReply(page) {
  return page.evaluate(
    async ([messages, runs]) => {
      const { provider, chat, sessionId } = window.__live;
      const $messages = provider.services.stores.messages(sessionId);
      const root = chat.shadowRoot;
      const out = [];
      for (let i = 0; i < runs; i++) {
        const known = new Set($messages.get().messages.map((m) => m.id));
        const textarea = root.querySelector('textarea');
        textarea.value = messages[i % messages.length];
        textarea.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        await chat.updateComplete;
        const replied = () => {
          const reply = $messages
            .get()
            .messages.find((m) => m.type === 'assistant' && !known.has(m.id) && m.status === 'sent');
          return (
            !!reply &&
            window.bench.visibleIn(
              root.querySelector(`[data-id="${reply.id}"]`),
              root.querySelector('[part~=messages]'),
            )
          );
        };
        out.push(
          await window.bench.measure(
            () => root.querySelector('[part=composer] button[type=submit]').click(),
            replied,
            20_000,
          ),
        );
        for (let f = 0; f < 10; f++) await window.bench.afterPaint();
      }
      return out.map((r) => r.ms);
    },
    [MESSAGES, MESSAGE_RUNS],
  );
}

export async function liveServerBenchmark(browser) {
  const options = { port: 8195, allowedOrigins: [browser.url] };
  const running = { current: await startServer(options) };
  const { dataDir } = running.current;
  const page = await browser.newPage([BUNDLES.k8sChatAll]);
  try {
    const { url } = running.current.server;
    const token = await login(url, 'alice');
    const session = (await call(url, token, 'POST', '/api/v1/chat/sessions', { title: 'Bench' })).data;
    const started = await call(url, token, 'POST', '/api/v1/commands/execute', {
      command: 'kubectl get pods -n prod',
    });
    const executionId = started.id ?? started.data?.id;
    // The sandbox finishes the command quickly; wait for its stored output.
    let execution;
    for (let i = 0; i < 100; i++) {
      execution = await call(url, token, 'GET', `/api/v1/commands/executions/${executionId}`);
      execution = execution.data ?? execution;
      if (execution.status === 'completed') break;
      await sleep(100);
    }
    if (execution.status !== 'completed') throw new Error(`execution ended as ${execution.status}`);
    await mount(page, { url, token, executionId, sessionId: session.id });
    const events = await eventToPaint(
      page,
      running.current.server,
      executionId,
      Buffer.byteLength(execution.output ?? ''),
    );
    const replies = await messageToReply(page);
    const restarts = await reconnects(page, running, { ...options, dataDir });
    return {
      eventToPaint: {
        events: EVENT_RUNS * EVENTS_PER_RUN,
        p50Ms: summarize(events.map((r) => r.p50)),
        p99Ms: summarize(events.map((r) => r.p99)),
      },
      reconnect: {
        restarts: RESTARTS,
        downMs: DOWN_MS,
        medianMs: percentile(restarts, 50),
        p95Ms: percentile(restarts, 95),
        ms: summarize(restarts),
      },
      messageToReplyMs: summarize(replies),
    };
  } finally {
    await page.close();
    await running.current.close({ keepData: true }).catch(() => {});
    removeDataDir(dataDir);
  }
}
