/**
 * `kubectl describe` text per kind, written with tabs and aligned by the tabwriter as kubectl does.
 * Secret values are never printed, only their sizes.
 */
import type { Cluster } from '../../cluster.js';
import type {
  ConfigMap,
  CronJob,
  DaemonSet,
  Deployment,
  Ingress,
  Job,
  KubeNode,
  KubeObject,
  Namespace,
  PersistentVolumeClaim,
  Pod,
  ReplicaSet,
  Secret,
  Service,
  StatefulSet,
} from '../../model.js';
import {
  describeClaim,
  describeConfigMap,
  describeGeneric,
  describeIngress,
  describeNamespace,
  describeNode,
  describeSecret,
  describeService,
} from './resources.js';
import {
  describeCronJob,
  describeDaemonSet,
  describeDeployment,
  describeJob,
  describePod,
  describeReplicaSet,
  describeStatefulSet,
} from './workloads.js';

export { describeTemplate } from './pod-template.js';
export { eventsFor } from './writer.js';
export { formatCpu, formatMemory, parseCpu, parseMemory } from './quantities.js';

/** The describe text for any stored object. */
export function describeObject(c: Cluster, obj: KubeObject): string {
  switch (obj.kind) {
    case 'Pod':
      return describePod(c, obj as Pod);
    case 'Deployment':
      return describeDeployment(c, obj as Deployment);
    case 'ReplicaSet':
      return describeReplicaSet(c, obj as ReplicaSet);
    case 'StatefulSet':
      return describeStatefulSet(c, obj as StatefulSet);
    case 'DaemonSet':
      return describeDaemonSet(c, obj as DaemonSet);
    case 'Job':
      return describeJob(c, obj as Job);
    case 'CronJob':
      return describeCronJob(c, obj as CronJob);
    case 'Service':
      return describeService(c, obj as Service);
    case 'Ingress':
      return describeIngress(c, obj as Ingress);
    case 'Node':
      return describeNode(c, obj as KubeNode);
    case 'Namespace':
      return describeNamespace(obj as Namespace);
    case 'ConfigMap':
      return describeConfigMap(c, obj as ConfigMap);
    case 'Secret':
      return describeSecret(obj as Secret);
    case 'PersistentVolumeClaim':
      return describeClaim(c, obj as PersistentVolumeClaim);
    default:
      return describeGeneric(c, obj);
  }
}
