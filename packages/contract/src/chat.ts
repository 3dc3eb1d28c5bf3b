import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { DateTime, Id, Nullable, StringEnum } from './common.js';
import { MESSAGE_TYPES, SAFETY_LEVELS, SESSION_TYPES, SHARE_ACCESS } from './enums.js';

export const SafetyLevelSchema = StringEnum(SAFETY_LEVELS);

export const SessionParticipant = Type.Object({
  userId: Id,
  username: Type.String(),
  access: StringEnum([...SHARE_ACCESS, 'owner'] as const),
});
export type SessionParticipant = Static<typeof SessionParticipant>;

export const ChatSession = Type.Object({
  id: Id,
  title: Type.String(),
  userId: Id,
  ownerUsername: Type.String(),
  clusterId: Type.String(),
  clusterName: Type.Optional(Type.String()),
  createdAt: DateTime,
  updatedAt: DateTime,
  messageCount: Type.Integer({ minimum: 0 }),
  lastMessage: Type.Optional(Type.String()),
  lastMessageAt: Type.Optional(DateTime),
  isActive: Type.Boolean(),
  sessionType: StringEnum(SESSION_TYPES),
  access: StringEnum([...SHARE_ACCESS, 'owner'] as const, { description: "The caller's access." }),
  participants: Type.Array(SessionParticipant),
});
export type ChatSession = Static<typeof ChatSession>;

/** The command the assistant proposes, carried in an assistant message's `metadata.command`. */
export const CommandProposal = Type.Object({
  generatedCommand: Type.String({
    description: "Empty when the request was ambiguous; see 'clarification'.",
  }),
  safetyLevel: SafetyLevelSchema,
  explanation: Type.String(),
  warnings: Type.Array(Type.String()),
  reasons: Type.Array(Type.String()),
  requiresApproval: Type.Boolean(),
  approvalRequired: Type.Boolean({ description: 'Upstream duplicate of requiresApproval.' }),
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
  clarification: Nullable(Type.String()),
  impact: Nullable(Type.Unknown()),
  contextApplied: Type.Array(Type.String()),
  target: Type.Object({ cluster: Type.String(), context: Type.String(), namespace: Nullable(Type.String()) }),
  provider: Type.String(),
});
export type CommandProposal = Static<typeof CommandProposal>;

export const ChatMessage = Type.Object({
  id: Id,
  sessionId: Id,
  userId: Type.Optional(Id),
  username: Type.Optional(Type.String()),
  type: StringEnum(MESSAGE_TYPES),
  content: Type.String(),
  timestamp: DateTime,
  metadata: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  parentId: Type.Optional(Id),
  isEdited: Type.Boolean(),
  editedAt: Type.Optional(DateTime),
  tokenCount: Type.Optional(Type.Integer()),
  clientMessageId: Type.Optional(Type.String()),
});
export type ChatMessage = Static<typeof ChatMessage>;

/** What the session remembers of the conversation, so follow-ups ("now scale it to 5") resolve. */
export const ConversationContext = Type.Object({
  resource: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  namespace: Type.Optional(Type.String()),
  lastQuery: Type.Optional(Type.String()),
  lastIntent: Type.Optional(Type.String()),
});
export type ConversationContext = Static<typeof ConversationContext>;

export const ChatContext = Type.Object({
  sessionId: Id,
  userId: Type.Optional(Id),
  clusterContext: Type.Object({
    clusterId: Type.String(),
    clusterName: Type.String(),
    namespace: Type.String(),
    allowedActions: Type.Array(Type.String()),
    restrictedModes: Type.Array(Type.String()),
    resources: Type.Record(Type.String(), Type.Integer()),
  }),
  conversation: ConversationContext,
  commandHistory: Type.Array(Type.Unknown()),
  recentMessages: Type.Array(ChatMessage),
  userPreferences: Type.Record(Type.String(), Type.Unknown()),
  safetyConstraints: Type.Record(Type.String(), Type.Unknown()),
});
export type ChatContext = Static<typeof ChatContext>;

export const CreateSessionRequest = Type.Object(
  {
    title: Type.Optional(Type.String({ maxLength: 200 })),
    clusterId: Type.Optional(Type.String({ maxLength: 100 })),
    sessionType: Type.Optional(StringEnum(SESSION_TYPES)),
  },
  { additionalProperties: false },
);
export type CreateSessionRequest = Static<typeof CreateSessionRequest>;

export const UpdateSessionRequest = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    isActive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateSessionRequest = Static<typeof UpdateSessionRequest>;

export const ShareSessionRequest = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 128 }), access: StringEnum(SHARE_ACCESS) },
  { additionalProperties: false },
);
export type ShareSessionRequest = Static<typeof ShareSessionRequest>;

export const SendMessageRequest = Type.Object(
  {
    content: Type.String({ minLength: 1, maxLength: 4000 }),
    clientMessageId: Type.Optional(Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })),
    type: Type.Optional(Type.Literal('user')),
    parentId: Type.Optional(Id),
    metadata: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    clusterId: Type.Optional(Type.String({ maxLength: 100 })),
    namespace: Type.Optional(Type.String({ maxLength: 63 })),
  },
  { additionalProperties: false },
);
export type SendMessageRequest = Static<typeof SendMessageRequest>;

export const ListMessagesQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    after: Type.Optional(Type.String({ maxLength: 64, description: 'A message id or an RFC 3339 time.' })),
    before: Type.Optional(Type.String({ maxLength: 64, description: 'A message id or an RFC 3339 time.' })),
    q: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type ListMessagesQuery = Static<typeof ListMessagesQuery>;

export const SessionContextQuery = Type.Object(
  {
    messageId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        pattern: '^[A-Za-z0-9-]+$',
        description:
          "A message of the session: return the context a reply to it resolves against (its thread's), not the session's latest.",
      }),
    ),
  },
  { additionalProperties: false },
);
export type SessionContextQuery = Static<typeof SessionContextQuery>;

export const CommandPreviewRequest = Type.Object(
  {
    naturalLanguage: Type.String({ minLength: 1, maxLength: 1000 }),
    sessionId: Id,
    clusterId: Type.Optional(Type.String({ maxLength: 100 })),
    namespace: Type.Optional(Type.String({ maxLength: 63 })),
    context: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);
export type CommandPreviewRequest = Static<typeof CommandPreviewRequest>;

export const CommandPreview = Type.Object({
  id: Id,
  sessionId: Id,
  userId: Id,
  naturalLanguage: Type.String(),
  generatedCommand: Type.String(),
  description: Type.String(),
  risks: Type.Array(Type.String()),
  safeguards: Type.Array(Type.String()),
  estimatedImpact: SafetyLevelSchema,
  safetyLevel: SafetyLevelSchema,
  requiresApproval: Type.Boolean(),
  approvalRequired: Type.Boolean(),
  clarification: Nullable(Type.String()),
  status: Type.Literal('pending'),
  createdAt: DateTime,
  updatedAt: DateTime,
  expiresAt: DateTime,
});
export type CommandPreview = Static<typeof CommandPreview>;

/** Chat success envelope. */
export const chatEnvelope = <T extends TSchema>(data: T) =>
  Type.Object({ success: Type.Literal(true), data, message: Type.Optional(Type.String()) });

export const SendMessageResponse = Type.Object({
  success: Type.Literal(true),
  data: ChatMessage,
  reply: Type.Optional(ChatMessage),
  message: Type.Optional(Type.String()),
});
export type SendMessageResponse = Static<typeof SendMessageResponse>;
