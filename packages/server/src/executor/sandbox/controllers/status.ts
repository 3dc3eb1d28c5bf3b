import type { Cluster } from '../cluster.js';
import type { Condition, KubeObject } from '../model.js';

/**
 * Writes a status only when it changed, so the reconcile loop reaches a fixed point. Statuses are
 * built with a fixed key order, so plain JSON compares them (and it is the hot path of reconcile).
 */
export function setStatus<T extends KubeObject & { status: object }>(
  c: Cluster,
  obj: T,
  status: T['status'],
): void {
  if (JSON.stringify(obj.status) === JSON.stringify(status)) return;
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
