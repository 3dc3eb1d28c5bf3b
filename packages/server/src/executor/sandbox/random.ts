/**
 * Deterministic randomness for the sandbox. Generated names (pod suffixes, UIDs, IPs) come from a
 * seeded PRNG whose state is saved with the cluster, so the same seed gives the same cluster and a
 * restart keeps naming where it left off. Log lines and metrics use stateless hashes instead, so they
 * are reproducible whenever they are asked for.
 */

/** The alphabet Kubernetes uses for generated names: no vowels, no look-alike characters. */
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** One mulberry32 step: returns a float in [0, 1) and the next state. */
export function mulberry32(state: number): { value: number; state: number } {
  const next = (state + 0x6d2b79f5) | 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { value: ((t ^ (t >>> 14)) >>> 0) / 4294967296, state: next };
}

/** A source of floats in [0, 1). */
export type Random = () => number;

export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** The five-character suffix of generated pod names (`api-7c9f8d6b5-x2k4q`). */
export function randomSuffix(random: Random, length = 5): string {
  let out = '';
  for (let i = 0; i < length; i++) out += SAFE_ALPHABET[Math.floor(random() * SAFE_ALPHABET.length)];
  return out;
}

export function randomHex(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}

export function randomUuid(random: Random): string {
  const hex = randomHex(random, 32);
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** 32-bit FNV-1a: small, stable, good enough to spread names and noise. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A reproducible float in [0, 1) for a key, e.g. the k-th log line of a container. */
export function noise(...parts: (string | number)[]): number {
  return mulberry32(fnv1a(parts.join('\u0000'))).value;
}

/** JSON with sorted keys, so equal objects hash equally. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The hash Kubernetes puts in `pod-template-hash` and `controller-revision-hash`: FNV of the
 * template, written in decimal and mapped onto the safe alphabet digit by digit. That is why real
 * hashes only use `4-9` and `b-f` (`7c9f8d6b5`).
 */
export function templateHash(template: object): string {
  const cached = HASHES.get(template);
  if (cached) return cached;
  const decimal = String(fnv1a(stableJson(template)));
  let out = '';
  for (const ch of decimal) out += SAFE_ALPHABET[ch.charCodeAt(0) % SAFE_ALPHABET.length];
  HASHES.set(template, out);
  return out;
}

// Controllers hash the same templates on every reconcile. Templates are always replaced, never edited
// in place (see workloads.ts), so the object identifies its content.
const HASHES = new WeakMap<object, string>();
