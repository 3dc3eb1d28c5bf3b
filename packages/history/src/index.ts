export { K8sCommandHistory } from './k8s-command-history/k8s-command-history.js';
export { HistorySelectEvent, HistoryFilterChangeEvent } from './k8s-command-history/events.js';
export {
  HISTORY_COLUMNS,
  COMPACT_COLUMNS,
  SORT_FIELDS,
  TIME_PRESETS,
  EXPORT_FORMATS,
  HISTORY_STATES,
  type HistoryColumn,
  type HistoryRow,
  type HistoryFilters,
  type HistoryState,
  type SortField,
  type TimePreset,
  type ExportFormat,
  type ExportProgress,
} from './k8s-command-history/k8s-command-history.types.js';
export { formatDuration, formatTime, formatBytes } from './k8s-command-history/format.js';
export {
  toQuery,
  matcher,
  comparator,
  sinceMs,
  normalizeSort,
  DEFAULT_SORT,
} from './k8s-command-history/filters.js';
export { mergeLive, isExecution, type LiveMerge } from './k8s-command-history/live-rows.js';
export { moveCell, type GridCell, type GridBounds } from './k8s-command-history/grid-keyboard.js';
export { approvalTrail, statusTimeline, type TrailStep } from './k8s-command-history/timeline.js';
