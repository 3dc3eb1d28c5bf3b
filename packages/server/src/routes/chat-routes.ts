import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  ChatContext,
  ChatMessage,
  ChatSession,
  CommandPreview,
  CommandPreviewRequest,
  CreateSessionRequest,
  ErrorBody,
  Execution,
  Id,
  ListMessagesQuery,
  Pagination,
  SendMessageRequest,
  SendMessageResponse,
  SessionContextQuery,
  ShareSessionRequest,
  UpdateSessionRequest,
  chatEnvelope,
} from '@k8s-chat/contract';
import { randomUUID } from 'node:crypto';
import type { AppServices } from '../services.js';
import { ApiError } from '../http/errors.js';
import { caller } from '../http/auth-hooks.js';
import { redactText } from '../redaction/index.js';

const SessionParams = Type.Object({ sessionId: Id });
type SessionParams = { sessionId: string };
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const UNDO_WINDOW_MS = 10 * 60_000;

export function chatRoutes(app: FastifyInstance, s: AppServices): void {
  const { chatRepo, chat } = s;
  const chatConfig = (responses: Record<number, object>, role: 'viewer' | 'user' = 'viewer') => ({
    chatEnvelope: true,
    role,
    responses: { ...errors, ...responses },
  });

  const readable = (request: FastifyRequest<{ Params: SessionParams }>) => {
    const me = caller(request);
    const access = chatRepo.access(request.params.sessionId, me.userId);
    if (!access) throw ApiError.notFound('The session');
    return { me, access };
  };
  const owned = (request: FastifyRequest<{ Params: SessionParams }>) => {
    const { me, access } = readable(request);
    if (access !== 'owner')
      throw ApiError.forbidden('SESSION_OWNER_REQUIRED', 'Only the owner of this session can do that.');
    return me;
  };

  app.post<{ Body: CreateSessionRequest | undefined }>(
    '/api/v1/chat/sessions',
    {
      schema: { body: Type.Optional(CreateSessionRequest), tags: ['chat'], summary: 'Create a chat session' },
      config: chatConfig({ 201: chatEnvelope(ChatSession) }),
    },
    async (request, reply) => {
      const me = caller(request);
      const body = request.body ?? {};
      // Clients title a new session after its first message: redact it like the message itself.
      const title =
        redactText(body.title?.trim() ?? '') ||
        `Chat ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`;
      const id = chatRepo.createSession(
        me.userId,
        title,
        body.clusterId ?? s.executor.target().cluster,
        body.sessionType ?? 'kubernetes',
      );
      reply.status(201);
      return {
        success: true,
        data: chatRepo.session(id, me.userId)!,
        message: 'Session created successfully',
      };
    },
  );

  app.get(
    '/api/v1/chat/sessions',
    {
      schema: { tags: ['chat'], summary: 'Sessions you own or that were shared with you' },
      config: chatConfig({ 200: chatEnvelope(Type.Array(ChatSession)) }),
    },
    async (request) => ({ success: true, data: chatRepo.sessions(caller(request).userId) }),
  );

  app.get<{ Params: SessionParams }>(
    '/api/v1/chat/sessions/:sessionId',
    {
      schema: {
        params: SessionParams,
        tags: ['chat'],
        summary: 'A session with its latest messages and context',
      },
      config: chatConfig({
        200: chatEnvelope(
          Type.Object({ session: ChatSession, messages: Type.Array(ChatMessage), context: ChatContext }),
        ),
      }),
    },
    async (request) => {
      const { me } = readable(request);
      const { sessionId } = request.params;
      const { messages } = chatRepo.messages(sessionId, { limit: 50, offset: 0, latest: true });
      return {
        success: true,
        data: {
          session: chatRepo.session(sessionId, me.userId)!,
          messages,
          context: s.sessionContext(sessionId, me.userId),
        },
      };
    },
  );

  app.put<{ Params: SessionParams; Body: UpdateSessionRequest }>(
    '/api/v1/chat/sessions/:sessionId',
    {
      schema: {
        params: SessionParams,
        body: UpdateSessionRequest,
        tags: ['chat'],
        summary: 'Rename or archive a session',
      },
      config: chatConfig({ 200: chatEnvelope(ChatSession) }),
    },
    async (request) => {
      const me = owned(request);
      const { title, ...rest } = request.body;
      chatRepo.update(
        request.params.sessionId,
        title === undefined ? rest : { ...rest, title: redactText(title) },
      );
      const session = chatRepo.session(request.params.sessionId, me.userId)!;
      s.publishSession(session);
      return { success: true, data: session, message: 'Session updated successfully' };
    },
  );

  app.delete<{ Params: SessionParams }>(
    '/api/v1/chat/sessions/:sessionId',
    {
      schema: {
        params: SessionParams,
        tags: ['chat'],
        summary: 'Delete a session (undo within 10 minutes with restore)',
      },
      config: chatConfig({ 200: Type.Object({ success: Type.Literal(true), message: Type.String() }) }),
    },
    async (request) => {
      owned(request);
      chatRepo.softDelete(request.params.sessionId);
      return { success: true, message: 'Session deleted successfully' };
    },
  );

  app.post<{ Params: SessionParams }>(
    '/api/v1/chat/sessions/:sessionId/restore',
    {
      schema: { params: SessionParams, tags: ['chat'], summary: 'Undo deleting a session' },
      config: chatConfig({ 200: chatEnvelope(ChatSession) }),
    },
    async (request) => {
      const me = caller(request);
      if (!chatRepo.restore(request.params.sessionId, me.userId, UNDO_WINDOW_MS))
        throw ApiError.notFound('A recently deleted session');
      return {
        success: true,
        data: chatRepo.session(request.params.sessionId, me.userId)!,
        message: 'Session restored',
      };
    },
  );

  app.post<{ Params: SessionParams; Body: ShareSessionRequest }>(
    '/api/v1/chat/sessions/:sessionId/share',
    {
      schema: {
        params: SessionParams,
        body: ShareSessionRequest,
        tags: ['chat'],
        summary: 'Share a session with another user',
      },
      config: chatConfig({ 200: chatEnvelope(ChatSession) }),
    },
    async (request) => {
      const me = owned(request);
      const target = s.users.byUsername(request.body.username);
      if (!target) throw ApiError.notFound(`User "${request.body.username}"`);
      if (target.id === me.userId)
        throw ApiError.badRequest('CANNOT_SHARE_WITH_SELF', 'You already own this session.');
      chatRepo.share(request.params.sessionId, target.id, request.body.access);
      const session = chatRepo.session(request.params.sessionId, me.userId)!;
      s.audit.write({
        actorId: me.userId,
        actorUsername: me.username,
        action: 'session.share',
        targetType: 'session',
        targetId: session.id,
        outcome: 'success',
        detail: { with: target.username, access: request.body.access },
        requestId: request.id,
      });
      s.gateway?.notifyUser(target.id, 'notification', {
        type: 'session_shared',
        title: 'A session was shared with you',
        message: `${me.username} shared “${session.title}” with you (${request.body.access}).`,
        priority: 'normal',
        data: { session_id: session.id, access: request.body.access },
      });
      s.publishSession(session);
      return { success: true, data: session, message: 'Session shared' };
    },
  );

  app.delete<{ Params: SessionParams & { userId: string } }>(
    '/api/v1/chat/sessions/:sessionId/share/:userId',
    {
      schema: {
        params: Type.Object({ sessionId: Id, userId: Id }),
        tags: ['chat'],
        summary: 'Stop sharing a session with a user',
      },
      config: chatConfig({ 200: chatEnvelope(ChatSession) }),
    },
    async (request) => {
      const me = owned(request);
      if (!chatRepo.unshare(request.params.sessionId, request.params.userId))
        throw ApiError.notFound('That participant');
      const session = chatRepo.session(request.params.sessionId, me.userId)!;
      s.publishSession(session);
      return { success: true, data: session, message: 'Sharing removed' };
    },
  );

  app.get<{ Params: SessionParams; Querystring: ListMessagesQuery & { latest?: boolean } }>(
    '/api/v1/chat/sessions/:sessionId/messages',
    {
      schema: {
        params: SessionParams,
        querystring: Type.Composite(
          [ListMessagesQuery, Type.Object({ latest: Type.Optional(Type.Boolean()) })],
          {
            additionalProperties: false,
          },
        ),
        tags: ['chat'],
        summary: 'Messages, oldest first; page with offset, after, before or latest',
      },
      config: chatConfig({
        200: Type.Object({
          success: Type.Literal(true),
          data: Type.Array(ChatMessage),
          pagination: Pagination,
        }),
      }),
    },
    async (request) => {
      readable(request);
      const q = request.query;
      const limit = q.limit ?? 50;
      const offset = q.offset ?? 0;
      const { messages, total } = chatRepo.messages(request.params.sessionId, { ...q, limit, offset });
      return { success: true, data: messages, pagination: { total, limit, offset, count: messages.length } };
    },
  );

  app.post<{ Params: SessionParams; Body: SendMessageRequest }>(
    '/api/v1/chat/sessions/:sessionId/messages',
    {
      schema: {
        params: SessionParams,
        body: SendMessageRequest,
        tags: ['chat'],
        summary: 'Send a message; the reply carries the proposed command. Idempotent by clientMessageId.',
      },
      config: chatConfig({ 201: SendMessageResponse, 200: SendMessageResponse }, 'viewer'),
    },
    async (request, reply) => {
      const me = caller(request);
      const result = await chat.send(
        request.params.sessionId,
        { id: me.userId, username: me.username },
        request.body,
      );
      reply.status(result.replayed ? 200 : 201);
      if (result.replayed) reply.header('idempotent-replay', 'true');
      return {
        success: true,
        data: result.message,
        ...(result.reply ? { reply: result.reply } : {}),
        message: result.replayed ? 'Message already received' : 'Message sent successfully',
      };
    },
  );

  app.post<{ Body: CommandPreviewRequest }>(
    '/api/v1/chat/commands/preview',
    {
      schema: {
        body: CommandPreviewRequest,
        tags: ['chat'],
        summary: 'Preview the command for a request without storing a message',
      },
      config: chatConfig({ 201: chatEnvelope(CommandPreview) }),
    },
    async (request, reply) => {
      const me = caller(request);
      if (!chatRepo.access(request.body.sessionId, me.userId)) throw ApiError.notFound('The session');
      const result = await s.nlp.process({
        query: request.body.naturalLanguage,
        namespace: request.body.namespace,
        context: chatRepo.context(request.body.sessionId),
      });
      const now = new Date();
      reply.status(201);
      return {
        success: true,
        message: 'Command preview generated successfully',
        data: {
          id: randomUUID(),
          sessionId: request.body.sessionId,
          userId: me.userId,
          naturalLanguage: request.body.naturalLanguage,
          generatedCommand: result.generated_command,
          description: result.clarification ?? result.explanation,
          risks: [...result.reasons, ...result.warnings],
          safeguards: result.requires_approval
            ? [
                result.safety_level === 'dangerous'
                  ? 'Needs approval by an administrator'
                  : 'Needs your confirmation',
              ]
            : ['Read-only'],
          estimatedImpact: result.safety_level,
          safetyLevel: result.safety_level,
          requiresApproval: result.requires_approval,
          approvalRequired: result.requires_approval,
          clarification: result.clarification,
          status: 'pending' as const,
          createdAt: now.toISOString(),
          updatedAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + 15 * 60_000).toISOString(),
        },
      };
    },
  );

  app.get<{ Params: SessionParams }>(
    '/api/v1/chat/sessions/:sessionId/commands',
    {
      schema: { params: SessionParams, tags: ['chat'], summary: 'Executions started from this session' },
      config: chatConfig({ 200: chatEnvelope(Type.Array(Execution)) }),
    },
    async (request) => {
      readable(request);
      return { success: true, data: s.executions.forSession(request.params.sessionId) };
    },
  );

  app.get<{ Params: SessionParams; Querystring: SessionContextQuery }>(
    '/api/v1/chat/sessions/:sessionId/context',
    {
      schema: {
        params: SessionParams,
        querystring: SessionContextQuery,
        tags: ['chat'],
        summary: "What the session remembers: cluster, namespace, last resource (or a message's thread's)",
      },
      config: chatConfig({ 200: chatEnvelope(ChatContext) }),
    },
    async (request) => {
      const { me } = readable(request);
      const { sessionId } = request.params;
      const { messageId } = request.query;
      if (messageId === undefined) return { success: true, data: s.sessionContext(sessionId, me.userId) };
      if (chatRepo.message(messageId)?.sessionId !== sessionId) {
        throw ApiError.validation('messageId must be a message of this session.', [
          { field: 'messageId', message: 'messageId is not a message of this session' },
        ]);
      }
      return {
        success: true,
        data: s.sessionContext(sessionId, me.userId, chat.contextFor(sessionId, messageId)),
      };
    },
  );

  app.delete<{ Params: SessionParams }>(
    '/api/v1/chat/sessions/:sessionId/context',
    {
      schema: {
        params: SessionParams,
        tags: ['chat'],
        summary: 'Forget the conversation context (last resource, name, namespace)',
      },
      config: chatConfig({ 200: chatEnvelope(ChatContext) }),
    },
    async (request) => {
      const { me, access } = readable(request);
      if (access === 'read')
        throw ApiError.forbidden('SESSION_READ_ONLY', 'This session was shared with you read-only.');
      chat.clearContext(request.params.sessionId);
      return {
        success: true,
        data: s.sessionContext(request.params.sessionId, me.userId),
        message: 'Context cleared',
      };
    },
  );
}
