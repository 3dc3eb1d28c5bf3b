import type { Db } from '../db/database.js';

export interface AuditEntry {
  readonly actorId?: string | null;
  readonly actorUsername?: string | null;
  /** `auth.login`, `execution.create`, `approval.approve`, … */
  readonly action: string;
  readonly targetType?: string;
  readonly targetId?: string;
  readonly outcome: 'success' | 'failure' | 'denied';
  readonly detail?: Record<string, unknown>;
  readonly requestId?: string;
  readonly ip?: string;
}

/** The append-only audit log (the table refuses updates and deletes). */
export class AuditLog {
  readonly #insert;

  constructor(private readonly db: Db) {
    this.#insert = db.prepare(
      `INSERT INTO audit_log (at, actor_id, actor_username, action, target_type, target_id, outcome, detail_json, request_id, ip)
       VALUES (?,?,?,?,?,?,?,?,?,?)`,
    );
  }

  write(entry: AuditEntry): void {
    this.#insert.run(
      new Date().toISOString(),
      entry.actorId ?? null,
      entry.actorUsername ?? null,
      entry.action,
      entry.targetType ?? null,
      entry.targetId ?? null,
      entry.outcome,
      entry.detail ? JSON.stringify(entry.detail) : null,
      entry.requestId ?? null,
      entry.ip ?? null,
    );
  }

  recent(limit = 100): Record<string, unknown>[] {
    return this.db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(limit) as Record<
      string,
      unknown
    >[];
  }
}
