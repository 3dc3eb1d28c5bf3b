// Starts the real reference KubeChat server for browser tests that cross the wire: a free port on
// 127.0.0.1, a fresh data directory, the demo users, and the page origin allowed for CORS and the
// WebSocket. Used by the web-test-runner plugin in web-test-runner.config.mjs; also runnable by hand:
//   node scripts/test-server.mjs http://127.0.0.1:8000
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_MAIN = join(ROOT, 'packages/server/dist/main.js');
export const DEMO_PASSWORD = 'kubechat-demo';

/** Why the server cannot start, or null when it can. */
export function missingServerReason() {
  return existsSync(SERVER_MAIN)
    ? null
    : `${SERVER_MAIN} is missing: build the server first with \`npx tsc --build\` (or \`npm run build\`).`;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, child, output, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `The test server exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${output()}`,
      );
    }
    try {
      const response = await fetch(`${url}/api/v1/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The test server did not answer GET /api/v1/health within ${timeoutMs} ms:\n${output()}`);
}

/**
 * Starts one server. `restart({ kill })` stops it (SIGKILL when `kill`, like a crash) and starts it again
 * on the same port and data directory: a new WebSocket epoch with no event history.
 */
export async function startTestServer({
  allowedOrigins = [],
  accessTtlSeconds,
  env = {},
  timeoutMs = 20_000,
} = {}) {
  const reason = missingServerReason();
  if (reason) throw new Error(reason);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'kubechat-test-'));
  const url = `http://127.0.0.1:${port}`;
  let child;
  let log = '';

  async function launch() {
    log = '';
    child = spawn(process.execPath, [SERVER_MAIN], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        KUBECHAT_DATA_DIR: dataDir,
        KUBECHAT_DEMO_PASSWORD: DEMO_PASSWORD,
        KUBECHAT_ALLOWED_ORIGINS: allowedOrigins.join(','),
        KUBECHAT_SANDBOX_TIME_SCALE: '0.05',
        KUBECHAT_RATE_LIMIT_PER_MINUTE: '100000',
        ...(accessTtlSeconds ? { KUBECHAT_ACCESS_TTL_SECONDS: String(accessTtlSeconds) } : {}),
        ...env,
      },
    });
    const keep = (chunk) => {
      log = (log + chunk).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    await waitForHealth(url, child, () => log, timeoutMs);
  }

  async function stop({ kill = false } = {}) {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(kill ? 'SIGKILL' : 'SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }

  try {
    await launch();
  } catch (error) {
    // A server that never became healthy must not outlive the test run that gave up on it.
    await stop({ kill: true });
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    port,
    dataDir,
    output: () => log,
    async restart({ kill = true } = {}) {
      await stop({ kill });
      await launch();
    },
    async close() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const origins = process.argv.slice(2);
  const server = await startTestServer({ allowedOrigins: origins });
  console.log(`KubeChat test server on ${server.url} (data in ${server.dataDir}); Ctrl+C stops it.`);
  process.on('SIGINT', () => server.close().then(() => process.exit(0)));
}
