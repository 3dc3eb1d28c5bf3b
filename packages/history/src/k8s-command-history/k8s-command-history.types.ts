import type {
  Execution,
  ExecutionStatus,
  ExportFormat as CoreExportFormat,
  SafetyLevel,
} from '@k8s-chat/core';

/** One row of the history table: an execution as the API lists it. */
export type HistoryRow = Execution;

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

/** The columns shown in `compact` mode (Grafana panel, Backstage card). */
export const COMPACT_COLUMNS: readonly HistoryColumn[] = ['time', 'command', 'status', 'duration'];

/** The server's sort field for each column. */
export const SORT_FIELDS = {
  time: 'created_at',
  user: 'username',
  command: 'command',
  namespace: 'namespace',
  safety: 'safety_level',
  status: 'status',
  duration: 'execution_time_ms',
} as const satisfies Record<HistoryColumn, keyof Execution>;
export type SortField = (typeof SORT_FIELDS)[HistoryColumn];

/** Time range presets offered by the filter bar (the `since` attribute takes any `<n><s|m|h|d|w>`). */
export const TIME_PRESETS = ['1h', '24h', '7d', '30d'] as const;
export type TimePreset = (typeof TIME_PRESETS)[number];

/** Export formats the server streams. */
export const EXPORT_FORMATS = ['csv', 'json', 'ndjson'] as const satisfies readonly CoreExportFormat[];
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The filters of the view, as the attributes spell them; empty strings mean "any". */
export interface HistoryFilters {
  readonly status: ExecutionStatus | '';
  readonly safetyLevel: SafetyLevel | '';
  readonly sessionId: string;
  /** Username (admins only; the server shows others their own runs whatever this says). */
  readonly user: string;
  readonly namespace: string;
  /** Relative range such as `24h`; ignored when `from` or `to` is set. */
  readonly since: string;
  /** ISO date-time. */
  readonly from: string;
  /** ISO date-time. */
  readonly to: string;
  /** Free text over command, user and namespace. */
  readonly q: string;
  /** A sort field, `-` prefixed for descending, e.g. `-created_at`. */
  readonly sort: string;
}

/** What the view is showing. */
export const HISTORY_STATES = ['idle', 'loading', 'ready', 'empty', 'error', 'forbidden'] as const;
export type HistoryState = (typeof HISTORY_STATES)[number];

/** Progress of a running export; core's type, re-exported for convenience. */
export type { ExportProgress } from '@k8s-chat/core';
