/** Safety levels the server assigns to a command, from least to most risky. */
export const SAFETY_LEVELS = ['safe', 'warning', 'dangerous'] as const;
export type SafetyLevel = (typeof SAFETY_LEVELS)[number];

/** Every status an execution can be in. */
export const EXECUTION_STATUSES = [
  'pending',
  'pending_approval',
  'approved',
  'executing',
  'completed',
  'failed',
  'rejected',
  'cancelled',
  'timeout',
] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

/** Execution statuses after which nothing changes any more. */
export const FINAL_EXECUTION_STATUSES = ['completed', 'failed', 'rejected', 'cancelled', 'timeout'] as const;

/** Approval statuses. */
export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'expired'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** Roles, each including the one before it: viewer ⊂ user ⊂ admin. */
export const ROLES = ['viewer', 'user', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who wrote a chat message. */
export const MESSAGE_TYPES = ['user', 'assistant', 'system'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** Session kinds, as upstream names them. */
export const SESSION_TYPES = ['general', 'kubernetes', 'command'] as const;
export type SessionType = (typeof SESSION_TYPES)[number];

/** Access a participant has to a shared session. */
export const SHARE_ACCESS = ['read', 'write'] as const;
export type ShareAccess = (typeof SHARE_ACCESS)[number];

export * from './redaction.js';

/** Colour themes a person can choose; `system` follows the operating system. */
export const THEME_PREFERENCES = ['system', 'light', 'dark'] as const;
export type ThemePreference = (typeof THEME_PREFERENCES)[number];

/** Preferences a person has before choosing anything (schema-free, so browser code can import it). */
export const DEFAULT_PREFERENCES: {
  readonly theme: ThemePreference;
  readonly default_namespace: string | null;
  readonly compact: boolean;
  readonly sound: boolean;
} = { theme: 'system', default_namespace: null, compact: false, sound: false };
