import { createServices, type KubeChatServices, type ServicesOptions } from './services.js';
import { AuthRequiredEvent } from '../events.js';

interface Shared {
  readonly services: KubeChatServices;
  users: number;
  readonly unlisten: () => void;
}

const shared = new Map<string, Shared>();
const configured = new Map<string, Omit<ServicesOptions, 'baseUrl'>>();

const keyOf = (baseUrl: string) => new URL(baseUrl, globalThis.location?.href).href.replace(/\/+$/, '');

/**
 * Sets the options of the shared client for `baseUrl` (for example a host `getAccessToken`) before the
 * first element uses it. Without it, a lone element signs in to the reference server's session (cookie).
 */
export function configureSharedServices(baseUrl: string, options: Omit<ServicesOptions, 'baseUrl'>): void {
  configured.set(keyOf(baseUrl), options);
}

/**
 * The one client for `baseUrl` that every element without a provider above it shares. Call `release()` when
 * the element disconnects; the client is disposed (socket closed with 1000, token cleared) once the last
 * user has released it and nobody took it up again in the same task.
 */
export function acquireSharedServices(baseUrl: string): { services: KubeChatServices; release: () => void } {
  const key = keyOf(baseUrl);
  let entry = shared.get(key);
  if (!entry) {
    const services = createServices({ auth: 'session', ...configured.get(key), baseUrl: key });
    // Lone elements have no provider to fire from, so the page hears it on the document.
    const unlisten = services.auth.onAuthRequired((reason) =>
      globalThis.document?.dispatchEvent(new AuthRequiredEvent({ reason, baseUrl: key })),
    );
    entry = { services, users: 0, unlisten };
    shared.set(key, entry);
  }
  const held = entry;
  held.users++;
  let released = false;
  return {
    services: held.services,
    release() {
      if (released) return;
      released = true;
      held.users--;
      // Moving an element re-acquires in the same task; only a real removal of the last user disposes.
      queueMicrotask(() => {
        if (held.users > 0 || shared.get(key) !== held) return;
        shared.delete(key);
        held.unlisten();
        held.services.dispose();
      });
    },
  };
}
