import type { Execution } from '@k8s-chat/core';
import { comparator, matcher } from './filters.js';
import type { HistoryFilters } from './k8s-command-history.types.js';

/** What a live execution event does to the loaded rows. */
export interface LiveMerge {
  readonly rows: readonly Execution[];
  readonly total: number;
  /** Where a new row lands among the visible (filtered, sorted) rows; null when nothing was inserted. */
  readonly insertedAt: number | null;
}

/**
 * Folds one live execution into the loaded rows: a known id changes in place; a new one that matches the
 * filters joins (the caller keeps the reader's scroll position); a new one that would sort past the last
 * loaded row only bumps the total, since paging will bring it; anything else is ignored.
 */
export function mergeLive(
  rows: readonly Execution[],
  total: number,
  visible: readonly Execution[],
  execution: Execution,
  filters: HistoryFilters,
): LiveMerge {
  const index = rows.findIndex((row) => row.id === execution.id);
  if (index !== -1) {
    const next = [...rows];
    next[index] = { ...rows[index], ...execution };
    return { rows: next, total, insertedAt: null };
  }
  if (!matcher(filters)(execution)) return { rows, total, insertedAt: null };
  const compare = comparator(filters.sort);
  const position = visible.findIndex((row) => compare(execution, row) < 0);
  const insertedAt = position === -1 ? visible.length : position;
  if (insertedAt === visible.length && rows.length < total)
    return { rows, total: total + 1, insertedAt: null };
  return { rows: [execution, ...rows], total: total + 1, insertedAt };
}

/** Loose check of a hub payload before it is trusted as an execution. */
export function isExecution(value: unknown): value is Execution {
  const v = value as Partial<Execution> | null;
  return (
    !!v &&
    typeof v.id === 'string' &&
    typeof v.status === 'string' &&
    typeof v.created_at === 'string' &&
    typeof v.command === 'string' &&
    typeof v.username === 'string'
  );
}
