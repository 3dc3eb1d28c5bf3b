import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  Approval,
  ApprovalWithExecution,
  ApproveRequest,
  ErrorBody,
  Execution,
  ExecutionDetail,
  ExecutionList,
  ExecutionStats,
  ExecuteRequest,
  ExportQuery,
  Id,
  ListExecutionsQuery,
  RollbackExecution,
  RollbackPlan,
  RollbackStatus,
  RollbackValidation,
  StatsQuery,
  type RollbackStep,
} from '@k8s-chat/contract';
import type { AppServices } from '../services.js';
import { ApiError } from '../http/errors.js';
import { caller } from '../http/auth-hooks.js';
import { structuredToCommand } from '../commands/structured-command.js';
import { toExecution, type ExecutionFilter } from '../commands/execution-repository.js';
import { exportStream, type ExportFormat } from '../commands/export.js';

const IdParams = Type.Object({ id: Id });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

const SINCE_UNITS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((v) => v.trim())
    .filter(Boolean);

function toFilter(q: Omit<ListExecutionsQuery, 'limit' | 'offset'>): ExecutionFilter {
  const since = q.since
    ? new Date(Date.now() - Number(q.since.slice(0, -1)) * SINCE_UNITS[q.since.slice(-1)]!).toISOString()
    : undefined;
  if (q.from && q.to && new Date(q.from) > new Date(q.to)) {
    throw ApiError.validation("'from' must be before 'to'.", [
      { field: 'from', message: "'from' date must be before 'to' date" },
    ]);
  }
  return {
    statuses: list(q.status),
    safetyLevels: list(q.safety_level),
    sessionId: q.session_id,
    userId: q.user_id,
    username: q.username,
    namespace: q.namespace,
    q: q.q,
    from: q.from ?? since,
    to: q.to,
  };
}

export function commandRoutes(app: FastifyInstance, s: AppServices): void {
  const { executions, executionRepo } = s;

  app.post<{ Body: ExecuteRequest }>(
    '/api/v1/commands/execute',
    {
      schema: {
        body: ExecuteRequest,
        headers: Type.Object({
          'idempotency-key': Type.Optional(Type.String({ pattern: IDEMPOTENCY_KEY.source })),
        }),
        tags: ['commands'],
        summary:
          'Run a kubectl command. Safe: 201 and runs. Warning or dangerous: 202 with the approval request.',
      },
      config: {
        role: 'user',
        responses: { 201: Execution, 202: ApprovalWithExecution, 200: Execution, ...errors },
      },
    },
    async (request, reply) => {
      const me = caller(request);
      const body = request.body;
      const command = typeof body.command === 'string' ? body.command : structuredToCommand(body.command);
      const key = request.headers['idempotency-key'];
      const result = await executions.create(
        me,
        {
          command,
          sessionId: body.session_id,
          messageId: body.message_id,
          dryRun: body.dry_run,
          idempotencyKey: typeof key === 'string' ? key : undefined,
        },
        request.id,
      );
      if (result.replayed) reply.header('idempotent-replay', 'true');
      if (result.kind === 'approval') {
        reply.status(202);
        return result.approval;
      }
      reply.status(201);
      return result.execution;
    },
  );

  app.get<{ Querystring: ListExecutionsQuery }>(
    '/api/v1/commands/executions',
    {
      schema: {
        querystring: ListExecutionsQuery,
        tags: ['commands'],
        summary: 'Executions, filtered, sorted and paged',
      },
      config: { responses: { 200: ExecutionList, ...errors } },
    },
    async (request) => {
      const me = caller(request);
      const { limit = 50, offset = 0, sort, ...rest } = request.query;
      if (rest.user_id && me.role !== 'admin' && rest.user_id !== me.userId) {
        throw ApiError.forbidden(
          'INSUFFICIENT_PERMISSIONS',
          "Only administrators can see other people's executions.",
        );
      }
      const { rows, total } = executionRepo.list(executions.scope(me, toFilter(rest)), {
        limit,
        offset,
        sort,
      });
      return {
        executions: rows.map((row) => toExecution(row)),
        pagination: { total, limit, offset, count: rows.length },
      };
    },
  );

  app.get<{ Querystring: ExportQuery }>(
    '/api/v1/commands/executions/export',
    {
      schema: {
        querystring: ExportQuery,
        tags: ['commands'],
        summary: 'Stream the filtered executions as CSV, JSON or NDJSON',
      },
      config: {
        responses: { 200: Type.Array(Execution), ...errors },
        content: {
          200: {
            'text/csv': Type.String({ description: 'One row per execution, with a header row.' }),
            'application/json': Type.Array(Execution),
            'application/x-ndjson': Type.String({ description: 'One execution per line.' }),
          },
        },
      },
    },
    async (request, reply) => {
      const me = caller(request);
      const { format, sort, ...rest } = request.query as ListExecutionsQuery & { format: ExportFormat };
      const filter = executions.scope(me, toFilter(rest));
      const total = executionRepo.count(filter);
      const type = {
        csv: 'text/csv; charset=utf-8',
        json: 'application/json; charset=utf-8',
        ndjson: 'application/x-ndjson; charset=utf-8',
      }[format];
      const rows = (function* () {
        for (const row of executionRepo.iterate(filter, sort)) yield toExecution(row);
      })();
      s.audit.write({
        actorId: me.userId,
        actorUsername: me.username,
        action: 'execution.export',
        outcome: 'success',
        detail: { format, total },
        requestId: request.id,
      });
      reply
        .header('content-type', type)
        .header(
          'content-disposition',
          `attachment; filename="kubechat-executions-${new Date().toISOString().slice(0, 10)}.${format}"`,
        )
        .header('x-total-count', String(total))
        .header('cache-control', 'no-store');
      return reply.send(exportStream(rows, format));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/commands/executions/:id',
    {
      schema: {
        params: IdParams,
        tags: ['commands'],
        summary: 'One execution with its output and approval trail',
      },
      config: { responses: { 200: ExecutionDetail, ...errors } },
    },
    async (request) => executions.get(request.params.id, caller(request)),
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/commands/executions/:id/cancel',
    {
      schema: {
        params: IdParams,
        tags: ['commands'],
        summary: 'Cancel a pending or running execution (the process is stopped)',
      },
      config: { role: 'user', responses: { 200: Execution, ...errors } },
    },
    async (request) => executions.cancel(request.params.id, caller(request), request.id),
  );

  app.post<{ Body: ApproveRequest }>(
    '/api/v1/commands/approve',
    {
      schema: {
        body: ApproveRequest,
        tags: ['commands'],
        summary: 'Approve or reject a command waiting for approval',
      },
      config: { role: 'user', responses: { 200: Approval, ...errors } },
    },
    async (request) => executions.decide(caller(request), request.body, request.id),
  );

  app.get(
    '/api/v1/commands/approvals/pending',
    {
      schema: {
        tags: ['commands'],
        summary: 'Pending approvals: all for admins, your own requests otherwise',
      },
      config: { responses: { 200: Type.Array(Approval), ...errors } },
    },
    async (request) => executions.pendingApprovals(caller(request)),
  );

  app.get<{
    Querystring: { from?: string; to?: string; user_id?: string; namespace?: string; buckets?: number };
  }>(
    '/api/v1/commands/stats',
    {
      schema: {
        querystring: StatsQuery,
        tags: ['commands'],
        summary: 'Totals, success rate, durations, top resources, a time series',
      },
      config: { responses: { 200: ExecutionStats, ...errors } },
    },
    async (request) => {
      const me = caller(request);
      const q = request.query;
      const to = q.to ? new Date(q.to) : new Date();
      const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * 86_400_000);
      if (from >= to)
        throw ApiError.validation("'from' must be before 'to'.", [
          { field: 'from', message: "'from' date must be before 'to' date" },
        ]);
      if (q.user_id && me.role !== 'admin' && q.user_id !== me.userId) {
        throw ApiError.forbidden(
          'INSUFFICIENT_PERMISSIONS',
          "Only administrators can see other people's statistics.",
        );
      }
      const filter = executions.scope(me, {
        userId: q.user_id,
        namespace: q.namespace,
        from: from.toISOString(),
        to: to.toISOString(),
      });
      const byStatus = executionRepo.groupCount(filter, 'status');
      const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
      const successful = byStatus.completed ?? 0;
      const failed = (byStatus.failed ?? 0) + (byStatus.timeout ?? 0) + (byStatus.cancelled ?? 0);
      const finished = successful + failed;
      const top = executionRepo.topResources(filter, 5);
      return {
        user_id: me.role === 'admin' ? (q.user_id ?? null) : me.userId,
        total_executions: total,
        successful_ones: successful,
        failed_ones: failed,
        pending_ones:
          (byStatus.pending ?? 0) +
          (byStatus.pending_approval ?? 0) +
          (byStatus.approved ?? 0) +
          (byStatus.executing ?? 0),
        success_rate: finished ? successful / finished : 0,
        average_time_ms: Math.round(executionRepo.averageDuration(filter)),
        most_used_resource: top[0]?.resource ?? '',
        top_resources: top,
        by_status: byStatus,
        by_safety_level: executionRepo.groupCount(filter, 'safety_level'),
        series: executionRepo.series(filter, from, to, q.buckets ?? 24),
        from: from.toISOString(),
        to: to.toISOString(),
      };
    },
  );

  app.get(
    '/api/v1/commands/health',
    {
      schema: { tags: ['commands'], summary: 'Executor health' },
      config: {
        public: true,
        responses: {
          200: Type.Object({ status: Type.String(), service: Type.String(), executor: Type.String() }),
        },
      },
    },
    async () => ({ status: 'healthy', service: 'command', executor: s.executor.name }),
  );

  // Rollback

  const rollbackable = (id: string, me: ReturnType<typeof caller>) => {
    const row = executionRepo.byId(id);
    if (!row || !executions.canRead(row, me)) throw ApiError.notFound('The execution');
    return row;
  };
  const validation = (row: NonNullable<ReturnType<typeof executionRepo.byId>>) => {
    const reasons: string[] = [];
    if (row.status !== 'completed')
      reasons.push(`Only completed commands can be rolled back; this one is ${row.status}.`);
    if (!row.snapshot_json)
      reasons.push(
        'This command changed nothing that can be restored (or ran on an executor without snapshots).',
      );
    if (row.rollback_of) reasons.push('This is itself a rollback.');
    return {
      execution_id: row.id,
      is_valid: reasons.length === 0,
      reasons,
      warnings: reasons.length
        ? []
        : [
            'Objects are restored to how they were right before the command ran; later changes to them are overwritten.',
          ],
      checked_at: new Date().toISOString(),
    };
  };

  app.get<{ Params: { id: string } }>(
    '/api/v1/commands/executions/:id/rollback/validate',
    {
      schema: { params: IdParams, tags: ['rollback'], summary: 'Can this execution be rolled back?' },
      config: { responses: { 200: RollbackValidation, ...errors } },
    },
    async (request) => validation(rollbackable(request.params.id, caller(request))),
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/commands/executions/:id/rollback/plan',
    {
      schema: {
        params: IdParams,
        tags: ['rollback'],
        summary: 'The steps that would restore what the execution changed',
      },
      config: { role: 'user', responses: { 201: RollbackPlan, ...errors } },
    },
    async (request, reply) => {
      const me = caller(request);
      const row = rollbackable(request.params.id, me);
      const check = validation(row);
      if (!check.is_valid) throw ApiError.conflict('ROLLBACK_UNAVAILABLE', check.reasons.join(' '), check);
      const steps = (JSON.parse(row.snapshot_json!) as { steps: RollbackStep[] }).steps;
      const plan = s.rollbackPlans.create(row, me.userId, steps);
      reply.status(201);
      return { ...plan, validation: check };
    },
  );

  app.post<{ Params: { planId: string } }>(
    '/api/v1/rollback/plans/:planId/execute',
    {
      schema: {
        params: Type.Object({ planId: Id }),
        tags: ['rollback'],
        summary: 'Run a rollback plan (after the person confirmed it)',
      },
      config: { role: 'user', responses: { 202: RollbackExecution, ...errors } },
    },
    async (request, reply) => {
      const me = caller(request);
      const plan = s.rollbackPlans.get(request.params.planId);
      if (!plan || (plan.user_id !== me.userId && me.role !== 'admin'))
        throw ApiError.notFound('The rollback plan');
      if (plan.status !== 'planned')
        throw ApiError.conflict('ROLLBACK_ALREADY_STARTED', `This plan is already ${plan.status}.`);
      if (new Date(plan.expires_at) < new Date())
        throw ApiError.conflict('ROLLBACK_PLAN_EXPIRED', 'This rollback plan expired. Create a new one.');
      const original = rollbackable(plan.command_execution_id, me);
      const run = executions.startRollback(original, me, request.id);
      s.rollbackPlans.started(plan.id, run.id);
      reply.status(202);
      return {
        id: run.id,
        plan_id: plan.id,
        user_id: me.userId,
        execution_id: run.id,
        status: 'executing' as const,
        started_at: run.created_at,
        completed_at: null,
        error: null,
      };
    },
  );

  app.get<{ Params: { rollbackId: string } }>(
    '/api/v1/rollback/executions/:rollbackId/status',
    {
      schema: {
        params: Type.Object({ rollbackId: Id }),
        tags: ['rollback'],
        summary: 'Progress of a rollback',
      },
      config: { responses: { 200: RollbackStatus, ...errors } },
    },
    async (request) => {
      const run = executions.get(request.params.rollbackId, caller(request));
      if (!run.rollback_of) throw ApiError.notFound('The rollback');
      const plan = s.rollbackPlans.byExecution(run.id);
      const total = plan?.rollback_steps.length ?? 0;
      const done = run.status === 'completed';
      return {
        rollback_id: run.id,
        status: run.status,
        started_at: run.executed_at ?? run.created_at,
        completed_at: run.completed_at,
        progress: done ? 100 : run.status === 'executing' ? 50 : 0,
        current_step: done ? total : Math.min(1, total),
        total_steps: total,
        error: run.error_message,
      };
    },
  );
}
