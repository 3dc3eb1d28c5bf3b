import type { AuthRequiredReason } from './auth/token-provider.js';

/** Detail of {@link AuthRequiredEvent}. */
export interface AuthRequiredDetail {
  /** Why nobody is signed in any more. */
  readonly reason: AuthRequiredReason;
  /** The KubeChat server the session was for. */
  readonly baseUrl: string;
}

/**
 * Nobody is signed in any more: the host can answer with its own login (host mode: set a working
 * `getAccessToken`; session mode: call `login()`). Fired once per transition to signed out. Bubbles and
 * crosses shadow roots so the page hears it.
 */
export class AuthRequiredEvent extends Event {
  static readonly eventName = 'k8s-auth-required';
  readonly detail: AuthRequiredDetail;

  constructor(detail: AuthRequiredDetail) {
    super(AuthRequiredEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface HTMLElementEventMap {
    'k8s-auth-required': AuthRequiredEvent;
  }
  interface DocumentEventMap {
    'k8s-auth-required': AuthRequiredEvent;
  }
}
