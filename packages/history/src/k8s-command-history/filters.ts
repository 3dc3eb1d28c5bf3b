import type { Execution, ListExecutionsQuery } from '@k8s-chat/core';
import { SORT_FIELDS, type HistoryFilters } from './k8s-command-history.types.js';

/** The default order: newest first. */
export const DEFAULT_SORT = '-created_at';

const SINCE = /^(\d+)([smhdw])$/;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const SORTABLE = new Set<string>(Object.values(SORT_FIELDS));

/** Milliseconds of a relative range such as `24h`, or null when it is not one. */
export function sinceMs(since: string): number | null {
  const m = SINCE.exec(since.trim());
  return m ? Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] : null;
}

/** A valid sort (`field` or `-field`), else the default. */
export function normalizeSort(sort: string): string {
  const field = sort.startsWith('-') ? sort.slice(1) : sort;
  return SORTABLE.has(field) ? sort : DEFAULT_SORT;
}

/** An ISO date-time from an attribute or a `datetime-local` value, or '' when it is not a date. */
export function toIso(value: string): string {
  if (!value) return '';
  const time = Date.parse(value);
  return Number.isNaN(time) ? '' : new Date(time).toISOString();
}

/** The server query for the filters (without paging). */
export function toQuery(filters: HistoryFilters): ListExecutionsQuery {
  const query: Record<string, string> = {};
  if (filters.status) query.status = filters.status;
  if (filters.safetyLevel) query.safety_level = filters.safetyLevel;
  if (filters.sessionId) query.session_id = filters.sessionId;
  if (filters.user) query.username = filters.user;
  if (filters.namespace) query.namespace = filters.namespace;
  if (filters.q.trim()) query.q = filters.q.trim();
  const from = toIso(filters.from);
  const to = toIso(filters.to);
  if (from) query.from = from;
  if (to) query.to = to;
  if (!from && !to && sinceMs(filters.since) !== null) query.since = filters.since.trim();
  query.sort = normalizeSort(filters.sort);
  return query as ListExecutionsQuery;
}

// Per-row values the local filter needs, computed once per row object. Rows are replaced immutably (a live
// update makes a new object), so a row's identity is a safe cache key, and the WeakMaps let rows that are
// no longer loaded be collected with their keys.
const SEARCH_KEYS = new WeakMap<Execution, string>();
const CREATED_MS = new WeakMap<Execution, number>();

/** What free text is matched against: command, user and namespace, lower-cased. Cached per row. */
export function searchKey(row: Execution): string {
  let key = SEARCH_KEYS.get(row);
  if (key === undefined) {
    key = `${row.command} ${row.username} ${row.namespace ?? ''}`.toLowerCase();
    SEARCH_KEYS.set(row, key);
  }
  return key;
}

/** `Date.parse(row.created_at)`, cached per row (NaN for a value that is not a date). */
export function createdMs(row: Execution): number {
  let ms = CREATED_MS.get(row);
  if (ms === undefined) {
    ms = Date.parse(row.created_at);
    CREATED_MS.set(row, ms);
  }
  return ms;
}

/** The time window of the filters in epoch ms; `-Infinity`/`Infinity` when a side is open. */
export function timeRange(filters: HistoryFilters, now = Date.now()): { start: number; end: number } {
  const from = toIso(filters.from);
  const to = toIso(filters.to);
  const since = from || to ? null : sinceMs(filters.since);
  return {
    start: from ? Date.parse(from) : since !== null ? now - since : -Infinity,
    end: to ? Date.parse(to) : Infinity,
  };
}

/** The exact-match filters (status, level, session, user, namespace); null when none is set. */
export function scopeTest(filters: HistoryFilters): ((row: Execution) => boolean) | null {
  const { status, safetyLevel, sessionId, user, namespace } = filters;
  if (!(status || safetyLevel || sessionId || user || namespace)) return null;
  return (row) =>
    (!status || row.status === status) &&
    (!safetyLevel || row.safety_level === safetyLevel) &&
    (!sessionId || row.session_id === sessionId) &&
    (!user || row.username === user) &&
    (!namespace || row.namespace === namespace);
}

/**
 * The same filters as a predicate, applied at once to the rows already loaded while the server answers.
 * It may keep a row the server would drop (the server's text search is the authority), never the reverse.
 * A row whose `created_at` is not a date is kept by any time range (the server decides about it).
 */
export function matcher(filters: HistoryFilters, now = Date.now()): (row: Execution) => boolean {
  const q = filters.q.trim().toLowerCase();
  const { start, end } = timeRange(filters, now);
  const timed = start !== -Infinity || end !== Infinity;
  const inScope = scopeTest(filters);
  return (row) => {
    if (inScope && !inScope(row)) return false;
    if (timed) {
      // Parsing a date is the costliest test, so rows are only parsed when there is a window at all.
      const created = createdMs(row);
      if (created < start || created > end) return false;
    }
    return !q || searchKey(row).includes(q);
  };
}

/** A comparator for a sort such as `-created_at`, with the id as a stable tie-breaker. */
export function comparator(sort: string): (a: Execution, b: Execution) => number {
  const normalized = normalizeSort(sort);
  const desc = normalized.startsWith('-');
  const field = (desc ? normalized.slice(1) : normalized) as keyof Execution;
  return (a, b) => {
    const x = a[field] as string | number | null;
    const y = b[field] as string | number | null;
    let result: number;
    if (x === y) result = a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    else if (x === null) result = 1;
    else if (y === null) result = -1;
    else result = x < y ? -1 : 1;
    return desc ? -result : result;
  };
}
