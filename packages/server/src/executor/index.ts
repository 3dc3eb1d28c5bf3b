/**
 * Command executors: the in-process sandbox cluster (the default) and the real kubectl. Both take
 * an approved argv, stream output and progress to a sink, and stop for real on cancel or timeout.
 */
import { createKubectlExecutor, type KubectlExecutorOptions } from './kubectl-executor.js';
import { createSandboxExecutor, type SandboxExecutorOptions } from './sandbox/sandbox-executor.js';
import type { Executor } from './types.js';

export type {
  ExecutionOutcome,
  ExecutionSink,
  Executor,
  ExecutorRun,
  RollbackSnapshot,
  RollbackStep,
  SandboxStore,
} from './types.js';
export { EXIT_CANCELLED, EXIT_TIMEOUT } from './types.js';
export {
  createKubectlExecutor,
  kubectlArgs,
  kubectlEnvironment,
  type KubectlExecutorOptions,
} from './kubectl-executor.js';
export { createSandboxExecutor, type SandboxExecutorOptions } from './sandbox/sandbox-executor.js';
export { createMemorySandboxStore, type MemorySandboxStore } from './sandbox/memory-store.js';
export { RecordingSink, type SinkEvent } from './recording-sink.js';

export type ExecutorConfig =
  ({ kind: 'sandbox' } & SandboxExecutorOptions) | ({ kind: 'kubectl' } & KubectlExecutorOptions);

/** The executor a configuration asks for. */
export function createExecutor(config: ExecutorConfig): Executor {
  if (config.kind === 'kubectl') {
    const { kind: _kind, ...options } = config;
    return createKubectlExecutor(options);
  }
  const { kind: _kind, ...options } = config;
  return createSandboxExecutor(options);
}
