import { createHash, randomUUID } from 'node:crypto';
import type {
  Approval,
  ApproveRequest,
  Execution,
  ExecutionDetail,
  ExecutionStatus,
} from '@k8s-chat/contract';
import { FINAL_EXECUTION_STATUSES } from '@k8s-chat/contract';
import type { AccessClaims } from '../auth/tokens.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Executor, RollbackSnapshot } from '../executor/types.js';
import { ApiError } from '../http/errors.js';
import { formatCommandLine, parseKubectl, type ParsedKubectl } from '../kubectl/index.js';
import { OutputRedactor } from '../redaction/index.js';
import type { ClassifyPort, TopicPublisher } from '../ports.js';
import {
  toExecution,
  type ApprovalRow,
  type ExecutionFilter,
  type ExecutionRepository,
  type ExecutionRow,
} from './execution-repository.js';

export interface ExecutionServiceOptions {
  readonly repo: ExecutionRepository;
  readonly executor: Executor;
  readonly classify: ClassifyPort;
  readonly publisher: () => TopicPublisher | null;
  readonly audit: AuditLog;
  readonly usernames: (id: string) => string | null;
  readonly canReadSession: (sessionId: string, userId: string) => boolean;
  readonly verifyPassword: (userId: string, password: string) => Promise<boolean>;
  readonly commandTimeoutMs: number;
  readonly approvalTtlSeconds: number;
  readonly allowSelfApproval: boolean;
  readonly stepUpMaxAgeSeconds: number;
  /** Output kept per execution; beyond it the rest is dropped and the execution says so. */
  readonly maxOutputBytes?: number;
}

export type CreateResult =
  | { readonly kind: 'execution'; readonly execution: Execution; readonly replayed: boolean }
  | {
      readonly kind: 'approval';
      readonly approval: Approval & { execution: Execution };
      readonly replayed: boolean;
    };

const ACTIVE: readonly ExecutionStatus[] = ['pending', 'approved', 'executing'];
/** The fields of a new execution row that only its run fills in. */
function notStartedYet(now: string) {
  return {
    exit_code: null,
    output_bytes: 0,
    output_truncated: 0,
    error_message: null,
    snapshot_json: null,
    created_at: now,
    updated_at: now,
    approved_at: null,
    executed_at: null,
    completed_at: null,
    execution_time_ms: null,
  } satisfies Partial<ExecutionRow>;
}

export const digestOf = (argv: readonly string[]) =>
  createHash('sha256').update(JSON.stringify(argv)).digest('hex');

/**
 * Executions from request to result: classification, approvals bound to the exact argv, the runner that
 * streams output, cancel, and recovery after a restart. Every state change is audited and published.
 */
export class ExecutionService {
  readonly #running = new Map<string, AbortController>();
  readonly #done = new Map<string, Promise<void>>();
  readonly #maxOutput: number;

  constructor(private readonly o: ExecutionServiceOptions) {
    this.#maxOutput = o.maxOutputBytes ?? 1024 * 1024;
  }

  /** After a restart nothing is left running: mark what was in flight failed, expire old approvals. */
  recover(): number {
    const stuck = this.o.repo.inStatuses(ACTIVE);
    for (const row of stuck) {
      this.o.repo.update(row.id, {
        status: 'failed',
        completed_at: new Date().toISOString(),
        error_message:
          'The server restarted while this command was in progress, so it may have run only partly. Check the cluster state before running it again.',
      });
      this.o.audit.write({
        action: 'execution.recover',
        targetType: 'execution',
        targetId: row.id,
        outcome: 'failure',
      });
    }
    this.expireApprovals();
    return stuck.length;
  }

  /** Expires pending approvals past their deadline. */
  expireApprovals(now = new Date()): void {
    for (const approval of this.o.repo.pendingApprovals()) {
      if (new Date(approval.expires_at) > now) continue;
      if (!this.o.repo.decideApproval(approval.id, 'expired', null, 'Approval expired')) continue;
      const row = this.o.repo.transition(approval.execution_id, ['pending_approval'], 'rejected', {
        completed_at: now.toISOString(),
        error_message: 'The approval request expired before anyone decided. Ask again if it is still needed.',
      });
      this.o.audit.write({
        action: 'approval.expire',
        targetType: 'approval',
        targetId: approval.id,
        outcome: 'success',
      });
      this.#announceApproval(this.o.repo.approval(approval.id)!);
      if (row) this.#announce(row);
    }
  }

  canRead(row: ExecutionRow, user: AccessClaims): boolean {
    return (
      user.role === 'admin' ||
      row.user_id === user.userId ||
      (row.session_id !== null && this.o.canReadSession(row.session_id, user.userId))
    );
  }

  /** One execution with its output and its approval trail (who asked, who decided, when). */
  get(id: string, user: AccessClaims): ExecutionDetail {
    const row = this.o.repo.byId(id);
    if (!row || !this.canRead(row, user)) throw ApiError.notFound('The execution');
    const approval = row.approval_id ? this.o.repo.approval(row.approval_id) : undefined;
    return {
      ...toExecution(row, this.o.repo.output(id)),
      approval: approval ? this.o.repo.toApproval(approval, this.o.usernames) : null,
    };
  }

  forSession(sessionId: string): Execution[] {
    return this.o.repo.forSession(sessionId).map((row) => toExecution(row));
  }

  /** Everyone sees their own executions; admins see everyone's. */
  scope(user: AccessClaims, filter: ExecutionFilter): ExecutionFilter {
    return user.role === 'admin' ? filter : { ...filter, ownerId: user.userId };
  }

  async create(
    user: AccessClaims,
    request: {
      command: string;
      sessionId?: string | undefined;
      messageId?: string | undefined;
      idempotencyKey?: string | undefined;
      /** Runs the change with --dry-run=server: nothing changes, so no approval is needed. */
      dryRun?: boolean | undefined;
    },
    requestId: string,
  ): Promise<CreateResult> {
    if (request.idempotencyKey) {
      const existing = this.o.repo.byIdempotencyKey(user.userId, request.idempotencyKey);
      if (existing) return this.#resultFor(existing, true);
    }
    if (request.sessionId && !this.o.canReadSession(request.sessionId, user.userId))
      throw ApiError.notFound('The session');

    const decision = this.o.classify(request.command);
    if (!decision.is_valid || decision.blocked || !decision.argv) {
      this.o.audit.write({
        actorId: user.userId,
        actorUsername: user.username,
        action: 'execution.refuse',
        outcome: 'denied',
        detail: { command: request.command, errors: decision.errors },
        requestId,
      });
      throw ApiError.badRequest(
        'COMMAND_REFUSED',
        `This command cannot run: ${decision.errors.join(' ') || 'it is not a single kubectl command.'}`,
        { errors: decision.errors, reasons: decision.reasons },
      );
    }
    const dryRun = request.dryRun === true;
    if (dryRun && decision.level === 'safe') {
      throw ApiError.badRequest(
        'DRY_RUN_NOT_NEEDED',
        'This command only reads, so there is nothing to try out: run it.',
      );
    }
    const argv = dryRun
      ? [...decision.argv.filter((a) => !a.startsWith('--dry-run')), '--dry-run=server']
      : [...decision.argv];
    const parsed = parseKubectl(argv);
    const now = new Date().toISOString();
    const needsApproval = decision.level !== 'safe' && !dryRun;
    const row: ExecutionRow = {
      id: randomUUID(),
      user_id: user.userId,
      username: user.username,
      session_id: request.sessionId ?? null,
      message_id: request.messageId ?? null,
      command: dryRun ? formatCommandLine(argv) : request.command.trim(),
      argv_json: JSON.stringify(argv),
      digest: digestOf(argv),
      namespace: decision.impact?.namespace ?? parsed.namespace,
      resources_json: JSON.stringify(decision.impact?.resources ?? parsed.resources.map((r) => r.plural)),
      safety_level: decision.level,
      reasons_json: JSON.stringify(decision.reasons),
      warnings_json: JSON.stringify(decision.warnings),
      status: needsApproval ? 'pending_approval' : 'pending',
      dry_run: dryRun ? 1 : 0,
      executor: this.o.executor.name,
      target_json: JSON.stringify(this.o.executor.target()),
      approval_id: null,
      rollback_of: null,
      idempotency_key: request.idempotencyKey ?? null,
      ...notStartedYet(now),
    };
    let approval: ApprovalRow | null = null;
    if (needsApproval) {
      approval = {
        id: randomUUID(),
        execution_id: row.id,
        requested_by: user.userId,
        required_role: decision.level === 'dangerous' ? 'admin' : 'requester',
        status: 'pending',
        digest: row.digest,
        approved_by: null,
        reason: null,
        expires_at: new Date(Date.now() + this.o.approvalTtlSeconds * 1000).toISOString(),
        created_at: now,
        decided_at: null,
      };
      row.approval_id = approval.id;
    }
    this.o.repo.insert(row);
    if (approval) this.o.repo.insertApproval(approval);
    this.o.audit.write({
      actorId: user.userId,
      actorUsername: user.username,
      action: approval ? 'approval.request' : 'execution.create',
      targetType: 'execution',
      targetId: row.id,
      outcome: 'success',
      detail: { command: row.command, level: row.safety_level },
      requestId,
    });
    this.#announce(row);
    if (approval) {
      this.#announceApproval(approval);
      return this.#resultFor(row, false);
    }
    this.#start(row.id);
    return this.#resultFor(this.o.repo.byId(row.id)!, false);
  }

  async decide(user: AccessClaims, body: ApproveRequest, requestId: string): Promise<Approval> {
    const row = this.o.repo.byId(body.execution_id);
    if (!row || !this.canRead(row, user)) throw ApiError.notFound('The execution');
    const approval = this.o.repo.approvalForExecution(row.id);
    if (!approval) throw ApiError.conflict('NO_APPROVAL', 'This command did not need an approval.');
    const audit = (outcome: 'success' | 'denied', detail: Record<string, unknown>) =>
      this.o.audit.write({
        actorId: user.userId,
        actorUsername: user.username,
        action: `approval.${body.decision}`,
        targetType: 'execution',
        targetId: row.id,
        outcome,
        detail,
        requestId,
      });

    this.expireApprovals();
    const current = this.o.repo.approval(approval.id)!;
    if (current.status === 'expired') {
      audit('denied', { reason: 'expired' });
      throw ApiError.conflict(
        'APPROVAL_EXPIRED',
        'This approval request expired. Ask for the command again.',
      );
    }
    if (current.status !== 'pending') {
      audit('denied', { reason: 'already decided', status: current.status });
      throw ApiError.conflict('APPROVAL_ALREADY_DECIDED', `This request was already ${current.status}.`);
    }
    // The approval is bound to the exact argv: if what the approver saw differs from what would run, refuse.
    if (
      (body.command_digest && body.command_digest !== current.digest) ||
      digestOf(JSON.parse(row.argv_json) as string[]) !== current.digest
    ) {
      audit('denied', { reason: 'command changed' });
      throw ApiError.conflict(
        'COMMAND_CHANGED',
        'The command changed since it was shown to you. Review it again before deciding.',
      );
    }

    const isRequester = row.user_id === user.userId;
    if (body.decision === 'reject') {
      if (!isRequester && user.role !== 'admin') {
        audit('denied', { reason: 'not allowed' });
        throw ApiError.forbidden(
          'APPROVER_REQUIRED',
          'Only the requester or an administrator can reject this.',
        );
      }
    } else {
      this.#checkApprover(user, current, isRequester, audit);
      if (current.required_role === 'admin') await this.#checkStepUp(user, body.password, audit);
    }

    const status = body.decision === 'approve' ? 'approved' : 'rejected';
    const reason = body.reason?.trim() || null;
    if (!this.o.repo.decideApproval(current.id, status, user.userId, reason)) {
      throw ApiError.conflict('APPROVAL_ALREADY_DECIDED', 'Someone decided this request a moment ago.');
    }
    audit('success', { command: row.command });
    const decided = this.o.repo.approval(current.id)!;
    if (status === 'approved') {
      const approved = this.o.repo.transition(row.id, ['pending_approval'], 'approved', {
        approved_at: new Date().toISOString(),
      });
      this.#announceApproval(decided);
      if (approved) {
        this.#announce(approved);
        this.#start(row.id);
      }
    } else {
      const rejected = this.o.repo.transition(row.id, ['pending_approval'], 'rejected', {
        completed_at: new Date().toISOString(),
        error_message: `Command rejected${reason ? `: ${reason}` : ''}`,
      });
      this.#announceApproval(decided);
      if (rejected) this.#announce(rejected);
    }
    return this.o.repo.toApproval(decided, this.o.usernames);
  }

  #checkApprover(
    user: AccessClaims,
    approval: ApprovalRow,
    isRequester: boolean,
    audit: (o: 'denied', d: Record<string, unknown>) => void,
  ): void {
    if (approval.required_role === 'requester') {
      if (isRequester || user.role === 'admin') return;
      audit('denied', { reason: 'not the requester' });
      throw ApiError.forbidden(
        'APPROVER_REQUIRED',
        'Only the person who asked (or an administrator) can confirm this command.',
      );
    }
    if (user.role !== 'admin') {
      audit('denied', { reason: 'not an admin' });
      throw ApiError.forbidden(
        'ADMIN_APPROVAL_REQUIRED',
        'Dangerous commands need an administrator to approve them.',
      );
    }
    if (isRequester && !this.o.allowSelfApproval) {
      audit('denied', { reason: 'self approval' });
      throw ApiError.forbidden(
        'SELF_APPROVAL_FORBIDDEN',
        'You asked for this command, so another administrator has to approve it.',
      );
    }
  }

  async #checkStepUp(
    user: AccessClaims,
    password: string | undefined,
    audit: (o: 'denied', d: Record<string, unknown>) => void,
  ) {
    const fresh = Date.now() - user.authTime.getTime() <= this.o.stepUpMaxAgeSeconds * 1000;
    if (fresh) return;
    if (password && (await this.o.verifyPassword(user.userId, password))) return;
    audit('denied', { reason: 'step-up required' });
    throw ApiError.forbidden(
      'STEP_UP_REQUIRED',
      'Approving a dangerous command needs your password again. Enter it and approve once more.',
    );
  }

  cancel(id: string, user: AccessClaims, requestId: string): Execution {
    const row = this.o.repo.byId(id);
    if (!row || !this.canRead(row, user)) throw ApiError.notFound('The execution');
    if (row.user_id !== user.userId && user.role !== 'admin') {
      throw ApiError.forbidden(
        'NOT_YOUR_EXECUTION',
        'Only the person who ran this command or an administrator can cancel it.',
      );
    }
    if ((FINAL_EXECUTION_STATUSES as readonly string[]).includes(row.status)) {
      throw ApiError.conflict(
        'EXECUTION_FINISHED',
        `This command already ${row.status === 'completed' ? 'completed' : `ended (${row.status})`}.`,
      );
    }
    this.o.audit.write({
      actorId: user.userId,
      actorUsername: user.username,
      action: 'execution.cancel',
      targetType: 'execution',
      targetId: id,
      outcome: 'success',
      requestId,
    });
    const controller = this.#running.get(id);
    if (controller) {
      // The runner records 'cancelled' once the process has really stopped.
      controller.abort();
      return toExecution(this.o.repo.byId(id)!);
    }
    if (row.status === 'pending_approval' && row.approval_id) {
      this.o.repo.decideApproval(row.approval_id, 'rejected', user.userId, 'Cancelled by the requester');
      this.#announceApproval(this.o.repo.approval(row.approval_id)!);
    }
    const cancelled = this.o.repo.transition(id, ['pending', 'pending_approval', 'approved'], 'cancelled', {
      completed_at: new Date().toISOString(),
      error_message: 'Cancelled',
    });
    if (cancelled) this.#announce(cancelled);
    return toExecution(cancelled ?? this.o.repo.byId(id)!);
  }

  /** Resolves when the execution's runner has finished (tests, shutdown). */
  settled(id: string): Promise<void> {
    return this.#done.get(id) ?? Promise.resolve();
  }

  /** Stops every running command (server shutdown). */
  async stopAll(): Promise<void> {
    for (const controller of this.#running.values()) controller.abort();
    await Promise.all(this.#done.values());
  }

  #start(id: string): void {
    const done = this.#run(id).finally(() => this.#done.delete(id));
    this.#done.set(id, done);
  }

  async #run(id: string, rollback?: RollbackSnapshot): Promise<void> {
    const started = this.o.repo.transition(id, ['pending', 'approved'], 'executing', {
      executed_at: new Date().toISOString(),
    });
    if (!started) return;
    const controller = new AbortController();
    this.#running.set(id, controller);
    const argv = JSON.parse(started.argv_json) as string[];
    const topic = `execution:${id}`;
    const publisher = this.o.publisher();
    publisher?.publish(topic, 'executing', {
      command_id: id,
      execution_id: id,
      command: started.command,
      safety_level: started.safety_level,
      estimated_time: 'unknown',
      started_at: started.executed_at,
    });
    this.#announce(started);

    let offset = 0;
    let truncated = false;
    // Secrets never reach the database or a socket: each stream is redacted line by line on the way in.
    const parsed = parseKubectl(argv);
    const redactors = {
      stdout: new OutputRedactor({ readsSecrets: readsSecrets(parsed) }),
      stderr: new OutputRedactor({ readsSecrets: readsSecrets(parsed) }),
    };
    const emit = (stream: 'stdout' | 'stderr', redacted: string) => {
      if (truncated || redacted.length === 0) return;
      let content = redacted;
      if (offset + Buffer.byteLength(content) > this.#maxOutput) {
        content = `${content.slice(0, Math.max(0, this.#maxOutput - offset))}\n[output truncated: only the first ${this.#maxOutput} bytes are kept]\n`;
        truncated = true;
      }
      this.o.repo.appendOutput(id, offset, stream, content);
      this.o.publisher()?.publish(topic, 'output', {
        command_id: id,
        execution_id: id,
        content,
        stream,
        offset,
        timestamp: new Date().toISOString(),
      });
      offset += Buffer.byteLength(content);
    };
    const sink = {
      output: (chunk: string, stream: 'stdout' | 'stderr') => emit(stream, redactors[stream].push(chunk)),
      progress: (update: { percentage: number; stage: string; description: string }) => {
        this.o.publisher()?.publish(topic, 'progress', {
          command_id: id,
          execution_id: id,
          percentage: Math.max(0, Math.min(100, Math.round(update.percentage))),
          stage: update.stage,
          description: update.description,
          timestamp: new Date().toISOString(),
        });
      },
    };

    const startedAt = Date.now();
    let outcome;
    try {
      const base = { signal: controller.signal, timeoutMs: this.o.commandTimeoutMs, sink };
      outcome = rollback
        ? await this.o.executor.rollback!(rollback, base)
        : await this.o.executor.run({ ...base, argv, parsed });
    } catch (error) {
      outcome = {
        exitCode: 1,
        status: 'failed' as const,
        error: `The executor failed: ${(error as Error).message}`,
      };
    } finally {
      this.#running.delete(id);
      emit('stdout', redactors.stdout.flush());
      emit('stderr', redactors.stderr.flush());
    }
    const finished = this.o.repo.transition(id, ['executing'], outcome.status, {
      exit_code: outcome.exitCode,
      completed_at: new Date().toISOString(),
      execution_time_ms: Date.now() - startedAt,
      error_message:
        outcome.error ??
        (outcome.status === 'cancelled'
          ? 'Cancelled'
          : outcome.status === 'timeout'
            ? `Timed out after ${this.o.commandTimeoutMs} ms`
            : null),
      output_truncated: truncated ? 1 : 0,
      snapshot_json: outcome.snapshot ? JSON.stringify(outcome.snapshot) : null,
    });
    if (!finished) return;
    this.o.audit.write({
      actorId: finished.user_id,
      actorUsername: finished.username,
      action: 'execution.finish',
      targetType: 'execution',
      targetId: id,
      outcome: finished.status === 'completed' ? 'success' : 'failure',
      detail: { status: finished.status, exit_code: finished.exit_code },
    });
    this.o.publisher()?.publish(topic, 'result', {
      command_id: id,
      execution_id: id,
      success: finished.status === 'completed',
      status: finished.status,
      exit_code: finished.exit_code,
      ...(finished.error_message ? { error: finished.error_message } : {}),
      duration: `${((finished.execution_time_ms ?? 0) / 1000).toFixed(3)}s`,
      execution_result: { safety_level: finished.safety_level, stream_output: true },
      timestamp: finished.completed_at,
    });
    this.#announce(finished);
  }

  /** Starts the rollback of an execution's snapshot as a new execution of its own. */
  startRollback(original: ExecutionRow, user: AccessClaims, requestId: string): ExecutionRow {
    if (!original.snapshot_json || !this.o.executor.rollback)
      throw ApiError.conflict('ROLLBACK_UNAVAILABLE', 'There is nothing to roll back for this command.');
    const snapshot = JSON.parse(original.snapshot_json) as RollbackSnapshot;
    const now = new Date().toISOString();
    const row: ExecutionRow = {
      ...original,
      id: randomUUID(),
      user_id: user.userId,
      username: user.username,
      command: `rollback: ${original.command}`,
      argv_json: JSON.stringify([]),
      digest: createHash('sha256').update(original.snapshot_json).digest('hex'),
      safety_level: 'warning',
      reasons_json: JSON.stringify(['Restores the objects the original command changed.']),
      warnings_json: JSON.stringify([]),
      status: 'pending',
      approval_id: null,
      rollback_of: original.id,
      idempotency_key: null,
      ...notStartedYet(now),
    };
    this.o.repo.insert(row);
    this.o.audit.write({
      actorId: user.userId,
      actorUsername: user.username,
      action: 'rollback.execute',
      targetType: 'execution',
      targetId: original.id,
      outcome: 'success',
      detail: { rollback_execution_id: row.id },
      requestId,
    });
    this.#announce(row);
    const done = this.#run(row.id, snapshot).finally(() => this.#done.delete(row.id));
    this.#done.set(row.id, done);
    return row;
  }

  #resultFor(row: ExecutionRow, replayed: boolean): CreateResult {
    const execution = toExecution(row);
    if (row.approval_id) {
      const approval = this.o.repo.toApproval(this.o.repo.approval(row.approval_id)!, this.o.usernames);
      return { kind: 'approval', approval: { ...approval, execution }, replayed };
    }
    return { kind: 'execution', execution, replayed };
  }

  /** Publishes an execution's new state to its own topic, its owner and the admins' `commands` topic. */
  #announce(row: ExecutionRow): void {
    const publisher = this.o.publisher();
    if (!publisher) return;
    const execution = toExecution(row);
    publisher.publish(`execution:${row.id}`, 'execution', execution);
    publisher.publish(`user:${row.user_id}`, 'execution', execution);
    publisher.publish('commands', 'execution', execution);
  }

  #announceApproval(row: ApprovalRow): void {
    const publisher = this.o.publisher();
    if (!publisher) return;
    const approval = this.o.repo.toApproval(row, this.o.usernames);
    publisher.publish('approvals', 'approval', approval);
    publisher.publish(`execution:${row.execution_id}`, 'approval', approval);
    publisher.publish(`user:${row.requested_by}`, 'approval', approval);
  }

  pendingApprovals(user: AccessClaims): Approval[] {
    this.expireApprovals();
    return this.o.repo
      .pendingApprovals(user.role === 'admin' ? undefined : user.userId)
      .map((row) => this.o.repo.toApproval(row, this.o.usernames));
  }
}

/** Whether a command prints Secret objects, whose `data` values are then hidden even when not base64. */
function readsSecrets(parsed: ParsedKubectl): boolean {
  return (
    parsed.allResources ||
    parsed.resources.some((kind) => kind.plural === 'secrets') ||
    parsed.unknownResources.length > 0
  );
}
