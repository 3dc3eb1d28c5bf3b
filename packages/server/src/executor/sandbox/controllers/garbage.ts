/**
 * Garbage collection and namespaces. Deleting an owner deletes what it controls in the background
 * (Deployment → ReplicaSets → Pods), a Terminating namespace deletes everything in it and disappears
 * once its last pod is gone, and every active namespace gets its `default` ServiceAccount and
 * `kube-root-ca.crt` ConfigMap like the namespace's controllers publish them.
 */
import type { Cluster } from '../cluster.js';
import {
  PLURAL_OF_KIND,
  controllerOf,
  type ConfigMap,
  type KubeObject,
  type Namespace,
  type PersistentVolume,
  type Pod,
  type Timer,
} from '../model.js';
import { deletePod } from './pods.js';

/** Kinds that live in namespaces and are deleted with them (events go with the namespace itself). */
const NAMESPACED_PLURALS = [
  'deployments',
  'statefulsets',
  'daemonsets',
  'replicasets',
  'cronjobs',
  'jobs',
  'pods',
  'services',
  'ingresses',
  'configmaps',
  'secrets',
  'persistentvolumeclaims',
  'serviceaccounts',
];

/** Deletes one object the way the API server does: pods and namespaces gracefully, the rest at once. */
export function deleteObject(c: Cluster, obj: KubeObject, options: { immediate?: boolean } = {}): void {
  if (obj.kind === 'Pod') deletePod(c, obj as Pod, options);
  else if (obj.kind === 'Namespace') terminateNamespace(c, obj as Namespace);
  else c.remove(obj);
}

export function terminateNamespace(c: Cluster, ns: Namespace): void {
  if (ns.status.phase === 'Terminating') return;
  ns.status.phase = 'Terminating';
  ns.metadata.deletionTimestamp = c.timestamp();
  c.update(ns);
}

function ownerExists(c: Cluster, obj: KubeObject): boolean {
  const ref = controllerOf(obj);
  if (!ref) return true;
  const plural = PLURAL_OF_KIND[ref.kind];
  return !plural || c.byUid(plural, obj.metadata.namespace, ref.uid) !== undefined;
}

export function collectGarbage(c: Cluster): void {
  for (const ns of c.list<Namespace>('namespaces')) {
    if (ns.status.phase !== 'Terminating') continue;
    for (const plural of NAMESPACED_PLURALS) {
      for (const obj of c.list(plural, ns.metadata.name)) deleteObject(c, obj);
    }
  }
  for (const plural of ['replicasets', 'jobs', 'pods']) {
    for (const obj of c.list(plural)) if (!ownerExists(c, obj)) deleteObject(c, obj);
  }
  // Dynamically provisioned volumes are deleted with their claim (reclaim policy Delete).
  for (const pv of c.list<PersistentVolume>('persistentvolumes')) {
    const ref = pv.spec.claimRef;
    if (!ref || pv.spec.persistentVolumeReclaimPolicy !== 'Delete') continue;
    if (!c.byUid('persistentvolumeclaims', ref.namespace, ref.uid)) c.remove(pv);
  }
}

function isEmpty(c: Cluster, namespace: string): boolean {
  return NAMESPACED_PLURALS.every((plural) => c.list(plural, namespace).length === 0);
}

export function reconcileNamespaces(c: Cluster): void {
  for (const ns of c.list<Namespace>('namespaces')) {
    const name = ns.metadata.name;
    if (ns.status.phase === 'Terminating') {
      if (isEmpty(c, name) && !c.hasTimer(ns)) c.addTimer(c.randomInt(1000, 1800), 'namespace-finalize', ns);
      continue;
    }
    if (!c.get('serviceaccounts', name, 'default')) {
      c.add({
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: 'default', namespace: name, uid: '', resourceVersion: '', creationTimestamp: '' },
      });
    }
    if (!c.get('configmaps', name, 'kube-root-ca.crt')) {
      c.add<ConfigMap>({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'kube-root-ca.crt',
          namespace: name,
          uid: '',
          resourceVersion: '',
          creationTimestamp: '',
          annotations: {
            'kubernetes.io/description':
              'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
          },
        },
        data: { 'ca.crt': SANDBOX_CA },
      });
    }
  }
}

export function finalizeNamespace(c: Cluster, timer: Timer): void {
  const ns = c.get<Namespace>('namespaces', undefined, timer.name);
  if (!ns || ns.metadata.uid !== timer.uid) return;
  for (const event of c.list('events', timer.name)) c.remove(event);
  c.remove(ns);
}

/** A made-up cluster CA: shaped like a PEM certificate, valid for nothing. */
export const SANDBOX_CA = [
  '-----BEGIN CERTIFICATE-----',
  'MIIDBTCCAe2gAwIBAgIIFakeSandboxMA0GCSqGSIb3DQEBCwUAMBUxEzARBgNVBAMT',
  'Cmt1YmVybmV0ZXMwHhcNMjQwMTAxMDAwMDAwWhcNMzQwMTAxMDAwMDAwWjAVMRMwEQYD',
  'VQQDEwprdWJlcm5ldGVzMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsand',
  'boxsandboxsandboxsandboxsandboxsandboxsandboxsandboxsandboxsandboxAQAB',
  '-----END CERTIFICATE-----',
  '',
].join('\n');
