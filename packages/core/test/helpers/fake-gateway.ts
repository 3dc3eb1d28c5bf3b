/**
 * A fake of the reference server's WebSocket gateway, in the page: a WebSocket class to inject into the
 * hub, sockets that speak the protocol (first-frame auth, subscribe with after/epoch, replay or reset,
 * heartbeat/pong, 4401/4403 closes), and controls to publish, drop, restart and take the gateway down.
 */
export interface Frame {
  id?: string;
  type: string;
  payload?: any;
  topic?: string;
  seq?: number;
  epoch?: string;
  timestamp?: string;
}

export class FakeSocket extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readyState = 0;
  readonly sent: Frame[] = [];
  closedWith: { code: number; reason: string; by: 'client' | 'server' } | null = null;
  user: string | null = null;
  readonly topics = new Set<string>();

  constructor(
    readonly gateway: FakeGateway,
    readonly url: string,
    readonly protocols?: string | string[],
  ) {
    super();
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new DOMException('not open', 'InvalidStateError');
    const frame = JSON.parse(data) as Frame;
    this.sent.push(frame);
    this.gateway.receive(this, frame);
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState >= 2) return;
    this.readyState = 3;
    this.closedWith = { code, reason, by: 'client' };
    void Promise.resolve().then(() => this.dispatchEvent(new CloseEvent('close', { code, reason })));
  }

  /** Server side: opens the socket. */
  open(): void {
    if (this.readyState !== 0) return;
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
    this.push({ type: 'status', payload: { type: 'connection', status: 'connected' } });
  }

  /** Server side: sends a frame. */
  push(frame: Frame): void {
    if (this.readyState !== 1) return;
    const full = { id: crypto.randomUUID(), timestamp: new Date().toISOString(), payload: {}, ...frame };
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(full) }));
  }

  /** Server side: closes the socket with a code (1006 for a dropped connection). */
  drop(code = 1006, reason = ''): void {
    if (this.readyState >= 2) return;
    this.readyState = 3;
    this.closedWith = { code, reason, by: 'server' };
    this.dispatchEvent(new CloseEvent('close', { code, reason }));
  }

  /** Frames of one type this socket sent. */
  framesOf(type: string): Frame[] {
    return this.sent.filter((f) => f.type === type);
  }
}

interface Log {
  seq: number;
  events: string[]; // serialised, like the real gateway, so replays are byte-identical
}

export interface GatewayOptions {
  /** Which tokens authenticate; default any non-empty token. */
  accepts?: (token: string) => boolean;
  /** Open sockets by themselves (a microtask after construction); default true. */
  autoOpen?: boolean;
  /** Answer heartbeats with pong; default true. */
  answerHeartbeats?: boolean;
}

export class FakeGateway {
  epoch = 'epoch-1';
  readonly sockets: FakeSocket[] = [];
  readonly logs = new Map<string, Log>();
  /** While down, new sockets fail to connect (error + close 1006). */
  down = false;
  readonly options: Required<GatewayOptions>;
  readonly WebSocket: {
    new (url: string, protocols?: string | string[]): FakeSocket;
    readonly CLOSING: number;
  };

  constructor(options: GatewayOptions = {}) {
    this.options = {
      accepts: (token) => typeof token === 'string' && token.length > 0,
      autoOpen: true,
      answerHeartbeats: true,
      ...options,
    };
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const gateway = this;
    this.WebSocket = class extends FakeSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(gateway, url, protocols);
        gateway.sockets.push(this);
        void Promise.resolve().then(() => gateway.connect(this));
      }
    };
  }

  get open(): FakeSocket[] {
    return this.sockets.filter((s) => s.readyState === 1);
  }

  get last(): FakeSocket {
    return this.sockets[this.sockets.length - 1]!;
  }

  connect(socket: FakeSocket): void {
    if (this.down) {
      socket.readyState = 3;
      socket.dispatchEvent(new Event('error'));
      socket.dispatchEvent(new CloseEvent('close', { code: 1006 }));
      return;
    }
    if (this.options.autoOpen) socket.open();
  }

  receive(socket: FakeSocket, frame: Frame): void {
    switch (frame.type) {
      case 'auth': {
        const token = frame.payload?.token;
        if (!this.options.accepts(token)) {
          socket.push({ type: 'auth_result', payload: { success: false, error: 'Invalid token' } });
          socket.drop(4401, 'authentication failed');
          return;
        }
        socket.user = token;
        socket.push({ type: 'auth_result', payload: { success: true, user_id: 'u1', epoch: this.epoch } });
        return;
      }
      case 'heartbeat':
        if (this.options.answerHeartbeats) socket.push({ type: 'pong', payload: {} });
        return;
      case 'subscribe': {
        if (!socket.user) return;
        const topics: string[] = frame.payload.topics;
        for (const t of topics) socket.topics.add(t);
        const seq = Object.fromEntries(topics.map((t) => [t, this.logs.get(t)?.seq ?? 0]));
        socket.push({
          type: 'status',
          payload: {
            type: 'subscription',
            status: 'subscribed',
            metadata: { topics, seq, epoch: this.epoch },
          },
        });
        const after: Record<string, number> = frame.payload.after ?? {};
        for (const [topic, from] of Object.entries(after))
          this.replay(socket, topic, from, frame.payload.epoch);
        return;
      }
      case 'unsubscribe':
        for (const t of frame.payload.topics) socket.topics.delete(t);
        return;
    }
  }

  replay(socket: FakeSocket, topic: string, after: number, clientEpoch: string | undefined): void {
    const log = this.logs.get(topic) ?? { seq: 0, events: [] };
    if ((clientEpoch !== undefined && clientEpoch !== this.epoch) || after > log.seq) {
      socket.push({
        type: 'reset',
        topic,
        seq: log.seq,
        epoch: this.epoch,
        payload: { topic, reason: 'epoch_changed' },
      });
      return;
    }
    for (const data of log.events.slice(after)) socket.dispatchEvent(new MessageEvent('message', { data }));
  }

  /** Publishes a scoped event to every authenticated subscriber and keeps it for replay. */
  publish(topic: string, type: string, payload: unknown): number {
    const log = this.logs.get(topic) ?? { seq: 0, events: [] };
    this.logs.set(topic, log);
    log.seq++;
    const data = JSON.stringify({
      id: crypto.randomUUID(),
      type,
      topic,
      seq: log.seq,
      epoch: this.epoch,
      payload,
      timestamp: new Date().toISOString(),
    });
    log.events.push(data);
    for (const socket of this.open)
      if (socket.user && socket.topics.has(topic))
        socket.dispatchEvent(new MessageEvent('message', { data }));
    return log.seq;
  }

  /** Sends an already published event again (a duplicate on the wire). */
  resend(topic: string, seq: number): void {
    const data = this.logs.get(topic)!.events[seq - 1]!;
    for (const socket of this.open)
      if (socket.topics.has(topic)) socket.dispatchEvent(new MessageEvent('message', { data }));
  }

  /** Drops every open socket (kill -9: 1006). */
  dropAll(code = 1006, reason = ''): void {
    for (const socket of [...this.sockets]) socket.drop(code, reason);
  }

  /** A restart with its history lost: a new epoch and sequence numbers starting over. */
  restart(): void {
    this.dropAll(1006);
    this.epoch = `epoch-${Number(this.epoch.split('-')[1]) + 1}`;
    this.logs.clear();
  }
}

/** Frames the hub got delivered for a topic, as `onEvent` received them. */
export function recorder() {
  const events: Frame[] = [];
  const resyncs: string[] = [];
  return {
    events,
    resyncs,
    seqs: () => events.map((e) => e.seq),
    listener: {
      onEvent: (e: any) => events.push(e),
      onResync: (reason: string) => resyncs.push(reason),
    },
  };
}
