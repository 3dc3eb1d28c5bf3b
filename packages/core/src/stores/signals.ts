import { Signal } from '@lit-labs/signals';
import type { ReadableAtom } from 'nanostores';

/**
 * A read-only `@lit-labs/signals` signal that mirrors a nanostore, for elements that derive state with
 * `computed()` and render through `SignalWatcher`. It subscribes to the store only while the signal is
 * watched, so the store's lazy `onMount` (REST read, socket topic) runs exactly while a rendered element
 * needs it. While nobody watches, it holds the last value it saw.
 */
export function storeSignal<T>(store: ReadableAtom<T>): Signal.Computed<T> {
  let unsubscribe: (() => void) | null = null;
  const state: Signal.State<T> = new Signal.State(store.value as T, {
    [Signal.subtle.watched]() {
      // Signals may not be written while the graph is being read, so the first value lands a microtask later.
      queueMicrotask(() => {
        if (unsubscribe) return;
        unsubscribe = store.subscribe((value) => state.set(value));
      });
    },
    [Signal.subtle.unwatched]() {
      queueMicrotask(() => {
        unsubscribe?.();
        unsubscribe = null;
      });
    },
  });
  return new Signal.Computed(() => state.get());
}
