import type { ExecutionStatus, SafetyLevel } from '@k8s-chat/core';

/** One row of the history table: an execution as the API lists it. */
export interface HistoryRow {
  readonly id: string;
  readonly created_at: string;
  readonly username: string;
  readonly command: string;
  readonly namespace: string;
  readonly safety_level: SafetyLevel;
  readonly status: ExecutionStatus;
  readonly duration_ms: number | null;
}

/** The table's columns, in display order. */
export const HISTORY_COLUMNS = [
  'time',
  'user',
  'command',
  'namespace',
  'safety',
  'status',
  'duration',
] as const;
export type HistoryColumn = (typeof HISTORY_COLUMNS)[number];
