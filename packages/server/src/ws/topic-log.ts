/**
 * Per-topic sequence numbers and the bounded history used to replay what a reconnecting client missed.
 * Events are stored already serialised, so a replayed event is byte-for-byte what was sent live (same id,
 * same timestamp) and the client's `(topic, seq)` dedupe sees the same thing either way.
 */

export type ResetReason = 'epoch_changed' | 'ahead_of_server' | 'history_trimmed';

export type ReplayPlan =
  | { readonly kind: 'replay'; readonly frames: readonly string[] }
  | { readonly kind: 'reset'; readonly reason: ResetReason };

interface StoredEvent {
  readonly seq: number;
  readonly data: string;
}

export class TopicLog {
  #seq = 0;
  /** When the last event was appended (ms since the epoch), for forgetting idle topics. */
  lastAppendAt = 0;
  readonly #history: StoredEvent[] = [];
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get seq(): number {
    return this.#seq;
  }

  /**
   * Appends the event `build` serialises for the next seq. The seq only advances once `build` returned,
   * so a payload that cannot be serialised does not leave a gap.
   */
  append(build: (seq: number) => string): StoredEvent {
    const seq = this.#seq + 1;
    const event = { seq, data: build(seq) };
    this.#seq = seq;
    this.lastAppendAt = Date.now();
    if (this.#capacity > 0) {
      this.#history.push(event);
      if (this.#history.length > this.#capacity) this.#history.shift();
    }
    return event;
  }

  /**
   * What a client that has seen up to `after` (in `clientEpoch`, if it said) should get: every stored
   * event after it, or a reset when the gap cannot be filled exactly.
   */
  plan(after: number, clientEpoch: string | undefined, epoch: string): ReplayPlan {
    if (clientEpoch !== undefined && clientEpoch !== epoch) return { kind: 'reset', reason: 'epoch_changed' };
    // Without an epoch, a seq we never reached means the client saw an earlier server run.
    if (after > this.#seq) {
      return { kind: 'reset', reason: clientEpoch === undefined ? 'epoch_changed' : 'ahead_of_server' };
    }
    if (after === this.#seq) return { kind: 'replay', frames: [] };
    const oldest = this.#history[0]?.seq ?? this.#seq + 1;
    if (after + 1 < oldest) return { kind: 'reset', reason: 'history_trimmed' };
    return {
      kind: 'replay',
      frames: this.#history.filter((event) => event.seq > after).map((event) => event.data),
    };
  }
}
