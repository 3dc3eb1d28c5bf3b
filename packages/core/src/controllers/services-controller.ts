import { ContextConsumer, ContextEvent } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { servicesContext } from '../context/contexts.js';
import { acquireSharedServices } from '../context/shared-services.js';
import type { KubeChatServices } from '../context/services.js';

export interface ServicesControllerOptions {
  /** The server to use when no provider is above the element; default: the host's `base-url` attribute. */
  readonly baseUrl?: () => string | null | undefined;
  /** Called whenever the services change (provider found, base URL changed, released). */
  readonly onChange?: (services: KubeChatServices | undefined) => void;
}

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Finds the services for an element: those of the nearest `<k8s-chat-provider>` (context, kept current), or
 * else the shared client for the element's `base-url`, so one element dropped alone into a page works.
 */
export class ServicesController implements ReactiveController {
  readonly #host: Host;
  readonly #options: ServicesControllerOptions;
  #fromContext: KubeChatServices | undefined;
  #shared: { url: string; services: KubeChatServices; release: () => void } | undefined;
  #connected = false;
  #last: KubeChatServices | undefined;

  constructor(host: Host, options: ServicesControllerOptions = {}) {
    this.#host = host;
    this.#options = options;
    // Created before this controller is added, so a provider's answer arrives before hostConnected runs.
    new ContextConsumer(host, {
      context: servicesContext,
      subscribe: true,
      callback: (services) => {
        this.#fromContext = services;
        this.#sync();
      },
    });
    host.addController(this);
  }

  /** The services in use, or undefined while there is neither a provider nor a base URL. */
  get services(): KubeChatServices | undefined {
    return this.#fromContext ?? this.#shared?.services;
  }

  hostConnected(): void {
    this.#connected = true;
    this.#sync();
  }

  hostUpdated(): void {
    this.#sync(); // picks up a changed base-url
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#sync();
  }

  #baseUrl(): string | null {
    const fromOption = this.#options.baseUrl?.();
    if (fromOption !== undefined) return fromOption || null;
    const property = (this.#host as { baseUrl?: unknown }).baseUrl;
    return typeof property === 'string' && property ? property : this.#host.getAttribute('base-url');
  }

  #sync(): void {
    const wanted = this.#connected && !this.#fromContext ? this.#baseUrl() : null;
    if (this.#shared && this.#shared.url !== wanted) {
      this.#shared.release();
      this.#shared = undefined;
    }
    if (wanted && !this.#shared) this.#shared = { url: wanted, ...acquireSharedServices(wanted) };
    const services = this.services;
    if (services !== this.#last) {
      this.#last = services;
      this.#options.onChange?.(services);
      this.#host.requestUpdate();
    }
  }
}

/**
 * One-off lookup for code that is not a reactive element: the provider's services if one is above
 * `element`, else the shared client for `baseUrl` (kept for the page's lifetime). Elements should use
 * `ServicesController`, which follows changes and releases the shared client.
 */
export function resolveServices(element: Element, baseUrl?: string | null): KubeChatServices | undefined {
  let found: KubeChatServices | undefined;
  element.dispatchEvent(
    new ContextEvent(servicesContext, element, (value) => {
      found = value;
    }),
  );
  if (found) return found;
  const url = baseUrl ?? element.getAttribute('base-url');
  return url ? acquireSharedServices(url).services : undefined;
}
