import { randomUUID } from 'node:crypto';
import type { RollbackPlan, RollbackStep } from '@k8s-chat/contract';
import type { Db } from '../db/database.js';
import type { ExecutionRow } from './execution-repository.js';

interface PlanRow {
  id: string;
  execution_id: string;
  user_id: string;
  steps_json: string;
  status: RollbackPlan['status'];
  rollback_execution_id: string | null;
  created_at: string;
  expires_at: string;
}

const PLAN_TTL_MS = 15 * 60_000;

/** Rollback plans: the steps shown to a person before they confirm a rollback. */
export class RollbackPlans {
  constructor(private readonly db: Db) {}

  create(
    execution: ExecutionRow,
    userId: string,
    steps: readonly RollbackStep[],
  ): Omit<RollbackPlan, 'validation'> {
    const now = new Date();
    const row: PlanRow = {
      id: randomUUID(),
      execution_id: execution.id,
      user_id: userId,
      steps_json: JSON.stringify(steps),
      status: 'planned',
      rollback_execution_id: null,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + PLAN_TTL_MS).toISOString(),
    };
    this.db
      .prepare(
        'INSERT INTO rollback_plans (id, execution_id, user_id, steps_json, status, rollback_execution_id, created_at, expires_at) VALUES (@id,@execution_id,@user_id,@steps_json,@status,@rollback_execution_id,@created_at,@expires_at)',
      )
      .run(row);
    return this.#toPlan(row, execution);
  }

  get(id: string): Omit<RollbackPlan, 'validation'> | null {
    const row = this.db.prepare('SELECT * FROM rollback_plans WHERE id = ?').get(id) as PlanRow | undefined;
    return row ? this.#toPlan(row) : null;
  }

  byExecution(rollbackExecutionId: string): Omit<RollbackPlan, 'validation'> | null {
    const row = this.db
      .prepare('SELECT * FROM rollback_plans WHERE rollback_execution_id = ?')
      .get(rollbackExecutionId) as PlanRow | undefined;
    return row ? this.#toPlan(row) : null;
  }

  started(id: string, rollbackExecutionId: string): void {
    this.db
      .prepare("UPDATE rollback_plans SET status = 'executing', rollback_execution_id = ? WHERE id = ?")
      .run(rollbackExecutionId, id);
  }

  #toPlan(row: PlanRow, execution?: ExecutionRow): Omit<RollbackPlan, 'validation'> {
    const original =
      execution ??
      (this.db.prepare('SELECT * FROM executions WHERE id = ?').get(row.execution_id) as ExecutionRow);
    const steps = JSON.parse(row.steps_json) as RollbackStep[];
    return {
      id: row.id,
      command_execution_id: row.execution_id,
      user_id: row.user_id,
      session_id: original.session_id,
      original_command: original.command,
      rollback_steps: steps,
      status: row.status,
      reason: `Restore what “${original.command}” changed.`,
      safety_level: 'warning',
      // Upstream reports durations in nanoseconds.
      estimated_duration: steps.length * 5 * 1e9,
      created_at: row.created_at,
      expires_at: row.expires_at,
    };
  }
}
