export { K8sCommandHistory } from './k8s-command-history/k8s-command-history.js';
export {
  HISTORY_COLUMNS,
  type HistoryColumn,
  type HistoryRow,
} from './k8s-command-history/k8s-command-history.types.js';
export { formatDuration } from './k8s-command-history/format.js';
