import { atom, type ReadableAtom } from 'nanostores';
import type { User } from '@k8s-chat/contract';
import { backoffDelay, sleep } from '../api/backoff.js';
import { KubeChatError, isKubeChatError, signedOutError } from '../api/errors.js';
import type { AuthRequiredReason, AuthState, TokenProvider, TokenRequest } from './token-provider.js';

export interface TokenProviderOptions {
  /** Renew this many seconds before expiry at most (default 60); never more than a fifth of the lifetime. */
  readonly leadSeconds?: number;
  /** Retries of a token source that fails transiently (network, 5xx) within one call; default 2. */
  readonly retries?: number;
  readonly backoff?: { readonly baseMs?: number; readonly maxMs?: number };
  readonly random?: () => number;
}

/** What a token source hands back. */
export interface Grant {
  readonly token: string;
  /** Lifetime in seconds, counted from when the grant arrived here (client clocks are wrong). */
  readonly expiresIn?: number | null;
  /** Absolute local expiry in ms, when it is already known (a token adopted from another tab). */
  readonly expiresAt?: number | null;
  readonly user?: User | null;
  /** Re-ask the source after this many ms even without an expiry (host tokens). */
  readonly maxAgeMs?: number | null;
}

/** Thrown by a token source to say "there is no session", as opposed to "try again later". */
export class TokenDeniedError extends Error {
  constructor(
    readonly reason: AuthRequiredReason,
    cause?: unknown,
  ) {
    super(`No session (${reason})`, { cause });
    this.name = 'TokenDeniedError';
  }
}

export interface ObtainRequest {
  readonly forceRefresh: boolean;
  readonly reason: string;
  /** The token held when the renewal began; a different one now means another tab already renewed. */
  readonly previous: string | null;
}

interface Held {
  readonly token: string;
  readonly expiresAt: number | null;
  readonly refreshAt: number | null;
}

const UNKNOWN: AuthState = { status: 'unknown', user: null, reason: null };

/**
 * Everything both token providers share: the token lives in a private field only; concurrent callers share
 * one renewal (single flight); expiry is local receipt time + lifetime and renewal starts a lead ahead of
 * it; a forced refresh for a token that was already replaced returns the replacement (compare-and-refresh);
 * transient failures are retried with jitter and never sign anyone out; a denial signs out once.
 */
export abstract class BaseTokenProvider implements TokenProvider {
  abstract readonly mode: 'host' | 'session';
  readonly #state = atom<AuthState>(UNKNOWN);
  readonly $state: ReadableAtom<AuthState> = this.#state;

  #held: Held | null = null;
  #inflight: Promise<string> | null = null;
  // Bumped on sign-out and dispose so a renewal that started earlier cannot bring the session back.
  #generation = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #retryRound = 0;
  #disposed = false;
  readonly #tokenListeners = new Set<(token: string | null) => void>();
  readonly #requiredListeners = new Set<(reason: AuthRequiredReason) => void>();
  readonly #leadMs: number;
  readonly #retries: number;
  readonly #backoff: { baseMs: number; maxMs: number; random: () => number };

  constructor(options: TokenProviderOptions = {}) {
    this.#leadMs = (options.leadSeconds ?? 60) * 1000;
    this.#retries = options.retries ?? 2;
    this.#backoff = {
      baseMs: options.backoff?.baseMs ?? 500,
      maxMs: options.backoff?.maxMs ?? 8_000,
      random: options.random ?? Math.random,
    };
    globalThis.document?.addEventListener('visibilitychange', this.#onVisibility);
  }

  /** Asks the token source for a token. Throw TokenDeniedError for "no session", anything else is transient. */
  protected abstract obtain(request: ObtainRequest): Promise<Grant>;

  /** Called after a renewal from the token source was accepted (the session provider tells other tabs). */
  protected renewed(_grant: Grant): void {}

  /** Runs a renewal; the session provider wraps it in a cross-tab lock. */
  protected exclusive<T>(task: () => Promise<T>): Promise<T> {
    return task();
  }

  /** The current token and its local expiry, if it has not expired by the local clock. */
  protected get current(): { readonly token: string; readonly expiresAt: number | null } | null {
    const held = this.#held;
    return held && (held.expiresAt === null || Date.now() < held.expiresAt) ? held : null;
  }

  async getAccessToken(request: TokenRequest = {}): Promise<string> {
    if (this.#disposed || this.#state.get().status === 'signed-out') throw signedOutError();
    const held = this.#held;
    if (held) {
      const now = Date.now();
      const expired = held.expiresAt !== null && now >= held.expiresAt;
      if (request.forceRefresh) {
        if (request.rejectedToken !== undefined && request.rejectedToken !== held.token && !expired) {
          return held.token;
        }
      } else if (!expired) {
        if (held.refreshAt === null || now < held.refreshAt) return held.token;
        // Due for renewal but still valid: renew, and keep using this token if the source is down.
        return this.#renewSoon().catch((error: unknown) => {
          const token = this.current?.token;
          if (token && isKubeChatError(error) && error.transient) return token;
          throw error;
        });
      }
    }
    // An expired token with a known lifetime must not come back from the source's cache either.
    const force = request.forceRefresh === true || (held !== null && held.expiresAt !== null);
    return this.#refresh({ forceRefresh: force, reason: request.reason ?? 'request' });
  }

  onTokenChange(listener: (token: string | null) => void): () => void {
    this.#tokenListeners.add(listener);
    return () => this.#tokenListeners.delete(listener);
  }

  onAuthRequired(listener: (reason: AuthRequiredReason) => void): () => void {
    this.#requiredListeners.add(listener);
    return () => this.#requiredListeners.delete(listener);
  }

  async signOut(reason: 'logout' | 'idle' = 'logout'): Promise<void> {
    this.signOutLocally(reason);
  }

  resume(): void {
    if (this.#state.get().status === 'signed-out') this.#state.set(UNKNOWN);
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#generation++;
    this.#held = null;
    clearTimeout(this.#timer);
    this.#tokenListeners.clear();
    this.#requiredListeners.clear();
    globalThis.document?.removeEventListener('visibilitychange', this.#onVisibility);
  }

  /** Takes a token from the source (or another tab) and schedules its renewal. */
  protected accept(grant: Grant): void {
    if (this.#disposed) return;
    const now = Date.now();
    const expiresAt = grant.expiresAt ?? (grant.expiresIn ? now + grant.expiresIn * 1000 : null);
    const lead = expiresAt === null ? 0 : Math.min(this.#leadMs, (expiresAt - now) / 5);
    const refreshAt = expiresAt !== null ? expiresAt - lead : grant.maxAgeMs ? now + grant.maxAgeMs : null;
    const changed = this.#held?.token !== grant.token;
    this.#held = { token: grant.token, expiresAt, refreshAt };
    this.#retryRound = 0;
    const previous = this.#state.get();
    this.#state.set({
      status: 'signed-in',
      user: grant.user ?? (previous.status === 'signed-in' ? previous.user : null),
      reason: null,
    });
    this.#schedule(expiresAt === null ? null : refreshAt);
    if (changed) this.#emitToken(grant.token);
  }

  /** Clears the session here; emits `onAuthRequired` exactly once per transition. */
  protected signOutLocally(reason: AuthRequiredReason): void {
    if (this.#disposed || this.#state.get().status === 'signed-out') return;
    this.#generation++;
    this.#held = null;
    clearTimeout(this.#timer);
    this.#state.set({ status: 'signed-out', user: null, reason });
    this.#emitToken(null);
    for (const listener of [...this.#requiredListeners]) listener(reason);
  }

  #refresh(request: { forceRefresh: boolean; reason: string }): Promise<string> {
    if (!this.#inflight) {
      const generation = this.#generation;
      this.#inflight = this.#renew(request, generation).finally(() => {
        this.#inflight = null;
      });
    }
    return this.#inflight;
  }

  // Tokens with a known lifetime are renewed with forceRefresh so the source does not hand back its cached copy.
  #renewSoon(): Promise<string> {
    return this.#refresh({ forceRefresh: this.#held?.expiresAt != null, reason: 'expiring' });
  }

  async #renew(request: { forceRefresh: boolean; reason: string }, generation: number): Promise<string> {
    const previous = this.#held?.token ?? null;
    for (let attempt = 0; ; attempt++) {
      try {
        const grant = await this.exclusive(() => this.obtain({ ...request, previous }));
        if (generation !== this.#generation) throw signedOutError();
        this.accept(grant);
        this.renewed(grant);
        return grant.token;
      } catch (error) {
        if (generation !== this.#generation || this.#disposed) throw signedOutError();
        if (error instanceof TokenDeniedError) {
          this.signOutLocally(error.reason);
          throw new KubeChatError({ kind: 'auth', code: 'SIGNED_OUT', cause: error });
        }
        if (attempt >= this.#retries) {
          this.#scheduleRetry();
          throw isKubeChatError(error) ? error : new KubeChatError({ kind: 'network', cause: error });
        }
        await sleep(backoffDelay(attempt, this.#backoff));
        if (generation !== this.#generation) throw signedOutError();
      }
    }
  }

  #schedule(at: number | null): void {
    clearTimeout(this.#timer);
    if (at === null) return;
    this.#timer = setTimeout(
      () => void this.#renewSoon().catch(() => undefined),
      Math.max(0, at - Date.now()),
    );
  }

  // The source is down: try again later while the token is still valid (the session is kept, reliability T4).
  #scheduleRetry(): void {
    const held = this.#held;
    if (!held || held.expiresAt === null) return;
    const delay = backoffDelay(this.#retryRound++, this.#backoff);
    if (Date.now() + delay < held.expiresAt) this.#schedule(Date.now() + delay);
  }

  // A laptop that slept past the renewal time renews as soon as the page is visible again (reliability T6).
  readonly #onVisibility = () => {
    if (globalThis.document?.visibilityState !== 'visible') return;
    const held = this.#held;
    if (held && held.refreshAt !== null && Date.now() >= held.refreshAt) {
      void this.#renewSoon().catch(() => undefined);
    }
  };

  #emitToken(token: string | null): void {
    for (const listener of [...this.#tokenListeners]) listener(token);
  }
}
