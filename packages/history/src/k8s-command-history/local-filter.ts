import type { Execution } from '@k8s-chat/core';
import { comparator, createdMs, normalizeSort, scopeTest, searchKey, timeRange } from './filters.js';
import type { HistoryFilters } from './k8s-command-history.types.js';

/** The loaded rows in one sort order, with their search keys at the same indexes. */
interface SortedRows {
  readonly rows: readonly Execution[];
  readonly sort: string;
  readonly sorted: readonly Execution[];
  readonly keys: string[];
}

/** The last filtered result, kept so the next keystroke can start from it. */
interface LastResult {
  readonly source: SortedRows;
  readonly scope: string;
  readonly q: string;
  readonly start: number;
  readonly end: number;
  /** Indexes into `source.sorted`, ascending. */
  readonly indexes: readonly number[];
  readonly result: readonly Execution[];
}

type Idle = (callback: (deadline: IdleDeadline) => void) => number;

/** True when `rows` are already in `compare` order (the server's pages usually are). */
function isSorted(rows: readonly Execution[], compare: (a: Execution, b: Execution) => number): boolean {
  for (let i = 1; i < rows.length; i++) if (compare(rows[i - 1], rows[i]) > 0) return false;
  return true;
}

/**
 * Filters and sorts the loaded rows on each keystroke without redoing work. The rows are sorted once per
 * (rows, sort), and not at all when they already arrive in that order; filtering keeps that order. Search
 * keys sit in an array beside the sorted rows (a plain index is much cheaper than a lookup per row on
 * every keystroke) and are built while the browser is idle after rows arrive (`prepare`). A query that
 * only adds to the last one (typing on) tests only the last result, which is sound because text that
 * contains the longer query contains the shorter one too. The result is always the same as
 * `rows.filter(matcher(filters, now)).sort(comparator(filters.sort))`.
 */
export class LocalFilter {
  #index: SortedRows | null = null;
  /** How many of `#index.keys` are built; the rest are built on demand. */
  #keysBuilt = 0;
  #last: LastResult | null = null;
  #idleHandle: number | null = null;

  /** The loaded rows filtered and sorted for `filters` (the same array when nothing is filtered out). */
  apply(rows: readonly Execution[], filters: HistoryFilters, now = Date.now()): readonly Execution[] {
    const index = this.#indexFor(rows, normalizeSort(filters.sort));
    const q = filters.q.trim().toLowerCase();
    const { start, end } = timeRange(filters, now);
    const { status, safetyLevel, sessionId, user, namespace } = filters;
    const inScope = scopeTest(filters);
    const timed = start !== -Infinity || end !== Infinity;
    if (!q && !inScope && !timed) {
      this.#last = null;
      return index.sorted;
    }
    const scope = JSON.stringify([status, safetyLevel, sessionId, user, namespace]);
    const last = this.#last;
    // The last result holds every row of this one when only the text grew and the window did not widen
    // (a relative `since` window only moves forward in time, so it narrows too).
    const narrows =
      last !== null &&
      last.source === index &&
      last.scope === scope &&
      q.includes(last.q) &&
      start >= last.start &&
      end <= last.end;
    if (narrows && q === last.q && start === last.start && end === last.end) return last.result;

    this.#buildKeys(index, index.sorted.length);
    const { sorted, keys } = index;
    const indexes: number[] = [];
    const test = (i: number): boolean => {
      if (q && !keys[i].includes(q)) return false; // the cheapest and most selective test first
      if (!inScope && !timed) return true;
      const row = sorted[i];
      if (inScope && !inScope(row)) return false;
      if (timed) {
        const created = createdMs(row);
        if (created < start || created > end) return false;
      }
      return true;
    };
    if (narrows) {
      for (const i of last.indexes) if (test(i)) indexes.push(i);
    } else {
      for (let i = 0; i < sorted.length; i++) if (test(i)) indexes.push(i);
    }
    const result = indexes.map((i) => sorted[i]);
    this.#last = { source: index, scope, q, start, end, indexes, result };
    return result;
  }

  /**
   * Sorts `rows` and builds their search keys a slice at a time while the browser is idle, so the first
   * keystroke after a large page arrives does not pay for it. Call `stop()` when the element goes away.
   */
  prepare(rows: readonly Execution[], sort: string, slice = 5_000): void {
    this.stop();
    const index = this.#indexFor(rows, normalizeSort(sort));
    const idle: Idle =
      globalThis.requestIdleCallback ??
      ((callback) => setTimeout(() => callback({ didTimeout: false, timeRemaining: () => 8 }), 1));
    const step = (deadline: IdleDeadline) => {
      this.#idleHandle = null;
      if (this.#index !== index) return; // other rows or another sort since
      do this.#buildKeys(index, this.#keysBuilt + slice);
      while (this.#keysBuilt < index.sorted.length && deadline.timeRemaining() > 4);
      if (this.#keysBuilt < index.sorted.length) this.#idleHandle = idle(step) as number;
    };
    if (this.#keysBuilt < index.sorted.length) this.#idleHandle = idle(step) as number;
  }

  /** Stops building keys in the background (they are built on demand instead). */
  stop(): void {
    if (this.#idleHandle === null) return;
    (globalThis.cancelIdleCallback ?? clearTimeout)(this.#idleHandle);
    this.#idleHandle = null;
  }

  #indexFor(rows: readonly Execution[], sort: string): SortedRows {
    const current = this.#index;
    if (current && current.rows === rows && current.sort === sort) return current;
    const compare = comparator(sort);
    const sorted = isSorted(rows, compare) ? rows : [...rows].sort(compare);
    // Same rows in another order: the keys are the same strings, only their places move.
    const index: SortedRows = { rows, sort, sorted, keys: new Array<string>(sorted.length) };
    this.#index = index;
    this.#keysBuilt = 0;
    this.#last = null;
    return index;
  }

  #buildKeys(index: SortedRows, upTo: number): void {
    const end = Math.min(upTo, index.sorted.length);
    // searchKey caches per row, so rows that come back (a reload, another sort) cost a lookup, not a string.
    for (let i = this.#keysBuilt; i < end; i++) index.keys[i] = searchKey(index.sorted[i]);
    if (end > this.#keysBuilt) this.#keysBuilt = end;
  }
}
