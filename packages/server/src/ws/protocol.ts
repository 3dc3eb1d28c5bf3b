/**
 * Wire format of the socket: the envelope, the frame types a client may send, error codes and close
 * codes. Names are upstream's wherever upstream has one (upstream-contract.md §6).
 */
import { randomUUID } from 'node:crypto';
import { WS_CLOSE, type WsEnvelope } from '@k8s-chat/contract';

export { WS_SUBPROTOCOL } from '@k8s-chat/contract';

export const CLOSE = {
  goingAway: 1001,
  policyViolation: 1008,
  tryAgainLater: 1013,
  unauthorized: WS_CLOSE.unauthorized,
  forbidden: WS_CLOSE.forbidden,
} as const;

export const ERROR_CODES = [
  'INVALID_MESSAGE',
  'INVALID_MESSAGE_TYPE',
  'MESSAGE_HANDLING_ERROR',
  'AUTH_REQUIRED',
  'INVALID_TOPICS',
  'FORBIDDEN_TOPIC',
] as const;
export type WsErrorCode = (typeof ERROR_CODES)[number];

/**
 * Everything a client may send. Mutations (execute, approve, send a message) are REST calls only, so a
 * dropped or replayed socket can never lose or double one (reliability A9).
 */
export const CLIENT_TYPES = ['auth', 'subscribe', 'unsubscribe', 'heartbeat', 'pong', 'typing'] as const;
export type ClientType = (typeof CLIENT_TYPES)[number];

export interface ClientFrame {
  readonly id: string | undefined;
  readonly type: ClientType;
  readonly payload: unknown;
}

export type ParsedFrame =
  | { readonly ok: true; readonly frame: ClientFrame }
  | { readonly ok: false; readonly code: WsErrorCode; readonly message: string };

/** Scope of an event published on a topic. */
export interface TopicScope {
  readonly topic: string;
  readonly seq: number;
  readonly epoch: string;
}

// Go's time.Time unmarshals only RFC 3339, so upstream refuses anything else; so do we.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

const REST_ONLY: Record<string, string> = {
  execute: 'Commands are executed with POST /api/v1/commands/execute, not over the socket.',
  cancel: 'Executions are cancelled with POST /api/v1/commands/executions/{id}/cancel, not over the socket.',
};

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses one text frame from a client into a known frame type, or says which error code to answer. */
export function parseClientFrame(text: string): ParsedFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, code: 'INVALID_MESSAGE', message: 'Invalid message format: not JSON' };
  }
  if (!isRecord(value) || typeof value.type !== 'string') {
    return {
      ok: false,
      code: 'INVALID_MESSAGE',
      message: 'Invalid message format: expected {"type","payload"}',
    };
  }
  if (value.id !== undefined && typeof value.id !== 'string') {
    return { ok: false, code: 'INVALID_MESSAGE', message: 'Invalid message format: id must be a string' };
  }
  if (
    value.timestamp !== undefined &&
    (typeof value.timestamp !== 'string' || !RFC3339.test(value.timestamp))
  ) {
    return {
      ok: false,
      code: 'INVALID_MESSAGE',
      message: 'Invalid message format: timestamp must be an RFC 3339 string',
    };
  }
  const type = value.type;
  if (!(CLIENT_TYPES as readonly string[]).includes(type)) {
    return {
      ok: false,
      code: 'INVALID_MESSAGE_TYPE',
      message: REST_ONLY[type] ?? `Invalid message type: ${type.slice(0, 64)}`,
    };
  }
  return { ok: true, frame: { id: value.id, type: type as ClientType, payload: value.payload } };
}

/** Builds a server envelope; scoped events carry their topic, seq and epoch. */
export function envelope(type: string, payload: unknown, at: Date, scope?: TopicScope): WsEnvelope {
  const base = { id: randomUUID(), type };
  const scoped = scope ? { topic: scope.topic, seq: scope.seq, epoch: scope.epoch } : {};
  return { ...base, ...scoped, payload, timestamp: at.toISOString() };
}

export function errorPayload(code: WsErrorCode, message: string, extra?: Record<string, unknown>) {
  return { code, message, ...extra };
}
