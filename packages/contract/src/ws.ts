/** WebSocket envelope, both directions. Scoped topic events also carry topic, seq and epoch. */
export interface WsEnvelope<T = unknown> {
  readonly id: string;
  readonly type: string;
  readonly payload: T;
  readonly timestamp: string;
  readonly topic?: string;
  readonly seq?: number;
  readonly epoch?: string;
}

/** Server event types: upstream's plus the ones this contract adds. */
export const WS_SERVER_TYPES = [
  'auth_result',
  'status',
  'executing',
  'progress',
  'output',
  'result',
  'error',
  'ping',
  'pong',
  'notification',
  'message',
  'execution',
  'approval',
  'presence',
  'preferences',
  'reset',
] as const;
export type WsServerType = (typeof WS_SERVER_TYPES)[number];

/** Close codes with a meaning for the client. */
export const WS_CLOSE = {
  /** Token missing, invalid or expired: refresh once, then reconnect. */
  unauthorized: 4401,
  /** Origin or user forbidden: terminal, do not reconnect. */
  forbidden: 4403,
} as const;

export const WS_SUBPROTOCOL = 'kubechat-ws';
