import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { KubeChatServices } from '../context/services.js';
import type { PreferencesState } from '../stores/preferences-store.js';

type Host = ReactiveControllerHost & HTMLElement;

/** Attributes a person's preferences may set on an element, unless the page set them itself. */
type PreferredAttribute = 'theme' | 'compact';

/**
 * Applies the signed-in person's stored preferences (theme, compact) to an element. The page wins: an
 * attribute the host page wrote itself is never touched, so `<k8s-chat theme="dark">` stays dark.
 */
export class PreferencesController implements ReactiveController {
  readonly #host: Host;
  readonly #services: () => KubeChatServices | undefined;
  readonly #owned = new Set<PreferredAttribute>();
  #watching: KubeChatServices | undefined;
  #stop: (() => void) | undefined;
  #value: PreferencesState | undefined;

  constructor(host: Host, services: () => KubeChatServices | undefined) {
    this.#host = host;
    this.#services = services;
    host.addController(this);
  }

  /** The preferences in use (defaults until they are loaded or when there are no services). */
  get state(): PreferencesState | undefined {
    return this.#value;
  }

  hostConnected(): void {
    this.#follow();
  }

  hostUpdate(): void {
    // The services can arrive or change after connecting. Before the render, not after it: what the
    // subscription applies joins this update instead of scheduling another one.
    this.#follow();
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.#stop = undefined;
    this.#watching = undefined;
  }

  #follow(): void {
    const services = this.#services();
    if (services === this.#watching) return;
    this.#stop?.();
    this.#watching = services;
    this.#stop = services?.stores.$preferences.subscribe((state) => this.#apply(state));
  }

  #apply(state: PreferencesState): void {
    this.#value = state;
    const { theme, compact } = state.value;
    this.#set('theme', theme === 'system' ? null : theme);
    this.#set('compact', compact ? '' : null);
    this.#host.requestUpdate();
  }

  #set(name: PreferredAttribute, value: string | null): void {
    const host = this.#host;
    if (host.hasAttribute(name) && !this.#owned.has(name)) return; // the page chose
    if (value === null) {
      if (this.#owned.delete(name)) host.removeAttribute(name);
      return;
    }
    this.#owned.add(name);
    if (host.getAttribute(name) !== value) host.setAttribute(name, value);
  }
}
