import type { Cluster } from '../cluster.js';
import type { Condition, KubeObject } from '../model.js';

/** Deep equality of JSON values, without serializing (this is the hot path of every reconcile). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let count = 0;
  for (const key in x) {
    if (x[key] === undefined) continue;
    count++;
    if (!sameJson(x[key], y[key])) return false;
  }
  for (const key in y) if (y[key] !== undefined) count--;
  return count === 0;
}

/** Writes a status only when it changed, so the reconcile loop reaches a fixed point. */
export function setStatus<T extends KubeObject & { status: object }>(
  c: Cluster,
  obj: T,
  status: T['status'],
): void {
  if (sameJson(obj.status, status)) return;
  obj.status = status;
  c.update(obj);
}

/** A condition that keeps its timestamps while its status and reason stay the same. */
export function keepCondition(
  c: Cluster,
  previous: readonly Condition[] | undefined,
  next: Omit<Condition, 'lastTransitionTime' | 'lastUpdateTime'>,
): Condition {
  const old = previous?.find((k) => k.type === next.type);
  if (old && old.status === next.status && old.reason === next.reason && old.message === next.message)
    return old;
  const now = c.timestamp();
  return {
    ...next,
    lastUpdateTime: now,
    lastTransitionTime: old && old.status === next.status ? old.lastTransitionTime : now,
  };
}

/** Bumps `metadata.generation` after a spec change, as the API server does. */
export function bumpGeneration(obj: KubeObject): void {
  obj.metadata.generation = (obj.metadata.generation ?? 1) + 1;
}
