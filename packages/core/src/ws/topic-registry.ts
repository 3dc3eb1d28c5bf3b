import type { WsEnvelope } from '@k8s-chat/contract';
import type { HubEvent, TopicListener } from './hub-types.js';

const MAX_TOPICS_PER_FRAME = 100;

interface TopicEntry {
  readonly listeners: Set<TopicListener>;
  /** Last seq delivered (or acknowledged) on this topic; null until the server told us. */
  lastSeq: number | null;
  epoch: string | null;
}

export interface SubscribePayload {
  readonly topics: string[];
  readonly after?: Record<string, number>;
  readonly epoch?: string;
}

/**
 * The hub's topics: reference-counted listeners and each topic's position `(epoch, seq)`, which decides
 * what a scoped event is: the next one (delivered), one already seen (dropped), one after a gap or from a
 * new epoch (delivered, and the listeners re-read the topic over REST).
 */
export class TopicRegistry {
  readonly #topics = new Map<string, TopicEntry>();

  get size(): number {
    return this.#topics.size;
  }

  /** Adds a listener; true when the topic is new (and needs a subscribe frame). */
  add(topic: string, listener: TopicListener): boolean {
    let entry = this.#topics.get(topic);
    const created = !entry;
    if (!entry) this.#topics.set(topic, (entry = { listeners: new Set(), lastSeq: null, epoch: null }));
    entry.listeners.add(listener);
    return created;
  }

  /** Removes a listener; true when it was the topic's last one (and needs an unsubscribe frame). */
  remove(topic: string, listener: TopicListener): boolean {
    const entry = this.#topics.get(topic);
    if (!entry?.listeners.delete(listener) || entry.listeners.size > 0) return false;
    this.#topics.delete(topic);
    return true;
  }

  clear(): void {
    this.#topics.clear();
  }

  /** Subscribe frames that resume every topic where it was (`after` + the epoch it was seen in). */
  resumeFrames(epoch: string | null): SubscribePayload[] {
    const topics = [...this.#topics.keys()];
    const frames: SubscribePayload[] = [];
    for (let i = 0; i < topics.length; i += MAX_TOPICS_PER_FRAME) {
      const chunk = topics.slice(i, i + MAX_TOPICS_PER_FRAME);
      const after: Record<string, number> = {};
      for (const topic of chunk) {
        const seq = this.#topics.get(topic)!.lastSeq;
        if (seq !== null) after[topic] = seq;
      }
      const resuming = Object.keys(after).length > 0;
      frames.push({ topics: chunk, ...(resuming ? { after } : {}), ...(resuming && epoch ? { epoch } : {}) });
    }
    return frames;
  }

  /** The subscribe ack: where a newly subscribed topic stands. A resumed topic keeps its own position. */
  acknowledge(seqs: Record<string, unknown>, epoch: string | null): void {
    for (const [topic, seq] of Object.entries(seqs)) {
      const entry = this.#topics.get(topic);
      if (!entry || typeof seq !== 'number' || entry.lastSeq !== null) continue;
      entry.lastSeq = seq;
      entry.epoch = epoch;
      for (const listener of entry.listeners) listener.onSubscribed?.();
    }
  }

  /** True once the server has acknowledged the topic (its events are flowing). */
  isLive(topic: string): boolean {
    return (this.#topics.get(topic)?.lastSeq ?? null) !== null;
  }

  /** The server could not replay: continue from `seq` and let the listeners re-read. */
  reset(topic: string, seq: number | null, epoch: string | null, reason: string): void {
    const entry = this.#topics.get(topic);
    if (!entry) return;
    entry.lastSeq = seq;
    entry.epoch = epoch ?? entry.epoch;
    this.#resync(entry, reason);
  }

  /** A scoped event: delivered once per `(topic, seq)`, in order; a gap or new epoch also asks for a re-read. */
  event(frame: WsEnvelope): void {
    const entry = this.#topics.get(frame.topic!);
    if (!entry) return;
    const seq = typeof frame.seq === 'number' ? frame.seq : null;
    if (frame.epoch && entry.epoch && frame.epoch !== entry.epoch) {
      // The server restarted without telling us through `reset`: its numbering starts over.
      entry.epoch = frame.epoch;
      entry.lastSeq = seq;
      this.#deliver(entry, frame);
      this.#resync(entry, 'epoch_changed');
      return;
    }
    entry.epoch ??= frame.epoch ?? null;
    if (seq !== null && entry.lastSeq !== null) {
      if (seq <= entry.lastSeq) return; // already delivered (a replay overlapping the live stream)
      if (seq > entry.lastSeq + 1) {
        entry.lastSeq = seq;
        this.#deliver(entry, frame);
        this.#resync(entry, 'gap');
        return;
      }
    }
    if (seq !== null) entry.lastSeq = seq;
    this.#deliver(entry, frame);
  }

  /** The server refused a topic. */
  error(topic: string, error: { readonly code: string; readonly message: string }): void {
    const entry = this.#topics.get(topic);
    if (!entry) return;
    for (const listener of [...entry.listeners]) safely(() => listener.onError?.(error));
  }

  #deliver(entry: TopicEntry, frame: HubEvent): void {
    for (const listener of [...entry.listeners]) safely(() => listener.onEvent?.(frame));
  }

  #resync(entry: TopicEntry, reason: string): void {
    for (const listener of [...entry.listeners]) safely(() => listener.onResync?.(reason));
  }
}

/** One listener's exception must not stop the others or the hub. */
export function safely(run: () => void): void {
  try {
    run();
  } catch (error) {
    console.error('[k8s-chat] a hub listener threw', error);
  }
}
