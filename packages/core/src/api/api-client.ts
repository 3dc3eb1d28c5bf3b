import type {
  Approval,
  ApprovalWithExecution,
  ApproveRequest,
  ChatContext,
  ChatMessage,
  ChatSession,
  Classification,
  ClusterNames,
  CommandPreview,
  CommandPreviewRequest,
  CreateSessionRequest,
  Device,
  ExecuteRequest,
  Execution,
  ExecutionDetail,
  ExecutionList,
  ExecutionStats,
  ExportQuery,
  ListExecutionsQuery,
  ListMessagesQuery,
  NlpMetrics,
  NlpProcessRequest,
  NlpResult,
  Preferences,
  PreferencesUpdate,
  Provider,
  RollbackExecution,
  RollbackPlan,
  RollbackStatus,
  RollbackValidation,
  SendMessageRequest,
  SessionContextQuery,
  ShareSessionRequest,
  UpdateSessionRequest,
  User,
  ValidationResult,
} from '@k8s-chat/contract';
import { readExport, type ExportProgress, type ExportResult } from './export-stream.js';
import { newId } from './ids.js';
import { Requester, type Call, type CallOptions, type RequesterOptions } from './request.js';

export type { CallOptions } from './request.js';

/** What `execute` started: a safe command runs at once, anything else waits for approval. */
export type ExecuteResult =
  | { readonly kind: 'execution'; readonly execution: Execution }
  | { readonly kind: 'approval'; readonly approval: ApprovalWithExecution };

export interface SendMessageResult {
  /** The stored user message. */
  readonly message: ChatMessage;
  /** The assistant's reply, whose `metadata.command` holds the proposed command. */
  readonly reply: ChatMessage | null;
}

export interface SessionDetail {
  readonly session: ChatSession;
  readonly messages: readonly ChatMessage[];
  readonly context: ChatContext;
}

export interface StatsQuery {
  readonly from?: string;
  readonly to?: string;
  readonly user_id?: string;
  readonly namespace?: string;
  readonly buckets?: number;
}

/** Options of `exportExecutions`: the usual call options plus a progress callback. */
export interface ExportOptions extends CallOptions {
  /** Called as bytes arrive (and once at the start), for a progress indicator. */
  readonly onProgress?: (progress: ExportProgress) => void;
}

const id = encodeURIComponent;

/** Typed methods for every route of the KubeChat API contract. */
export class KubeChatApi {
  readonly #requester: Requester;

  constructor(options: RequesterOptions) {
    this.#requester = new Requester(options);
  }

  #call<T>(call: Call, options?: CallOptions): Promise<T> {
    return this.#requester.request<T>(call, options);
  }

  // System

  health(o?: CallOptions): Promise<{ status: string; version: string; executor: string }> {
    return this.#call({ method: 'GET', path: 'health', anonymous: true }, o);
  }

  // Auth (login, refresh and logout belong to the session token provider)

  me(o?: CallOptions): Promise<User> {
    return this.#call({ method: 'GET', path: 'auth/me' }, o);
  }
  devices(o?: CallOptions): Promise<Device[]> {
    return this.#call({ method: 'GET', path: 'auth/devices', expect: 'array' }, o);
  }
  revokeDevice(deviceId: string, o?: CallOptions): Promise<void> {
    return this.#call({ method: 'DELETE', path: `auth/devices/${id(deviceId)}` }, o);
  }
  preferences(o?: CallOptions): Promise<Preferences> {
    return this.#call({ method: 'GET', path: 'auth/me/preferences' }, o);
  }
  /** Changes only the fields given; the server pushes the result to the person's other tabs and devices. */
  updatePreferences(update: PreferencesUpdate, o?: CallOptions): Promise<Preferences> {
    return this.#call({ method: 'PATCH', path: 'auth/me/preferences', body: update, idempotent: true }, o);
  }

  // Chat

  listSessions(o?: CallOptions): Promise<ChatSession[]> {
    return this.#call({ method: 'GET', path: 'chat/sessions', expect: 'array' }, o);
  }
  createSession(body: CreateSessionRequest = {}, o?: CallOptions): Promise<ChatSession> {
    return this.#call({ method: 'POST', path: 'chat/sessions', body }, o);
  }
  getSession(sessionId: string, o?: CallOptions): Promise<SessionDetail> {
    return this.#call<SessionDetail>({ method: 'GET', path: `chat/sessions/${id(sessionId)}` }, o).then(
      (d) => ({
        ...d,
        messages: d.messages ?? [],
      }),
    );
  }
  updateSession(sessionId: string, body: UpdateSessionRequest, o?: CallOptions): Promise<ChatSession> {
    return this.#call({ method: 'PUT', path: `chat/sessions/${id(sessionId)}`, body }, o);
  }
  deleteSession(sessionId: string, o?: CallOptions): Promise<void> {
    return this.#call({ method: 'DELETE', path: `chat/sessions/${id(sessionId)}` }, o);
  }
  restoreSession(sessionId: string, o?: CallOptions): Promise<ChatSession> {
    return this.#call({ method: 'POST', path: `chat/sessions/${id(sessionId)}/restore` }, o);
  }
  shareSession(sessionId: string, body: ShareSessionRequest, o?: CallOptions): Promise<ChatSession> {
    return this.#call({ method: 'POST', path: `chat/sessions/${id(sessionId)}/share`, body }, o);
  }
  unshareSession(sessionId: string, userId: string, o?: CallOptions): Promise<ChatSession> {
    return this.#call({ method: 'DELETE', path: `chat/sessions/${id(sessionId)}/share/${id(userId)}` }, o);
  }
  listMessages(
    sessionId: string,
    query: ListMessagesQuery & { latest?: boolean } = {},
    o?: CallOptions,
  ): Promise<ChatMessage[]> {
    return this.#call(
      { method: 'GET', path: `chat/sessions/${id(sessionId)}/messages`, query, expect: 'array' },
      o,
    );
  }
  /**
   * Sends a message. The server stores it once per `clientMessageId` (generated when missing), so network
   * failures are retried and a replay returns the message stored the first time.
   */
  async sendMessage(
    sessionId: string,
    body: SendMessageRequest,
    o?: CallOptions,
  ): Promise<SendMessageResult> {
    const clientMessageId = body.clientMessageId ?? newId();
    const raw = await this.#call<{ data: ChatMessage; reply?: ChatMessage | null }>(
      {
        method: 'POST',
        path: `chat/sessions/${id(sessionId)}/messages`,
        body: { ...body, clientMessageId },
        expect: 'raw',
        idempotent: true,
      },
      { idempotencyKey: clientMessageId, ...o },
    );
    return { message: raw.data, reply: raw.reply ?? null };
  }
  previewCommand(body: CommandPreviewRequest, o?: CallOptions): Promise<CommandPreview> {
    return this.#call({ method: 'POST', path: 'chat/commands/preview', body }, o);
  }
  sessionCommands(sessionId: string, o?: CallOptions): Promise<Execution[]> {
    return this.#call({ method: 'GET', path: `chat/sessions/${id(sessionId)}/commands`, expect: 'array' }, o);
  }
  /** The session's context; with `messageId`, the context a reply to that message resolves against. */
  getContext(sessionId: string, query: SessionContextQuery = {}, o?: CallOptions): Promise<ChatContext> {
    return this.#call({ method: 'GET', path: `chat/sessions/${id(sessionId)}/context`, query }, o);
  }
  clearContext(sessionId: string, o?: CallOptions): Promise<ChatContext> {
    return this.#call({ method: 'DELETE', path: `chat/sessions/${id(sessionId)}/context` }, o);
  }

  // NLP

  processQuery(body: NlpProcessRequest, o?: CallOptions): Promise<NlpResult> {
    return this.#call({ method: 'POST', path: 'nlp/process', body }, o);
  }
  validateCommand(command: string, o?: CallOptions): Promise<ValidationResult> {
    return this.#call({ method: 'POST', path: 'nlp/validate', body: { command } }, o);
  }
  classifyCommand(command: string, o?: CallOptions): Promise<Classification> {
    return this.#call({ method: 'POST', path: 'nlp/classify', body: { command } }, o);
  }
  providers(o?: CallOptions): Promise<Provider[]> {
    return this.#call({ method: 'GET', path: 'nlp/providers', expect: 'array' }, o);
  }
  nlpHealth(o?: CallOptions): Promise<{ status: string; message: string }> {
    return this.#call({ method: 'GET', path: 'nlp/health' }, o);
  }
  nlpMetrics(o?: CallOptions): Promise<NlpMetrics> {
    return this.#call({ method: 'GET', path: 'nlp/metrics' }, o);
  }

  // Commands

  /** Runs a command; the server deduplicates by Idempotency-Key, so a network failure is retried safely. */
  async execute(body: ExecuteRequest, o?: CallOptions): Promise<ExecuteResult> {
    const result = await this.#call<Execution | ApprovalWithExecution>(
      { method: 'POST', path: 'commands/execute', body, idempotent: true },
      o,
    );
    return 'command_execution_id' in result
      ? { kind: 'approval', approval: result }
      : { kind: 'execution', execution: result };
  }
  listExecutions(query: ListExecutionsQuery = {}, o?: CallOptions): Promise<ExecutionList> {
    return this.#call({ method: 'GET', path: 'commands/executions', query: { ...query } }, o);
  }
  /**
   * Streams the filtered executions as CSV, JSON or NDJSON. The body is read chunk by chunk and
   * `onProgress` hears bytes and rows as they arrive; the token, 401 replay and errors work as for every
   * other call.
   */
  async exportExecutions(query: ExportQuery, o: ExportOptions = {}): Promise<ExportResult> {
    const { onProgress, ...call } = o;
    const response = await this.#requester.send(
      { method: 'GET', path: 'commands/executions/export', query: { ...query } },
      call,
    );
    return readExport(response, query.format, onProgress);
  }
  /** One execution with its output and, when it needed one, its approval (who asked, who decided, when). */
  getExecution(executionId: string, o?: CallOptions): Promise<ExecutionDetail> {
    return this.#call({ method: 'GET', path: `commands/executions/${id(executionId)}` }, o);
  }
  cancelExecution(executionId: string, o?: CallOptions): Promise<Execution> {
    return this.#call({ method: 'POST', path: `commands/executions/${id(executionId)}/cancel` }, o);
  }
  approve(body: ApproveRequest, o?: CallOptions): Promise<Approval> {
    return this.#call({ method: 'POST', path: 'commands/approve', body }, o);
  }
  pendingApprovals(o?: CallOptions): Promise<Approval[]> {
    return this.#call({ method: 'GET', path: 'commands/approvals/pending', expect: 'array' }, o);
  }
  stats(query: StatsQuery = {}, o?: CallOptions): Promise<ExecutionStats> {
    return this.#call({ method: 'GET', path: 'commands/stats', query: { ...query } }, o);
  }
  /**
   * Names of one kind (any kubectl spelling; `namespaces` for namespaces) in a namespace, for completion.
   * Cluster-scoped kinds ignore the namespace; the server refuses dangerous reads (kube-system) with 403.
   */
  listNames(kind: string, namespace?: string | null, o?: CallOptions): Promise<ClusterNames> {
    return this.#call(
      { method: 'GET', path: 'cluster/names', query: { kind, ...(namespace ? { namespace } : {}) } },
      o,
    );
  }
  commandsHealth(o?: CallOptions): Promise<{ status: string; service: string; executor: string }> {
    return this.#call({ method: 'GET', path: 'commands/health', anonymous: true }, o);
  }

  // Rollback

  validateRollback(executionId: string, o?: CallOptions): Promise<RollbackValidation> {
    return this.#call({ method: 'GET', path: `commands/executions/${id(executionId)}/rollback/validate` }, o);
  }
  planRollback(executionId: string, o?: CallOptions): Promise<RollbackPlan> {
    return this.#call({ method: 'POST', path: `commands/executions/${id(executionId)}/rollback/plan` }, o);
  }
  executeRollbackPlan(planId: string, o?: CallOptions): Promise<RollbackExecution> {
    return this.#call({ method: 'POST', path: `rollback/plans/${id(planId)}/execute` }, o);
  }
  rollbackStatus(rollbackId: string, o?: CallOptions): Promise<RollbackStatus> {
    return this.#call({ method: 'GET', path: `rollback/executions/${id(rollbackId)}/status` }, o);
  }
}
