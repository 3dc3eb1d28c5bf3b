import type { ExecutionStatus } from '@k8s-chat/core';

/** Icon and words for each execution status; the badge always shows both. */
export const STATUS_LABELS: Readonly<
  Record<ExecutionStatus, { readonly icon: string; readonly text: string }>
> = {
  pending: { icon: '○', text: 'Pending' },
  pending_approval: { icon: '⏸', text: 'Waiting for approval' },
  approved: { icon: '✓', text: 'Approved' },
  executing: { icon: '▶', text: 'Running' },
  completed: { icon: '✔', text: 'Completed' },
  failed: { icon: '✖', text: 'Failed' },
  rejected: { icon: '⊘', text: 'Rejected' },
  cancelled: { icon: '■', text: 'Cancelled' },
  timeout: { icon: '⌛', text: 'Timed out' },
};

/** Statuses in which the command can still be cancelled. */
export const CANCELLABLE_STATUSES = ['pending', 'pending_approval', 'approved', 'executing'] as const;

/** Statuses in which time is still running. */
export const RUNNING_STATUSES = ['pending', 'approved', 'executing'] as const;

/**
 * Default number of output lines kept scrollable on screen. Only the rows in view are in the DOM
 * (virtualized), so this bounds memory for parsed lines, not rendering; the server keeps 1 MB per run.
 */
export const DEFAULT_MAX_LINES = 20_000;

/**
 * From this many lines on, the output is virtualized. Shorter output is plain DOM, so every line can be
 * found with the browser's search and is there even while the box is scrolled out of view.
 */
export const VIRTUALIZE_FROM_LINES = 500;

/** Human duration: `850 ms`, `4.2 s`, `3 min 5 s`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  return `${minutes} min ${seconds} s`;
}
