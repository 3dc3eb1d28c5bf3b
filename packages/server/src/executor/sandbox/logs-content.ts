/**
 * What the sandbox's containers log. Lines are a pure function of the pod, the container and time:
 * asking twice gives the same lines, `--since` and `--tail` cut the same stream, and `-f` prints the
 * lines as their time comes. Each image has its own voice (JSON access logs, nginx, klog, postgres…).
 */
import type { Pod } from './model.js';
import { noise } from './random.js';

export interface LogLine {
  readonly at: number;
  readonly text: string;
}

/** A container log is rotated; older lines are gone, as with the kubelet's log rotation. */
export const MAX_LOG_LINES = 1000;

interface Profile {
  /** Mean milliseconds between two lines. */
  readonly interval: number;
  /** Lines printed at start-up, at these offsets in milliseconds. */
  startup(t: number, seed: string): [number, string][];
  line(t: number, seed: string, k: number): string;
  /** Last words of an instance that crashed, at offsets before the end. */
  crash?(t: number): [number, string][];
  /** Finite programs (jobs) print only their start-up lines. */
  readonly finite?: boolean;
}

const iso = (t: number): string => new Date(t).toISOString();
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function klog(level: 'I' | 'W' | 'E', t: number, file: string, msg: string): string {
  const d = new Date(t);
  const micros = pad(d.getUTCMilliseconds(), 3) + pad(Math.floor(noise(t, file) * 1000), 3);
  return `${level}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${micros}       1 ${file}] ${msg}`;
}

function clf(t: number): string {
  const d = new Date(t);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${pad(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

function pgTime(t: number): string {
  return iso(t).replace('T', ' ').replace('Z', ' UTC');
}

const pick = <T>(items: readonly T[], r: number): T => items[Math.floor(r * items.length)]!;

const API_ROUTES = [
  ['GET', '/v1/products'],
  ['GET', '/v1/products/{id}'],
  ['GET', '/v1/search?q=shoes'],
  ['POST', '/v1/cart/items'],
  ['GET', '/v1/cart'],
  ['POST', '/v1/orders'],
  ['GET', '/v1/orders/{id}'],
  ['GET', '/healthz'],
  ['GET', '/metrics'],
] as const;

const PROFILES: Record<string, Profile> = {
  api: {
    interval: 2500,
    startup: (t) => [
      [0, `{"level":"info","ts":"${iso(t)}","msg":"starting api","version":"${'{version}'}","port":8080}`],
      [
        180,
        `{"level":"info","ts":"${iso(t + 180)}","msg":"connected to database","host":"postgres","pool":20}`,
      ],
      [240, `{"level":"info","ts":"${iso(t + 240)}","msg":"listening","addr":":8080"}`],
    ],
    line: (t, seed, k) => {
      const r = noise(seed, k, 'route');
      const [method, path] = pick(API_ROUTES, r);
      const id = Math.floor(noise(seed, k, 'id') * 90000) + 10000;
      const roll = noise(seed, k, 'status');
      const status =
        method === 'POST'
          ? roll < 0.9
            ? 201
            : roll < 0.97
              ? 400
              : 500
          : roll < 0.95
            ? 200
            : roll < 0.99
              ? 404
              : 500;
      const ms = Math.floor(noise(seed, k, 'ms') ** 3 * 400) + 2;
      if (status === 500) {
        return `{"level":"error","ts":"${iso(t)}","msg":"request failed","method":"${method}","path":"${path.replace('{id}', String(id))}","status":500,"duration_ms":${ms},"error":"context deadline exceeded"}`;
      }
      return `{"level":"info","ts":"${iso(t)}","msg":"request","method":"${method}","path":"${path.replace('{id}', String(id))}","status":${status},"duration_ms":${ms}}`;
    },
    crash: (t) => [
      [
        -200,
        `{"level":"fatal","ts":"${iso(t - 200)}","msg":"database connection lost","error":"dial tcp 10.96.0.42:5432: connect: connection refused"}`,
      ],
    ],
  },
  migrate: {
    interval: 1000,
    finite: true,
    startup: (t) => [
      [0, `{"level":"info","ts":"${iso(t)}","msg":"running migrations","target":"latest"}`],
      [
        4100,
        `{"level":"info","ts":"${iso(t + 4100)}","msg":"applied","migration":"0041_add_order_export_index"}`,
      ],
      [9800, `{"level":"info","ts":"${iso(t + 9800)}","msg":"applied","migration":"0042_search_trigram"}`],
      [41000, `{"level":"info","ts":"${iso(t + 41000)}","msg":"migrations complete","applied":2}`],
    ],
    line: () => '',
  },
  web: {
    interval: 1800,
    startup: (t) => [
      [0, `> web@3 start`],
      [20, `> node server.js`],
      [600, `${iso(t + 600)} info: web listening on :8080 (api=http://api)`],
    ],
    line: (t, seed, k) => {
      const ip = `10.244.${Math.floor(noise(seed, k, 'a') * 3)}.${Math.floor(noise(seed, k, 'b') * 200) + 2}`;
      const paths = [
        '/',
        '/products',
        '/products/42',
        '/cart',
        '/checkout',
        '/static/app.js',
        '/static/app.css',
        '/favicon.ico',
      ];
      const path = pick(paths, noise(seed, k, 'p'));
      const status = noise(seed, k, 's') < 0.97 ? 200 : 304;
      const bytes = Math.floor(noise(seed, k, 'n') * 40000) + 300;
      const agents = [
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
      ];
      return `${ip} - - [${clf(t)}] "GET ${path} HTTP/1.1" ${status} ${bytes} "https://shop.example.com/" "${pick(agents, noise(seed, k, 'u'))}"`;
    },
  },
  nginx: {
    interval: 6000,
    startup: (t) => [
      [0, '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration'],
      [5, '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/'],
      [40, '/docker-entrypoint.sh: Configuration complete; ready for start up'],
      [
        60,
        `${iso(t + 60)
          .slice(0, 19)
          .replace('T', ' ')
          .replace(/-/g, '/')} [notice] 1#1: nginx/1.25.5`,
      ],
      [
        61,
        `${iso(t + 61)
          .slice(0, 19)
          .replace('T', ' ')
          .replace(/-/g, '/')} [notice] 1#1: start worker processes`,
      ],
    ],
    line: (t, seed, k) =>
      `10.244.${Math.floor(noise(seed, k, 'a') * 3)}.${Math.floor(noise(seed, k, 'b') * 200) + 2} - - [${clf(t)}] "GET / HTTP/1.1" 200 ${150 + Math.floor(noise(seed, k, 'n') * 20)} "-" "curl/8.5.0" "-"`,
  },
  fluentbit: {
    interval: 15000,
    startup: (t) => {
      const ts = `[${iso(t).slice(0, 19).replace('T', ' ').replace(/-/g, '/')}]`;
      return [
        [0, 'Fluent Bit v3.0.7'],
        [1, '* Copyright (C) 2015-2024 The Fluent Bit Authors'],
        [30, `${ts} [ info] [fluent bit] version=3.0.7, commit=73e72bdf9b, pid=1`],
        [60, `${ts} [ info] [input:tail:tail.0] initializing`],
        [90, `${ts} [ info] [output:forward:forward.0] worker #0 started`],
        [120, `${ts} [ info] [sp] stream processor started`],
      ];
    },
    line: (t, seed, k) => {
      const ts = `[${iso(t).slice(0, 19).replace('T', ' ').replace(/-/g, '/')}]`;
      return noise(seed, k, 'w') < 0.9
        ? `${ts} [ info] [input:tail:tail.0] inotify_fs_add(): inode=${1000000 + Math.floor(noise(seed, k) * 99999)} watch_fd=${k % 7} name=/var/log/app/access.log`
        : `${ts} [ warn] [engine] failed to flush chunk '1-${Math.floor(t / 1000)}.flb', retry in ${Math.floor(noise(seed, k, 'r') * 10) + 1} seconds: task_id=0, input=tail.0 > output=forward.0`;
    },
  },
  worker: {
    interval: 4000,
    startup: (t) => [
      [0, `${iso(t)} INFO  worker: starting (concurrency=8, queues=emails,invoices,webhooks)`],
      [120, `${iso(t + 120)} INFO  worker: connected to redis://redis:6379/0`],
    ],
    line: (t, seed, k) => {
      const kinds = ['emails.send', 'invoices.render', 'webhooks.deliver', 'emails.send', 'search.reindex'];
      const kind = pick(kinds, noise(seed, k, 'k'));
      const id = Math.floor(noise(seed, k, 'id') * 9_000_000) + 1_000_000;
      const ms = Math.floor(noise(seed, k, 'ms') ** 2 * 2500) + 20;
      if (kind === 'search.reindex')
        return `${iso(t)} INFO  worker: processing batch ${id % 10000} (1500 items) queue=search`;
      if (noise(seed, k, 'f') < 0.03) {
        return `${iso(t)} WARN  worker: job ${id} ${kind} failed (attempt 1/5): upstream returned 503; retrying in 30s`;
      }
      return `${iso(t)} INFO  worker: job ${id} ${kind} done in ${ms}ms`;
    },
    crash: (t) => [
      [-4000, `${iso(t - 4000)} INFO  worker: processing batch 8812 (1500 items) queue=search`],
      [-1500, `${iso(t - 1500)} WARN  worker: memory usage 498Mi of 512Mi limit`],
    ],
  },
  postgres: {
    interval: 30000,
    startup: (t) => [
      [
        0,
        `${pgTime(t)} [1] LOG:  starting PostgreSQL 16.3 (Debian 16.3-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`,
      ],
      [10, `${pgTime(t + 10)} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432`],
      [20, `${pgTime(t + 20)} [1] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"`],
      [
        60,
        `${pgTime(t + 60)} [29] LOG:  database system was shut down at ${pgTime(t - 5000).slice(0, 19)} UTC`,
      ],
      [90, `${pgTime(t + 90)} [1] LOG:  database system is ready to accept connections`],
    ],
    line: (t, seed, k) => {
      const r = noise(seed, k, 'kind');
      if (r < 0.5) {
        const buffers = Math.floor(noise(seed, k, 'b') * 400) + 10;
        return `${pgTime(t)} [27] LOG:  checkpoint complete: wrote ${buffers} buffers (${(buffers / 163.84).toFixed(1)}%); 0 WAL file(s) added, 0 removed, 0 recycled; write=${(buffers / 10).toFixed(3)} s, sync=0.004 s, total=${(buffers / 10 + 0.02).toFixed(3)} s`;
      }
      if (r < 0.8) return `${pgTime(t)} [27] LOG:  checkpoint starting: time`;
      return `${pgTime(t)} [${3000 + Math.floor(noise(seed, k, 'p') * 5000)}] LOG:  duration: ${(1000 + noise(seed, k, 'd') * 2000).toFixed(3)} ms  statement: SELECT o.id, o.total FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.created_at > now() - interval '7 days'`;
    },
  },
  backup: {
    interval: 1000,
    finite: true,
    startup: (t) => [
      [0, `${iso(t)} pg-backup 1.4.0: dumping database "shop" from postgres:5432`],
      [61000, `${iso(t + 61000)} pg_dump finished: 1.8 GiB (compressed 412 MiB)`],
      [88000, `${iso(t + 88000)} uploaded s3://shop-backups/prod/shop-${iso(t).slice(0, 10)}.dump.gz`],
      [89000, `${iso(t + 89000)} pruned 1 backup older than 30 days`],
    ],
    line: () => '',
  },
  coredns: {
    interval: 1500,
    startup: () => [
      [0, '.:53'],
      [
        1,
        '[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908',
      ],
      [2, 'CoreDNS-1.11.1'],
      [3, 'linux/amd64, go1.20.7, ae2bbc2'],
    ],
    line: (_t, seed, k) => {
      const names = [
        'api.prod.svc.cluster.local.',
        'postgres.prod.svc.cluster.local.',
        'web.prod.svc.cluster.local.',
        'redis.prod.svc.cluster.local.',
        'registry.example.',
        'api.staging.svc.cluster.local.',
      ];
      const name = pick(names, noise(seed, k, 'n'));
      const type = noise(seed, k, 't') < 0.7 ? 'A' : 'AAAA';
      const rcode = name.startsWith('redis') ? 'NXDOMAIN' : 'NOERROR';
      const client = `10.244.${Math.floor(noise(seed, k, 'a') * 3)}.${Math.floor(noise(seed, k, 'b') * 200) + 2}:${30000 + Math.floor(noise(seed, k, 'p') * 30000)}`;
      return `[INFO] ${client} - ${Math.floor(noise(seed, k, 'id') * 65535)} "${type} IN ${name} udp ${40 + name.length} false 1232" ${rcode} qr,aa,rd ${90 + name.length} 0.000${Math.floor(noise(seed, k, 'd') * 900) + 100}s`;
    },
  },
  kubeproxy: {
    interval: 45000,
    startup: (t) => [
      [0, klog('I', t, 'server_linux.go:69', '"Using iptables proxy"')],
      [40, klog('I', t + 40, 'server.go:1062', '"Successfully retrieved node IP(s)" IPs=["10.0.0.11"]')],
      [90, klog('I', t + 90, 'server_linux.go:165', '"Using iptables Proxier"')],
      [200, klog('I', t + 200, 'config.go:192', '"Starting service config controller"')],
      [
        210,
        klog(
          'I',
          t + 210,
          'shared_informer.go:313',
          '"Waiting for caches to sync" controller="service config"',
        ),
      ],
      [400, klog('I', t + 400, 'shared_informer.go:320', '"Caches are synced" controller="service config"')],
    ],
    line: (t, seed, k) =>
      klog(
        'I',
        t,
        'proxier.go:812',
        `"SyncProxyRules complete" elapsed="${(5 + noise(seed, k) * 20).toFixed(6)}ms"`,
      ),
  },
  metricsserver: {
    interval: 60000,
    startup: (t) => [
      [
        0,
        klog(
          'I',
          t,
          'serving.go:374',
          '"Generated self-signed cert" file="/tmp/apiserver.crt" key="/tmp/apiserver.key"',
        ),
      ],
      [
        500,
        klog(
          'I',
          t + 500,
          'handler.go:275',
          '"Adding GroupVersion" group="metrics.k8s.io" version="v1beta1"',
        ),
      ],
      [900, klog('I', t + 900, 'secure_serving.go:213', '"Serving securely" address="[::]:10250"')],
    ],
    line: (t, seed, k) =>
      noise(seed, k) < 0.85
        ? klog(
            'I',
            t,
            'server.go:191',
            '"Scraped metrics" nodes=3 pods=' + (20 + Math.floor(noise(seed, k, 'p') * 4)),
          )
        : klog(
            'E',
            t,
            'scraper.go:149',
            '"Failed to scrape node" err="request failed, status: \\"503 Service Unavailable\\"" node="node-2"',
          ),
  },
  generic: {
    interval: 5000,
    startup: (t) => [[0, `${iso(t)} starting`]],
    line: (t, seed, k) => `${iso(t)} heartbeat seq=${k} ok=${noise(seed, k) < 0.98}`,
  },
};

function profileFor(
  image: string,
  container: string,
  args: readonly string[] | undefined,
): { profile: Profile; version: string } {
  const version = image.slice(image.lastIndexOf(':') + 1);
  const pickProfile = (): Profile => {
    if (image.includes('/api:')) return args?.includes('migrate') ? PROFILES.migrate! : PROFILES.api!;
    if (image.includes('/web:')) return PROFILES.web!;
    if (image.includes('/worker:')) return PROFILES.worker!;
    if (image.includes('pg-backup')) return PROFILES.backup!;
    if (image.startsWith('postgres')) return PROFILES.postgres!;
    if (image.includes('fluent-bit')) return PROFILES.fluentbit!;
    if (image.includes('coredns')) return PROFILES.coredns!;
    if (image.includes('kube-proxy')) return PROFILES.kubeproxy!;
    if (image.includes('metrics-server')) return PROFILES.metricsserver!;
    if (image.includes('nginx') || container === 'hello') return PROFILES.nginx!;
    return PROFILES.generic!;
  };
  return { profile: pickProfile(), version };
}

export interface LogWindow {
  /** When this container instance started and (if it did) stopped. */
  readonly start: number;
  readonly end: number | null;
  readonly crashed: string | null;
}

/** The lines an instance of a container wrote between `from` (inclusive) and `to` (inclusive). */
export function logLines(
  pod: Pod,
  containerName: string,
  window: LogWindow,
  from: number,
  to: number,
): LogLine[] {
  const container = pod.spec.containers.find((c) => c.name === containerName);
  if (!container) return [];
  const { profile, version } = profileFor(container.image, container.name, container.args);
  const seed = `${pod.metadata.uid}/${containerName}/${window.start}`;
  const end = window.end ?? to;
  const lo = Math.max(from, window.start);
  const hi = Math.min(to, end);
  if (hi < lo) return [];
  const lines: LogLine[] = [];
  const startup = profile.startup(window.start, seed);
  for (const [offset, text] of startup) {
    const at = window.start + offset;
    if (at >= lo && at <= hi) lines.push({ at, text: text.replace('{version}', version) });
  }
  const steady = window.start + (startup.at(-1)?.[0] ?? 0) + 1;
  const lastWords = window.crashed && window.end !== null && profile.crash ? profile.crash(window.end) : [];
  // Nothing else is written once a crashing instance says its last words.
  const steadyEnd = lastWords.length ? window.end! + Math.min(...lastWords.map(([o]) => o)) - 1 : hi;
  if (!profile.finite) {
    const first = Math.max(0, Math.floor((lo - steady) / profile.interval) - 1);
    const last = Math.floor((hi - steady) / profile.interval);
    for (let k = Math.max(first, last - MAX_LOG_LINES); k <= last; k++) {
      const at = Math.floor(
        steady + k * profile.interval + noise(seed, k, 'jitter') * profile.interval * 0.9,
      );
      if (at >= lo && at <= Math.min(hi, steadyEnd)) lines.push({ at, text: profile.line(at, seed, k) });
    }
  }
  for (const [offset, text] of lastWords) {
    const at = window.end! + offset;
    if (at >= lo && at <= hi) lines.push({ at, text });
  }
  lines.sort((a, b) => a.at - b.at);
  return lines.length > MAX_LOG_LINES ? lines.slice(-MAX_LOG_LINES) : lines;
}
