/**
 * Test harness for the WebSocket gateway: a real HTTP server on 127.0.0.1, a gateway on it, and a `ws`
 * client that records every frame and can await the first one matching a predicate.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { createWsGateway, type WsGateway, type WsGatewayOptions, type WsUser } from '../src/ws/index.js';

export const ALLOWED_ORIGIN = 'http://portal.test';

export const USERS: Record<string, WsUser> = {
  alice: { id: 'u-alice', username: 'alice', role: 'user' },
  bob: { id: 'u-bob', username: 'bob', role: 'user' },
  carol: { id: 'u-carol', username: 'carol', role: 'viewer' },
  root: { id: 'u-root', username: 'root', role: 'admin' },
};

/**
 * Tokens are `<username>` or `<username>:<lifetime ms>` (default one minute), so each test says in the
 * token itself how long it lives.
 */
export async function testAuthenticate(token: string): Promise<{ user: WsUser; expiresAt: Date }> {
  const [name = '', ttl = '60000'] = token.split(':');
  const user = USERS[name];
  if (!user) throw new Error('unknown token');
  return { user, expiresAt: new Date(Date.now() + Number(ttl)) };
}

/** `user:<id>` only for oneself, `approvals` only for admins, `session:secret` for nobody. */
export function testAuthorizeTopic(user: WsUser, topic: string): boolean {
  if (topic.startsWith('user:')) return topic === `user:${user.id}`;
  if (topic === 'approvals') return user.role === 'admin';
  return topic !== 'session:secret';
}

export interface Frame {
  readonly id: string;
  readonly type: string;
  readonly payload: Record<string, unknown> & { [key: string]: unknown };
  readonly timestamp: string;
  readonly topic?: string;
  readonly seq?: number;
  readonly epoch?: string;
}

export interface Closed {
  readonly code: number;
  readonly reason: string;
}

export interface ClientOptions {
  readonly origin?: string;
  readonly protocols?: string[];
  /** false: the client does not answer protocol pings, like a half-open peer. */
  readonly autoPong?: boolean;
}

const WAIT_MS = 2000;

export class TestClient {
  readonly socket: WebSocket;
  /** Every text frame received, parsed, in order. */
  readonly frames: Frame[] = [];
  /** The exact text of every frame received, parallel to `frames`. */
  readonly raw: string[] = [];
  readonly closed: Promise<Closed>;
  readonly #waiters = new Set<() => void>();

  constructor(url: string, options: ClientOptions = {}) {
    // `autoPong` is ws 8; the installed typings are ws 7's.
    const clientOptions: WebSocket.ClientOptions & { autoPong?: boolean } = {
      origin: options.origin ?? ALLOWED_ORIGIN,
      autoPong: options.autoPong ?? true,
    };
    this.socket = new WebSocket(url, options.protocols ?? ['kubechat-ws'], clientOptions);
    this.socket.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      this.raw.push(text);
      this.frames.push(JSON.parse(text) as Frame);
      for (const wake of this.#waiters) wake();
    });
    this.socket.on('error', () => {});
    this.closed = new Promise((resolve) => {
      this.socket.on('close', (code: number, reason: Buffer) => {
        resolve({ code, reason: reason.toString() });
        for (const wake of this.#waiters) wake();
      });
    });
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  opened(): Promise<void> {
    if (this.isOpen) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Resolves with the first frame (from index `from`) that matches, or rejects after `timeoutMs`. */
  waitFor(match: (frame: Frame) => boolean, timeoutMs = WAIT_MS, from = 0): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.frames.slice(from).find(match);
        if (!found) return false;
        done();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        done();
        const seen = this.frames.map((f) => `${f.type}${f.topic ? `@${f.topic}#${f.seq}` : ''}`).join(', ');
        reject(new Error(`no matching frame within ${timeoutMs} ms; received: [${seen}]`));
      }, timeoutMs);
      const wake = () => void check();
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(wake);
      };
      this.#waiters.add(wake);
      check();
    });
  }

  waitForType(type: string, timeoutMs = WAIT_MS, from = 0): Promise<Frame> {
    return this.waitFor((frame) => frame.type === type, timeoutMs, from);
  }

  /** Resolves with the close code and reason, or rejects if the socket is still open after `timeoutMs`. */
  waitClosed(timeoutMs = WAIT_MS): Promise<Closed> {
    return Promise.race([
      this.closed,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`still open after ${timeoutMs} ms`)), timeoutMs).unref(),
      ),
    ]);
  }

  /** Sends `auth` and waits for the `auth_result` it causes. */
  async auth(token: string): Promise<Frame> {
    const from = this.frames.length;
    this.send({ type: 'auth', payload: { token } });
    return this.waitForType('auth_result', WAIT_MS, from);
  }

  /** Sends `subscribe` and waits for the `status` that acknowledges it. */
  async subscribe(topics: string[], extra: Record<string, unknown> = {}): Promise<Frame> {
    const from = this.frames.length;
    this.send({ type: 'subscribe', payload: { topics, ...extra } });
    return this.waitFor((f) => f.type === 'status' && f.payload.status === 'subscribed', WAIT_MS, from);
  }

  /** Events received on `topic` (scoped frames only). */
  onTopic(topic: string, type?: string): Frame[] {
    return this.frames.filter((f) => f.topic === topic && f.seq !== undefined && (!type || f.type === type));
  }

  close(): void {
    this.socket.terminate();
  }
}

export interface Harness {
  readonly server: Server;
  readonly gateway: WsGateway;
  readonly url: string;
  /** Every `log` call the gateway made. */
  readonly logs: { event: string; detail: Record<string, unknown> }[];
  /** Opens a client and waits for its handshake. */
  connect(options?: ClientOptions): Promise<TestClient>;
  /** Opens a client, authenticates it as `token` and checks that it worked. */
  login(token: string, options?: ClientOptions): Promise<TestClient>;
  stop(): Promise<void>;
}

export async function startGateway(options: Partial<WsGatewayOptions> = {}): Promise<Harness> {
  const server = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const logs: Harness['logs'] = [];
  const gateway = createWsGateway({
    server,
    allowedOrigins: (origin) => origin === ALLOWED_ORIGIN,
    authenticate: testAuthenticate,
    authorizeTopic: testAuthorizeTopic,
    log: (event, detail) => logs.push({ event, detail }),
    ...options,
  });
  const url = `ws://127.0.0.1:${port}/api/v1/ws`;
  const clients: TestClient[] = [];
  const connect = async (clientOptions?: ClientOptions) => {
    const client = new TestClient(url, clientOptions);
    clients.push(client);
    await client.opened();
    return client;
  };
  return {
    server,
    gateway,
    url,
    logs,
    connect,
    async login(token, clientOptions) {
      const client = await connect(clientOptions);
      const result = await client.auth(token);
      if (result.payload.success !== true) throw new Error(`login as ${token} failed`);
      return client;
    },
    async stop() {
      await gateway.close();
      for (const client of clients) client.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls `condition` until it holds; for server-side state that follows a client-side event. */
export async function until(condition: () => boolean, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition still false after ${timeoutMs} ms`);
    await sleep(5);
  }
}

/** Resolves after `ms`; only for proving that something does NOT happen within a window. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
