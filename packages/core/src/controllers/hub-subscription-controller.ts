import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Hub, TopicListener } from '../ws/hub-types.js';

export interface HubSubscriptionOptions extends TopicListener {
  /** The hub to use; read on every update, so it may come from a `ServicesController`. */
  readonly hub: () => Hub | undefined;
  /** The topics the element needs now (e.g. `session:<id>`); read on every update. */
  readonly topics: () => readonly string[];
}

/**
 * Keeps an element subscribed to hub topics while it is connected: subscribes on connect, follows topic and
 * hub changes after each update, and releases everything on disconnect (no leaked listeners, W11).
 */
export class HubSubscriptionController implements ReactiveController {
  readonly #options: HubSubscriptionOptions;
  readonly #active = new Map<string, () => void>();
  #hub: Hub | undefined;
  #connected = false;

  constructor(host: ReactiveControllerHost, options: HubSubscriptionOptions) {
    this.#options = options;
    host.addController(this);
  }

  /** The topics currently subscribed. */
  get topics(): readonly string[] {
    return [...this.#active.keys()];
  }

  hostConnected(): void {
    this.#connected = true;
    this.#sync();
  }

  hostUpdated(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#sync();
  }

  #sync(): void {
    const hub = this.#connected ? this.#options.hub() : undefined;
    const wanted = new Set(hub ? this.#options.topics() : []);
    if (hub !== this.#hub) {
      for (const release of this.#active.values()) release();
      this.#active.clear();
      this.#hub = hub;
    }
    for (const [topic, release] of this.#active) {
      if (!wanted.has(topic)) {
        release();
        this.#active.delete(topic);
      }
    }
    if (!hub) return;
    const { onEvent, onResync, onSubscribed, onError } = this.#options;
    for (const topic of wanted) {
      if (this.#active.has(topic)) continue;
      this.#active.set(
        topic,
        hub.subscribe(topic, {
          onEvent: (event) => onEvent?.(event),
          onResync: (reason) => onResync?.(reason),
          onSubscribed: () => onSubscribed?.(),
          onError: (error) => onError?.(error),
        }),
      );
    }
  }
}
