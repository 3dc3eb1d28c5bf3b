// Server benchmarks on loopback against the built reference server (packages/server/dist): NLP throughput
// and accuracy, WebSocket fan-out to 500 subscribers, and API latency under 50 concurrent users. Every loop
// is bounded in count and time and only talks to 127.0.0.1.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { login, startServer } from './reference-server.mjs';
import { percentile, repeat, summarize } from './stats.mjs';

const root = new URL('..', import.meta.url).pathname;
const serverDist = join(root, 'packages/server/dist');
// ws 8 is the server's own dependency (the root has an older copy from the dev server).
const WebSocket = createRequire(join(root, 'packages/server/package.json'))('ws');

export async function nlpBenchmark() {
  const { translate, classifyCommand } = await import(join(serverDist, 'nlp/index.js'));
  const set = JSON.parse(
    readFileSync(join(root, 'packages/server/test/fixtures/nlp-labelled-set.json'), 'utf8'),
  );
  let exact = 0;
  for (const entry of set) {
    const result = translate(entry.query, {
      context: entry.context,
      defaultNamespace: entry.default_namespace,
    });
    if ((result.command ?? null) === (entry.expected_command ?? null)) exact++;
  }
  const perSecond = await repeat(5, () => {
    const started = performance.now();
    let n = 0;
    while (performance.now() - started < 500) {
      for (const entry of set) {
        const result = translate(entry.query, {
          context: entry.context,
          defaultNamespace: entry.default_namespace,
        });
        if (result.command) classifyCommand(result.command);
        n++;
      }
    }
    return Math.round(n / ((performance.now() - started) / 1000));
  });
  return { translationsPerSecond: perSecond, accuracy: exact / set.length, labelled: set.length };
}

/** 500 sockets subscribed to one execution topic: time from publish until every socket has the event. */
export async function fanOutBenchmark(clients = 500) {
  const { server, close } = await startServer();
  try {
    const token = await login(server.url, 'admin');
    // A real execution, so the topic passes the subscribe check.
    const execution = await (
      await fetch(`${server.url}/api/v1/commands/execute`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ command: 'kubectl get nodes' }),
      })
    ).json();
    const topic = `execution:${execution.id}`;
    const sockets = [];
    for (let i = 0; i < clients; i++) {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/v1/ws`, ['kubechat-ws']);
      const ready = new Promise((resolve, reject) => {
        ws.on('error', reject);
        ws.on('message', (data) => {
          const frame = JSON.parse(String(data));
          if (frame.type === 'status' && frame.payload.type === 'connection')
            ws.send(JSON.stringify({ type: 'auth', payload: { token } }));
          if (frame.type === 'auth_result')
            ws.send(JSON.stringify({ type: 'subscribe', payload: { topics: [topic] } }));
          if (frame.type === 'status' && frame.payload.status === 'subscribed') {
            if (frame.payload.metadata?.topics?.includes(topic)) resolve();
            else reject(new Error(`subscription to ${topic} refused`));
          }
        });
      });
      sockets.push({ ws, ready });
    }
    await Promise.all(sockets.map((s) => s.ready));
    const times = await repeat(7, async () => {
      const marker = Math.random().toString(36).slice(2);
      const received = sockets.map(
        ({ ws }) =>
          new Promise((resolve) => {
            const onMessage = (data) => {
              if (String(data).includes(marker)) {
                ws.off('message', onMessage);
                resolve();
              }
            };
            ws.on('message', onMessage);
          }),
      );
      const started = performance.now();
      server.services.gateway.publish(topic, 'progress', { marker, percentage: 50 });
      await Promise.race([
        Promise.all(received),
        new Promise((_, reject) => setTimeout(() => reject(new Error('fan-out timed out')), 10_000)),
      ]);
      return +(performance.now() - started).toFixed(2);
    });
    for (const { ws } of sockets) ws.terminate();
    return { clients, allReceivedMs: times };
  } finally {
    await close();
  }
}

/** 50 users in parallel, each looping over typical reads for a fixed number of requests. */
export async function apiLatencyBenchmark(users = 50, requestsPerUser = 40) {
  const { server, close } = await startServer();
  try {
    const tokens = await Promise.all(['alice', 'bob', 'admin'].map((u) => login(server.url, u)));
    // Some data to read: a session with messages and a few executions.
    const headers = (token) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
    const session = await (
      await fetch(`${server.url}/api/v1/chat/sessions`, {
        method: 'POST',
        headers: headers(tokens[0]),
        body: '{}',
      })
    ).json();
    for (const q of ['list pods in prod', 'show deployments in staging', 'get nodes']) {
      await fetch(`${server.url}/api/v1/chat/sessions/${session.data.id}/messages`, {
        method: 'POST',
        headers: headers(tokens[0]),
        body: JSON.stringify({ content: q }),
      });
      await fetch(`${server.url}/api/v1/commands/execute`, {
        method: 'POST',
        headers: headers(tokens[0]),
        body: JSON.stringify({ command: 'kubectl get pods -n prod' }),
      });
    }
    const paths = [
      '/api/v1/commands/executions?limit=50',
      '/api/v1/chat/sessions',
      `/api/v1/chat/sessions/${session.data.id}/messages`,
      '/api/v1/commands/stats',
      '/api/v1/auth/me',
    ];
    const runs = [];
    for (let run = 0; run < 3; run++) {
      const latencies = [];
      const started = performance.now();
      await Promise.all(
        Array.from({ length: users }, async (_, u) => {
          const token = tokens[u % 2];
          for (let i = 0; i < requestsPerUser; i++) {
            const t0 = performance.now();
            const res = await fetch(server.url + paths[(u + i) % paths.length], { headers: headers(token) });
            await res.arrayBuffer();
            latencies.push(performance.now() - t0);
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      runs.push({
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        rps: latencies.length / seconds,
      });
    }
    return {
      users,
      requests: users * requestsPerUser,
      p50Ms: summarize(runs.map((r) => +r.p50.toFixed(2))),
      p99Ms: summarize(runs.map((r) => +r.p99.toFixed(2))),
      requestsPerSecond: summarize(runs.map((r) => Math.round(r.rps))),
    };
  } finally {
    await close();
  }
}
