/**
 * What commands (and the seed, and rollbacks) change on workloads: replicas and the pod template.
 * The controllers do the rest, so a scale or a restart here behaves exactly like one done by kubectl.
 */
import type { Cluster } from './cluster.js';
import { bumpGeneration } from './controllers/status.js';
import { deploymentComplete, deploymentPods } from './controllers/deployments.js';
import { daemonSetComplete } from './controllers/daemonsets.js';
import { podsOf } from './controllers/pods.js';
import { statefulSetComplete } from './controllers/statefulsets.js';
import {
  clone,
  type DaemonSet,
  type Deployment,
  type KubeObject,
  type Pod,
  type PodTemplate,
  type StatefulSet,
} from './model.js';

export type Workload = Deployment | StatefulSet | DaemonSet;

export const WORKLOAD_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);
export const SCALABLE_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet']);

export function isWorkload(obj: KubeObject): obj is Workload {
  return WORKLOAD_KINDS.has(obj.kind);
}

export function setReplicas(c: Cluster, workload: Deployment | StatefulSet, replicas: number): void {
  if (workload.spec.replicas === replicas) return;
  workload.spec.replicas = replicas;
  bumpGeneration(workload);
  c.update(workload);
}

export function setTemplate(c: Cluster, workload: Workload, template: PodTemplate): void {
  workload.spec.template = clone(template);
  bumpGeneration(workload);
  c.update(workload);
}

/** `rollout restart`: a new annotation on the template, so every pod is replaced. */
export function restartTemplate(c: Cluster, workload: Workload): PodTemplate {
  const template = clone(workload.spec.template);
  template.metadata.annotations = {
    ...template.metadata.annotations,
    'kubectl.kubernetes.io/restartedAt': c.timestamp(),
  };
  return template;
}

/** Every pod the workload controls, through its ReplicaSets for a Deployment. */
export function workloadPods(c: Cluster, workload: Workload): Pod[] {
  return workload.kind === 'Deployment' ? deploymentPods(c, workload) : podsOf(c, workload);
}

/** Desired pod count: replicas, or one per node for a DaemonSet. */
export function desiredPods(c: Cluster, workload: Workload): number {
  return workload.kind === 'DaemonSet' ? c.list('nodes').length : workload.spec.replicas;
}

/** Every desired pod runs the current template and is ready, and no old or extra pod is left. */
export function workloadSettled(c: Cluster, workload: Workload): boolean {
  if (workload.kind === 'Deployment') return deploymentComplete(c, workload);
  if (workload.kind === 'StatefulSet') return statefulSetComplete(c, workload);
  return daemonSetComplete(c, workload);
}
