import { ApiError } from './errors.js';

/**
 * Token buckets per key (user id, or client address before sign-in). A bucket holds `burst` requests and
 * refills at `perMinute`; an empty bucket answers 429 with the seconds until the next request fits.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly burst: number = Math.max(10, Math.ceil(perMinute / 4)),
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Takes one token for `key`, or throws a 429 ApiError. */
  check(key: string, cost = 1): void {
    const now = this.now();
    const rate = this.perMinute / 60_000;
    const bucket = this.#buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    if (bucket.tokens < cost) {
      this.#buckets.set(key, bucket);
      throw ApiError.rateLimited(Math.max(1, Math.ceil((cost - bucket.tokens) / rate / 1000)));
    }
    bucket.tokens -= cost;
    this.#buckets.set(key, bucket);
    // Forget idle full buckets so the map cannot grow without bound.
    if (this.#buckets.size > 10_000) {
      for (const [k, b] of this.#buckets) if (b.tokens >= this.burst) this.#buckets.delete(k);
    }
  }
}
