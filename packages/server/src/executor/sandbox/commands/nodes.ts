/**
 * `kubectl cordon`, `uncordon` and `drain`. Drain cordons, refuses (like kubectl) to evict DaemonSet
 * pods, pods with emptyDir data and unmanaged pods unless told to, evicts the rest, and then follows
 * the controllers as they start replacements on the other nodes.
 */
import type { Cluster } from '../cluster.js';
import { deletePod } from '../controllers/pods.js';
import { controllerOf, type KubeNode, type Pod } from '../model.js';
import { isFinished } from '../pod-status.js';
import { matchesLabels, parseLabelSelector } from '../selectors.js';
import { SnapshotBuilder } from '../snapshot.js';
import { boolFlag, dryRun, fail, flag, type CommandContext, type CommandResult } from './context.js';
import { settle, workloadOfPod, type WorkloadRef } from './settle.js';
import { isResult, resolveTargets } from './targets.js';

function nodesOf(ctx: CommandContext, verb: string): KubeNode[] | CommandResult {
  if (!ctx.parsed.names.length && !ctx.parsed.selector) {
    return fail(ctx, `error: USAGE: ${verb} NODE [flags]\nSee 'kubectl ${verb} -h' for help and examples`);
  }
  const resolved = resolveTargets(ctx, verb);
  if (isResult(resolved)) return resolved;
  if (resolved.missing) return { exitCode: 1 };
  return resolved.objects.map((o) => o.object as KubeNode);
}

/** Marks a node (un)schedulable; records the snapshot step and the node event. Returns whether it changed. */
function setSchedulable(
  c: Cluster,
  node: KubeNode,
  unschedulable: boolean,
  snapshot: SnapshotBuilder,
): boolean {
  if (Boolean(node.spec.unschedulable) === unschedulable) return false;
  const name = node.metadata.name;
  snapshot.add(
    { type: 'schedulable', node: name, unschedulable: Boolean(node.spec.unschedulable) },
    {
      operation: unschedulable ? 'uncordon' : 'cordon',
      resource: 'node',
      name,
      namespace: '',
      description: unschedulable
        ? `Uncordon node ${name} so it takes new pods again (evicted pods stay where they were rescheduled)`
        : `Cordon node ${name} again`,
    },
  );
  if (unschedulable) node.spec.unschedulable = true;
  else delete node.spec.unschedulable;
  c.update(node);
  c.recordEvent(
    node,
    'Normal',
    unschedulable ? 'NodeNotSchedulable' : 'NodeSchedulable',
    `Node ${name} status is now: ${unschedulable ? 'NodeNotSchedulable' : 'NodeSchedulable'}`,
    'kubelet',
    name,
  );
  return true;
}

export function cordon(ctx: CommandContext, unschedulable: boolean): CommandResult {
  const nodes = nodesOf(ctx, unschedulable ? 'cordon' : 'uncordon');
  if (isResult(nodes)) return nodes;
  const word = unschedulable ? 'cordoned' : 'uncordoned';
  const suffix = dryRun(ctx);
  const snapshot = new SnapshotBuilder();
  for (const node of nodes) {
    const changed =
      suffix === null
        ? setSchedulable(ctx.cluster, node, unschedulable, snapshot)
        : Boolean(node.spec.unschedulable) !== unschedulable;
    ctx.io.out(`node/${node.metadata.name} ${changed ? '' : 'already '}${word}${suffix ?? ''}`);
  }
  ctx.cluster.commit();
  return { exitCode: 0, snapshot: snapshot.build() };
}

interface Blockers {
  daemonSet: Pod[];
  localStorage: Pod[];
  unmanaged: Pod[];
}

const podName = (p: Pod): string => `${p.metadata.namespace}/${p.metadata.name}`;

export async function drain(ctx: CommandContext): Promise<CommandResult> {
  const nodes = nodesOf(ctx, 'drain');
  if (isResult(nodes)) return nodes;
  const c = ctx.cluster;
  const ignoreDaemonSets = boolFlag(ctx, 'ignore-daemonsets');
  const deleteEmptyDir = boolFlag(ctx, 'delete-emptydir-data') || boolFlag(ctx, 'delete-local-data');
  const force = boolFlag(ctx, 'force');
  const podSelectorText = flag(ctx, 'pod-selector');
  const podSelector = typeof podSelectorText === 'string' ? parseLabelSelector(podSelectorText) : null;
  if (podSelector && !podSelector.ok) return fail(ctx, `error: ${podSelector.error}`);
  const suffix = dryRun(ctx);
  const snapshot = new SnapshotBuilder();

  const evict: Pod[] = [];
  const pending: { node: string; problems: string[] }[] = [];
  for (const node of nodes) {
    const name = node.metadata.name;
    const changed = suffix === null ? setSchedulable(c, node, true, snapshot) : !node.spec.unschedulable;
    ctx.io.out(`node/${name} ${changed ? '' : 'already '}cordoned${suffix ?? ''}`);
    const pods = c
      .list<Pod>('pods')
      .filter((p) => p.spec.nodeName === name && !p.metadata.deletionTimestamp)
      .filter((p) => !podSelector?.ok || matchesLabels(podSelector.requirements, p.metadata.labels));
    const blockers: Blockers = { daemonSet: [], localStorage: [], unmanaged: [] };
    const ignored: Pod[] = [];
    const candidates: Pod[] = [];
    for (const pod of pods) {
      const owner = controllerOf(pod);
      if (owner?.kind === 'DaemonSet') {
        (ignoreDaemonSets ? ignored : blockers.daemonSet).push(pod);
        continue;
      }
      if (!owner && !isFinished(pod) && !force) blockers.unmanaged.push(pod);
      else if (pod.spec.volumes?.some((v) => v.emptyDir) && !isFinished(pod) && !deleteEmptyDir)
        blockers.localStorage.push(pod);
      else candidates.push(pod);
    }
    const problems = [
      blockers.daemonSet.length &&
        `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${blockers.daemonSet.map(podName).join(', ')}`,
      blockers.localStorage.length &&
        `cannot delete Pods with local storage (use --delete-emptydir-data to override): ${blockers.localStorage.map(podName).join(', ')}`,
      blockers.unmanaged.length &&
        `cannot delete Pods that declare no controller (use --force to override): ${blockers.unmanaged.map(podName).join(', ')}`,
    ].filter((p): p is string => Boolean(p));
    if (problems.length) {
      ctx.io.err(
        `error: unable to drain node "${name}" due to error: ${problems.join(', ')}, continuing command...`,
      );
      pending.push({ node: name, problems });
      continue;
    }
    if (ignored.length)
      ctx.io.err(`Warning: ignoring DaemonSet-managed Pods: ${ignored.map(podName).join(', ')}`);
    evict.push(...candidates);
  }
  c.commit();
  if (pending.length) {
    ctx.io.err(
      `There are pending nodes to be drained:\n${pending.map((p) => ` ${p.node}`).join('\n')}\n${pending.flatMap((p) => p.problems).join('\n')}`,
    );
  }
  const drained = nodes.filter((n) => !pending.some((p) => p.node === n.metadata.name));
  if (suffix !== null) {
    for (const pod of evict) ctx.io.out(`evicting pod ${podName(pod)}${suffix}`);
    for (const node of drained) ctx.io.out(`node/${node.metadata.name} drained${suffix}`);
    return { exitCode: pending.length ? 1 : 0 };
  }

  const owners: WorkloadRef[] = [];
  for (const pod of evict) {
    const ref = workloadOfPod(c, pod);
    if (
      ref &&
      !owners.some((o) => o.kind === ref.kind && o.name === ref.name && o.namespace === ref.namespace)
    )
      owners.push(ref);
  }
  const remaining = new Map(
    drained.map((n) => [n.metadata.name, evict.filter((p) => p.spec.nodeName === n.metadata.name).length]),
  );
  const announceDrained = (node: string): void => {
    if (remaining.get(node) === 0) {
      ctx.io.out(`node/${node} drained`);
      remaining.delete(node);
    }
  };
  const result = await settle(
    ctx,
    {
      stage: 'draining',
      targets: owners,
      gone: new Set(evict.map((p) => p.metadata.uid)),
      goneWord: 'evicted',
      onGone: (pod) => {
        ctx.io.out(`pod/${pod.metadata.name} evicted`);
        const node = pod.spec.nodeName ?? '';
        remaining.set(node, (remaining.get(node) ?? 1) - 1);
        announceDrained(node);
      },
    },
    () => {
      for (const pod of evict) ctx.io.out(`evicting pod ${podName(pod)}`);
      for (const pod of evict) {
        deletePod(c, pod);
        c.recordEvent(pod, 'Normal', 'Evicted', 'Evicted pod', 'disruption-controller');
      }
      for (const node of [...remaining.keys()]) announceDrained(node);
    },
  );
  return { exitCode: pending.length || result === 'expired' ? 1 : 0, snapshot: snapshot.build() };
}
