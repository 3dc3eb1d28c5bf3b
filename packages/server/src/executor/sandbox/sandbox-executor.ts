/**
 * The sandbox executor: an in-process Kubernetes cluster that runs the kubectl subset the chat needs.
 * It is the default, so that anyone can try KubeChat — scale, restart, drain, delete, roll back —
 * without a cluster and without risk. State survives restarts through the SandboxStore.
 */
import type { ExecutionOutcome, ExecutionSink, Executor, RollbackSnapshot, SandboxStore } from '../types.js';
import { EXIT_CANCELLED, EXIT_TIMEOUT } from '../types.js';
import { parseKubectl } from '../../kubectl/index.js';
import { Cluster } from './cluster.js';
import { createSandboxClock } from './clock.js';
import { controllerHooks } from './controllers/index.js';
import { runCommand } from './commands/index.js';
import type { CommandContext, CommandResult } from './commands/context.js';
import { SANDBOX_CONTEXT } from './commands/info.js';
import { restore } from './commands/restore.js';
import { STATE_FORMAT, type ClusterState } from './model.js';
import { RunIO } from './run-io.js';
import { seedCluster } from './seed/index.js';
import { readSnapshot } from './snapshot.js';

export interface SandboxExecutorOptions {
  /** Where the cluster is kept between restarts; without one it lives in memory only. */
  store?: SandboxStore;
  /** Seed of the PRNG behind generated names, for a reproducible cluster (default 42). */
  seed?: number;
  /** Wall-clock milliseconds per simulated millisecond: 1 is real time, 0.01 runs a hundred times faster. */
  timeScale?: number;
  /** Wall clock in epoch milliseconds. */
  now?: () => number;
}

function loadState(store: SandboxStore | undefined): ClusterState | null {
  const json = store?.load();
  if (!json) return null;
  try {
    const state = JSON.parse(json) as ClusterState;
    return state.format === STATE_FORMAT && state.objects && Array.isArray(state.timers) ? state : null;
  } catch {
    return null;
  }
}

/** A run's outcome: a stop wins over the exit code, and a change made before it keeps its snapshot. */
function outcomeOf(io: RunIO, result: CommandResult, timeoutMs: number): ExecutionOutcome {
  const snapshot = result.snapshot ?? null;
  if (io.stopped === 'cancelled') {
    return { exitCode: EXIT_CANCELLED, status: 'cancelled', error: 'cancelled', snapshot };
  }
  if (io.stopped === 'timeout') {
    return { exitCode: EXIT_TIMEOUT, status: 'timeout', error: `timed out after ${timeoutMs} ms`, snapshot };
  }
  if (result.exitCode === 0) return { exitCode: 0, status: 'completed', snapshot };
  const error = io.firstError ?? `exit status ${result.exitCode}`;
  return { exitCode: result.exitCode, status: 'failed', error, snapshot };
}

export function createSandboxExecutor(options: SandboxExecutorOptions = {}): Executor {
  const clock = createSandboxClock({
    ...(options.timeScale !== undefined ? { timeScale: options.timeScale } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const saved = loadState(options.store);
  if (options.store?.load() && !saved) {
    process.emitWarning('sandbox: the saved cluster could not be read; starting from the seed');
  }
  if (saved) clock.resumeFrom(saved.savedAt);
  const state = saved ?? seedCluster(options.seed ?? 42, clock.now());
  const store = options.store;
  const cluster = new Cluster(state, clock, {
    ...controllerHooks,
    ...(store ? { persist: (json: string) => store.save(json) } : {}),
  });
  // Whatever was due while the server was down has happened by now: pods mid-transition settle.
  cluster.runDueTimers();
  cluster.commit();
  store?.save(cluster.serialize());
  let closed = false;
  const active = new Set<RunIO>();

  async function execute(
    sink: ExecutionSink,
    signal: AbortSignal,
    timeoutMs: number,
    body: (io: RunIO) => Promise<CommandResult> | CommandResult,
  ): Promise<ExecutionOutcome> {
    if (closed) return { exitCode: 1, status: 'failed', error: 'the sandbox executor is closed' };
    const io = new RunIO(sink, cluster, signal, timeoutMs);
    active.add(io);
    try {
      if (io.stopped) {
        return { exitCode: EXIT_CANCELLED, status: 'cancelled', error: 'cancelled before it started' };
      }
      return outcomeOf(io, await body(io), timeoutMs);
    } catch (error) {
      // A bug in the simulation fails this one run; it must not take the server down.
      const message = `error: internal sandbox error: ${error instanceof Error ? error.message : String(error)}`;
      io.err(message);
      return { exitCode: 1, status: 'failed', error: message };
    } finally {
      io.dispose();
      active.delete(io);
    }
  }

  return {
    name: 'sandbox',
    target: () => ({ cluster: cluster.state.clusterName, context: SANDBOX_CONTEXT }),
    run: (run) =>
      execute(run.sink, run.signal, run.timeoutMs, (io) => runCommand({ cluster, parsed: run.parsed, io })),
    rollback: (snapshot: RollbackSnapshot, run) =>
      execute(run.sink, run.signal, run.timeoutMs, (io) => {
        const ctx: CommandContext = { cluster, parsed: parseKubectl(['kubectl']), io };
        const actions = readSnapshot(snapshot);
        if (!actions) {
          io.err('error: this snapshot was not taken by the sandbox cluster');
          return { exitCode: 1 };
        }
        return restore(ctx, actions);
      }),
    // The in-memory model is the cluster, so names come straight from it, in the API's order.
    listNames: async (plural, namespace) => cluster.list(plural, namespace).map((o) => o.metadata.name),
    async close() {
      if (closed) return;
      closed = true;
      // Runs still waiting on the cluster end now, as cancelled, instead of hanging until their timeout.
      for (const io of active) io.cancel();
      cluster.close();
    },
  };
}
