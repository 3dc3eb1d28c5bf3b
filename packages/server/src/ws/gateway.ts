/**
 * The WebSocket gateway: accepts sockets on the HTTP server's `upgrade` event, keeps them alive, and fans
 * scoped events out to the sockets subscribed to their topic.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Connection } from './connection.js';
import { handleText, removeTopics, type HandlerContext } from './handlers.js';
import { PresenceMemory, presenceOf } from './presence.js';
import { CLOSE, envelope, WS_SUBPROTOCOL } from './protocol.js';
import { TopicLog } from './topic-log.js';
import { isValidTopic, sessionIdOf } from './topics.js';
import { settingsFrom, type Settings } from './settings.js';
import type { WsGateway, WsGatewayOptions, WsUser } from './types.js';
import { createUpgradeServer, type Socket, type UpgradeServer } from './ws-lib.js';

// Peers that never answer our close frame would otherwise hold shutdown for ws's 30 s close timeout.
const SHUTDOWN_GRACE_MS = 1000;

// A topic nobody has published on: seq 0 and nothing to replay.
const EMPTY_LOG = new TopicLog(0);

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const query = raw.indexOf('?');
  return query === -1 ? raw : raw.slice(0, query);
}

function refuseHandshake(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

class Gateway implements WsGateway {
  readonly epoch: string;
  readonly #options: WsGatewayOptions;
  readonly #settings: Settings;
  readonly #wss: UpgradeServer;
  readonly #connections = new Set<Connection>();
  readonly #topics = new Map<string, TopicLog>();
  readonly #presence = new PresenceMemory();
  readonly #ctx: HandlerContext;
  readonly #ticker: NodeJS.Timeout;
  readonly #typingTicker: NodeJS.Timeout;
  #shutdown: Promise<void> | undefined;

  constructor(options: WsGatewayOptions) {
    this.#options = options;
    this.#settings = settingsFrom(options);
    this.epoch = this.#settings.epoch;
    this.#wss = createUpgradeServer({
      noServer: true,
      clientTracking: false,
      // Compression on attacker-controlled input costs CPU and memory for little gain on small JSON frames.
      perMessageDeflate: false,
      maxPayload: this.#settings.maxPayloadBytes,
      // Only our own protocol name is ever echoed, so nothing a client puts in this header (such as a
      // token) comes back; a client that offers none is fine.
      handleProtocols: (offered) => (offered.has(WS_SUBPROTOCOL) ? WS_SUBPROTOCOL : false),
    });
    this.#ctx = {
      epoch: this.epoch,
      typingTtlMs: this.#settings.typingTtlMs,
      now: this.#settings.now,
      log: this.#settings.log,
      authenticate: (token) => this.#options.authenticate(token),
      authorize: (user, topic) => this.#authorize(user, topic),
      topicSeq: (topic) => this.topicSeq(topic),
      replay: (connection, topic, after, clientEpoch) => this.#replay(connection, topic, after, clientEpoch),
      publishPresence: (topic, force) => this.#publishPresence(topic, force),
    };
    options.server.on('upgrade', this.#onUpgrade);
    this.#ticker = setInterval(() => this.#heartbeat(), this.#settings.heartbeatIntervalMs).unref();
    this.#typingTicker = setInterval(
      () => this.#expireTyping(),
      Math.min(1_000, this.#settings.typingTtlMs),
    ).unref();
  }

  publish(topic: string, type: string, payload: unknown): { seq: number } {
    if (!isValidTopic(topic)) throw new TypeError(`Invalid topic: ${topic}`);
    let log = this.#topics.get(topic);
    if (!log) {
      log = new TopicLog(this.#settings.historyPerTopic);
      this.#topics.set(topic, log);
    }
    const at = this.#settings.now();
    const event = log.append((seq) =>
      JSON.stringify(envelope(type, payload, at, { topic, seq, epoch: this.epoch })),
    );
    for (const connection of this.#connections) {
      if (connection.user && connection.topics.has(topic)) connection.sendRaw(event.data);
    }
    return { seq: event.seq };
  }

  notifyUser(userId: string, type: string, payload: unknown): void {
    this.#sendUnscoped(type, payload, (user) => user.id === userId);
  }

  broadcast(type: string, payload: unknown): void {
    this.#sendUnscoped(type, payload, () => true);
  }

  disconnectUser(userId: string, code: number, reason: string): void {
    // ws throws on codes a peer may not receive and on reasons over 123 bytes; fail before closing any.
    if (!(code === 1000 || (Number.isInteger(code) && code >= 3000 && code <= 4999))) {
      throw new RangeError(`disconnectUser: close code must be 1000 or 3000-4999, got ${code}`);
    }
    if (Buffer.byteLength(reason) > 123) throw new RangeError('disconnectUser: reason is over 123 bytes');
    for (const connection of this.#connections) {
      if (connection.user?.id === userId) connection.close(code, reason);
    }
  }

  topicSeq(topic: string): number {
    return this.#topics.get(topic)?.seq ?? 0;
  }

  clientCount(): number {
    return this.#connections.size;
  }

  subscribers(topic: string): WsUser[] {
    const users = new Map<string, WsUser>();
    for (const connection of this.#connections) {
      const user = connection.user;
      if (user && connection.topics.has(topic) && !users.has(user.id)) users.set(user.id, { ...user });
    }
    return [...users.values()];
  }

  close(): Promise<void> {
    this.#shutdown ??= this.#closeAll();
    return this.#shutdown;
  }

  async #closeAll(): Promise<void> {
    clearInterval(this.#ticker);
    clearInterval(this.#typingTicker);
    this.#options.server.off('upgrade', this.#onUpgrade);
    const open = [...this.#connections];
    const closed = open.map((c) => new Promise<void>((resolve) => c.socket.once('close', () => resolve())));
    for (const connection of open) connection.close(CLOSE.goingAway, 'server shutting down');
    const stragglers = setTimeout(() => open.forEach((c) => c.terminate()), SHUTDOWN_GRACE_MS).unref();
    await Promise.all(closed);
    clearTimeout(stragglers);
    this.#wss.close();
  }

  readonly #onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (pathOf(request.url) !== this.#settings.path) {
      // Another handler may own this path; answer only when nobody else is listening, so it cannot hang.
      if (this.#options.server.listenerCount('upgrade') === 1) refuseHandshake(socket, '404 Not Found');
      return;
    }
    const { origin, host } = request.headers;
    let originAllowed = false;
    try {
      originAllowed = this.#options.allowedOrigins(origin, host);
    } catch (error) {
      this.#settings.log('ws.origin_check_failed', { origin, error: String(error) });
    }
    this.#wss.handleUpgrade(request, socket, head, (ws) => {
      ws.on('error', (error: Error) => this.#settings.log('ws.error', { error: error.message }));
      // Browsers hide the HTTP status of a failed handshake, so a refusal is only visible to the client
      // as a close code: complete the upgrade, then close before sending anything (reliability W10).
      if (!originAllowed) {
        this.#settings.log('ws.origin_rejected', { origin, host });
        ws.close(CLOSE.forbidden, 'origin not allowed');
        return;
      }
      if (this.#shutdown) {
        ws.close(CLOSE.goingAway, 'server shutting down');
        return;
      }
      this.#accept(ws, request);
    });
  };

  #accept(ws: Socket, request: IncomingMessage): void {
    const connection = new Connection(ws, {
      now: this.#settings.now,
      maxBufferedBytes: this.#settings.maxBufferedBytes,
      log: this.#settings.log,
    });
    this.#connections.add(connection);
    this.#settings.log('ws.connect', {
      client_id: connection.id,
      remote_address: request.socket.remoteAddress,
      origin: request.headers.origin,
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      connection.awaitingPong = false;
      if (isBinary) {
        connection.enqueue(() => connection.sendError('INVALID_MESSAGE', 'Binary frames are not supported'));
        return;
      }
      const text = data.toString('utf8');
      connection.enqueue(() => handleText(this.#ctx, connection, text));
    });
    ws.on('pong', () => {
      connection.awaitingPong = false;
    });
    ws.on('close', (code: number, reason: Buffer | string) =>
      this.#onClose(connection, code, String(reason)),
    );
    connection.send('status', {
      type: 'connection',
      status: 'connected',
      message: 'WebSocket connection established',
      timestamp: this.#settings.now().toISOString(),
    });
    connection.startAuthDeadline(this.#settings.authTimeoutMs, () => {
      this.#settings.log('ws.auth_timeout', { client_id: connection.id });
      connection.close(CLOSE.unauthorized, 'authentication timeout');
    });
  }

  #onClose(connection: Connection, code: number, reason: string): void {
    connection.clearTimers();
    this.#connections.delete(connection);
    this.#settings.log('ws.close', { client_id: connection.id, user_id: connection.user?.id, code, reason });
    // Presence is computed from the remaining sockets, so this socket must be gone from the set first.
    removeTopics(this.#ctx, connection, [...connection.topics]);
  }

  /** Turns off typing indicators nobody renewed. */
  #expireTyping(): void {
    const now = Date.now();
    const changed = new Set<string>();
    for (const connection of this.#connections) {
      for (const [topic, until] of connection.typing) {
        if (until > now) continue;
        connection.typing.delete(topic);
        changed.add(topic);
      }
    }
    for (const topic of changed) this.#publishPresence(topic, false);
  }

  /** Forgets idle topics nobody listens to, so per-execution topics do not pile up for ever. */
  #forgetIdleTopics(): void {
    const cutoff = Date.now() - this.#settings.idleTopicTtlMs;
    const listened = new Set<string>();
    for (const connection of this.#connections) for (const topic of connection.topics) listened.add(topic);
    for (const [topic, log] of this.#topics) {
      if (log.lastAppendAt < cutoff && !listened.has(topic)) this.#topics.delete(topic);
    }
  }

  #heartbeat(): void {
    this.#forgetIdleTopics();
    const at = this.#settings.now();
    const ping = JSON.stringify(envelope('ping', { timestamp: at.toISOString() }, at));
    for (const connection of this.#connections) {
      // Nothing at all since the previous tick's ping: a half-open socket (reliability W4).
      if (connection.awaitingPong) {
        this.#settings.log('ws.dead', { client_id: connection.id, user_id: connection.user?.id });
        connection.terminate();
        continue;
      }
      if (!connection.open) continue;
      connection.awaitingPong = true;
      // Browsers answer protocol pings by themselves; the app-level ping is upstream's and lets a client
      // notice a dead server too.
      connection.sendRaw(ping);
      connection.socket.ping();
    }
  }

  async #authorize(user: WsUser, topic: string): Promise<boolean> {
    try {
      return (await this.#options.authorizeTopic(user, topic)) === true;
    } catch (error) {
      this.#settings.log('ws.authorize_failed', { user_id: user.id, topic, error: String(error) });
      return false;
    }
  }

  #replay(connection: Connection, topic: string, after: number, clientEpoch: string | undefined): void {
    const log = this.#topics.get(topic) ?? EMPTY_LOG;
    const plan = log.plan(after, clientEpoch, this.epoch);
    const detail = { client_id: connection.id, topic, after, seq: log.seq };
    if (plan.kind === 'reset') {
      this.#settings.log('ws.reset', { ...detail, reason: plan.reason });
      // Not an event of the topic itself (no seq of its own): it tells the client where the topic stands
      // now, so it re-reads the state over REST and continues from this seq.
      connection.send('reset', { topic, reason: plan.reason }, { topic, seq: log.seq, epoch: this.epoch });
      return;
    }
    if (plan.frames.length > 0) this.#settings.log('ws.replay', { ...detail, count: plan.frames.length });
    for (const frame of plan.frames) connection.sendRaw(frame);
  }

  #publishPresence(topic: string, force: boolean): void {
    const sessionId = sessionIdOf(topic);
    if (sessionId === undefined) return;
    const payload = presenceOf(sessionId, topic, this.#connections);
    const changed = this.#presence.record(topic, payload);
    if (changed || force) this.publish(topic, 'presence', payload);
  }

  #sendUnscoped(type: string, payload: unknown, to: (user: WsUser) => boolean): void {
    let data: string | undefined;
    for (const connection of this.#connections) {
      if (!connection.user || !to(connection.user)) continue;
      data ??= JSON.stringify(envelope(type, payload, this.#settings.now()));
      connection.sendRaw(data);
    }
  }
}

/** Attaches a gateway to `options.server`; see WsGatewayOptions for the defaults. */
export function createWsGateway(options: WsGatewayOptions): WsGateway {
  return new Gateway(options);
}
