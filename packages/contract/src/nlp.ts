import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Id, Nullable } from './common.js';
import { SafetyLevelSchema, ConversationContext } from './chat.js';

export const Impact = Type.Object({
  verb: Nullable(Type.String()),
  resources: Type.Array(Type.String()),
  names: Type.Array(Type.String()),
  namespace: Nullable(Type.String()),
  scope: Type.String(),
  summary: Type.String(),
});
export type Impact = Static<typeof Impact>;

export const NlpProcessRequest = Type.Object(
  {
    query: Type.String({ minLength: 1, maxLength: 2000 }),
    context: Type.Optional(Type.Union([Type.String({ maxLength: 4000 }), ConversationContext])),
    namespace: Type.Optional(Type.String({ maxLength: 63 })),
    cluster_info: Type.Optional(Type.String({ maxLength: 4000 })),
    provider: Type.Optional(Type.String({ maxLength: 32 })),
  },
  { additionalProperties: false },
);
export type NlpProcessRequest = Static<typeof NlpProcessRequest>;

export const NlpResult = Type.Object({
  id: Id,
  request_id: Id,
  generated_command: Type.String(),
  explanation: Type.String(),
  safety_level: SafetyLevelSchema,
  confidence: Type.Number(),
  provider: Type.String(),
  processing_time_ms: Type.Number(),
  tokens_used: Type.Integer(),
  created_at: DateTime,
  requires_approval: Type.Boolean(),
  warnings: Type.Array(Type.String()),
  reasons: Type.Array(Type.String()),
  impact: Nullable(Impact),
  clarification: Nullable(Type.String()),
  context: ConversationContext,
  context_applied: Type.Array(Type.String()),
  error: Type.Optional(Type.String()),
});
export type NlpResult = Static<typeof NlpResult>;

export const CommandRequest = Type.Object(
  { command: Type.String({ minLength: 1, maxLength: 4096 }) },
  { additionalProperties: false },
);
export type CommandRequest = Static<typeof CommandRequest>;

export const ValidationResult = Type.Object({
  is_valid: Type.Boolean(),
  safety_level: SafetyLevelSchema,
  warnings: Type.Array(Type.String()),
  errors: Type.Array(Type.String()),
  suggestions: Type.Array(Type.String()),
});
export type ValidationResult = Static<typeof ValidationResult>;

export const Classification = Type.Object({
  command: Type.String(),
  safety_level: SafetyLevelSchema,
  description: Type.String(),
  color: Type.String(),
  is_valid: Type.Boolean(),
  warnings: Type.Array(Type.String()),
  errors: Type.Array(Type.String()),
  suggestions: Type.Array(Type.String()),
  reasons: Type.Array(Type.String()),
  requires_approval: Type.Boolean(),
});
export type Classification = Static<typeof Classification>;

export const Provider = Type.Object({
  name: Type.String(),
  display_name: Type.String(),
  available: Type.Boolean(),
});
export type Provider = Static<typeof Provider>;

export const NlpMetrics = Type.Object({
  provider: Type.String(),
  request_count: Type.Integer(),
  success_count: Type.Integer(),
  error_count: Type.Integer(),
  clarification_count: Type.Integer(),
  average_latency_ms: Type.Number(),
  tokens_used: Type.Integer(),
  last_used: Nullable(DateTime),
});
export type NlpMetrics = Static<typeof NlpMetrics>;
