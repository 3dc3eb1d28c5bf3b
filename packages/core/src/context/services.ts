import { KubeChatApi } from '../api/api-client.js';
import type { RequesterOptions } from '../api/request.js';
import type { TokenProviderOptions } from '../auth/base-token-provider.js';
import { HostTokenProvider, type HostTokenSource } from '../auth/host-token-provider.js';
import { SessionTokenProvider } from '../auth/session-token-provider.js';
import type { TabSync } from '../auth/tab-sync.js';
import type { TokenProvider } from '../auth/token-provider.js';
import { createStores, type KubeChatStores } from '../stores/create-stores.js';
import { WebSocketHub, type HubOptions } from '../ws/hub.js';
import type { Hub } from '../ws/hub-types.js';

/** Everything one client (one server, one user) needs; what the contexts carry. */
export interface KubeChatServices {
  readonly baseUrl: string;
  readonly auth: TokenProvider;
  readonly api: KubeChatApi;
  readonly hub: Hub;
  readonly stores: KubeChatStores;
  /** Closes the socket (1000), clears the token and stops every timer. */
  dispose(): void;
}

export interface ServicesOptions {
  readonly baseUrl: string;
  /** `host` (default): tokens come from `getAccessToken`. `session`: sign in to the reference server. */
  readonly auth?: 'host' | 'session' | TokenProvider;
  readonly getAccessToken?: HostTokenSource;
  /** Token provider tuning (lead time, retries). */
  readonly tokens?: TokenProviderOptions & { readonly tabSync?: TabSync | false };
  readonly fetch?: typeof fetch;
  readonly api?: Partial<Omit<RequesterOptions, 'baseUrl' | 'tokens' | 'fetch'>>;
  readonly hub?: Partial<Omit<HubOptions, 'baseUrl' | 'tokens'>>;
}

/** Builds a client: token provider, API client, WebSocket hub and stores, wired together. */
export function createServices(options: ServicesOptions): KubeChatServices {
  const { baseUrl } = options;
  const fetchOption = options.fetch ? { fetch: options.fetch } : {};
  const auth =
    typeof options.auth === 'object'
      ? options.auth
      : options.auth === 'session'
        ? new SessionTokenProvider({ baseUrl, ...options.tokens, ...fetchOption })
        : new HostTokenProvider({
            ...options.tokens,
            ...(options.getAccessToken ? { getAccessToken: options.getAccessToken } : {}),
          });
  const api = new KubeChatApi({ ...options.api, baseUrl, tokens: auth, ...fetchOption });
  const hub = new WebSocketHub({ ...options.hub, baseUrl, tokens: auth });
  const stores = createStores(api, hub, auth);
  let disposed = false;
  return {
    baseUrl,
    auth,
    api,
    hub,
    stores,
    dispose() {
      if (disposed) return;
      disposed = true;
      stores.dispose();
      hub.dispose();
      auth.dispose();
    },
  };
}
