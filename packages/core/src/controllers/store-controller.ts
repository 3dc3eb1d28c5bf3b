import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

/**
 * Renders a nanostore: subscribes while the host is connected (which mounts the store) and requests an
 * update on every change. Our own ESM replacement for `@nanostores/lit`, which ships CommonJS only.
 */
export class StoreController<T> implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #store: ReadableAtom<T>;
  #unsubscribe: (() => void) | undefined;

  constructor(host: ReactiveControllerHost, store: ReadableAtom<T>) {
    this.#host = host;
    this.#store = store;
    host.addController(this);
  }

  /** The store's current value. */
  get value(): T {
    return this.#store.get();
  }

  /** Switches to another store (for example the messages of another session). */
  set store(store: ReadableAtom<T>) {
    if (store === this.#store) return;
    const connected = this.#unsubscribe !== undefined;
    this.hostDisconnected();
    this.#store = store;
    if (connected) this.hostConnected();
    this.#host.requestUpdate();
  }

  hostConnected(): void {
    this.#unsubscribe ??= this.#store.listen(() => this.#host.requestUpdate());
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
