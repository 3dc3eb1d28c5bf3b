/**
 * How a mutating command follows its change to the end: it subscribes to the cluster before it
 * mutates, prints each pod's status as it changes (`pod/api-… Pending`, `… ContainerCreating`,
 * `… Running`, `… Terminating`, `… deleted`), reports progress from the same state (ready pods of
 * the new template, old pods still to go), and returns once the workloads have converged — or at
 * once when the run is cancelled or times out.
 */
import type { Change, Cluster } from '../cluster.js';
import { newReplicaSet } from '../controllers/deployments.js';
import { daemonSetHash } from '../controllers/daemonsets.js';
import { podsOf } from '../controllers/pods.js';
import { statefulSetRevision } from '../controllers/statefulsets.js';
import { PLURAL_OF_KIND, controllerOf, type Pod, type ReplicaSet } from '../model.js';
import { isReady, isTerminating, podDisplayStatus } from '../pod-status.js';
import type { WaitResult } from '../run-io.js';
import { eventsFor } from '../format/describe/index.js';
import { desiredPods, workloadPods, workloadSettled, type Workload } from '../workloads.js';
import type { CommandContext } from './context.js';

export interface WorkloadRef {
  readonly kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  readonly namespace: string;
  readonly name: string;
}

export function refOf(workload: Workload): WorkloadRef {
  return { kind: workload.kind, namespace: workload.metadata.namespace!, name: workload.metadata.name };
}

export function findWorkload(c: Cluster, ref: WorkloadRef): Workload | undefined {
  return c.get<Workload>(PLURAL_OF_KIND[ref.kind]!, ref.namespace, ref.name);
}

/** The Deployment, StatefulSet or DaemonSet a pod belongs to, if any. */
export function workloadOfPod(c: Cluster, pod: Pod): WorkloadRef | null {
  const owner = controllerOf(pod);
  const namespace = pod.metadata.namespace!;
  if (!owner) return null;
  if (owner.kind === 'StatefulSet' || owner.kind === 'DaemonSet') {
    return { kind: owner.kind, namespace, name: owner.name };
  }
  if (owner.kind !== 'ReplicaSet') return null;
  const rs = c.get<ReplicaSet>('replicasets', namespace, owner.name);
  const dep = rs && controllerOf(rs);
  return dep?.kind === 'Deployment' ? { kind: 'Deployment', namespace, name: dep.name } : null;
}

const sameRef = (a: WorkloadRef, b: WorkloadRef): boolean =>
  a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;

/** Pods of the workload that run its current template and are ready. */
function updatedReady(c: Cluster, workload: Workload): number {
  let pods: Pod[];
  if (workload.kind === 'Deployment') {
    const rs = newReplicaSet(c, workload);
    pods = rs ? podsOf(c, rs) : [];
  } else {
    const revision =
      workload.kind === 'StatefulSet' ? statefulSetRevision(workload) : daemonSetHash(workload);
    pods = podsOf(c, workload).filter((p) => p.metadata.labels?.['controller-revision-hash'] === revision);
  }
  return pods.filter(isReady).length;
}

export interface SettlePlan {
  /** Progress stage: `scaling`, `rolling out`, `deleting`, `draining`, `restoring`. */
  readonly stage: string;
  /** Workloads that must converge. */
  readonly targets: readonly WorkloadRef[];
  /** Pods that must be gone (deleted, evicted, or in a namespace being deleted). */
  readonly gone?: ReadonlySet<string>;
  /** The word printed when one of `gone` disappears. */
  readonly goneWord?: string;
  /** Called once when one of `gone` disappears (drain prints `pod/x evicted`). */
  readonly onGone?: (pod: Pod) => void;
  /** A further condition, e.g. the namespace itself is gone. */
  readonly alsoDone?: () => boolean;
  /** Gives up after this much cluster time (rollout status --timeout). */
  readonly maxMs?: number;
}

/**
 * Runs `mutate` (which changes the cluster and prints kubectl's own line, without committing), then
 * narrates and waits until the plan is met. Returns how the wait ended.
 */
export async function settle(ctx: CommandContext, plan: SettlePlan, mutate: () => void): Promise<WaitResult> {
  const { cluster: c, io } = ctx;
  const printed = new Map<string, string>();
  const followed = new Set<string>();
  const gone = new Set<string>();
  let maxExcess = 0;

  const relevant = (pod: Pod): boolean => {
    if (followed.has(pod.metadata.uid) || plan.gone?.has(pod.metadata.uid)) return true;
    const ref = workloadOfPod(c, pod);
    return ref !== null && plan.targets.some((t) => sameRef(t, ref));
  };
  // What the pods look like before the change is not news; only what changes is printed.
  for (const pod of c.list<Pod>('pods')) {
    if (relevant(pod)) {
      followed.add(pod.metadata.uid);
      printed.set(pod.metadata.uid, podDisplayStatus(pod));
    }
  }

  const measure = (): { done: number; total: number; description: string } => {
    let done = 0;
    let total = 0;
    let excess = 0;
    let terminating = 0;
    const parts: string[] = [];
    for (const ref of plan.targets) {
      const workload = findWorkload(c, ref);
      if (!workload) continue;
      const desired = desiredPods(c, workload);
      const ready = Math.min(updatedReady(c, workload), desired);
      const pods = workloadPods(c, workload);
      excess += Math.max(0, pods.length - desired);
      terminating += pods.filter(isTerminating).length;
      done += ready;
      total += desired;
      parts.push(
        plan.targets.length > 1 ? `${ref.name} ${ready}/${desired}` : `${ready}/${desired} pods ready`,
      );
    }
    maxExcess = Math.max(maxExcess, excess);
    done += maxExcess - excess;
    total += maxExcess;
    if (plan.gone?.size) {
      done += gone.size;
      total += plan.gone.size;
      parts.push(`${gone.size}/${plan.gone.size} pods ${plan.goneWord ?? 'deleted'}`);
    }
    if (terminating > 0) parts.push(`${terminating} pod${terminating > 1 ? 's' : ''} terminating`);
    return { done, total, description: parts.join(', ') || 'nothing to wait for' };
  };

  const isDone = (): boolean =>
    plan.targets.every((ref) => {
      const workload = findWorkload(c, ref);
      return workload ? workloadSettled(c, workload) : true;
    }) &&
    (!plan.gone || [...plan.gone].every((uid) => gone.has(uid) || !podExists(c, uid))) &&
    (plan.alsoDone?.() ?? true);

  const report = (): void => {
    const { done, total, description } = measure();
    const pct = total ? (100 * done) / total : 0;
    io.progress(isDone() ? 100 : Math.min(99, pct), plan.stage, description);
  };

  const onChanges = (changes: readonly Change[]): void => {
    for (const change of changes) {
      if (change.plural !== 'pods') continue;
      const pod = change.object as Pod;
      const uid = pod.metadata.uid;
      if (!relevant(pod)) continue;
      followed.add(uid);
      if (change.type === 'deleted') {
        if (printed.get(uid) === 'gone') continue;
        printed.set(uid, 'gone');
        if (plan.gone?.has(uid)) {
          gone.add(uid);
          if (plan.onGone) plan.onGone(pod);
          else io.out(`pod/${pod.metadata.name} ${plan.goneWord ?? 'deleted'}`);
        } else io.out(`pod/${pod.metadata.name} deleted`);
        continue;
      }
      const status = podDisplayStatus(pod);
      if (printed.get(uid) !== status) {
        printed.set(uid, status);
        io.out(`pod/${pod.metadata.name} ${status}`);
      }
    }
    report();
  };

  /**
   * Nothing left to happen: every change in the simulation is a timer, so when none is pending for
   * the pods followed (and no namespace is being finalized) the cluster will not get there on its own
   * — typically pods nobody can schedule because every node is cordoned.
   */
  const stuck = (): boolean => {
    if (isDone()) return false;
    const pods = c.list<Pod>('pods').filter(relevant);
    return !c.state.timers.some(
      (t) => t.action === 'namespace-finalize' || pods.some((p) => p.metadata.uid === t.uid),
    );
  };

  const watch = io.watch(onChanges);
  try {
    mutate();
    c.commit();
    report();
    const result = await watch.until(() => isDone() || stuck(), plan.maxMs);
    if (result === 'done' && !isDone()) reportStuck(ctx, c.list<Pod>('pods').filter(relevant));
    return result;
  } finally {
    watch.close();
  }
}

/** Says why the wait ended early, the way the scheduler explains it in the pod's events. */
function reportStuck(ctx: CommandContext, pods: readonly Pod[]): void {
  const pending = pods.filter((p) => !p.spec.nodeName && !isTerminating(p));
  if (!pending.length) {
    ctx.io.err('Warning: the change is applied but has stopped progressing');
    return;
  }
  const reason = eventsFor(ctx.cluster, pending[0]!)
    .reverse()
    .find((e) => e.reason === 'FailedScheduling')?.message;
  ctx.io.err(
    `Warning: ${pending.length} pod${pending.length > 1 ? 's' : ''} cannot be scheduled${reason ? `: ${reason}` : ''}`,
  );
}

function podExists(c: Cluster, uid: string): boolean {
  return c.list<Pod>('pods').some((p) => p.metadata.uid === uid);
}
