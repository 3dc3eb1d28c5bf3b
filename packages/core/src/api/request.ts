import ky, { TimeoutError, type KyInstance } from 'ky';
import type { TokenProvider } from '../auth/token-provider.js';
import { backoffDelay, sleep } from './backoff.js';
import { errorFromResponse, parseBody, unwrap, type Expect } from './envelope.js';
import { KubeChatError } from './errors.js';
import { newId } from './ids.js';

/** Options every API method takes. */
export interface CallOptions {
  /** Cancels the call, including its retries and waits. */
  readonly signal?: AbortSignal;
  /** Per-attempt timeout in ms; default 15 000. */
  readonly timeout?: number;
  /** Retries on top of the first attempt for calls that are safe to repeat; default 2. */
  readonly retries?: number;
  /** Idempotency-Key to send (POST); a fresh UUID when not given. The same key is used for every retry. */
  readonly idempotencyKey?: string;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Query = Record<string, string | number | boolean | undefined | null>;

/** One API call, described. */
export interface Call {
  readonly method: HttpMethod;
  /** Relative to `<baseUrl>/api/v1/`, without a leading slash. */
  readonly path: string;
  readonly query?: Query | undefined;
  readonly body?: unknown;
  readonly expect?: Expect;
  /** Sends no bearer token (login, refresh, health). */
  readonly anonymous?: boolean;
  /** A POST the server deduplicates (Idempotency-Key, clientMessageId), so network failures may be retried. */
  readonly idempotent?: boolean;
  readonly headers?: Record<string, string>;
}

export interface RequesterOptions {
  readonly baseUrl: string;
  /** Null for a requester that only makes anonymous calls. */
  readonly tokens: TokenProvider | null;
  readonly fetch?: typeof fetch;
  /** `include` only for the session provider's auth calls, which need the refresh cookie. */
  readonly credentials?: RequestCredentials;
  readonly timeoutMs?: number;
  readonly retries?: number;
  readonly backoff?: { readonly baseMs?: number; readonly maxMs?: number };
  /** A 429/503 asking for a longer wait than this (seconds) fails at once instead of waiting. */
  readonly maxRetryAfterSeconds?: number;
  readonly random?: () => number;
}

/** `<base>/api/v1/` with exactly one slash between the parts. */
export function apiRoot(baseUrl: string): string {
  const base = new URL(baseUrl, globalThis.location?.href);
  return new URL('api/v1/', base.href.endsWith('/') ? base.href : `${base.href}/`).href;
}

/**
 * Sends API calls on ky and owns the rules of reliability.md for REST: a 401 triggers at most one refresh
 * and one replay; reads and deduplicated POSTs are retried with jittered backoff on network failures and
 * 502/503/504; a 429 waits for Retry-After; every attempt has a timeout and obeys the caller's signal;
 * a POST keeps one Idempotency-Key across every retry and replay so the server applies it once.
 */
export class Requester {
  readonly #http: KyInstance;
  readonly #tokens: TokenProvider | null;
  readonly #timeoutMs: number;
  readonly #retries: number;
  readonly #backoff: { baseMs: number; maxMs: number; random: () => number };
  readonly #maxRetryAfter: number;

  constructor(options: RequesterOptions) {
    this.#tokens = options.tokens;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#retries = options.retries ?? 2;
    this.#backoff = {
      baseMs: options.backoff?.baseMs ?? 300,
      maxMs: options.backoff?.maxMs ?? 5_000,
      random: options.random ?? Math.random,
    };
    this.#maxRetryAfter = options.maxRetryAfterSeconds ?? 60;
    this.#http = ky.create({
      prefixUrl: apiRoot(options.baseUrl),
      retry: 0,
      throwHttpErrors: false,
      credentials: options.credentials ?? 'omit',
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  /** Sends `call` and returns the unwrapped payload, or throws a KubeChatError (or the signal's reason). */
  async request<T>(call: Call, options: CallOptions = {}): Promise<T> {
    const response = await this.send(call, options);
    const text = await response.text();
    const body = parseBody(text);
    return unwrap<T>(body === undefined && text !== '' ? text : body, call.expect);
  }

  /** Like `request`, but hands back the successful Response unread (downloads). */
  async send(call: Call, options: CallOptions = {}): Promise<Response> {
    const { signal } = options;
    const key = call.method === 'GET' ? undefined : (options.idempotencyKey ?? newId());
    const repeatable = call.method === 'GET' || call.idempotent === true;
    const retries = options.retries ?? this.#retries;
    let attempt = 0;
    let replayed = false;
    for (;;) {
      signal?.throwIfAborted();
      const token =
        call.anonymous || !this.#tokens
          ? undefined
          : await abortable(this.#tokens.getAccessToken({ reason: 'request' }), signal);
      let response: Response;
      try {
        response = await this.#http(call.path, {
          method: call.method,
          ...(call.query ? { searchParams: definedOnly(call.query) } : {}),
          ...(call.body !== undefined ? { json: call.body } : {}),
          headers: {
            accept: 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(key ? { 'idempotency-key': key } : {}),
            ...call.headers,
          },
          timeout: options.timeout ?? this.#timeoutMs,
          ...(signal ? { signal } : {}),
        });
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        const failure =
          error instanceof TimeoutError
            ? new KubeChatError({ kind: 'timeout', cause: error })
            : new KubeChatError({ kind: 'network', cause: error });
        if (!repeatable || attempt >= retries) throw failure;
        await sleep(backoffDelay(attempt++, this.#backoff), signal);
        continue;
      }

      if (response.status === 401 && token !== undefined && !replayed) {
        // 401 is authoritative whatever the clock says: refresh once (shared with every other caller that
        // got a 401 for the same token) and replay once, with the same Idempotency-Key.
        replayed = true;
        await response.body?.cancel().catch(() => undefined);
        await abortable(
          this.#tokens!.getAccessToken({ forceRefresh: true, rejectedToken: token, reason: 'unauthorized' }),
          signal,
        );
        continue;
      }
      if (response.ok) return response;

      const error = errorFromResponse(response.status, response.headers, await response.text());
      const status = response.status;
      // A 429 was refused before anything ran, so even a plain POST may be repeated.
      const retryable =
        status === 429 || (repeatable && (status === 502 || status === 503 || status === 504));
      const waitTooLong = error.retryAfter !== null && error.retryAfter > this.#maxRetryAfter;
      if (!retryable || waitTooLong || attempt >= retries) throw error;
      const delay = Math.max(backoffDelay(attempt++, this.#backoff), (error.retryAfter ?? 0) * 1000);
      await sleep(delay, signal);
    }
  }
}

/** Waiting for a token (a host callback, a refresh) must not outlive the caller's interest in the call. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function definedOnly(query: Query): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return out;
}
