/**
 * DaemonSet controller: one pod per node, cordoned nodes included (daemon pods tolerate
 * `unschedulable`, which is why `drain` has to be told to leave them alone). Updates replace one
 * node's pod at a time (maxUnavailable 1).
 */
import type { Cluster } from '../cluster.js';
import type { DaemonSet, KubeNode, Pod } from '../model.js';
import { isReady, isTerminating } from '../pod-status.js';
import { templateHash } from '../random.js';
import { createPod, deletePod, podsOf } from './pods.js';
import { setStatus } from './status.js';

export function daemonSetHash(ds: DaemonSet): string {
  return templateHash(ds.spec.template);
}

function podsByNode(c: Cluster, ds: DaemonSet): Map<string, Pod[]> {
  const map = new Map<string, Pod[]>();
  for (const node of c.list<KubeNode>('nodes')) map.set(node.metadata.name, []);
  for (const pod of podsOf(c, ds)) map.get(pod.spec.nodeName ?? '')?.push(pod);
  return map;
}

function reconcileDaemonSet(c: Cluster, ds: DaemonSet): void {
  const hash = daemonSetHash(ds);
  const byNode = podsByNode(c, ds);
  for (const [node, pods] of byNode) {
    const active = pods.filter((p) => !isTerminating(p));
    if (!pods.length) {
      let name = `${ds.metadata.name}-${c.suffix()}`;
      while (c.get('pods', ds.metadata.namespace, name)) name = `${ds.metadata.name}-${c.suffix()}`;
      createPod(c, {
        name,
        namespace: ds.metadata.namespace!,
        template: ds.spec.template,
        owner: ds,
        nodeName: node,
        labels: {
          'controller-revision-hash': hash,
          'pod-template-generation': String(ds.metadata.generation ?? 1),
        },
      });
      c.recordEvent(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${name}`, 'daemonset-controller');
    }
    for (const extra of active.slice(1)) deletePod(c, extra);
  }
  const settled = [...byNode.values()].every((pods) => pods.length === 1 && isReady(pods[0]!));
  if (!settled) return;
  for (const pods of byNode.values()) {
    const pod = pods[0]!;
    if (pod.metadata.labels?.['controller-revision-hash'] !== hash) {
      deletePod(c, pod);
      c.recordEvent(
        ds,
        'Normal',
        'SuccessfulDelete',
        `Deleted pod: ${pod.metadata.name}`,
        'daemonset-controller',
      );
      return;
    }
  }
}

export function daemonSetComplete(c: Cluster, ds: DaemonSet): boolean {
  const hash = daemonSetHash(ds);
  return [...podsByNode(c, ds).values()].every(
    (pods) =>
      pods.length === 1 &&
      isReady(pods[0]!) &&
      pods[0]!.metadata.labels?.['controller-revision-hash'] === hash,
  );
}

function daemonSetStatus(c: Cluster, ds: DaemonSet): void {
  const hash = daemonSetHash(ds);
  const active = podsOf(c, ds).filter((p) => !isTerminating(p));
  const ready = active.filter(isReady).length;
  setStatus(c, ds, {
    currentNumberScheduled: active.length,
    desiredNumberScheduled: c.list('nodes').length,
    numberAvailable: ready,
    numberMisscheduled: 0,
    numberReady: ready,
    updatedNumberScheduled: active.filter((p) => p.metadata.labels?.['controller-revision-hash'] === hash)
      .length,
    observedGeneration: ds.metadata.generation ?? 1,
  });
}

export function reconcileDaemonSets(c: Cluster): void {
  for (const ds of c.list<DaemonSet>('daemonsets')) {
    if (c.namespaceIsActive(ds.metadata.namespace!)) reconcileDaemonSet(c, ds);
    daemonSetStatus(c, ds);
  }
}
