import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// A reference server this spec starts, kills and restarts itself (the shared one from the config
// cannot be restarted mid-test). Its data directory survives restarts, as a real deployment's would.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface OwnServer {
  readonly url: string;
  readonly dataDir: string;
  start(): Promise<void>;
  /** SIGKILL: no graceful close, like a crashed process or a killed pod. */
  kill(): Promise<void>;
  stop(): Promise<void>;
  /** Everything the server wrote to stdout (its request log) since this object was made. */
  output(): string;
}

export function ownServer(port: number, env: Record<string, string> = {}): OwnServer {
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'kubechat-e2e-own-'));
  let child: ChildProcess | null = null;
  let log = '';

  async function waitHealthy() {
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (child?.exitCode !== null && child?.exitCode !== undefined)
        throw new Error(`server exited (${child.exitCode})`);
      const ok = await fetch(`${url}/api/v1/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`server on ${url} did not become healthy`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function end(signal: NodeJS.Signals) {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill(signal);
    await exited;
  }

  return {
    url,
    dataDir,
    async start() {
      child = spawn(process.execPath, ['packages/server/dist/main.js'], {
        cwd: ROOT,
        env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', KUBECHAT_DATA_DIR: dataDir, ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
      await waitHealthy();
    },
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
    output: () => log,
  };
}
