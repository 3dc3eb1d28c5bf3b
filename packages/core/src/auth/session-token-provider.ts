import type { TokenGrant, User } from '@k8s-chat/contract';
import { isKubeChatError } from '../api/errors.js';
import { Requester, type CallOptions } from '../api/request.js';
import {
  BaseTokenProvider,
  TokenDeniedError,
  type Grant,
  type ObtainRequest,
  type TokenProviderOptions,
} from './base-token-provider.js';
import { createTabSync, type TabMessage, type TabSync } from './tab-sync.js';

// How long to wait for the token another tab just renewed before renewing ourselves. Only spent when
// another tab held the refresh lock first, or when a refresh was refused; both are rare.
const OTHER_TAB_GRACE_MS = 250;

export interface SessionTokenProviderOptions extends TokenProviderOptions {
  /** The reference server, e.g. `https://kubechat.internal.example`. */
  readonly baseUrl: string;
  readonly fetch?: typeof fetch;
  /** Cross-tab coordination; default a BroadcastChannel + Web Lock named after the server's origin. */
  readonly tabSync?: TabSync | false;
}

/**
 * A session with the reference server (a token-mediating backend, reliability A2): the refresh token is an
 * httpOnly SameSite=Strict cookie the library never sees; the access token lives in this object only. One
 * tab at a time refreshes (Web Lock) and shares the new token with the others (BroadcastChannel), so a
 * rotating refresh token is never spent twice; signing out in one tab signs out all of them.
 */
export class SessionTokenProvider extends BaseTokenProvider {
  readonly mode = 'session' as const;
  readonly #auth: Requester;
  readonly #sync: TabSync | null;
  readonly #unsubscribe: () => void;
  #hadSession = false;
  #waitedForLock = false;
  #fromOtherTab: string | null = null;

  constructor(options: SessionTokenProviderOptions) {
    super(options);
    this.#auth = new Requester({
      baseUrl: options.baseUrl,
      tokens: null,
      credentials: 'include',
      retries: 0,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    const origin = new URL(options.baseUrl, globalThis.location?.href).origin;
    this.#sync =
      options.tabSync === false ? null : (options.tabSync ?? createTabSync(`k8s-chat:auth:${origin}`));
    this.#unsubscribe = this.#sync?.subscribe((message) => this.#onTabMessage(message)) ?? (() => undefined);
  }

  /** Signs in with a username and password; the server sets the refresh cookie. */
  async login(username: string, password: string, options?: CallOptions): Promise<User> {
    const grant = await this.#auth.request<TokenGrant>(
      { method: 'POST', path: 'auth/login', body: { username, password }, anonymous: true },
      options,
    );
    this.resume();
    const adopted = this.#toGrant(grant);
    this.accept(adopted);
    this.renewed(adopted);
    return grant.user;
  }

  /**
   * Signs out every tab at once, then revokes the session on the server. The server needs a valid access
   * token to know which session to end, so an expired one is renewed first.
   */
  override async signOut(reason: 'logout' | 'idle' = 'logout'): Promise<void> {
    const token = this.current?.token ?? (await this.getAccessToken({ reason: 'logout' }).catch(() => null));
    this.#sync?.publish({ type: 'signed-out', reason });
    this.signOutLocally(reason);
    if (!token) return;
    await this.#auth
      .request(
        {
          method: 'POST',
          path: 'auth/logout',
          anonymous: true,
          headers: { authorization: `Bearer ${token}` },
        },
        { timeout: 5_000 },
      )
      .catch(() => undefined);
  }

  override dispose(): void {
    this.#unsubscribe();
    this.#sync?.close();
    super.dispose();
  }

  protected override exclusive<T>(task: () => Promise<T>): Promise<T> {
    if (!this.#sync) return task();
    return this.#sync.withLock((waited) => {
      this.#waitedForLock = waited;
      return task();
    });
  }

  protected async obtain(request: ObtainRequest): Promise<Grant> {
    // Another tab held the lock: it has most likely renewed already, and its broadcast is on its way.
    const adopted = this.#waitedForLock
      ? await this.#renewedElsewhere(request.previous)
      : this.#fresher(request.previous);
    if (adopted) return adopted;
    try {
      return this.#toGrant(await this.#refresh());
    } catch (error) {
      if (!isKubeChatError(error) || error.kind !== 'auth') throw error;
      // A refused refresh may only mean another tab won the race: re-read, then retry once (reliability T3).
      const raced = await this.#renewedElsewhere(request.previous);
      if (raced) return raced;
      if (this.#hadSession) {
        try {
          return this.#toGrant(await this.#refresh());
        } catch (retryError) {
          if (!isKubeChatError(retryError) || retryError.kind !== 'auth') throw retryError;
        }
      }
      throw new TokenDeniedError(this.#hadSession ? 'refresh-failed' : 'no-session', error);
    }
  }

  protected override renewed(grant: Grant): void {
    // A token another tab renewed is not echoed back to the tabs that already have it.
    if (grant.token === this.#fromOtherTab || grant.expiresAt === undefined) return;
    this.#sync?.publish({
      type: 'token',
      token: grant.token,
      expiresAt: grant.expiresAt,
      user: grant.user ?? null,
    });
  }

  #refresh(): Promise<TokenGrant> {
    return this.#auth.request<TokenGrant>({ method: 'POST', path: 'auth/refresh', anonymous: true });
  }

  /** The current token if it is valid and not the one we set out to replace. */
  #fresher(previous: string | null): Grant | null {
    const current = this.current;
    return current && current.token !== previous
      ? { token: current.token, expiresAt: current.expiresAt }
      : null;
  }

  /** Waits briefly for another tab's renewed token; resolves as soon as it arrives. */
  #renewedElsewhere(previous: string | null): Promise<Grant | null> {
    const now = this.#fresher(previous);
    if (now) return Promise.resolve(now);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        unlisten();
        resolve(this.#fresher(previous));
      };
      const unlisten = this.onTokenChange((token) => {
        if (token !== null) done();
      });
      const timer = setTimeout(done, OTHER_TAB_GRACE_MS);
    });
  }

  // Expiry is local receipt time plus the lifetime; the server's expires_at is never compared with our clock.
  #toGrant(grant: TokenGrant): Grant {
    this.#hadSession = true;
    return { token: grant.token, expiresAt: Date.now() + grant.expires_in * 1000, user: grant.user };
  }

  #onTabMessage(message: TabMessage): void {
    if (message.type === 'signed-out') {
      // Tabs of an older build send no reason; they only ever signed out on purpose.
      this.signOutLocally(message.reason === 'idle' ? 'idle' : 'logout');
      return;
    }
    if (message.expiresAt !== null && Date.now() >= message.expiresAt) return;
    this.#hadSession = true;
    this.#fromOtherTab = message.token;
    this.resume();
    this.accept({ token: message.token, expiresAt: message.expiresAt, user: message.user });
  }
}
