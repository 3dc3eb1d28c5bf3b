export { K8sExecutionStatus } from './k8s-execution-status/k8s-execution-status.js';
export {
  STATUS_LABELS,
  CANCELLABLE_STATUSES,
  RUNNING_STATUSES,
  DEFAULT_MAX_LINES,
  VIRTUALIZE_FROM_LINES,
  formatDuration,
} from './k8s-execution-status/k8s-execution-status.types.js';
export {
  ExecutionCancelEvent,
  RollbackRunEvent,
  type ExecutionCancelDetail,
  type RollbackRunDetail,
} from './events.js';
export {
  parseAnsi,
  stripAnsi,
  safeHref,
  ANSI_COLORS,
  type AnsiColor,
  type AnsiLine,
  type AnsiSegment,
} from './text/ansi.js';
export { revealHidden, countHidden, codePointLabel, type RevealedPiece } from './text/reveal.js';
