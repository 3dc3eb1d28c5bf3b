export { K8sCommandPreview, previewName } from './k8s-command-preview/k8s-command-preview.js';
export { K8sApprovalQueue } from './k8s-approval-queue/k8s-approval-queue.js';
export {
  LEVEL_LABELS,
  LEVEL_ACTIONS,
  PREVIEW_PHASES,
  formatCountdown,
  type LevelAction,
  type PreviewPhase,
} from './k8s-command-preview/k8s-command-preview.types.js';
export {
  CommandRunEvent,
  CommandApproveEvent,
  CommandRejectEvent,
  type CommandRunDetail,
  type CommandDecisionDetail,
} from './events.js';
export {
  tokenizeCommand,
  describeImpact,
  TOKEN_KINDS,
  type TokenKind,
  type CommandToken,
  type ImpactFact,
} from './command/tokenize.js';
export { renderCommand, suspiciousCharacters } from './command/render-command.js';
