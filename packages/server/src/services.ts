import type { FastifyRequest } from 'fastify';
import type { ChatContext, ChatSession, ConversationContext } from '@k8s-chat/contract';
import type { ServerConfig } from './config.js';
import type { Db } from './db/database.js';
import { AuditLog } from './audit/audit-log.js';
import { TokenService } from './auth/tokens.js';
import { UserRepository } from './auth/users.js';
import { PreferencesRepository } from './auth/preferences.js';
import { verifyPassword } from './auth/passwords.js';
import { ChatRepository } from './chat/chat-repository.js';
import { ChatService } from './chat/chat-service.js';
import { ExecutionRepository } from './commands/execution-repository.js';
import { ExecutionService } from './commands/execution-service.js';
import { RollbackPlans } from './commands/rollback-plans.js';
import type { Executor } from './executor/types.js';
import { RateLimiter } from './http/rate-limit.js';
import type { ClassifyPort, NlpServicePort } from './ports.js';
import type { WsGateway } from './ws/index.js';

/** Everything the routes and the WebSocket gateway share, built once per server. */
export interface AppServices {
  readonly config: ServerConfig;
  readonly db: Db;
  readonly users: UserRepository;
  readonly preferences: PreferencesRepository;
  readonly tokens: TokenService;
  readonly audit: AuditLog;
  readonly limiter: RateLimiter;
  readonly loginLimiter: RateLimiter;
  readonly chatRepo: ChatRepository;
  readonly chat: ChatService;
  readonly executionRepo: ExecutionRepository;
  readonly executions: ExecutionService;
  readonly rollbackPlans: RollbackPlans;
  readonly nlp: NlpServicePort;
  readonly executor: Executor;
  /** Set once the HTTP server exists. */
  gateway: WsGateway | null;
  /** The session's context route body; `conversation` replaces the session's latest (a thread's context). */
  sessionContext(sessionId: string, userId: string, conversation?: ConversationContext): ChatContext;
  publishSession(session: ChatSession): void;
  /** A rotated refresh token was reused: tell the person and the administrators. */
  securityNotice(userId: string, familyId: string, request: FastifyRequest): void;
}

export function createServices(
  config: ServerConfig,
  db: Db,
  deps: { nlp: NlpServicePort; classify: ClassifyPort; executor: Executor },
): AppServices {
  const users = new UserRepository(db);
  const audit = new AuditLog(db);
  const tokens = new TokenService(
    db,
    config.jwtSecret,
    config.accessTokenTtlSeconds,
    config.refreshTokenTtlSeconds,
  );
  const chatRepo = new ChatRepository(db);
  const executionRepo = new ExecutionRepository(db);
  const usernames = (id: string) => users.byId(id)?.username ?? null;

  const services: AppServices = {
    config,
    db,
    users,
    preferences: new PreferencesRepository(db),
    tokens,
    audit,
    limiter: new RateLimiter(config.rateLimitPerMinute),
    loginLimiter: new RateLimiter(10, 10),
    chatRepo,
    chat: null as unknown as ChatService,
    executionRepo,
    executions: new ExecutionService({
      repo: executionRepo,
      executor: deps.executor,
      classify: deps.classify,
      publisher: () => services.gateway,
      audit,
      usernames,
      canReadSession: (sessionId, userId) => chatRepo.access(sessionId, userId) !== null,
      verifyPassword: async (userId, password) => {
        const user = users.byId(userId);
        return user ? verifyPassword(password, user.password_hash) : false;
      },
      commandTimeoutMs: config.commandTimeoutMs,
      approvalTtlSeconds: config.approvalTtlSeconds,
      allowSelfApproval: config.allowSelfApproval,
      stepUpMaxAgeSeconds: config.stepUpMaxAgeSeconds,
    }),
    rollbackPlans: new RollbackPlans(db),
    nlp: deps.nlp,
    executor: deps.executor,
    gateway: null,

    sessionContext(sessionId, userId, conversation = chatRepo.context(sessionId)) {
      const target = deps.executor.target();
      const { messages } = chatRepo.messages(sessionId, { limit: 10, offset: 0, latest: true });
      return {
        sessionId,
        userId,
        clusterContext: {
          clusterId: target.cluster,
          clusterName: target.context,
          namespace: conversation.namespace ?? 'default',
          allowedActions: [
            'get',
            'describe',
            'logs',
            'top',
            'scale',
            'rollout',
            'label',
            'annotate',
            'cordon',
            'uncordon',
            'drain',
            'delete',
            'create namespace',
          ],
          restrictedModes: ['shell pipelines', 'compound commands'],
          resources: {},
        },
        conversation,
        commandHistory: executionRepo
          .forSession(sessionId)
          .slice(-10)
          .map((row) => ({
            id: row.id,
            command: row.command,
            status: row.status,
            safety_level: row.safety_level,
            created_at: row.created_at,
          })),
        recentMessages: messages,
        userPreferences: {},
        safetyConstraints: {
          maxTokensPerMessage: 4000,
          enableSafetyChecks: true,
          requireApprovalFor: ['warning', 'dangerous'],
          dangerousNeedsAdmin: !config.allowSelfApproval,
          autoRejectUnsafe: true,
        },
      };
    },

    publishSession(session) {
      services.gateway?.publish(`session:${session.id}`, 'session', session);
    },

    securityNotice(userId, familyId, request) {
      const user = users.byId(userId);
      audit.write({
        actorId: userId,
        actorUsername: user?.username ?? null,
        action: 'auth.refresh.reuse',
        outcome: 'denied',
        targetType: 'device',
        targetId: familyId,
        requestId: request.id,
        ip: request.ip,
      });
      const notice = {
        type: 'security',
        title: 'A sign-in was ended for safety',
        message: `A refresh token of ${user?.username ?? 'a user'} was used twice (from ${request.ip}); that device was signed out.`,
        priority: 'high',
        data: { user_id: userId, device_id: familyId, ip: request.ip },
      };
      services.gateway?.notifyUser(userId, 'notification', notice);
      for (const admin of users.admins())
        if (admin.id !== userId) services.gateway?.notifyUser(admin.id, 'notification', notice);
    },
  };
  (services as { chat: ChatService }).chat = new ChatService(
    chatRepo,
    deps.nlp,
    {
      message: (sessionId, message) => {
        services.gateway?.publish(`session:${sessionId}`, 'message', message);
        // Everyone in the session learns that it changed, also while not viewing it (unread markers);
        // the message itself stays on the session topic, which only readers of the session may join.
        for (const participant of chatRepo.participants(sessionId)) {
          services.gateway?.notifyUser(participant.userId, 'notification', {
            type: 'session_activity',
            priority: 'low',
            data: { session_id: sessionId, message_id: message.id },
          });
        }
      },
    },
    () => deps.executor.target(),
  );
  return services;
}
