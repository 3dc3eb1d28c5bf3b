import type { Cluster, ClusterHooks } from '../cluster.js';
import type { Timer } from '../model.js';
import { reconcileDaemonSets } from './daemonsets.js';
import { reconcileDeployments } from './deployments.js';
import { collectGarbage, finalizeNamespace, reconcileNamespaces } from './garbage.js';
import { applyPodTimer, retryUnscheduledPods } from './pods.js';
import { reconcileStatefulSets } from './statefulsets.js';

/** Runs every controller until none has anything left to do (bounded, in case two ever disagree). */
export function reconcile(c: Cluster): void {
  for (let round = 0; round < 25; round++) {
    const before = c.mutations;
    collectGarbage(c);
    reconcileNamespaces(c);
    reconcileDeployments(c);
    reconcileStatefulSets(c);
    reconcileDaemonSets(c);
    retryUnscheduledPods(c);
    if (c.mutations === before) return;
  }
}

export function applyTimer(c: Cluster, timer: Timer): void {
  if (timer.action === 'namespace-finalize') finalizeNamespace(c, timer);
  else applyPodTimer(c, timer);
}

export const controllerHooks: Omit<ClusterHooks, 'persist'> = { reconcile, applyTimer };
