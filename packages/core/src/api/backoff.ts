/** Exponential backoff shared by the API client, the token providers and the WebSocket hub. */
export interface BackoffOptions {
  /** Ceiling of the first delay. */
  readonly baseMs: number;
  /** Largest ceiling. */
  readonly maxMs: number;
  /** Injectable for tests; Math.random by default. */
  readonly random?: () => number;
}

/**
 * Delay before retry number `attempt` (0-based) with "equal jitter": half of the ceiling is fixed and half
 * random, so a crowd of clients that failed together spreads out (reliability W9) without ever retrying at
 * once in a tight loop.
 */
export function backoffDelay(
  attempt: number,
  { baseMs, maxMs, random = Math.random }: BackoffOptions,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Resolves after `ms`; rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
