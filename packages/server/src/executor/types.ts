import type { ParsedKubectl } from '../kubectl/index.js';

/** Where a run streams what it prints and how far it got; the WebSocket layer forwards both. */
export interface ExecutionSink {
  output(chunk: string, stream: 'stdout' | 'stderr'): void;
  progress(update: { percentage: number; stage: string; description: string }): void;
}

/** One approved kubectl invocation. */
export interface ExecutorRun {
  readonly argv: readonly string[]; // argv[0] === 'kubectl', already checked by the safety classifier
  readonly parsed: ParsedKubectl;
  readonly signal: AbortSignal; // abort = cancel: stop for real
  readonly timeoutMs: number;
  readonly sink: ExecutionSink;
}

export interface ExecutionOutcome {
  readonly exitCode: number;
  readonly status: 'completed' | 'failed' | 'cancelled' | 'timeout';
  readonly error?: string;
  /** What the change touched, as it was before, so a rollback can restore it (sandbox only). */
  readonly snapshot?: RollbackSnapshot | null;
}

export interface RollbackStep {
  step_number: number;
  operation: string;
  resource: string;
  name: string;
  namespace: string;
  description: string;
  data: Record<string, unknown>;
}

export interface RollbackSnapshot {
  readonly steps: readonly RollbackStep[];
  readonly state: unknown;
}

export interface Executor {
  readonly name: 'sandbox' | 'kubectl';
  /** The cluster and context shown to people next to every command. */
  target(): { cluster: string; context: string };
  run(run: ExecutorRun): Promise<ExecutionOutcome>;
  /** Restores what a snapshot captured; streams like run(). */
  rollback?(snapshot: RollbackSnapshot, run: Omit<ExecutorRun, 'argv' | 'parsed'>): Promise<ExecutionOutcome>;
  /**
   * Names of the objects of a kind (canonical plural) in a namespace, or cluster-wide when `namespace`
   * is null: a read for completion, never recorded as an execution. Throws when the cluster cannot answer.
   */
  listNames?(plural: string, namespace: string | null): Promise<string[]>;
  close(): Promise<void>;
}

/** Where the sandbox keeps its cluster between restarts (the server wires it to SQLite). */
export interface SandboxStore {
  load(): string | null;
  save(json: string): void;
}

/** Exit codes shells use for a command stopped by Ctrl-C and by timeout(1); both executors report them. */
export const EXIT_CANCELLED = 130;
export const EXIT_TIMEOUT = 124;
