/**
 * Runs the real kubectl. The argument vector goes to the process as it is — never through a shell —
 * with a small environment (no server secrets leak into kubectl or its credential plugins), output is
 * streamed as it arrives, and cancel or timeout really stop the process: SIGTERM to its process
 * group, then SIGKILL after a grace period.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  EXIT_CANCELLED,
  EXIT_TIMEOUT,
  type ExecutionOutcome,
  type Executor,
  type ExecutorRun,
} from './types.js';

export interface KubectlExecutorOptions {
  /** The kubectl binary (default `kubectl`, looked up on PATH). */
  kubectlPath?: string;
  /** KUBECONFIG for kubectl; default: the server's own KUBECONFIG, else kubectl's default. */
  kubeconfig?: string;
  /** Context passed as `--context` to every command; default: the kubeconfig's current context. */
  context?: string;
  /** Extra environment for kubectl and its exec credential plugins (cloud credentials, proxies). */
  env?: Record<string, string>;
  /** Milliseconds between SIGTERM and SIGKILL when a run is stopped (default 3000). */
  killGraceMs?: number;
  /** Milliseconds completion waits for `kubectl get -o name` (default 4000). */
  listNamesTimeoutMs?: number;
}

/** Completion waits at most this long by default for `kubectl get -o name`. */
const LIST_NAMES_TIMEOUT_MS = 4000;

/** What kubectl and its credential plugins need from the server's environment; nothing else passes. */
const PASSTHROUGH_ENV = [
  'PATH',
  'HOME',
  'USER',
  'LANG',
  'LC_ALL',
  'TZ',
  'TMPDIR',
  'KUBECACHEDIR',
  'HTTPS_PROXY',
  'HTTP_PROXY',
  'NO_PROXY',
  'https_proxy',
  'http_proxy',
  'no_proxy',
];

export function kubectlEnvironment(options: KubectlExecutorOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of PASSTHROUGH_ENV) if (process.env[key] !== undefined) env[key] = process.env[key];
  const kubeconfig = options.kubeconfig ?? process.env.KUBECONFIG;
  if (kubeconfig) env.KUBECONFIG = kubeconfig;
  return { ...env, ...options.env };
}

/** kubectl's arguments: argv without `kubectl`, plus `--context` before any `--` (after it, flags belong to exec). */
export function kubectlArgs(argv: readonly string[], context: string | undefined): string[] {
  const args = argv.slice(1);
  if (!context) return args;
  const dashes = args.indexOf('--');
  const at = dashes === -1 ? args.length : dashes;
  return [...args.slice(0, at), '--context', context, ...args.slice(at)];
}

function spawnError(error: NodeJS.ErrnoException, path: string): string {
  if (error.code === 'ENOENT') return `kubectl not found at ${path}; set KUBECHAT_KUBECTL or install kubectl`;
  if (error.code === 'EACCES')
    return `kubectl at ${path} is not executable; set KUBECHAT_KUBECTL to a working kubectl`;
  return `could not start kubectl at ${path}: ${error.message}`;
}

/** Signals a whole process group (kubectl plus any exec plugin it started), else the process itself. */
function signal(child: ChildProcess, sig: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, sig);
  } catch {
    try {
      child.kill(sig);
    } catch {
      // Already gone.
    }
  }
}

export function createKubectlExecutor(options: KubectlExecutorOptions = {}): Executor {
  const path = options.kubectlPath ?? 'kubectl';
  const env = kubectlEnvironment(options);
  const grace = options.killGraceMs ?? 3000;
  const listTimeout = options.listNamesTimeoutMs ?? LIST_NAMES_TIMEOUT_MS;
  const running = new Set<ChildProcess>();
  let target: { cluster: string; context: string } | null = null;
  let closed = false;

  /** Runs a quick read-only kubectl command synchronously; null when it fails. */
  const read = (args: string[]): string | null => {
    const result = spawnSync(path, args, { env, shell: false, encoding: 'utf8', timeout: 5000 });
    const out = result.status === 0 ? result.stdout.trim() : '';
    return out || null;
  };

  function run(run: ExecutorRun): Promise<ExecutionOutcome> {
    if (closed)
      return Promise.resolve({ exitCode: 1, status: 'failed', error: 'the kubectl executor is closed' });
    if (run.signal.aborted) {
      return Promise.resolve({
        exitCode: EXIT_CANCELLED,
        status: 'cancelled',
        error: 'cancelled before it started',
      });
    }
    return new Promise((resolve) => {
      let stopped: 'cancelled' | 'timeout' | null = null;
      let failure: string | null = null;
      let stderrTail = '';
      let settled = false;
      let killTimer: ReturnType<typeof setTimeout> | null = null;
      const child = spawn(path, kubectlArgs(run.argv, options.context), {
        shell: false,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group, so a stop reaches credential plugins and anything else it started.
        detached: true,
      });
      running.add(child);

      const stop = (reason: 'cancelled' | 'timeout'): void => {
        if (stopped || settled) return;
        stopped = reason;
        signal(child, 'SIGTERM');
        killTimer = setTimeout(() => signal(child, 'SIGKILL'), grace);
      };
      const onAbort = () => stop('cancelled');
      run.signal.addEventListener('abort', onAbort, { once: true });
      const timeout =
        Number.isFinite(run.timeoutMs) && run.timeoutMs > 0
          ? setTimeout(() => stop('timeout'), run.timeoutMs)
          : null;

      child.stdout!.setEncoding('utf8');
      child.stderr!.setEncoding('utf8');
      child.stdout!.on('data', (chunk: string) => run.sink.output(chunk, 'stdout'));
      child.stderr!.on('data', (chunk: string) => {
        stderrTail = (stderrTail + chunk).slice(-4096);
        run.sink.output(chunk, 'stderr');
      });

      const finish = (outcome: ExecutionOutcome): void => {
        if (settled) return;
        settled = true;
        running.delete(child);
        if (timeout) clearTimeout(timeout);
        if (killTimer) clearTimeout(killTimer);
        run.signal.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      child.on('error', (error: NodeJS.ErrnoException) => {
        failure = spawnError(error, path);
        // A process that never started emits no 'close' on every Node version; report now.
        if (child.pid === undefined) finish({ exitCode: 127, status: 'failed', error: failure });
      });
      child.on('close', (code, sig) => {
        if (failure) return finish({ exitCode: 127, status: 'failed', error: failure });
        if (stopped === 'cancelled')
          return finish({ exitCode: EXIT_CANCELLED, status: 'cancelled', error: 'cancelled' });
        if (stopped === 'timeout') {
          return finish({
            exitCode: EXIT_TIMEOUT,
            status: 'timeout',
            error: `timed out after ${run.timeoutMs} ms`,
          });
        }
        if (code === 0) return finish({ exitCode: 0, status: 'completed' });
        const exitCode = code ?? 128 + (sig === 'SIGKILL' ? 9 : sig === 'SIGTERM' ? 15 : 1);
        const lastError = stderrTail
          .trim()
          .split('\n')
          .reverse()
          .find((line) => /^(error|Error from server)/.test(line));
        return finish({
          exitCode,
          status: 'failed',
          error: lastError ?? stderrTail.trim().split('\n').at(-1) ?? `kubectl exited with ${code ?? sig}`,
        });
      });
    });
  }

  /**
   * `kubectl get <kind> -o name` for completion: a short timeout (a slow cluster must not hold the
   * request), stdout capped, and the `kind.group/` prefix kubectl prints stripped.
   */
  function listNames(plural: string, namespace: string | null): Promise<string[]> {
    if (closed) return Promise.reject(new Error('the kubectl executor is closed'));
    const args = ['get', plural, ...(namespace ? ['-n', namespace] : []), '-o', 'name'];
    const argv = kubectlArgs(['kubectl', ...args], options.context);
    return new Promise((resolve, reject) => {
      execFile(
        path,
        argv,
        { env, shell: false, timeout: listTimeout, maxBuffer: 1024 * 1024, killSignal: 'SIGKILL' },
        (error, stdout, stderr) => {
          if (error) {
            const why = String(stderr).trim().split('\n').at(-1) || error.message;
            return reject(new Error(error.killed ? `timed out after ${listTimeout} ms` : why));
          }
          resolve(
            String(stdout)
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean)
              .map((line) => line.slice(line.lastIndexOf('/') + 1)),
          );
        },
      );
    });
  }

  return {
    name: 'kubectl',
    listNames,
    target() {
      if (!target) {
        const contextArgs = options.context ? ['--context', options.context] : [];
        const context = options.context ?? read(['config', 'current-context']) ?? '(current context)';
        const cluster =
          read(['config', 'view', '--minify', '-o', 'jsonpath={.clusters[0].name}', ...contextArgs]) ??
          '(unknown cluster)';
        target = { cluster, context };
      }
      return target;
    },
    run,
    async close() {
      closed = true;
      const children = [...running];
      for (const child of children) signal(child, 'SIGTERM');
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              const kill = setTimeout(() => signal(child, 'SIGKILL'), grace);
              child.once('close', () => {
                clearTimeout(kill);
                resolve();
              });
            }),
        ),
      );
    },
  };
}
