import { isKubeChatError } from '../api/errors.js';
import {
  BaseTokenProvider,
  TokenDeniedError,
  type Grant,
  type ObtainRequest,
  type TokenProviderOptions,
} from './base-token-provider.js';

/** A token with its lifetime, so the library can renew it ahead of expiry. */
export interface HostToken {
  readonly token: string;
  /** Seconds the token stays valid from now. */
  readonly expiresIn?: number;
}

/**
 * The host page's token source (Backstage's identity API, a Grafana proxy, a portal BFF). Return a token
 * (or `{token, expiresIn}`); return nothing or throw to say the person is signed out. Throw a `TypeError`
 * (what `fetch` throws offline) or an error with `transient: true` or a 5xx `status` for a passing failure:
 * the library then retries with backoff instead of signing out.
 */
export type HostTokenSource = (options: {
  readonly forceRefresh: boolean;
  readonly reason: string;
}) => string | HostToken | null | undefined | Promise<string | HostToken | null | undefined>;

export interface HostTokenProviderOptions extends TokenProviderOptions {
  readonly getAccessToken?: HostTokenSource;
  /** Re-ask the host after this many seconds when it gave no lifetime (its own cache answers); default 60. */
  readonly maxAgeSeconds?: number;
}

/**
 * Host-delegated auth (the default for embedding, reliability A1): the host owns the session and the
 * refresh token; the library only ever holds a short-lived access token in memory.
 */
export class HostTokenProvider extends BaseTokenProvider {
  readonly mode = 'host' as const;
  #source: HostTokenSource | undefined;
  #waiting: Array<(source: HostTokenSource) => void> = [];
  #hadToken = false;
  readonly #maxAgeMs: number;

  constructor(options: HostTokenProviderOptions = {}) {
    super(options);
    this.#source = options.getAccessToken;
    this.#maxAgeMs = (options.maxAgeSeconds ?? 60) * 1000;
  }

  /** Sets (or replaces) the host's token source; a signed-out provider asks it again on the next call. */
  setSource(source: HostTokenSource | undefined): void {
    this.#source = source;
    if (!source) return;
    for (const resolve of this.#waiting.splice(0)) resolve(source);
    this.resume();
  }

  protected async obtain(request: ObtainRequest): Promise<Grant> {
    // The host page often sets its callback after the elements upgrade: wait for it rather than sign out.
    const source =
      this.#source ?? (await new Promise<HostTokenSource>((resolve) => this.#waiting.push(resolve)));
    let result: Awaited<ReturnType<HostTokenSource>>;
    try {
      result = await source({ forceRefresh: request.forceRefresh, reason: request.reason });
    } catch (error) {
      if (isTransient(error)) throw error;
      throw new TokenDeniedError(this.#hadToken ? 'refresh-failed' : 'host-denied', error);
    }
    const token = typeof result === 'string' ? result : result?.token;
    if (typeof token !== 'string' || token.trim() === '') {
      throw new TokenDeniedError(this.#hadToken ? 'refresh-failed' : 'host-denied');
    }
    this.#hadToken = true;
    const expiresIn = typeof result === 'object' && result ? result.expiresIn : undefined;
    return { token, expiresIn: expiresIn ?? null, maxAgeMs: expiresIn ? null : this.#maxAgeMs };
  }
}

function isTransient(error: unknown): boolean {
  if (error instanceof TypeError) return true;
  if (isKubeChatError(error)) return error.transient;
  if (typeof error !== 'object' || error === null) return false;
  const { transient, status } = error as { transient?: unknown; status?: unknown };
  return transient === true || (typeof status === 'number' && (status >= 500 || status === 429));
}
