/**
 * Deployment and ReplicaSet controllers. A Deployment owns one ReplicaSet per pod template (named after
 * the template hash); a rollout scales the new one up and the old ones down within maxSurge /
 * maxUnavailable (25 % each, so small deployments replace one pod at a time), and keeps old
 * ReplicaSets at zero replicas as the revision history `rollout undo` goes back to.
 */
import type { Cluster } from '../cluster.js';
import { clone, ownerReference, type Deployment, type Pod, type ReplicaSet } from '../model.js';
import { isFinished, isReady, isTerminating } from '../pod-status.js';
import { templateHash } from '../random.js';
import { createPod, deletePod, podsOf } from './pods.js';
import { keepCondition, setStatus } from './status.js';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';

export function revisionOf(rs: ReplicaSet): number {
  return Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? 0);
}

export function replicaSetsOf(c: Cluster, dep: Deployment): ReplicaSet[] {
  return c
    .controlledBy<ReplicaSet>('replicasets', dep.metadata.uid)
    .sort((a, b) => revisionOf(a) - revisionOf(b));
}

/** The template with the label the controller adds; hashing it gives the ReplicaSet's name. */
export function deploymentHash(dep: Deployment): string {
  return templateHash(dep.spec.template);
}

/** The ReplicaSet that runs the deployment's current template, if it exists yet. */
export function newReplicaSet(c: Cluster, dep: Deployment): ReplicaSet | undefined {
  const hash = deploymentHash(dep);
  return replicaSetsOf(c, dep).find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
}

/** Pods of all the deployment's ReplicaSets. */
export function deploymentPods(c: Cluster, dep: Deployment): Pod[] {
  return replicaSetsOf(c, dep).flatMap((rs) => podsOf(c, rs));
}

export function rollingLimits(desired: number): { surge: number; unavailable: number } {
  const surge = Math.ceil(desired * 0.25);
  const unavailable = Math.floor(desired * 0.25);
  return surge === 0 && unavailable === 0 ? { surge: 0, unavailable: 1 } : { surge, unavailable };
}

function setReplicas(c: Cluster, dep: Deployment, rs: ReplicaSet, replicas: number): void {
  const from = rs.spec.replicas;
  if (from === replicas) return;
  rs.spec.replicas = replicas;
  rs.metadata.annotations = {
    ...rs.metadata.annotations,
    'deployment.kubernetes.io/desired-replicas': String(dep.spec.replicas),
    'deployment.kubernetes.io/max-replicas': String(
      dep.spec.replicas + rollingLimits(dep.spec.replicas).surge,
    ),
  };
  c.update(rs);
  const direction = replicas > from ? 'up' : 'down';
  c.recordEvent(
    dep,
    'Normal',
    'ScalingReplicaSet',
    `Scaled ${direction} replica set ${rs.metadata.name} from ${from} to ${replicas}`,
    'deployment-controller',
  );
}

function createReplicaSet(c: Cluster, dep: Deployment, hash: string, revision: number): ReplicaSet {
  const template = clone(dep.spec.template);
  template.metadata.labels = { ...template.metadata.labels, 'pod-template-hash': hash };
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${dep.metadata.name}-${hash}`,
      namespace: dep.metadata.namespace!,
      uid: '',
      resourceVersion: '',
      creationTimestamp: '',
      generation: 1,
      labels: { ...template.metadata.labels },
      annotations: {
        [REVISION_ANNOTATION]: String(revision),
        'deployment.kubernetes.io/desired-replicas': String(dep.spec.replicas),
        'deployment.kubernetes.io/max-replicas': String(
          dep.spec.replicas + rollingLimits(dep.spec.replicas).surge,
        ),
        ...(dep.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION]
          ? { [CHANGE_CAUSE_ANNOTATION]: dep.metadata.annotations[CHANGE_CAUSE_ANNOTATION] }
          : {}),
      },
      ownerReferences: [ownerReference(dep)],
    },
    spec: {
      replicas: 0,
      selector: { matchLabels: { ...dep.spec.selector.matchLabels, 'pod-template-hash': hash } },
      template,
    },
    status: { replicas: 0, observedGeneration: 1 },
  };
  return c.add(rs);
}

function reconcileDeployment(c: Cluster, dep: Deployment): void {
  const replicaSets = replicaSetsOf(c, dep);
  const maxRevision = replicaSets.reduce((max, rs) => Math.max(max, revisionOf(rs)), 0);
  const hash = deploymentHash(dep);
  let current = replicaSets.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
  if (!current && dep.spec.paused) current = replicaSets.at(-1);
  if (!current) {
    current = createReplicaSet(c, dep, hash, maxRevision + 1);
  } else if (revisionOf(current) < maxRevision && !dep.spec.paused) {
    // Going back to an old template (rollout undo) reuses its ReplicaSet as the newest revision.
    const old = revisionOf(current);
    const history = current.metadata.annotations?.['deployment.kubernetes.io/revision-history'];
    current.metadata.annotations = {
      ...current.metadata.annotations,
      [REVISION_ANNOTATION]: String(maxRevision + 1),
      'deployment.kubernetes.io/revision-history': history ? `${history},${old}` : String(old),
    };
    c.update(current);
  }
  const revision = String(revisionOf(current));
  if (dep.metadata.annotations?.[REVISION_ANNOTATION] !== revision) {
    dep.metadata.annotations = { ...dep.metadata.annotations, [REVISION_ANNOTATION]: revision };
    c.update(dep);
  }

  const desired = dep.spec.replicas;
  const olds = replicaSetsOf(c, dep).filter((rs) => rs !== current && rs.spec.replicas > 0);
  if (!olds.length) {
    setReplicas(c, dep, current, desired);
  } else {
    const { surge, unavailable } = rollingLimits(desired);
    const all = replicaSetsOf(c, dep);
    const specTotal = all.reduce((sum, rs) => sum + rs.spec.replicas, 0);
    const room = desired + surge - specTotal;
    if (room > 0 && current.spec.replicas < desired) {
      setReplicas(c, dep, current, current.spec.replicas + Math.min(room, desired - current.spec.replicas));
    }
    const active = all.flatMap((rs) => podsOf(c, rs)).filter((p) => !isTerminating(p));
    let removable = active.filter(isReady).length - (desired - unavailable);
    for (const old of olds) {
      const oldPods = podsOf(c, old).filter((p) => !isTerminating(p));
      // Old pods that are not ready serve nobody and may always go.
      const unhealthy = oldPods.filter((p) => !isReady(p)).length;
      const take = Math.min(old.spec.replicas, unhealthy + Math.max(0, removable));
      if (take <= 0) continue;
      removable -= Math.max(0, take - unhealthy);
      setReplicas(c, dep, old, old.spec.replicas - take);
    }
  }

  // Keep revisionHistoryLimit old ReplicaSets, oldest go first.
  const idle = replicaSetsOf(c, dep).filter(
    (rs) => rs !== current && rs.spec.replicas === 0 && podsOf(c, rs).length === 0,
  );
  for (const rs of idle.slice(0, Math.max(0, idle.length - dep.spec.revisionHistoryLimit))) c.remove(rs);
}

function reconcileReplicaSet(c: Cluster, rs: ReplicaSet): void {
  const pods = podsOf(c, rs).filter((p) => !isTerminating(p) && !isFinished(p));
  const diff = pods.length - rs.spec.replicas;
  for (let i = 0; i < -diff; i++) {
    let name = `${rs.metadata.name}-${c.suffix()}`;
    while (c.get('pods', rs.metadata.namespace, name)) name = `${rs.metadata.name}-${c.suffix()}`;
    createPod(c, { name, namespace: rs.metadata.namespace!, template: rs.spec.template, owner: rs });
    c.recordEvent(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${name}`, 'replicaset-controller');
  }
  if (diff > 0) {
    // The ReplicaSet controller removes the least useful pods first: unscheduled, not ready, newest.
    const rank = (p: Pod): number => (!p.spec.nodeName ? 0 : !isReady(p) ? 1 : 2);
    const victims = [...pods]
      .sort(
        (a, b) =>
          rank(a) - rank(b) ||
          b.metadata.creationTimestamp.localeCompare(a.metadata.creationTimestamp) ||
          b.metadata.name.localeCompare(a.metadata.name),
      )
      .slice(0, diff);
    for (const pod of victims) {
      deletePod(c, pod);
      c.recordEvent(
        rs,
        'Normal',
        'SuccessfulDelete',
        `Deleted pod: ${pod.metadata.name}`,
        'replicaset-controller',
      );
    }
  }
}

function replicaSetStatus(c: Cluster, rs: ReplicaSet): void {
  const pods = podsOf(c, rs).filter((p) => !isTerminating(p) && !isFinished(p));
  const ready = pods.filter(isReady).length;
  setStatus(c, rs, {
    replicas: pods.length,
    fullyLabeledReplicas: pods.length,
    readyReplicas: ready,
    availableReplicas: ready,
    observedGeneration: rs.metadata.generation ?? 1,
  });
}

/** Whether every replica runs the current template, is available, and nothing old is left. */
export function deploymentComplete(c: Cluster, dep: Deployment): boolean {
  const current = newReplicaSet(c, dep);
  const pods = deploymentPods(c, dep);
  const updatedReady = current ? podsOf(c, current).filter(isReady).length : 0;
  return updatedReady === dep.spec.replicas && pods.length === dep.spec.replicas;
}

function deploymentStatus(c: Cluster, dep: Deployment): void {
  const current = newReplicaSet(c, dep);
  const all = replicaSetsOf(c, dep);
  const active = all.flatMap((rs) => podsOf(c, rs)).filter((p) => !isTerminating(p));
  const available = active.filter(isReady).length;
  const updated = current ? podsOf(c, current).filter((p) => !isTerminating(p)).length : 0;
  const desired = dep.spec.replicas;
  const complete = deploymentComplete(c, dep);
  const minAvailable = desired - rollingLimits(desired).unavailable;
  const conditions = [
    keepCondition(c, dep.status.conditions, {
      type: 'Available',
      status: available >= minAvailable ? 'True' : 'False',
      reason: available >= minAvailable ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
      message:
        available >= minAvailable
          ? 'Deployment has minimum availability.'
          : 'Deployment does not have minimum availability.',
    }),
    keepCondition(c, dep.status.conditions, {
      type: 'Progressing',
      status: 'True',
      reason: dep.spec.paused
        ? 'DeploymentPaused'
        : complete
          ? 'NewReplicaSetAvailable'
          : 'ReplicaSetUpdated',
      message: dep.spec.paused
        ? 'Deployment is paused'
        : complete
          ? `ReplicaSet "${current?.metadata.name}" has successfully progressed.`
          : `ReplicaSet "${current?.metadata.name}" is progressing.`,
    }),
  ];
  setStatus(c, dep, {
    observedGeneration: dep.metadata.generation ?? 1,
    replicas: active.length,
    updatedReplicas: updated,
    readyReplicas: available,
    availableReplicas: available,
    ...(desired - available > 0 ? { unavailableReplicas: desired - available } : {}),
    conditions,
  });
}

export function reconcileDeployments(c: Cluster): void {
  for (const dep of c.list<Deployment>('deployments')) {
    if (c.namespaceIsActive(dep.metadata.namespace!)) reconcileDeployment(c, dep);
  }
  for (const rs of c.list<ReplicaSet>('replicasets')) {
    if (c.namespaceIsActive(rs.metadata.namespace!)) reconcileReplicaSet(c, rs);
    replicaSetStatus(c, rs);
  }
  for (const dep of c.list<Deployment>('deployments')) deploymentStatus(c, dep);
}
