import { KubeChatError, kindForStatus } from './errors.js';

/**
 * The one place that knows every shape the API (and the upstream Go backend) answers with. Success bodies
 * differ per route group: chat `{success,data}`, auth and nlp `{data}`, commands bare objects, execution lists
 * `{executions,pagination}`, and upstream sends bare arrays, `null` for empty arrays, plain-text 404s and
 * empty 500s. Everything past this module sees plain values or a KubeChatError.
 */

/** What the caller expects: `array` turns `null` into `[]`, `raw` skips envelope unwrapping. */
export type Expect = 'value' | 'array' | 'raw';

const ENVELOPE_KEYS = new Set(['data', 'message', 'success', 'count', 'pagination']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses a body that may be JSON, empty, or plain text; undefined means "not JSON". */
export function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The payload inside any success envelope. */
export function unwrap<T>(body: unknown, expect: Expect = 'value'): T {
  if (expect === 'raw') return body as T;
  let value: unknown = body;
  if (isRecord(body)) {
    if ('executions' in body) {
      value = {
        ...body,
        executions: Array.isArray(body.executions) ? body.executions : [],
        pagination: body.pagination ?? defaultPagination(body.executions),
      };
    } else if (
      body.success === true ||
      ('data' in body && Object.keys(body).every((k) => ENVELOPE_KEYS.has(k)))
    ) {
      value = 'data' in body ? body.data : null;
    }
  }
  if (expect === 'array') return (Array.isArray(value) ? value : []) as T;
  return (value ?? null) as T;
}

function defaultPagination(items: unknown) {
  const count = Array.isArray(items) ? items.length : 0;
  return { total: count, limit: count, offset: 0, count };
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), or null. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The KubeChatError for a failed response, whatever its body looks like. */
export function errorFromResponse(status: number, headers: Headers, text: string): KubeChatError {
  const body = parseBody(text);
  const record = isRecord(body) ? body : {};
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
  const retryAfter =
    parseRetryAfter(headers.get('retry-after')) ??
    (typeof record.retry_after === 'number' ? record.retry_after : null);
  return new KubeChatError({
    kind: kindForStatus(status),
    status,
    code: str(record.code),
    // A plain-text body (upstream's "404 page not found") is kept for debugging, never shown as the message.
    details:
      'details' in record ? record.details : body === undefined && text ? text.slice(0, 500) : undefined,
    retryAfter,
    requestId: str(record.request_id) ?? headers.get('x-request-id'),
    serverMessage: str(record.error),
  });
}
