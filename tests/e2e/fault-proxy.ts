import { createServer, connect, type Server, type Socket } from 'node:net';

// A small TCP fault proxy standing in for Toxiproxy (reliability §3): the browser talks to it, it talks to
// the real server, and a test switches faults on and off while connections are live. Faults are set per
// direction: `upstream` is browser → server, `downstream` is server → browser.

export type Direction = 'upstream' | 'downstream';
type Directions = Direction | 'both';

interface Toxics {
  latency: { ms: number; jitterMs: number } | null;
  slicer: { maxBytes: number; delayMs: number } | null;
}

export interface ProxyStats {
  /** Connections accepted since the proxy started (refused ones included). */
  readonly opened: number;
  /** Connections open right now. */
  readonly live: number;
  /** Connections ended with a TCP reset by `resetPeer` or while refusing. */
  readonly reset: number;
  /** Bytes held by toxics right now, per direction (data a reset would drop). */
  readonly queued: Record<Direction, number>;
}

export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: open the page here. */
  readonly url: string;
  readonly port: number;
  readonly stats: ProxyStats;
  /** Delays every chunk by `ms ± jitterMs`, keeping byte order (a chunk never overtakes the one before). */
  latency(ms: number, jitterMs?: number, direction?: Directions): void;
  /** Cuts every chunk into pieces of 1..maxBytes bytes, written `delayMs` apart. */
  slicer(maxBytes: number, delayMs?: number, direction?: Directions): void;
  /** Removes every toxic (data already queued still goes out in order). */
  clear(): void;
  /**
   * Ends every live connection with a TCP reset, both sides; for `refuseMs` after, new connections are
   * reset as soon as they are accepted, like a gateway that is still down. Returns how many were reset.
   */
  resetPeer(refuseMs?: number): number;
  /** Stops listening and destroys every connection and timer; safe to call twice. */
  close(): Promise<void>;
}

const PAUSE_ABOVE_BYTES = 1024 * 1024;

/** One direction of one connection: a queue of timed writes drained by a single timer, so order holds. */
class Pipe {
  readonly #queue: Array<{ at: number; data: Buffer | null }> = [];
  #lastAt = 0;
  #queuedBytes = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    readonly from: Socket,
    readonly to: Socket,
    readonly toxics: () => Toxics,
  ) {
    from.on('data', (chunk: Buffer) => this.#push(chunk));
    // FIN goes through the queue too, so it never overtakes delayed data.
    from.on('end', () => this.#enqueue(this.#nextAt(), null));
  }

  #nextAt(): number {
    const latency = this.toxics().latency;
    const jitter = latency ? (Math.random() * 2 - 1) * latency.jitterMs : 0;
    const delay = latency ? Math.max(0, latency.ms + jitter) : 0;
    return Math.max(Date.now() + delay, this.#lastAt);
  }

  #push(chunk: Buffer): void {
    const slicer = this.toxics().slicer;
    let at = this.#nextAt();
    if (!slicer) {
      this.#enqueue(at, chunk);
      return;
    }
    for (let offset = 0; offset < chunk.length;) {
      const size = 1 + Math.floor(Math.random() * slicer.maxBytes);
      this.#enqueue(at, chunk.subarray(offset, offset + size));
      offset += size;
      at += slicer.delayMs;
    }
  }

  #enqueue(at: number, data: Buffer | null): void {
    this.#lastAt = at;
    this.#queue.push({ at, data });
    this.#queuedBytes += data?.length ?? 0;
    // A slow toxic must not buffer without bound: stop reading until the queue drains.
    if (this.#queuedBytes > PAUSE_ABOVE_BYTES) this.from.pause();
    if (this.#queue.length === 1) this.#pump();
  }

  #pump = (): void => {
    clearTimeout(this.#timer);
    const now = Date.now();
    while (this.#queue.length && this.#queue[0]!.at <= now) {
      const { data } = this.#queue.shift()!;
      this.#queuedBytes -= data?.length ?? 0;
      if (this.to.destroyed) continue;
      if (data === null) this.to.end();
      else this.to.write(data);
    }
    if (this.#queue.length) this.#timer = setTimeout(this.#pump, this.#queue[0]!.at - now);
    else if (this.from.isPaused()) this.from.resume();
  };

  get queuedBytes(): number {
    return this.#queuedBytes;
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#queue.length = 0;
    this.#queuedBytes = 0;
  }
}

/** Starts a proxy on 127.0.0.1 (`listenPort` 0 lets the OS choose) in front of `target` (`host:port`). */
export async function faultProxy(
  target: { host: string; port: number },
  listenPort = 0,
): Promise<FaultProxy> {
  const toxics: Record<Direction, Toxics> = {
    upstream: { latency: null, slicer: null },
    downstream: { latency: null, slicer: null },
  };
  const connections = new Set<{ client: Socket; server: Socket; pipes: Pipe[] }>();
  const counts = { opened: 0, reset: 0 };
  let refuseUntil = 0;
  let closed = false;

  const each = (direction: Directions, set: (t: Toxics) => void) => {
    for (const d of direction === 'both' ? (['upstream', 'downstream'] as const) : [direction])
      set(toxics[d]);
  };

  const reset = (socket: Socket) => {
    if (socket.destroyed) return;
    // resetAndDestroy needs a connected TCP handle; a socket still connecting is just destroyed.
    if (socket.readyState === 'open' || socket.readyState === 'readOnly' || socket.readyState === 'writeOnly')
      socket.resetAndDestroy();
    else socket.destroy();
  };

  const server: Server = createServer({ allowHalfOpen: true }, (client) => {
    counts.opened++;
    if (closed || Date.now() < refuseUntil) {
      counts.reset++;
      client.on('error', () => {});
      client.resetAndDestroy();
      return;
    }
    client.setNoDelay(true);
    const upstream = connect({ host: target.host, port: target.port, allowHalfOpen: true });
    upstream.setNoDelay(true);
    const entry = {
      client,
      server: upstream,
      pipes: [
        new Pipe(client, upstream, () => toxics.upstream),
        new Pipe(upstream, client, () => toxics.downstream),
      ],
    };
    connections.add(entry);
    // An error on either side ends both: the peer sees a reset, as it would through a real middlebox.
    const fail = () => {
      for (const pipe of entry.pipes) pipe.stop();
      reset(client);
      reset(upstream);
    };
    client.on('error', fail);
    upstream.on('error', fail);
    let open = 2;
    const gone = () => {
      if (--open > 0) return;
      for (const pipe of entry.pipes) pipe.stop();
      connections.delete(entry);
    };
    client.on('close', gone);
    upstream.on('close', gone);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fault proxy has no TCP address');

  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    get stats() {
      const queued = { upstream: 0, downstream: 0 };
      for (const { pipes } of connections) {
        queued.upstream += pipes[0]!.queuedBytes;
        queued.downstream += pipes[1]!.queuedBytes;
      }
      return { opened: counts.opened, live: connections.size, reset: counts.reset, queued };
    },
    latency(ms, jitterMs = 0, direction = 'both') {
      each(direction, (t) => (t.latency = { ms, jitterMs }));
    },
    slicer(maxBytes, delayMs = 0, direction = 'both') {
      if (maxBytes < 1) throw new RangeError('slicer maxBytes must be at least 1');
      each(direction, (t) => (t.slicer = { maxBytes, delayMs }));
    },
    clear() {
      each('both', (t) => {
        t.latency = null;
        t.slicer = null;
      });
    },
    resetPeer(refuseMs = 0) {
      refuseUntil = Date.now() + refuseMs;
      const live = [...connections];
      for (const entry of live) {
        for (const pipe of entry.pipes) pipe.stop();
        reset(entry.client);
        reset(entry.server);
        counts.reset++;
      }
      return live.length;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const entry of connections) {
        for (const pipe of entry.pipes) pipe.stop();
        entry.client.destroy();
        entry.server.destroy();
      }
      connections.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
