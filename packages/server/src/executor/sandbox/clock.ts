/**
 * Cluster time. The sandbox runs on a simulated clock that ticks `1 / timeScale` times faster than
 * the wall clock, so tests can run a rollout that takes seconds in a few milliseconds while every
 * timestamp, age and log line stays consistent with the durations the simulation uses.
 */

export interface SandboxClockOptions {
  /** Wall-clock milliseconds per simulated millisecond; 1 is real time, 0.01 is a hundred times faster. */
  timeScale?: number;
  /** Wall clock in epoch milliseconds (injectable for tests). */
  now?: () => number;
}

export interface SandboxClock {
  /** Cluster time in epoch milliseconds; never goes backwards. */
  now(): number;
  /** Runs `fn` after `ms` of cluster time; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
  /** Resumes from a saved cluster time so a restart cannot make the clock run backwards. */
  resumeFrom(savedAt: number): void;
  /** Marks `at` as reached (a timer due at `at` fired), keeping time and fired timers consistent. */
  reach(at: number): void;
  /** Wall-clock milliseconds that `ms` of cluster time takes. */
  toWallMs(ms: number): number;
}

export function createSandboxClock(options: SandboxClockOptions = {}): SandboxClock {
  const scale = options.timeScale && options.timeScale > 0 ? options.timeScale : 1;
  const wall = options.now ?? Date.now;
  let wallStart = wall();
  let simStart = wallStart;
  let floor = simStart;
  const now = (): number => {
    const t = Math.floor(simStart + (wall() - wallStart) / scale);
    if (t > floor) floor = t;
    return floor;
  };
  return {
    now,
    after(ms, fn) {
      const handle = setTimeout(fn, Math.max(0, ms * scale));
      return () => clearTimeout(handle);
    },
    resumeFrom(savedAt) {
      wallStart = wall();
      simStart = Math.max(wallStart, savedAt);
      floor = Math.max(floor, simStart);
    },
    reach(at) {
      if (at > floor) floor = at;
    },
    toWallMs: (ms) => ms * scale,
  };
}

/** A clock that only moves when told to; used to build the seed's history in no time. */
export function createManualClock(start: number): SandboxClock & { set(t: number): void } {
  let t = start;
  return {
    now: () => t,
    after: () => () => {},
    resumeFrom(savedAt) {
      t = Math.max(t, savedAt);
    },
    reach(at) {
      t = Math.max(t, at);
    },
    toWallMs: () => 0,
    set(next) {
      t = Math.max(t, next);
    },
  };
}
