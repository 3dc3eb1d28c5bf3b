import type { ReadableAtom } from 'nanostores';
import type { WsEnvelope } from '@k8s-chat/contract';

/**
 * `idle`: no socket because nothing listens. `connecting`: first connection. `open`: authenticated and live.
 * `reconnecting`: lost and coming back (backoff with jitter). `offline`: the browser is offline.
 * `unauthorized`: signed out, or the server refused this user or origin (4403); no reconnect attempts.
 */
export const CONNECTION_STATES = [
  'idle',
  'connecting',
  'open',
  'reconnecting',
  'offline',
  'unauthorized',
] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

/** A server event as it arrived; scoped events carry `topic`, `seq` and `epoch`. */
export type HubEvent<T = unknown> = WsEnvelope<T>;

export interface TopicListener {
  /** Each event of the topic once per `(topic, seq)`, live or replayed, in order. */
  onEvent?(event: HubEvent): void;
  /**
   * The hub could not fill a gap (the server answered `reset`, its epoch changed, or a seq is missing):
   * re-read the topic's state over REST.
   */
  onResync?(reason: string): void;
  /**
   * The server confirmed the subscription: events from now on will arrive. Anything that happened before
   * was not sent, so a listener that read a REST snapshot before this moment should read it again.
   */
  onSubscribed?(): void;
  /** The server refused the topic (for example FORBIDDEN_TOPIC). */
  onError?(error: { readonly code: string; readonly message: string }): void;
}

/** The one WebSocket of a client, shared by every element. */
export interface Hub {
  readonly $connection: ReadableAtom<ConnectionState>;
  /** Counted per topic: the first listener subscribes on the server, the last one unsubscribes. */
  subscribe(topic: string, listener: TopicListener): () => void;
  /** Unscoped events by type (`notification`, `error`, ...); `*` for all. */
  on(type: string, listener: (event: HubEvent) => void): () => void;
  /** Typing presence in a shared session; dropped when the socket is not open (it is not a mutation). */
  sendTyping(sessionId: string, typing: boolean): void;
  /** Reconnects now, skipping any backoff; also leaves a terminal 4403 state. */
  reconnect(): void;
  /** Closes the socket with 1000 and removes every timer and listener. */
  dispose(): void;
}
