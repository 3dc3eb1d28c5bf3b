import type { Server } from 'node:http';
import type { Role } from '@k8s-chat/contract';

/** The identity a socket acts as once its `auth` frame has been accepted. */
export interface WsUser {
  id: string;
  username: string;
  role: Role;
}

export interface WsGatewayOptions {
  /** The HTTP server whose `upgrade` event the gateway listens to (Fastify's `app.server`). */
  server: Server;
  /** Upgrade path; default `/api/v1/ws`. */
  path?: string;
  /** Decides at upgrade time; a refused Origin is closed with 4403 before any data is sent. */
  allowedOrigins: (origin: string | undefined, host: string | undefined) => boolean;
  /**
   * Checks the token of an `auth` frame. Rejects on a bad or expired token (the socket is closed with
   * 4401); a rejection whose `statusCode` or `status` is 403 means the user is forbidden (closed with
   * 4403, which the client treats as terminal).
   */
  authenticate(token: string): Promise<{ user: WsUser; expiresAt: Date }>;
  /** Whether `user` may read `topic`; asked on every subscribe and again on every re-auth. */
  authorizeTopic(user: WsUser, topic: string): Promise<boolean> | boolean;
  /** Identifies this gateway's history; default: random per instance, so a restart forces `reset`. */
  epoch?: string;
  /** Time a new socket has to authenticate; default 10 000 ms. */
  authTimeoutMs?: number;
  /** Ping period; a socket silent for a whole period after a ping is terminated. Default 25 000 ms. */
  heartbeatIntervalMs?: number;
  /** Events kept per topic for replay; default 1000. */
  historyPerTopic?: number;
  /** Largest inbound frame; larger ones close the socket with 1009. Default 1 MiB. */
  maxPayloadBytes?: number;
  /**
   * A topic nobody is subscribed to and nothing was published on for this long is forgotten (its history
   * and seq); a client that comes back later gets a `reset` and re-reads over REST. Default 30 minutes.
   */
  idleTopicTtlMs?: number;
  /** How long one `typing: true` shows the person as typing unless repeated. Default 6 s. */
  typingTtlMs?: number;
  /** Outbound bytes a socket may have queued before it is closed with 1013; default 8 MiB. */
  maxBufferedBytes?: number;
  now?: () => Date;
  log?: (event: string, detail: Record<string, unknown>) => void;
}

export interface WsGateway {
  /** Changes on every boot unless configured; clients compare it to decide between replay and reset. */
  readonly epoch: string;
  /** Sends a scoped event to the topic's subscribers and keeps it for replay. */
  publish(topic: string, type: string, payload: unknown): { seq: number };
  /** Unscoped direct message to every authenticated socket of one user. */
  notifyUser(userId: string, type: string, payload: unknown): void;
  /** Unscoped message to every authenticated socket. */
  broadcast(type: string, payload: unknown): void;
  /** Closes every socket of a user (logout, revocation) with the given code. */
  disconnectUser(userId: string, code: number, reason: string): void;
  /** The topic's latest seq, 0 if nothing was published on it. */
  topicSeq(topic: string): number;
  /** Open sockets, authenticated or not. */
  clientCount(): number;
  /** Distinct authenticated users subscribed to a topic. */
  subscribers(topic: string): WsUser[];
  /** Stops accepting sockets and closes the open ones with 1001. */
  close(): Promise<void>;
}
