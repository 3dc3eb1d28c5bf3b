import { atom } from 'nanostores';
import type { WsEnvelope } from '@k8s-chat/contract';
import { backoffDelay } from '../api/backoff.js';
import { isKubeChatError } from '../api/errors.js';
import { newId } from '../api/ids.js';
import { apiRoot } from '../api/request.js';
import type { TokenProvider } from '../auth/token-provider.js';
import type { ConnectionState, Hub, HubEvent, TopicListener } from './hub-types.js';
import { TopicRegistry, safely } from './topic-registry.js';
import { openTransport, type Transport, type WebSocketConstructor } from './transport.js';

export interface HubOptions {
  readonly baseUrl: string;
  readonly tokens: TokenProvider;
  readonly WebSocket?: WebSocketConstructor;
  /** Heartbeat period; a socket silent for two periods is dead (reliability W4). Default 10 000. */
  readonly heartbeatMs?: number;
  /** Reconnect backoff; default 500 ms doubling up to 2 s, with jitter. */
  readonly backoff?: { readonly baseMs?: number; readonly maxMs?: number };
  /** How long the socket stays open after the last topic is released (route changes); default 2000. */
  readonly idleCloseMs?: number;
  readonly connectTimeoutMs?: number;
  /** Time the server has to answer `auth`; default 10 000. */
  readonly authTimeoutMs?: number;
  readonly random?: () => number;
}

const SUBPROTOCOL = 'kubechat-ws';
const CLOSE_UNAUTHORIZED = 4401;
const CLOSE_FORBIDDEN = 4403;
// A client may close with 1000 or 3000-4999 only; 4000 marks "the client gave up on this socket".
const CLOSE_CLIENT_RETRY = 4000;
type Halt = 'signed-out' | 'forbidden' | 'refused';

/** `ws(s)://host/…/api/v1/ws` for an API base URL. */
export function socketUrl(baseUrl: string): string {
  const url = new URL('ws', apiRoot(baseUrl));
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

/**
 * The WebSocket hub. Authenticates with the first frame using a token fetched right before each
 * (re)connect, re-authenticates in band when the token rotates, refreshes once on 4401 and stops on 4403;
 * counts topic subscriptions, resumes them with `after`/`epoch`, drops duplicates by `(topic, seq)` and asks
 * for a REST re-read on reset or gap; detects dead sockets with heartbeats and reconnects at once when the
 * page becomes visible or the browser comes back online. It never sends a mutation.
 */
export class WebSocketHub implements Hub {
  readonly #connection = atom<ConnectionState>('idle');
  readonly $connection = this.#connection;

  readonly #tokens: TokenProvider;
  readonly #url: string;
  readonly #WebSocket: WebSocketConstructor | undefined;
  readonly #heartbeatMs: number;
  readonly #idleCloseMs: number;
  readonly #connectTimeoutMs: number;
  readonly #authTimeoutMs: number;
  readonly #backoff: { baseMs: number; maxMs: number; random: () => number };

  readonly #topics = new TopicRegistry();
  readonly #typeListeners = new Map<string, Set<(event: HubEvent) => void>>();
  readonly #cleanup: Array<() => void> = [];
  #transport: Transport | null = null;
  // Bumped whenever a transport is closed, so its pending URL provider knows it is obsolete.
  #generation = 0;
  #authenticated = false;
  #socketToken: string | null = null;
  #epoch: string | null = null;
  #attempt = 0;
  #skipWait = false;
  #wake: (() => void) | null = null;
  #forceRefresh = false;
  #usedForcedToken = false;
  #halted: Halt | null = null;
  #disposed = false;
  #lastSeen = 0;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #authTimer: ReturnType<typeof setTimeout> | undefined;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: HubOptions) {
    this.#tokens = options.tokens;
    this.#url = socketUrl(options.baseUrl);
    this.#WebSocket = options.WebSocket;
    this.#heartbeatMs = options.heartbeatMs ?? 10_000;
    this.#idleCloseMs = options.idleCloseMs ?? 2_000;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.#authTimeoutMs = options.authTimeoutMs ?? 10_000;
    this.#backoff = {
      baseMs: options.backoff?.baseMs ?? 500,
      // Capped at 2 s so a gateway that comes back is reached well within 3 s (reliability W1).
      maxMs: options.backoff?.maxMs ?? 2_000,
      random: options.random ?? Math.random,
    };
    this.#cleanup.push(this.#tokens.onTokenChange((token) => this.#onTokenChange(token)));
    // Signing in again (a new host callback, a login in this or another tab) brings the socket back.
    this.#cleanup.push(
      this.#tokens.$state.listen((state) => {
        if (state.status !== 'signed-out' && this.#halted === 'signed-out') {
          this.#halted = null;
          this.#start();
        }
      }),
    );
    const win = globalThis.window;
    if (win) {
      const listen = (target: EventTarget, type: string, handler: () => void) => {
        target.addEventListener(type, handler);
        this.#cleanup.push(() => target.removeEventListener(type, handler));
      };
      listen(win, 'online', this.#onWake);
      listen(win, 'offline', this.#onOffline);
      listen(win.document, 'visibilitychange', this.#onWake);
    }
  }

  subscribe(topic: string, listener: TopicListener): () => void {
    // Each call gets its own listener object, so one element subscribing twice counts twice.
    const own: TopicListener = {
      onEvent: (event) => listener.onEvent?.(event),
      onResync: (reason) => listener.onResync?.(reason),
      onSubscribed: () => listener.onSubscribed?.(),
      onError: (error) => listener.onError?.(error),
    };
    if (this.#topics.add(topic, own) && this.#authenticated) this.#send('subscribe', { topics: [topic] });
    // Joining a topic another listener already has live: no new ack will come, so confirm it now.
    else if (this.#topics.isLive(topic)) queueMicrotask(() => own.onSubscribed?.());
    clearTimeout(this.#idleTimer);
    this.#start();
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      if (!this.#topics.remove(topic, own)) return;
      if (this.#authenticated) this.#send('unsubscribe', { topics: [topic] });
      if (this.#topics.size === 0) this.#scheduleIdleClose();
    };
  }

  on(type: string, listener: (event: HubEvent) => void): () => void {
    let set = this.#typeListeners.get(type);
    if (!set) this.#typeListeners.set(type, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  sendTyping(sessionId: string, typing: boolean): void {
    if (this.#authenticated) this.#send('typing', { session_id: sessionId, typing });
  }

  reconnect(): void {
    if (this.#disposed) return;
    this.#halted = null;
    if (!this.#transport) {
      this.#start();
      return;
    }
    this.#skipWait = true;
    this.#wake?.();
    this.#transport.reconnect(CLOSE_CLIENT_RETRY, 'reconnect requested');
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#closeTransport('disposed');
    clearTimeout(this.#idleTimer);
    for (const undo of this.#cleanup.splice(0)) undo();
    this.#topics.clear();
    this.#typeListeners.clear();
    this.#connection.set('idle');
  }

  // Connection lifecycle

  #start(): void {
    if (this.#transport || this.#disposed || this.#halted || this.#topics.size === 0) return;
    const generation = ++this.#generation;
    this.#attempt = 0;
    this.#skipWait = false;
    this.#connection.set('connecting');
    this.#transport = openTransport({
      url: () => this.#prepare(generation),
      protocols: [SUBPROTOCOL],
      ...(this.#WebSocket ? { WebSocket: this.#WebSocket } : {}),
      connectTimeoutMs: this.#connectTimeoutMs,
      events: {
        open: () => this.#onOpen(),
        message: (data) => this.#onMessage(data),
        close: (code, reason) => this.#onClose(code, reason),
      },
    });
  }

  /**
   * The URL provider of every (re)connect: waits out the backoff, then fetches a fresh token for the first
   * frame. It never rejects (a rejection would end reconnection for good); a failing token source is
   * retried with backoff (reliability W7) and a signed-out one stops the hub.
   */
  async #prepare(generation: number): Promise<string> {
    for (;;) {
      if (generation !== this.#generation) return this.#url;
      if (this.#attempt > 0 && !this.#skipWait)
        await this.#pause(backoffDelay(this.#attempt - 1, this.#backoff));
      this.#skipWait = false;
      if (generation !== this.#generation) return this.#url;
      this.#attempt++;
      const forced = this.#forceRefresh;
      try {
        const token = await this.#tokens.getAccessToken({
          reason: 'websocket',
          ...(forced
            ? { forceRefresh: true, ...(this.#socketToken ? { rejectedToken: this.#socketToken } : {}) }
            : {}),
        });
        if (generation !== this.#generation) return this.#url;
        this.#forceRefresh = false;
        this.#usedForcedToken = forced;
        this.#socketToken = token;
        return this.#url;
      } catch (error) {
        if (generation !== this.#generation) return this.#url;
        if (isKubeChatError(error) && error.kind === 'auth') {
          this.#halt('signed-out');
          return this.#url;
        }
      }
    }
  }

  #pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.#wake === done) this.#wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wake = done;
    });
  }

  #onOpen(): void {
    this.#authenticated = false;
    this.#lastSeen = Date.now();
    this.#send('auth', { token: this.#socketToken });
    clearTimeout(this.#authTimer);
    this.#authTimer = setTimeout(
      () => this.#transport?.reconnect(CLOSE_CLIENT_RETRY, 'auth timeout'),
      this.#authTimeoutMs,
    );
  }

  #onClose(code: number, _reason: string): void {
    this.#stopTimers();
    const wasAuthenticated = this.#authenticated;
    this.#authenticated = false;
    if (code === CLOSE_FORBIDDEN) {
      this.#halt('forbidden');
      return;
    }
    if (code === CLOSE_UNAUTHORIZED) {
      // A token fresh from a forced refresh was refused too: stop rather than loop with it (reliability W6).
      if (this.#usedForcedToken && !wasAuthenticated) {
        this.#halt('refused');
        return;
      }
      this.#forceRefresh = true;
      this.#skipWait = true;
    }
    this.#connection.set(globalThis.navigator?.onLine === false ? 'offline' : 'reconnecting');
  }

  #halt(why: Halt): void {
    this.#halted = why;
    this.#closeTransport(why);
    this.#connection.set('unauthorized');
  }

  #closeTransport(reason: string): void {
    this.#generation++;
    this.#stopTimers();
    this.#authenticated = false;
    const transport = this.#transport;
    this.#transport = null;
    transport?.close(1000, reason);
    this.#wake?.();
  }

  #scheduleIdleClose(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => {
      if (this.#topics.size > 0 || !this.#transport) return;
      this.#closeTransport('idle');
      if (!this.#halted) this.#connection.set('idle');
    }, this.#idleCloseMs);
  }

  #stopTimers(): void {
    clearInterval(this.#heartbeat);
    clearTimeout(this.#authTimer);
  }

  // Frames

  #send(type: string, payload: unknown): void {
    this.#transport?.send(
      JSON.stringify({ id: newId(), type, payload, timestamp: new Date().toISOString() }),
    );
  }

  #onMessage(data: string): void {
    this.#lastSeen = Date.now();
    let frame: WsEnvelope;
    try {
      frame = JSON.parse(data) as WsEnvelope;
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null || typeof frame.type !== 'string') return;
    const payload = (frame.payload ?? {}) as Record<string, unknown>;
    switch (frame.type) {
      case 'auth_result':
        if (payload.success === true) this.#onAuthenticated(payload);
        return;
      case 'ping':
        this.#send('pong', { timestamp: new Date().toISOString() });
        return;
      case 'pong':
        return;
      case 'reset':
        this.#onReset(frame, payload);
        return;
      case 'status':
        if (payload.type === 'subscription' && payload.status === 'subscribed') this.#onSubscribed(payload);
        break;
      case 'error':
        this.#onError(payload);
        break;
    }
    if (typeof frame.topic === 'string') this.#topics.event(frame);
    else this.#emitType(frame);
  }

  #onAuthenticated(payload: Record<string, unknown>): void {
    clearTimeout(this.#authTimer);
    const first = !this.#authenticated;
    this.#authenticated = true;
    this.#attempt = 0;
    this.#usedForcedToken = false;
    this.#connection.set('open');
    if (!first) return; // an in-band re-auth keeps every subscription
    this.#resubscribe();
    // The epoch we had goes into the resubscribe above, so the server can tell us it changed (reset).
    if (typeof payload.epoch === 'string') this.#epoch = payload.epoch;
    clearInterval(this.#heartbeat);
    this.#heartbeat = setInterval(() => this.#checkAlive(), this.#heartbeatMs);
  }

  #resubscribe(): void {
    for (const payload of this.#topics.resumeFrames(this.#epoch)) this.#send('subscribe', payload);
  }

  #onSubscribed(payload: Record<string, unknown>): void {
    const metadata = (payload.metadata ?? {}) as { seq?: Record<string, unknown>; epoch?: string };
    this.#topics.acknowledge(metadata.seq ?? {}, metadata.epoch ?? this.#epoch);
  }

  #onReset(frame: WsEnvelope, payload: Record<string, unknown>): void {
    const topic = typeof frame.topic === 'string' ? frame.topic : String(payload.topic ?? '');
    const reason = typeof payload.reason === 'string' ? payload.reason : 'reset';
    this.#topics.reset(topic, typeof frame.seq === 'number' ? frame.seq : null, frame.epoch ?? null, reason);
  }

  #onError(payload: Record<string, unknown>): void {
    if (typeof payload.topic !== 'string') return;
    this.#topics.error(payload.topic, {
      code: String(payload.code ?? 'ERROR'),
      message: String(payload.message ?? ''),
    });
  }

  #emitType(frame: HubEvent): void {
    for (const key of [frame.type, '*']) {
      for (const listener of [...(this.#typeListeners.get(key) ?? [])]) safely(() => listener(frame));
    }
  }

  // Liveness and auth changes

  #checkAlive(): void {
    if (!this.#authenticated) return;
    if (Date.now() - this.#lastSeen > 2 * this.#heartbeatMs) {
      this.#dropDeadSocket();
      return;
    }
    this.#send('heartbeat', { timestamp: new Date().toISOString() });
  }

  #dropDeadSocket(): void {
    this.#skipWait = true;
    this.#transport?.reconnect(CLOSE_CLIENT_RETRY, 'heartbeat timeout');
  }

  readonly #onWake = (): void => {
    if (globalThis.document?.visibilityState === 'hidden' || !this.#transport) return;
    if (this.#authenticated) {
      // After sleep the socket may be half-open: one silent heartbeat period is enough to drop it.
      if (Date.now() - this.#lastSeen > this.#heartbeatMs) this.#dropDeadSocket();
      else this.#send('heartbeat', { timestamp: new Date().toISOString() });
      return;
    }
    if (this.#connection.get() === 'offline') this.#connection.set('reconnecting');
    this.#skipWait = true;
    this.#wake?.();
  };

  readonly #onOffline = (): void => {
    if (this.#transport && !this.#authenticated) this.#connection.set('offline');
  };

  #onTokenChange(token: string | null): void {
    if (this.#disposed) return;
    if (token === null) {
      if (this.#transport || this.#topics.size > 0) this.#halt('signed-out');
      return;
    }
    if (this.#halted === 'signed-out' || this.#halted === 'refused') {
      this.#halted = null;
      this.#start();
      return;
    }
    // In-band re-auth: the socket keeps its subscriptions and the server moves its expiry (reliability A7).
    if (this.#authenticated && token !== this.#socketToken) {
      this.#socketToken = token;
      this.#send('auth', { token });
    }
  }
}
