/**
 * One client socket: who it is, what it listens to, its timers, and the only path that writes to it.
 */
import { randomUUID } from 'node:crypto';
import type { WsUser } from './types.js';
import { CLOSE, envelope, errorPayload, type TopicScope, type WsErrorCode } from './protocol.js';
import { OPEN, type Socket } from './ws-lib.js';

export interface ConnectionEnv {
  readonly now: () => Date;
  readonly maxBufferedBytes: number;
  readonly log: (event: string, detail: Record<string, unknown>) => void;
}

// A client that floods frames while an `auth` is still being checked must not grow memory without bound.
const MAX_PENDING_FRAMES = 64;

// setTimeout fires immediately for delays past 2^31-1 ms; longer waits are re-armed in steps.
const MAX_TIMER_MS = 2 ** 31 - 1;

export class Connection {
  /** Upstream's `client_id`, echoed in `pong`. */
  readonly id = randomUUID();
  readonly socket: Socket;
  user: WsUser | null = null;
  readonly topics = new Set<string>();
  /**
   * Session topics this socket is typing in, with when that stops counting (ms since the epoch): a client
   * that vanishes mid-sentence or never sends `typing: false` does not show as typing for ever.
   */
  readonly typing = new Map<string, number>();
  /** Set when a ping goes out, cleared by any frame or pong; still set at the next tick means dead. */
  awaitingPong = false;

  readonly #env: ConnectionEnv;
  #closing = false;
  #authTimer: NodeJS.Timeout | undefined;
  #expiryTimer: NodeJS.Timeout | undefined;
  #queue: Promise<void> = Promise.resolve();
  #pending = 0;

  constructor(socket: Socket, env: ConnectionEnv) {
    this.socket = socket;
    this.#env = env;
  }

  /** Open and not being closed by us: the only state in which anything is sent or handled. */
  get open(): boolean {
    return !this.#closing && this.socket.readyState === OPEN;
  }

  /** Sends an already serialised frame, closing with 1013 instead if the client is not keeping up. */
  sendRaw(data: string): void {
    if (!this.open) return;
    // Dropping events would leave a silent gap; closing makes the client reconnect and replay or reset.
    if (this.socket.bufferedAmount > this.#env.maxBufferedBytes) {
      this.#env.log('ws.backpressure', {
        client_id: this.id,
        user_id: this.user?.id,
        buffered: this.socket.bufferedAmount,
      });
      this.close(CLOSE.tryAgainLater, 'client too slow');
      return;
    }
    this.socket.send(data);
  }

  send(type: string, payload: unknown, scope?: TopicScope): void {
    if (!this.open) return;
    this.sendRaw(JSON.stringify(envelope(type, payload, this.#env.now(), scope)));
  }

  sendError(code: WsErrorCode, message: string, extra?: Record<string, unknown>): void {
    this.send('error', errorPayload(code, message, extra));
  }

  close(code: number, reason: string): void {
    if (this.#closing) return;
    this.#closing = true;
    this.clearTimers();
    this.socket.close(code, reason);
  }

  /** Drops the TCP connection without a close handshake (dead peers, shutdown stragglers). */
  terminate(): void {
    this.#closing = true;
    this.clearTimers();
    this.socket.terminate();
  }

  /** Handles frames one at a time, in order, so `subscribe` right after `auth` sees the authenticated user. */
  enqueue(task: () => Promise<void> | void): void {
    if (this.#pending >= MAX_PENDING_FRAMES) {
      this.#env.log('ws.flood', { client_id: this.id, user_id: this.user?.id });
      this.close(CLOSE.policyViolation, 'too many pending messages');
      return;
    }
    this.#pending++;
    this.#queue = this.#queue
      .then(() => (this.open ? task() : undefined))
      .catch((error: unknown) => {
        this.#env.log('ws.handler_error', { client_id: this.id, error: String(error) });
        this.sendError('MESSAGE_HANDLING_ERROR', 'The message could not be handled');
      })
      .finally(() => {
        this.#pending--;
      });
  }

  startAuthDeadline(ms: number, onTimeout: () => void): void {
    clearTimeout(this.#authTimer);
    this.#authTimer = setTimeout(onTimeout, ms).unref();
  }

  clearAuthDeadline(): void {
    clearTimeout(this.#authTimer);
    this.#authTimer = undefined;
  }

  /** Calls `onExpire` at `at` (by the injected clock); replaces any earlier expiry. */
  expireAt(at: Date, onExpire: () => void): void {
    clearTimeout(this.#expiryTimer);
    const remaining = at.getTime() - this.#env.now().getTime();
    if (remaining <= 0) {
      onExpire();
      return;
    }
    this.#expiryTimer = setTimeout(
      () => (remaining > MAX_TIMER_MS ? this.expireAt(at, onExpire) : onExpire()),
      Math.min(remaining, MAX_TIMER_MS),
    ).unref();
  }

  clearTimers(): void {
    this.clearAuthDeadline();
    clearTimeout(this.#expiryTimer);
    this.#expiryTimer = undefined;
  }
}
