/**
 * StatefulSet controller with the default OrderedReady policy: pods `name-0 … name-N` are created in
 * order, each only once the one before is Running and Ready, removed from the highest ordinal down,
 * and updated one at a time in reverse order. Each ordinal gets its PersistentVolumeClaim, which
 * outlives the pod (as in Kubernetes, scaling down keeps the claim).
 */
import type { Cluster } from '../cluster.js';
import type {
  PersistentVolume,
  PersistentVolumeClaim,
  PersistentVolumeClaimTemplate,
  Pod,
  StatefulSet,
} from '../model.js';
import { isReady, isTerminating } from '../pod-status.js';
import { templateHash } from '../random.js';
import { createPod, deletePod, podsOf } from './pods.js';
import { setStatus } from './status.js';

export function statefulSetRevision(sts: StatefulSet): string {
  return `${sts.metadata.name}-${templateHash(sts.spec.template)}`;
}

export function ordinalOf(sts: StatefulSet, pod: Pod): number {
  return Number(pod.metadata.name.slice(sts.metadata.name.length + 1));
}

/** Creates the claim and its dynamically provisioned volume, like the `standard` storage class would. */
export function provisionClaim(
  c: Cluster,
  namespace: string,
  name: string,
  template: PersistentVolumeClaimTemplate,
  labels: Record<string, string>,
): PersistentVolumeClaim {
  const existing = c.get<PersistentVolumeClaim>('persistentvolumeclaims', namespace, name);
  if (existing) return existing;
  const storage = template.spec.resources.requests.storage;
  const claim = c.add<PersistentVolumeClaim>({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name,
      namespace,
      uid: '',
      resourceVersion: '',
      creationTimestamp: '',
      labels,
      annotations: {
        'pv.kubernetes.io/bind-completed': 'yes',
        'pv.kubernetes.io/bound-by-controller': 'yes',
        'volume.beta.kubernetes.io/storage-provisioner': 'pd.csi.storage.gke.io',
      },
      finalizers: ['kubernetes.io/pvc-protection'],
    },
    spec: { ...structuredClone(template.spec) },
    status: { phase: 'Bound', accessModes: [...template.spec.accessModes], capacity: { storage } },
  });
  const volumeName = `pvc-${claim.metadata.uid}`;
  claim.spec.volumeName = volumeName;
  c.add<PersistentVolume>({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name: volumeName,
      uid: '',
      resourceVersion: '',
      creationTimestamp: '',
      annotations: { 'pv.kubernetes.io/provisioned-by': 'pd.csi.storage.gke.io' },
      finalizers: ['kubernetes.io/pv-protection'],
    },
    spec: {
      capacity: { storage },
      accessModes: [...template.spec.accessModes],
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: template.spec.storageClassName,
      volumeMode: template.spec.volumeMode,
      claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace, name, uid: claim.metadata.uid },
      csi: {
        driver: 'pd.csi.storage.gke.io',
        volumeHandle: `projects/sandbox/zones/local-a/disks/${volumeName}`,
        fsType: 'ext4',
      },
    },
    status: { phase: 'Bound' },
  });
  return claim;
}

function createOrdinal(c: Cluster, sts: StatefulSet, ordinal: number): void {
  const namespace = sts.metadata.namespace!;
  const name = `${sts.metadata.name}-${ordinal}`;
  const template = structuredClone(sts.spec.template);
  for (const claimTemplate of sts.spec.volumeClaimTemplates ?? []) {
    const claimName = `${claimTemplate.metadata.name}-${name}`;
    if (!c.get('persistentvolumeclaims', namespace, claimName)) {
      provisionClaim(c, namespace, claimName, claimTemplate, { ...sts.spec.selector.matchLabels });
      c.recordEvent(
        sts,
        'Normal',
        'SuccessfulCreate',
        `create Claim ${claimName} Pod ${name} in StatefulSet ${sts.metadata.name} success`,
        'statefulset-controller',
      );
    }
    template.spec.volumes = [
      ...(template.spec.volumes ?? []),
      { name: claimTemplate.metadata.name, persistentVolumeClaim: { claimName } },
    ];
  }
  createPod(c, {
    name,
    namespace,
    template,
    owner: sts,
    hostname: name,
    subdomain: sts.spec.serviceName,
    labels: {
      'apps.kubernetes.io/pod-index': String(ordinal),
      'controller-revision-hash': statefulSetRevision(sts),
      'statefulset.kubernetes.io/pod-name': name,
    },
  });
  c.recordEvent(
    sts,
    'Normal',
    'SuccessfulCreate',
    `create Pod ${name} in StatefulSet ${sts.metadata.name} successful`,
    'statefulset-controller',
  );
}

function deleteOrdinal(c: Cluster, sts: StatefulSet, pod: Pod): void {
  deletePod(c, pod);
  c.recordEvent(
    sts,
    'Normal',
    'SuccessfulDelete',
    `delete Pod ${pod.metadata.name} in StatefulSet ${sts.metadata.name} successful`,
    'statefulset-controller',
  );
}

function reconcileStatefulSet(c: Cluster, sts: StatefulSet): void {
  const pods = podsOf(c, sts);
  // OrderedReady: nothing else happens while a pod is on its way out.
  if (pods.some(isTerminating)) return;
  const byOrdinal = new Map(pods.map((p) => [ordinalOf(sts, p), p]));
  const desired = sts.spec.replicas;
  for (let i = 0; i < desired; i++) {
    const pod = byOrdinal.get(i);
    if (!pod) {
      createOrdinal(c, sts, i);
      return;
    }
    if (!isReady(pod)) return;
  }
  const extra = [...byOrdinal.keys()].filter((i) => i >= desired).sort((a, b) => b - a)[0];
  if (extra !== undefined) {
    deleteOrdinal(c, sts, byOrdinal.get(extra)!);
    return;
  }
  const revision = statefulSetRevision(sts);
  const stale = [...byOrdinal.entries()]
    .filter(([, p]) => p.metadata.labels?.['controller-revision-hash'] !== revision)
    .sort(([a], [b]) => b - a)[0];
  if (stale) deleteOrdinal(c, sts, stale[1]);
}

export function statefulSetComplete(c: Cluster, sts: StatefulSet): boolean {
  const revision = statefulSetRevision(sts);
  const pods = podsOf(c, sts);
  return (
    pods.length === sts.spec.replicas &&
    pods.every((p) => isReady(p) && p.metadata.labels?.['controller-revision-hash'] === revision)
  );
}

function statefulSetStatus(c: Cluster, sts: StatefulSet): void {
  const pods = podsOf(c, sts).filter((p) => !isTerminating(p));
  const revision = statefulSetRevision(sts);
  const updated = pods.filter((p) => p.metadata.labels?.['controller-revision-hash'] === revision).length;
  const ready = pods.filter(isReady).length;
  const complete = statefulSetComplete(c, sts);
  const currentRevision = complete ? revision : (sts.status.currentRevision ?? revision);
  setStatus(c, sts, {
    observedGeneration: sts.metadata.generation ?? 1,
    replicas: pods.length,
    readyReplicas: ready,
    currentReplicas: pods.filter((p) => p.metadata.labels?.['controller-revision-hash'] === currentRevision)
      .length,
    updatedReplicas: updated,
    availableReplicas: ready,
    currentRevision,
    updateRevision: revision,
    collisionCount: 0,
  });
}

export function reconcileStatefulSets(c: Cluster): void {
  for (const sts of c.list<StatefulSet>('statefulsets')) {
    if (c.namespaceIsActive(sts.metadata.namespace!)) reconcileStatefulSet(c, sts);
    statefulSetStatus(c, sts);
  }
}
