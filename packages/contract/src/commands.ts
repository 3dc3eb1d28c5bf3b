import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Id, Nullable, Pagination, StringEnum } from './common.js';
import { SafetyLevelSchema } from './chat.js';
import { APPROVAL_STATUSES, EXECUTION_STATUSES } from './enums.js';

export const ExecutionStatusSchema = StringEnum(EXECUTION_STATUSES);
export const ApprovalStatusSchema = StringEnum(APPROVAL_STATUSES);

/** Upstream's structured operation, accepted by execute for compatibility. */
export const StructuredOperation = Type.Object(
  {
    operation: StringEnum(['get', 'list', 'delete', 'scale', 'restart', 'logs'] as const),
    resource: StringEnum(['pods', 'deployments', 'services', 'configmaps', 'secrets'] as const),
    namespace: Type.String({ minLength: 1, maxLength: 63 }),
    name: Type.Optional(Type.String({ maxLength: 253 })),
    replicas: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    context: Type.Optional(Type.String()),
    id: Type.Optional(Type.String()),
    user_id: Type.Optional(Type.String()),
    session_id: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type StructuredOperation = Static<typeof StructuredOperation>;

export const ExecuteRequest = Type.Object(
  {
    command: Type.Union([Type.String({ minLength: 1, maxLength: 4096 }), StructuredOperation]),
    session_id: Type.Optional(Id),
    message_id: Type.Optional(Id),
    dry_run: Type.Optional(Type.Boolean()),
    safety_level: Type.Optional(Type.String({ description: 'Ignored: the server decides the level.' })),
    user_id: Type.Optional(Type.String({ description: 'Ignored.' })),
  },
  { additionalProperties: false },
);
export type ExecuteRequest = Static<typeof ExecuteRequest>;

export const Execution = Type.Object({
  id: Id,
  user_id: Id,
  username: Type.String(),
  session_id: Nullable(Id),
  message_id: Nullable(Id),
  command: Type.String(),
  argv: Type.Array(Type.String()),
  command_digest: Type.String({ description: 'sha256 of the argv that runs; approvals are bound to it.' }),
  namespace: Nullable(Type.String()),
  resources: Type.Array(Type.String()),
  safety_level: SafetyLevelSchema,
  reasons: Type.Array(Type.String()),
  warnings: Type.Array(Type.String()),
  status: ExecutionStatusSchema,
  dry_run: Type.Boolean(),
  executor: Type.String(),
  target: Type.Object({ cluster: Type.String(), context: Type.String() }),
  approval_id: Nullable(Id),
  rollback_of: Nullable(Id),
  exit_code: Nullable(Type.Integer()),
  output: Type.Optional(Type.String()),
  output_truncated: Type.Optional(Type.Boolean()),
  error_message: Nullable(Type.String()),
  created_at: DateTime,
  updated_at: DateTime,
  approved_at: Nullable(DateTime),
  executed_at: Nullable(DateTime),
  completed_at: Nullable(DateTime),
  execution_time_ms: Nullable(Type.Integer()),
  rollback_available: Type.Boolean(),
});
export type Execution = Static<typeof Execution>;

export const Approval = Type.Object({
  id: Id,
  command_execution_id: Id,
  requested_by_user_id: Id,
  requested_by: Type.String(),
  approved_by_user_id: Nullable(Id),
  approved_by: Nullable(Type.String()),
  status: ApprovalStatusSchema,
  reason: Nullable(Type.String()),
  required_role: StringEnum(['requester', 'admin'] as const),
  command: Type.String(),
  command_digest: Type.String(),
  safety_level: SafetyLevelSchema,
  expires_at: DateTime,
  created_at: DateTime,
  decided_at: Nullable(DateTime),
});
export type Approval = Static<typeof Approval>;

export const ApprovalWithExecution = Type.Composite([Approval, Type.Object({ execution: Execution })]);
export type ApprovalWithExecution = Static<typeof ApprovalWithExecution>;

/**
 * One execution as `GET /commands/executions/{id}` returns it: with its output and, for a command that
 * needed approval, the approval itself, so an audit view can say who asked, who decided and when. Optional
 * because upstream servers do not send it; the reference server always does (null when none was needed).
 */
export const ExecutionDetail = Type.Composite([
  Execution,
  Type.Object({ approval: Type.Optional(Nullable(Approval)) }),
]);
export type ExecutionDetail = Static<typeof ExecutionDetail>;

export const ApproveRequest = Type.Object(
  {
    execution_id: Id,
    decision: StringEnum(['approve', 'reject'] as const),
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
    command_digest: Type.Optional(
      Type.String({ description: 'The digest of the command the approver saw; refused when it differs.' }),
    ),
    password: Type.Optional(
      Type.String({ maxLength: 1024, description: 'Step-up for dangerous approvals.' }),
    ),
    user_id: Type.Optional(Type.String({ description: 'Ignored.' })),
  },
  { additionalProperties: false },
);
export type ApproveRequest = Static<typeof ApproveRequest>;

export const EXECUTION_SORT_FIELDS = [
  'created_at',
  'username',
  'command',
  'namespace',
  'safety_level',
  'status',
  'execution_time_ms',
] as const;

export const ListExecutionsQuery = Type.Object(
  {
    status: Type.Optional(
      Type.String({ maxLength: 200, description: 'One status or a comma-separated list.' }),
    ),
    safety_level: Type.Optional(Type.String({ maxLength: 60 })),
    session_id: Type.Optional(Id),
    user_id: Type.Optional(Id),
    username: Type.Optional(Type.String({ maxLength: 128 })),
    namespace: Type.Optional(Type.String({ maxLength: 63 })),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    from: Type.Optional(DateTime),
    to: Type.Optional(DateTime),
    since: Type.Optional(Type.String({ pattern: '^[0-9]+[smhdw]$', description: 'e.g. 24h, 7d' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    sort: Type.Optional(
      Type.String({
        pattern: `^-?(${EXECUTION_SORT_FIELDS.join('|')})$`,
        description: 'Field, `-` for descending.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ListExecutionsQuery = Static<typeof ListExecutionsQuery>;

export const ExportQuery = Type.Composite(
  [
    Type.Omit(ListExecutionsQuery, ['limit', 'offset']),
    Type.Object({ format: StringEnum(['csv', 'json', 'ndjson'] as const) }),
  ],
  { additionalProperties: false },
);
export type ExportQuery = Static<typeof ExportQuery>;

export const ExecutionList = Type.Object({ executions: Type.Array(Execution), pagination: Pagination });
export type ExecutionList = Static<typeof ExecutionList>;

export const StatsQuery = Type.Object(
  {
    from: Type.Optional(DateTime),
    to: Type.Optional(DateTime),
    user_id: Type.Optional(Id),
    namespace: Type.Optional(Type.String({ maxLength: 63 })),
    buckets: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 24 })),
  },
  { additionalProperties: false },
);

export const ExecutionStats = Type.Object({
  user_id: Nullable(Id),
  total_executions: Type.Integer(),
  successful_ones: Type.Integer(),
  failed_ones: Type.Integer(),
  pending_ones: Type.Integer(),
  success_rate: Type.Number(),
  average_time_ms: Type.Number(),
  most_used_resource: Type.String(),
  top_resources: Type.Array(Type.Object({ resource: Type.String(), count: Type.Integer() })),
  by_status: Type.Record(Type.String(), Type.Integer()),
  by_safety_level: Type.Record(Type.String(), Type.Integer()),
  series: Type.Array(
    Type.Object({ start: DateTime, end: DateTime, total: Type.Integer(), failed: Type.Integer() }),
  ),
  from: DateTime,
  to: DateTime,
});
export type ExecutionStats = Static<typeof ExecutionStats>;

export const RollbackStep = Type.Object({
  step_number: Type.Integer(),
  operation: Type.String(),
  resource: Type.String(),
  name: Type.String(),
  namespace: Type.String(),
  description: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
});
export type RollbackStep = Static<typeof RollbackStep>;

export const RollbackValidation = Type.Object({
  execution_id: Id,
  is_valid: Type.Boolean(),
  reasons: Type.Array(Type.String()),
  warnings: Type.Array(Type.String()),
  checked_at: DateTime,
});
export type RollbackValidation = Static<typeof RollbackValidation>;

export const RollbackPlan = Type.Object({
  id: Id,
  command_execution_id: Id,
  user_id: Id,
  session_id: Nullable(Id),
  original_command: Type.String(),
  rollback_steps: Type.Array(RollbackStep),
  status: StringEnum(['planned', 'executing', 'completed', 'failed', 'cancelled', 'invalid'] as const),
  reason: Type.String(),
  safety_level: SafetyLevelSchema,
  estimated_duration: Type.Integer({ description: 'Nanoseconds, as upstream.' }),
  validation: RollbackValidation,
  created_at: DateTime,
  expires_at: DateTime,
});
export type RollbackPlan = Static<typeof RollbackPlan>;

export const RollbackExecution = Type.Object({
  id: Id,
  plan_id: Id,
  user_id: Id,
  execution_id: Id,
  status: StringEnum(['executing', 'completed', 'failed', 'cancelled'] as const),
  started_at: DateTime,
  completed_at: Nullable(DateTime),
  error: Nullable(Type.String()),
});
export type RollbackExecution = Static<typeof RollbackExecution>;

export const RollbackStatus = Type.Object({
  rollback_id: Id,
  status: Type.String(),
  started_at: DateTime,
  completed_at: Nullable(DateTime),
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
  current_step: Type.Integer(),
  total_steps: Type.Integer(),
  error: Nullable(Type.String()),
});
export type RollbackStatus = Static<typeof RollbackStatus>;
