import ReconnectingWebSocket from 'reconnecting-websocket';

/** The part of the WebSocket API the hub uses; tests inject a fake with the same shape. */
export interface WebSocketLike extends EventTarget {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface WebSocketConstructor {
  new (url: string, protocols?: string | string[]): WebSocketLike;
  readonly CLOSING: number;
}

export interface TransportEvents {
  open(): void;
  message(data: string): void;
  close(code: number, reason: string): void;
}

/** A socket that reconnects by itself; the only module that knows `reconnecting-websocket` exists. */
export interface Transport {
  /** Sends when the socket is open; returns false (and drops the frame) otherwise. */
  send(data: string): boolean;
  /** Drops the current socket (or connection attempt) and connects again. */
  reconnect(code: number, reason: string): void;
  /** Closes for good; no event is reported after this. */
  close(code: number, reason: string): void;
}

export interface TransportOptions {
  /**
   * Called before every (re)connect. It must never reject: a rejecting URL provider stops
   * `reconnecting-websocket` for good (reliability A10), so the caller waits, retries and backs off inside.
   */
  readonly url: () => Promise<string>;
  readonly protocols: string[];
  readonly WebSocket?: WebSocketConstructor;
  readonly connectTimeoutMs: number;
  readonly events: TransportEvents;
}

const OPEN = 1;

/**
 * Wraps `reconnecting-websocket` 4.4.0 (unmaintained) and fences off what it gets wrong:
 * - it flushes queued frames before `onopen`, so nothing is ever queued (`maxEnqueuedMessages: 0`) and
 *   the hub sends only once it has authenticated the socket;
 * - its fixed, jitter-free delays are switched off; the hub's URL provider does the jittered backoff;
 * - `reconnect()` after `close()` is unreliable, so a closed transport is never reused: the hub makes a
 *   new one.
 */
export function openTransport(options: TransportOptions): Transport {
  let closed = false;
  const rws = new ReconnectingWebSocket(options.url, options.protocols, {
    WebSocket: options.WebSocket ?? globalThis.WebSocket,
    maxEnqueuedMessages: 0,
    minReconnectionDelay: 0,
    maxReconnectionDelay: 0,
    reconnectionDelayGrowFactor: 1,
    connectionTimeout: options.connectTimeoutMs,
    maxRetries: Infinity,
  });
  rws.addEventListener('open', () => {
    if (!closed) options.events.open();
  });
  rws.addEventListener('message', (event) => {
    if (!closed && typeof event.data === 'string') options.events.message(event.data);
  });
  rws.addEventListener('close', (event) => {
    if (!closed) options.events.close(event.code, event.reason);
  });
  return {
    send(data) {
      if (closed || rws.readyState !== OPEN) return false;
      rws.send(data);
      return true;
    },
    reconnect(code, reason) {
      if (!closed) rws.reconnect(code, reason);
    },
    close(code, reason) {
      if (closed) return;
      closed = true;
      rws.close(code, reason);
    },
  };
}
