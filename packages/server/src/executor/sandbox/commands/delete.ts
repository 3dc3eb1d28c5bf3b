/**
 * `kubectl delete`: objects by name, `-l` or `--all`. Pods terminate gracefully (a controller's pods
 * are replaced), owners take what they control with them, a namespace terminates with everything in
 * it. Like kubectl, the command waits until what it deleted is gone (`--wait=false` does not).
 */
import type { ResourceKind } from '../../../kubectl/index.js';
import { deleteObject } from '../controllers/garbage.js';
import { controllerOf, type Deployment, type KubeObject, type Pod } from '../model.js';
import { SnapshotBuilder, forRecreate } from '../snapshot.js';
import { isWorkload, workloadPods } from '../workloads.js';
import { podsOf } from '../controllers/pods.js';
import { dryRun, fail, flag, type CommandContext, type CommandResult } from './context.js';
import { quotedRef } from './errors.js';
import { refOf, settle, workloadOfPod, type WorkloadRef } from './settle.js';
import { isResult, resolveTargets } from './targets.js';

/** Namespaces the API server refuses to delete. */
const PROTECTED_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/** Objects a namespace's controllers publish by themselves; recreating the namespace brings them back. */
const AUTOMATIC = new Set(['ServiceAccount/default', 'ConfigMap/kube-root-ca.crt']);

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What goes back when a namespace is restored: what people created, not what controllers made. */
function namespaceContents(ctx: CommandContext, namespace: string): KubeObject[] {
  const kinds = [
    'configmaps',
    'secrets',
    'serviceaccounts',
    'services',
    'deployments',
    'statefulsets',
    'daemonsets',
    'cronjobs',
    'jobs',
    'ingresses',
    'pods',
  ];
  return kinds.flatMap((p) =>
    ctx.cluster
      .list(p, namespace)
      .filter((o) => !AUTOMATIC.has(`${o.kind}/${o.metadata.name}`))
      .filter((o) => !controllerOf(o) || o.kind === 'Job'),
  );
}

function describeRecreate(kind: ResourceKind, obj: KubeObject, contents: KubeObject[]): string {
  const { name, namespace } = obj.metadata;
  if (obj.kind === 'Namespace') {
    const counts = new Map<string, number>();
    for (const o of contents) counts.set(o.kind.toLowerCase(), (counts.get(o.kind.toLowerCase()) ?? 0) + 1);
    const summary = [...counts].map(([k, n]) => plural(n, k)).join(', ');
    return `Recreate namespace ${name}${summary ? ` with ${summary}` : ''}; pods start fresh and volume data is not restored`;
  }
  if (obj.kind === 'Deployment') {
    const d = obj as Deployment;
    const images = d.spec.template.spec.containers.map((c) => c.image).join(', ');
    return `Recreate deployment ${name} in ${namespace} (${plural(d.spec.replicas, 'replica')}, ${images}); its pods start fresh`;
  }
  return `Recreate ${kind.singular} ${name}${namespace ? ` in ${namespace}` : ''} as it was before the delete`;
}

export async function del(ctx: CommandContext): Promise<CommandResult> {
  const resolved = resolveTargets(ctx, 'delete');
  if (isResult(resolved)) return resolved;
  const c = ctx.cluster;
  const targets: { kind: ResourceKind; object: KubeObject }[] = [];
  for (const t of resolved.objects) {
    if (t.object.kind === 'Node') {
      return fail(
        ctx,
        `error: the sandbox cluster does not remove nodes; "kubectl drain ${t.object.metadata.name} --ignore-daemonsets" moves its pods away`,
      );
    }
    if (t.object.kind === 'Namespace' && PROTECTED_NAMESPACES.has(t.object.metadata.name)) {
      ctx.io.err(
        `Error from server (Forbidden): namespaces "${t.object.metadata.name}" is forbidden: this namespace may not be deleted`,
      );
      continue;
    }
    targets.push(t);
  }
  let exitCode = resolved.missing || targets.length < resolved.objects.length ? 1 : 0;
  const grace = flag(ctx, 'grace-period');
  const immediate = (grace === '0' || grace === '1') && ctx.parsed.flags.has('force');
  const suffix = dryRun(ctx);
  if (suffix !== null) {
    for (const { kind, object } of targets)
      ctx.io.out(`${quotedRef(kind, object.metadata.name)} deleted${suffix}`);
    return { exitCode };
  }
  if (!targets.length) return { exitCode };

  // Snapshot first: what each object was, and how it can come back.
  const snapshot = new SnapshotBuilder();
  const gone = new Set<string>();
  const replacedBy: WorkloadRef[] = [];
  const namespaces: string[] = [];
  for (const { kind, object } of targets) {
    const { name } = object.metadata;
    const namespace = object.metadata.namespace ?? '';
    const owner = controllerOf(object);
    if (object.kind === 'Pod' && owner) {
      const ref = workloadOfPod(c, object as Pod);
      if (
        ref &&
        !replacedBy.some((r) => r.kind === ref.kind && r.name === ref.name && r.namespace === ref.namespace)
      ) {
        replacedBy.push(ref);
      }
      // A Job's finished pods are history, not capacity: nothing recreates them, nothing needs to.
      const reason = ref
        ? `pod ${name} is recreated by its ${owner.kind}`
        : `pod ${name} belonged to ${owner.kind} ${owner.name}, which does not need it back`;
      snapshot.add(
        { type: 'none', reason },
        {
          operation: 'none',
          resource: 'pod',
          name,
          namespace,
          description: ref
            ? `Nothing to restore: ${owner.kind} ${owner.name} replaced pod ${name} with a new one`
            : `Nothing to restore: pod ${name} of ${owner.kind.toLowerCase()} ${owner.name} had finished its work`,
        },
      );
    } else if (owner && object.kind !== 'Job') {
      snapshot.add(
        { type: 'none', reason: `${kind.singular} ${name} is recreated by its ${owner.kind}` },
        {
          operation: 'none',
          resource: kind.singular,
          name,
          namespace,
          description: `Nothing to restore: ${owner.kind} ${owner.name} recreates ${kind.singular} ${name}`,
        },
      );
    } else {
      const contents = object.kind === 'Namespace' ? namespaceContents(ctx, name) : [];
      snapshot.add(
        { type: 'recreate', objects: [object, ...contents].map(forRecreate) },
        {
          operation: 'recreate',
          resource: kind.singular,
          name,
          namespace,
          description: describeRecreate(kind, object, contents),
        },
      );
    }
    // Pods that will disappear: the pod itself, a workload's or job's pods, everything in a namespace.
    if (object.kind === 'Pod') gone.add(object.metadata.uid);
    else if (isWorkload(object)) workloadPods(c, object).forEach((p) => gone.add(p.metadata.uid));
    else if (object.kind === 'Job' || object.kind === 'ReplicaSet')
      podsOf(c, object).forEach((p) => gone.add(p.metadata.uid));
    else if (object.kind === 'CronJob') {
      for (const job of c
        .list('jobs', namespace)
        .filter((j) => controllerOf(j)?.uid === object.metadata.uid)) {
        podsOf(c, job).forEach((p) => gone.add(p.metadata.uid));
      }
    } else if (object.kind === 'Namespace') {
      namespaces.push(name);
      c.list<Pod>('pods', name).forEach((p) => gone.add(p.metadata.uid));
    }
  }

  const mutate = (): void => {
    if (immediate) {
      ctx.io.err(
        'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.',
      );
    }
    for (const { kind, object } of targets) {
      deleteObject(c, object, { immediate });
      ctx.io.out(`${quotedRef(kind, object.metadata.name)} ${immediate ? 'force deleted' : 'deleted'}`);
    }
  };
  if (flag(ctx, 'wait') === 'false') {
    mutate();
    c.commit();
    return { exitCode, snapshot: snapshot.build() };
  }
  const deletedWorkloads = targets
    .filter((t) => isWorkload(t.object))
    .map((t) => refOf(t.object as Deployment));
  const result = await settle(
    ctx,
    {
      stage: 'deleting',
      targets: replacedBy.filter(
        (r) =>
          !deletedWorkloads.some(
            (d) => d.kind === r.kind && d.name === r.name && d.namespace === r.namespace,
          ),
      ),
      gone,
      alsoDone: () => namespaces.every((ns) => !c.get('namespaces', undefined, ns)),
    },
    mutate,
  );
  if (result === 'expired') exitCode = 1;
  return { exitCode, snapshot: snapshot.build() };
}
