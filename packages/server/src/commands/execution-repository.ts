import type { Approval, ApprovalStatus, Execution, ExecutionStatus, SafetyLevel } from '@k8s-chat/contract';
import { EXECUTION_SORT_FIELDS } from '@k8s-chat/contract';
import type { Db } from '../db/database.js';

export interface ExecutionRow {
  id: string;
  user_id: string;
  username: string;
  session_id: string | null;
  message_id: string | null;
  command: string;
  argv_json: string;
  digest: string;
  namespace: string | null;
  resources_json: string;
  safety_level: SafetyLevel;
  reasons_json: string;
  warnings_json: string;
  status: ExecutionStatus;
  dry_run: number;
  executor: string;
  target_json: string;
  approval_id: string | null;
  rollback_of: string | null;
  idempotency_key: string | null;
  exit_code: number | null;
  output_bytes: number;
  output_truncated: number;
  error_message: string | null;
  snapshot_json: string | null;
  created_at: string;
  updated_at: string;
  approved_at: string | null;
  executed_at: string | null;
  completed_at: string | null;
  execution_time_ms: number | null;
}

export interface ApprovalRow {
  id: string;
  execution_id: string;
  requested_by: string;
  required_role: 'requester' | 'admin';
  status: ApprovalStatus;
  digest: string;
  approved_by: string | null;
  reason: string | null;
  expires_at: string;
  created_at: string;
  decided_at: string | null;
}

/** Filters shared by the list, the export and the stats. */
export interface ExecutionFilter {
  /** Restricts to one user's executions (everyone but admins). */
  ownerId?: string | undefined;
  statuses?: readonly string[] | undefined;
  safetyLevels?: readonly string[] | undefined;
  sessionId?: string | undefined;
  userId?: string | undefined;
  username?: string | undefined;
  namespace?: string | undefined;
  q?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export const toExecution = (row: ExecutionRow, output?: string): Execution => ({
  id: row.id,
  user_id: row.user_id,
  username: row.username,
  session_id: row.session_id,
  message_id: row.message_id,
  command: row.command,
  argv: JSON.parse(row.argv_json) as string[],
  command_digest: row.digest,
  namespace: row.namespace,
  resources: JSON.parse(row.resources_json) as string[],
  safety_level: row.safety_level,
  reasons: JSON.parse(row.reasons_json) as string[],
  warnings: JSON.parse(row.warnings_json) as string[],
  status: row.status,
  dry_run: row.dry_run === 1,
  executor: row.executor,
  target: JSON.parse(row.target_json) as { cluster: string; context: string },
  approval_id: row.approval_id,
  rollback_of: row.rollback_of,
  exit_code: row.exit_code,
  ...(output !== undefined ? { output, output_truncated: row.output_truncated === 1 } : {}),
  error_message: row.error_message,
  created_at: row.created_at,
  updated_at: row.updated_at,
  approved_at: row.approved_at,
  executed_at: row.executed_at,
  completed_at: row.completed_at,
  execution_time_ms: row.execution_time_ms,
  rollback_available: row.snapshot_json !== null && row.status === 'completed',
});

const SORTABLE: ReadonlySet<string> = new Set(EXECUTION_SORT_FIELDS);

export class ExecutionRepository {
  constructor(private readonly db: Db) {}

  insert(row: ExecutionRow): void {
    const columns = Object.keys(row);
    this.db
      .prepare(
        `INSERT INTO executions (${columns.join(',')}) VALUES (${columns.map((c) => '@' + c).join(',')})`,
      )
      .run(row);
  }

  byId(id: string): ExecutionRow | undefined {
    return this.db.prepare('SELECT * FROM executions WHERE id = ?').get(id) as ExecutionRow | undefined;
  }

  byIdempotencyKey(userId: string, key: string): ExecutionRow | undefined {
    return this.db
      .prepare('SELECT * FROM executions WHERE user_id = ? AND idempotency_key = ?')
      .get(userId, key) as ExecutionRow | undefined;
  }

  /** Applies changes and bumps updated_at; returns the new row. */
  update(id: string, changes: Partial<ExecutionRow>): ExecutionRow {
    const entries = Object.entries({ ...changes, updated_at: new Date().toISOString() });
    this.db
      .prepare(`UPDATE executions SET ${entries.map(([k]) => `${k} = ?`).join(', ')} WHERE id = ?`)
      .run(...entries.map(([, v]) => v), id);
    return this.byId(id)!;
  }

  /** Moves to `to` only if the execution is still in one of `from`; false when another path won the race. */
  transition(
    id: string,
    from: readonly ExecutionStatus[],
    to: ExecutionStatus,
    changes: Partial<ExecutionRow> = {},
  ): ExecutionRow | null {
    const entries = Object.entries({ ...changes, status: to, updated_at: new Date().toISOString() });
    const result = this.db
      .prepare(
        `UPDATE executions SET ${entries.map(([k]) => `${k} = ?`).join(', ')} WHERE id = ? AND status IN (${from.map(() => '?').join(',')})`,
      )
      .run(...entries.map(([, v]) => v), id, ...from);
    return result.changes === 1 ? this.byId(id)! : null;
  }

  appendOutput(id: string, offset: number, stream: string, content: string): void {
    this.db
      .prepare('INSERT INTO execution_output (execution_id, offset, stream, content, at) VALUES (?,?,?,?,?)')
      .run(id, offset, stream, content, new Date().toISOString());
    this.db
      .prepare('UPDATE executions SET output_bytes = ? WHERE id = ?')
      .run(offset + Buffer.byteLength(content), id);
  }

  output(id: string): string {
    const rows = this.db
      .prepare('SELECT content FROM execution_output WHERE execution_id = ? ORDER BY offset')
      .all(id) as { content: string }[];
    return rows.map((r) => r.content).join('');
  }

  forSession(sessionId: string): ExecutionRow[] {
    return this.db
      .prepare('SELECT * FROM executions WHERE session_id = ? ORDER BY created_at')
      .all(sessionId) as ExecutionRow[];
  }

  inStatuses(statuses: readonly ExecutionStatus[]): ExecutionRow[] {
    return this.db
      .prepare(`SELECT * FROM executions WHERE status IN (${statuses.map(() => '?').join(',')})`)
      .all(...statuses) as ExecutionRow[];
  }

  #where(filter: ExecutionFilter): { sql: string; args: unknown[] } {
    const where: string[] = [];
    const args: unknown[] = [];
    const inList = (column: string, values: readonly string[]) => {
      where.push(`${column} IN (${values.map(() => '?').join(',')})`);
      args.push(...values);
    };
    if (filter.ownerId) {
      where.push('user_id = ?');
      args.push(filter.ownerId);
    }
    if (filter.statuses?.length) inList('status', filter.statuses);
    if (filter.safetyLevels?.length) inList('safety_level', filter.safetyLevels);
    for (const [column, value] of [
      ['session_id', filter.sessionId],
      ['user_id', filter.userId],
      ['namespace', filter.namespace],
    ] as const) {
      if (value) {
        where.push(`${column} = ?`);
        args.push(value);
      }
    }
    if (filter.username) {
      where.push('username = ? COLLATE NOCASE');
      args.push(filter.username);
    }
    if (filter.q) {
      where.push(
        "(command LIKE ? ESCAPE '\\' OR username LIKE ? ESCAPE '\\' OR namespace LIKE ? ESCAPE '\\')",
      );
      const like = `%${filter.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      args.push(like, like, like);
    }
    if (filter.from) {
      where.push('created_at >= ?');
      args.push(new Date(filter.from).toISOString());
    }
    if (filter.to) {
      where.push('created_at <= ?');
      args.push(new Date(filter.to).toISOString());
    }
    return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', args };
  }

  #order(sort: string | undefined): string {
    const desc = !sort || sort.startsWith('-');
    const field = sort?.replace(/^-/, '') ?? 'created_at';
    const column = SORTABLE.has(field) ? field : 'created_at';
    // A stable tie-breaker keeps paging consistent while rows arrive.
    return `ORDER BY ${column} ${desc ? 'DESC' : 'ASC'}, id ${desc ? 'DESC' : 'ASC'}`;
  }

  list(
    filter: ExecutionFilter,
    page: { limit: number; offset: number; sort?: string | undefined },
  ): { rows: ExecutionRow[]; total: number } {
    const { sql, args } = this.#where(filter);
    const total = (
      this.db.prepare(`SELECT COUNT(*) AS n FROM executions ${sql}`).get(...args) as { n: number }
    ).n;
    const rows = this.db
      .prepare(`SELECT * FROM executions ${sql} ${this.#order(page.sort)} LIMIT ? OFFSET ?`)
      .all(...args, page.limit, page.offset) as ExecutionRow[];
    return { rows, total };
  }

  /** Streams every matching row without loading them all (for exports). */
  *iterate(filter: ExecutionFilter, sort?: string): IterableIterator<ExecutionRow> {
    const { sql, args } = this.#where(filter);
    yield* this.db
      .prepare(`SELECT * FROM executions ${sql} ${this.#order(sort)}`)
      .iterate(...args) as IterableIterator<ExecutionRow>;
  }

  count(filter: ExecutionFilter): number {
    const { sql, args } = this.#where(filter);
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM executions ${sql}`).get(...args) as { n: number }).n;
  }

  groupCount(filter: ExecutionFilter, column: 'status' | 'safety_level'): Record<string, number> {
    const { sql, args } = this.#where(filter);
    const rows = this.db
      .prepare(`SELECT ${column} AS k, COUNT(*) AS n FROM executions ${sql} GROUP BY ${column}`)
      .all(...args) as { k: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.k, r.n]));
  }

  averageDuration(filter: ExecutionFilter): number {
    const { sql, args } = this.#where({ ...filter, statuses: ['completed'] });
    const row = this.db
      .prepare(`SELECT AVG(execution_time_ms) AS avg FROM executions ${sql}`)
      .get(...args) as { avg: number | null };
    return row.avg ?? 0;
  }

  topResources(filter: ExecutionFilter, limit: number): { resource: string; count: number }[] {
    const { sql, args } = this.#where(filter);
    return this.db
      .prepare(
        `SELECT j.value AS resource, COUNT(*) AS count FROM executions, json_each(executions.resources_json) j ${sql}
          GROUP BY j.value ORDER BY count DESC, resource LIMIT ?`,
      )
      .all(...args, limit) as { resource: string; count: number }[];
  }

  series(
    filter: ExecutionFilter,
    from: Date,
    to: Date,
    buckets: number,
  ): { start: string; end: string; total: number; failed: number }[] {
    const { sql, args } = this.#where(filter);
    const span = Math.max(1, to.getTime() - from.getTime());
    const size = span / buckets;
    const result = Array.from({ length: buckets }, (_, i) => ({
      start: new Date(from.getTime() + i * size).toISOString(),
      end: new Date(from.getTime() + (i + 1) * size).toISOString(),
      total: 0,
      failed: 0,
    }));
    const rows = this.db.prepare(`SELECT created_at, status FROM executions ${sql}`).all(...args) as {
      created_at: string;
      status: string;
    }[];
    for (const row of rows) {
      const index = Math.min(
        buckets - 1,
        Math.floor((new Date(row.created_at).getTime() - from.getTime()) / size),
      );
      if (index < 0) continue;
      result[index]!.total++;
      if (row.status === 'failed' || row.status === 'timeout') result[index]!.failed++;
    }
    return result;
  }

  // Approvals

  insertApproval(row: ApprovalRow): void {
    const columns = Object.keys(row);
    this.db
      .prepare(
        `INSERT INTO approvals (${columns.join(',')}) VALUES (${columns.map((c) => '@' + c).join(',')})`,
      )
      .run(row);
  }

  approval(id: string): ApprovalRow | undefined {
    return this.db.prepare('SELECT * FROM approvals WHERE id = ?').get(id) as ApprovalRow | undefined;
  }

  approvalForExecution(executionId: string): ApprovalRow | undefined {
    return this.db.prepare('SELECT * FROM approvals WHERE execution_id = ?').get(executionId) as
      ApprovalRow | undefined;
  }

  decideApproval(
    id: string,
    status: ApprovalStatus,
    approvedBy: string | null,
    reason: string | null,
  ): boolean {
    return (
      this.db
        .prepare(
          "UPDATE approvals SET status = ?, approved_by = ?, reason = ?, decided_at = ? WHERE id = ? AND status = 'pending'",
        )
        .run(status, approvedBy, reason, new Date().toISOString(), id).changes === 1
    );
  }

  pendingApprovals(requesterId?: string): ApprovalRow[] {
    return (
      requesterId
        ? this.db
            .prepare(
              "SELECT * FROM approvals WHERE status = 'pending' AND requested_by = ? ORDER BY created_at",
            )
            .all(requesterId)
        : this.db.prepare("SELECT * FROM approvals WHERE status = 'pending' ORDER BY created_at").all()
    ) as ApprovalRow[];
  }

  toApproval(row: ApprovalRow, usernames: (id: string) => string | null): Approval {
    const execution = this.byId(row.execution_id)!;
    return {
      id: row.id,
      command_execution_id: row.execution_id,
      requested_by_user_id: row.requested_by,
      requested_by: usernames(row.requested_by) ?? execution.username,
      approved_by_user_id: row.approved_by,
      approved_by: row.approved_by ? usernames(row.approved_by) : null,
      status: row.status,
      reason: row.reason,
      required_role: row.required_role,
      command: execution.command,
      command_digest: row.digest,
      safety_level: execution.safety_level,
      expires_at: row.expires_at,
      created_at: row.created_at,
      decided_at: row.decided_at,
    };
  }
}
