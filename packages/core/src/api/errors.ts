import type { FieldError } from '@k8s-chat/contract';
import { formatString } from '../strings/strings.js';

/** What went wrong, in the terms a user interface needs to decide what to show and whether to retry. */
export const ERROR_KINDS = [
  'auth',
  'forbidden',
  'not-found',
  'validation',
  'conflict',
  'rate-limited',
  'network',
  'timeout',
  'server',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface KubeChatErrorInit {
  readonly kind: ErrorKind;
  readonly status?: number | null;
  readonly code?: string | null;
  readonly details?: unknown;
  readonly retryAfter?: number | null;
  readonly requestId?: string | null;
  /** The server's own human text (`error` in the body), when it sent one. */
  readonly serverMessage?: string | null;
  readonly cause?: unknown;
}

/**
 * The one error type every API, auth and socket failure becomes. `message` is the server's text when it
 * gave one (the contract writes those for people), otherwise the localized hint for the kind.
 */
export class KubeChatError extends Error {
  readonly kind: ErrorKind;
  /** HTTP status, or null when no response arrived. */
  readonly status: number | null;
  /** The server's UPPER_SNAKE code, when it sent one. */
  readonly code: string | null;
  /** The server's `details`, as sent. */
  readonly details: unknown;
  /** Field-level problems of a validation error. */
  readonly fieldErrors: readonly FieldError[];
  /** Seconds to wait before trying again (429, 503), when the server said. */
  readonly retryAfter: number | null;
  /** The id the server logged the request under; give it to support. */
  readonly requestId: string | null;
  readonly serverMessage: string | null;

  constructor(init: KubeChatErrorInit) {
    super(init.serverMessage || hintFor(init.kind, init.retryAfter ?? null), { cause: init.cause });
    this.name = 'KubeChatError';
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.code = init.code ?? null;
    this.details = init.details;
    this.fieldErrors = fieldErrorsOf(init.details);
    this.retryAfter = init.retryAfter ?? null;
    this.requestId = init.requestId ?? null;
    this.serverMessage = init.serverMessage ?? null;
  }

  /** The localized, short "what to do next" for this kind of error (see `setStrings`). */
  get hint(): string {
    return hintFor(this.kind, this.retryAfter);
  }

  /** Whether trying the same thing again later can succeed. */
  get transient(): boolean {
    return (
      this.kind === 'network' ||
      this.kind === 'timeout' ||
      this.kind === 'server' ||
      this.kind === 'rate-limited'
    );
  }
}

function hintFor(kind: ErrorKind, retryAfter: number | null): string {
  return formatString(`error.${kind}`, { seconds: retryAfter ?? 30 });
}

function fieldErrorsOf(details: unknown): readonly FieldError[] {
  if (!Array.isArray(details)) return [];
  return details.filter(
    (d): d is FieldError =>
      typeof d === 'object' &&
      d !== null &&
      typeof (d as FieldError).field === 'string' &&
      typeof (d as FieldError).message === 'string',
  );
}

/** Works across duplicate copies of core, where `instanceof` would not. */
export function isKubeChatError(value: unknown): value is KubeChatError {
  return (
    value instanceof KubeChatError ||
    (value instanceof Error &&
      value.name === 'KubeChatError' &&
      (ERROR_KINDS as readonly string[]).includes((value as KubeChatError).kind))
  );
}

export function kindForStatus(status: number): ErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status === 408) return 'timeout';
  if (status >= 400 && status < 500) return 'validation';
  return 'server';
}

/** The error for "there is no signed-in session here", raised without touching the network. */
export function signedOutError(): KubeChatError {
  return new KubeChatError({ kind: 'auth', code: 'SIGNED_OUT' });
}
