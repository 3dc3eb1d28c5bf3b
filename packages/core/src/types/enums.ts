/** Safety levels the server assigns to a command, from least to most risky. */
export const SAFETY_LEVELS = ['safe', 'warning', 'dangerous'] as const;
export type SafetyLevel = (typeof SAFETY_LEVELS)[number];

/** Every status an execution can be in, as the API names them. */
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
