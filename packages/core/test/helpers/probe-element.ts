import { LitElement, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { atom, type ReadableAtom } from 'nanostores';
import type { User } from '@k8s-chat/contract';
import {
  HubSubscriptionController,
  ServicesController,
  StoreController,
  defineElement,
  type HubEvent,
} from '../../src/index.js';

const NOBODY = atom<User | null>(null);

/** An element built the way the real ones are: services from context or a shared client, stores, topics. */
export class ProbeElement extends LitElement {
  readonly services = new ServicesController(this);
  readonly #user = new StoreController<User | null>(this, NOBODY);
  readonly events: HubEvent[] = [];
  readonly subscription = new HubSubscriptionController(this, {
    hub: () => this.services.services?.hub,
    topics: () => this.topics,
    onEvent: (event) => this.events.push(event),
  });

  @property({ attribute: 'base-url' }) baseUrl: string | undefined;
  /** Hub topics to follow while connected. */
  @property({ attribute: false }) topics: string[] = [];
  /** Render the signed-in user (mounts `$user`, which asks the server). */
  @property({ type: Boolean, attribute: 'show-user' }) showUser = false;

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const store: ReadableAtom<User | null> =
      this.showUser && this.services.services ? this.services.services.stores.$user : NOBODY;
    this.#user.store = store;
  }

  override render() {
    return html`<p>${this.#user.value?.username ?? 'nobody'}</p>`;
  }
}
defineElement('k8s-test-probe', ProbeElement);

declare global {
  interface HTMLElementTagNameMap {
    'k8s-test-probe': ProbeElement;
  }
}
