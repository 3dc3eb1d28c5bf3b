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
