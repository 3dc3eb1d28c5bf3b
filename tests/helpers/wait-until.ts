import { waitUntil as openWcWaitUntil } from '@open-wc/testing';

/**
 * `waitUntil` with a default timeout fit for a busy 2-core CI machine: open-wc's 1 s default made tests
 * that wait for real rendering (virtualizer, streamed output) fail on load, not on a bug. A test that
 * needs a tighter bound passes its own `timeout`.
 */
export function waitUntil(
  predicate: () => unknown | Promise<unknown>,
  message?: string,
  options: { interval?: number; timeout?: number } = {},
): Promise<void> {
  return openWcWaitUntil(predicate, message, { timeout: 10_000, ...options });
}
