/**
 * One run's connection to the outside: what it prints, how far it got, and whether it must stop.
 * Cancel (abort) and timeout both end every wait at once; the cluster keeps converging, as a real
 * one would after kubectl is interrupted.
 */
import type { Change, Cluster } from './cluster.js';
import type { ExecutionSink } from '../types.js';

export type StopReason = 'cancelled' | 'timeout';
export type WaitResult = 'done' | 'stopped' | 'expired';

export interface ClusterWatch {
  /** Resolves once `check()` holds (checked now and after every change), on stop, or after `maxMs` of cluster time. */
  until(check: () => boolean, maxMs?: number): Promise<WaitResult>;
  close(): void;
}

export class RunIO {
  readonly #sink: ExecutionSink;
  readonly #cluster: Cluster;
  readonly #signal: AbortSignal;
  #stopped: StopReason | null = null;
  #onStop = new Set<() => void>();
  #timeout: ReturnType<typeof setTimeout> | null = null;
  #abortListener: (() => void) | null = null;
  #firstError: string | null = null;
  #lastProgress = -1;
  readonly #deadline: number;

  constructor(sink: ExecutionSink, cluster: Cluster, signal: AbortSignal, timeoutMs: number) {
    this.#sink = sink;
    this.#cluster = cluster;
    this.#signal = signal;
    this.#deadline = Number.isFinite(timeoutMs) && timeoutMs > 0 ? Date.now() + timeoutMs : Infinity;
    if (signal.aborted) this.#stopped = 'cancelled';
    else {
      this.#abortListener = () => this.#stop('cancelled');
      signal.addEventListener('abort', this.#abortListener, { once: true });
      if (Number.isFinite(timeoutMs) && timeoutMs > 0) {
        this.#timeout = setTimeout(() => this.#stop('timeout'), timeoutMs);
      }
    }
  }

  get stopped(): StopReason | null {
    return this.#stopped;
  }

  /** The first `error:` line printed, reported as the outcome's error. */
  get firstError(): string | null {
    return this.#firstError;
  }

  /** Stops the run as if it had been cancelled (the executor is closing). */
  cancel(): void {
    this.#stop('cancelled');
  }

  #stop(reason: StopReason): void {
    if (this.#stopped) return;
    this.#stopped = reason;
    for (const fn of [...this.#onStop]) fn();
    this.#onStop.clear();
  }

  out(text: string): void {
    if (this.#stopped) return;
    this.#sink.output(text.endsWith('\n') ? text : `${text}\n`, 'stdout');
  }

  err(text: string): void {
    if (this.#stopped) return;
    const chunk = text.endsWith('\n') ? text : `${text}\n`;
    // Notes kubectl prints on stderr that are not the failure (warnings, which pod it picked, …).
    const note =
      /^(Warning:|Found \d+ pods|Defaulted container|No resources found|(label|annotation) ".*" not found)/;
    if (this.#firstError === null && !note.test(chunk)) this.#firstError = chunk.split('\n')[0]!;
    this.#sink.output(chunk, 'stderr');
  }

  /** Reports progress; never goes backwards and never repeats itself. */
  progress(percentage: number, stage: string, description: string): void {
    if (this.#stopped) return;
    const pct = Math.max(this.#lastProgress, Math.min(100, Math.max(0, Math.round(percentage))));
    if (pct === this.#lastProgress && pct !== 100) return;
    this.#lastProgress = pct;
    this.#sink.progress({ percentage: pct, stage, description });
  }

  /**
   * Cluster time a bounded stream (`logs -f`, `get -w`) may take: `limit`, or less so that it ends on
   * its own just before the run's timeout would cut it off.
   */
  budget(limit: number): number {
    const wallLeft = this.#deadline - Date.now() - 150;
    const clusterLeft = wallLeft / this.#cluster.clock.toWallMs(1);
    return Math.max(0, Math.min(limit, clusterLeft));
  }

  /** Waits `ms` of cluster time; false when the run was stopped first. */
  sleep(ms: number): Promise<boolean> {
    if (this.#stopped) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        cancel();
        this.#onStop.delete(onStop);
        resolve(ok);
      };
      const onStop = () => done(false);
      const cancel = this.#cluster.clock.after(ms, () => done(true));
      this.#onStop.add(onStop);
    });
  }

  /** Subscribes to cluster changes now, before the caller mutates, so no step is missed. */
  watch(onChange: (changes: readonly Change[]) => void): ClusterWatch {
    let check: (() => boolean) | null = null;
    let finish: ((result: WaitResult) => void) | null = null;
    const unsubscribe = this.#cluster.subscribe((changes) => {
      onChange(changes);
      if (check?.()) finish?.('done');
    });
    return {
      until: (condition, maxMs) => {
        if (this.#stopped) return Promise.resolve('stopped');
        if (condition()) return Promise.resolve('done');
        return new Promise<WaitResult>((resolve) => {
          let cancelDeadline = () => {};
          const onStop = () => finish?.('stopped');
          check = condition;
          finish = (result) => {
            check = null;
            finish = null;
            cancelDeadline();
            this.#onStop.delete(onStop);
            resolve(result);
          };
          this.#onStop.add(onStop);
          if (maxMs !== undefined)
            cancelDeadline = this.#cluster.clock.after(maxMs, () => finish?.('expired'));
        });
      },
      close: unsubscribe,
    };
  }

  dispose(): void {
    if (this.#timeout) clearTimeout(this.#timeout);
    if (this.#abortListener) this.#signal.removeEventListener('abort', this.#abortListener);
    this.#onStop.clear();
  }
}
