import type { ReadableAtom } from 'nanostores';
import type { User } from '@k8s-chat/contract';

/** Why the library needs someone to sign in. */
export type AuthRequiredReason =
  /** No session to begin with (no refresh cookie, or the host had no token). */
  | 'no-session'
  /** The session could not be renewed (revoked, expired, refresh token reused). */
  | 'refresh-failed'
  /** Someone signed out, in this tab or another one. */
  | 'logout'
  /** The host's `getAccessToken` threw or returned nothing. */
  | 'host-denied'
  /** Nobody used the page for the idle timeout (`idle-timeout` on the provider). */
  | 'idle';

export type AuthStatus = 'unknown' | 'signed-in' | 'signed-out';

export interface AuthState {
  readonly status: AuthStatus;
  /** The signed-in user when the token source told us (session mode); otherwise read `$user`. */
  readonly user: User | null;
  /** Set while signed out. */
  readonly reason: AuthRequiredReason | null;
}

export interface TokenRequest {
  /** Get a new token even if the current one looks valid (after a 401 or a 4401). */
  readonly forceRefresh?: boolean;
  /**
   * The token the server just rejected. If the current token is already a different one, someone else
   * refreshed in the meantime and that token is returned without another refresh (compare-and-refresh).
   */
  readonly rejectedToken?: string;
  /** Why the token is needed, for the host's logs: `request`, `unauthorized`, `websocket`, `expiring`, ... */
  readonly reason?: string;
}

/**
 * Where access tokens come from. Tokens stay in memory; nothing about auth is ever written to
 * localStorage, sessionStorage, IndexedDB or a cookie a script can read.
 */
export interface TokenProvider {
  /** `host`: the host page hands out tokens; `session`: a session with the reference server. */
  readonly mode: 'host' | 'session';
  readonly $state: ReadableAtom<AuthState>;
  /**
   * A token to send now. Concurrent calls share one refresh; while signed out it rejects at once with a
   * KubeChatError of kind `auth` and does not call the token source (no request goes out).
   */
  getAccessToken(request?: TokenRequest): Promise<string>;
  /** Called with each new token (for in-band WebSocket re-auth) and with null when signed out. */
  onTokenChange(listener: (token: string | null) => void): () => void;
  /** Called once each time the provider becomes signed out. */
  onAuthRequired(listener: (reason: AuthRequiredReason) => void): () => void;
  /** Signs out here (and, in session mode, on the server and in every other tab). */
  /** Ends the session; `idle` tells listeners it ended for inactivity rather than by choice. */
  signOut(reason?: 'logout' | 'idle'): Promise<void>;
  /** Leaves the signed-out state so the next `getAccessToken` asks the token source again. */
  resume(): void;
  /** Clears the token and stops every timer and listener. */
  dispose(): void;
}
