// Starts the built reference server (packages/server/dist) in this process on loopback, with a data
// directory of its own, and signs users in. Shared by the server and the live element benchmarks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDist = fileURLToPath(new URL('../packages/server/dist', import.meta.url));
export const PASSWORD = 'bench-password';
/** Fixed, so tokens stay valid across a restart of the server (the reconnect benchmark). */
const JWT_SECRET = 'bench-only-secret-0123456789abcdef0123456789';

export const newDataDir = () => mkdtempSync(join(tmpdir(), 'kubechat-bench-'));
export const removeDataDir = (dir) => rmSync(dir, { recursive: true, force: true });

/** `{ server, close }`; `close` keeps `dataDir` (pass `keepData: false` to remove it). */
export async function startServer({ port = 8195, dataDir = newDataDir(), allowedOrigins = [] } = {}) {
  const { loadConfig } = await import(join(serverDist, 'config.js'));
  const { startServer: start } = await import(join(serverDist, 'server.js'));
  const config = loadConfig({
    KUBECHAT_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    KUBECHAT_RATE_LIMIT_PER_MINUTE: '10000000',
    KUBECHAT_DEMO_PASSWORD: PASSWORD,
    KUBECHAT_JWT_SECRET: JWT_SECRET,
    KUBECHAT_ALLOWED_ORIGINS: allowedOrigins.join(','),
  });
  const server = await start(config);
  return {
    server,
    dataDir,
    close: async ({ keepData = false } = {}) => {
      await server.close();
      if (!keepData) removeDataDir(dataDir);
    },
  };
}

export async function login(url, username) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login as ${username} failed: HTTP ${res.status}`);
  return (await res.json()).data.token;
}

/** A JSON call with a bearer token; returns the parsed body. */
export async function call(url, token, method, path, body) {
  const res = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`);
  return res.json();
}
