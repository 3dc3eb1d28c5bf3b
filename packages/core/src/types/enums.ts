/**
 * The API's enumerations, from the contract's schema-free `enums` module, so the browser bundle gets the
 * arrays without the TypeBox schemas.
 */
export {
  SAFETY_LEVELS,
  EXECUTION_STATUSES,
  FINAL_EXECUTION_STATUSES,
  APPROVAL_STATUSES,
  ROLES,
  MESSAGE_TYPES,
  SESSION_TYPES,
  SHARE_ACCESS,
  THEME_PREFERENCES,
  DEFAULT_PREFERENCES,
  REDACTION_KINDS,
  findRedactions,
  redactionMarker,
  type SafetyLevel,
  type ExecutionStatus,
  type ApprovalStatus,
  type Role,
  type MessageType,
  type SessionType,
  type ShareAccess,
  type ThemePreference,
  type RedactionKind,
  type RedactionSpan,
} from '@k8s-chat/contract/enums.js';
