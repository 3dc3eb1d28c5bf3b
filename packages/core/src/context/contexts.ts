import { createContext } from '@lit/context';
import type { KubeChatApi } from '../api/api-client.js';
import type { TokenProvider } from '../auth/token-provider.js';
import type { KubeChatStores } from '../stores/create-stores.js';
import type { Hub } from '../ws/hub-types.js';
import type { KubeChatServices } from './services.js';

// Keys from Symbol.for so two copies of core on one page still find each other's providers.

/** The whole client bundle; what `ServicesController` consumes. */
export const servicesContext = createContext<KubeChatServices | undefined>(
  Symbol.for('@k8s-chat/core:services'),
);
/** The token provider. */
export const authContext = createContext<TokenProvider | undefined>(Symbol.for('@k8s-chat/core:auth'));
/** The API client. */
export const apiContext = createContext<KubeChatApi | undefined>(Symbol.for('@k8s-chat/core:api'));
/** The WebSocket hub. */
export const hubContext = createContext<Hub | undefined>(Symbol.for('@k8s-chat/core:hub'));
/** The stores. */
export const storesContext = createContext<KubeChatStores | undefined>(Symbol.for('@k8s-chat/core:stores'));
