/**
 * Replays a snapshot's restore actions: scales back, rolls templates back, recreates what was deleted,
 * puts labels and cordons back, deletes what was created. Each step streams and settles like the
 * command it undoes.
 */
import { resolveResource } from '../../../kubectl/index.js';
import { CHANGE_CAUSE_ANNOTATION } from '../controllers/deployments.js';
import { deleteObject } from '../controllers/garbage.js';
import { admitPod } from '../controllers/pods.js';
import { bumpGeneration } from '../controllers/status.js';
import {
  PLURAL_OF_KIND,
  clone,
  type Deployment,
  type KubeNode,
  type KubeObject,
  type Pod,
} from '../model.js';
import type { RestoreAction } from '../snapshot.js';
import { isWorkload, setReplicas, setTemplate, workloadPods, type Workload } from '../workloads.js';
import type { CommandContext, CommandResult } from './context.js';
import { notFound, objectRef, quotedRef } from './errors.js';
import { refOf, settle, type WorkloadRef } from './settle.js';

const kindOf = (kindOrPlural: string) => resolveResource(kindOrPlural)!;

export async function restore(
  ctx: CommandContext,
  actions: readonly RestoreAction[],
): Promise<CommandResult> {
  const c = ctx.cluster;
  let exitCode = 0;
  for (const action of actions) {
    if (ctx.io.stopped) break;
    switch (action.type) {
      case 'none':
        ctx.io.out(`nothing to restore: ${action.reason}`);
        break;
      case 'scale':
      case 'template': {
        const kind = kindOf(action.kind);
        const workload = c.get<Workload>(kind.plural, action.namespace, action.name);
        if (!workload) {
          ctx.io.err(notFound(kind, action.name));
          exitCode = 1;
          break;
        }
        await settle(ctx, { stage: 'restoring', targets: [refOf(workload)] }, () => {
          if (action.type === 'scale') {
            setReplicas(c, workload as Deployment, action.replicas);
            ctx.io.out(`${objectRef(kind, action.name)} scaled`);
            return;
          }
          const annotations = { ...workload.metadata.annotations };
          if (action.changeCause) annotations[CHANGE_CAUSE_ANNOTATION] = action.changeCause;
          else delete annotations[CHANGE_CAUSE_ANNOTATION];
          workload.metadata.annotations = annotations;
          setTemplate(c, workload, action.template);
          ctx.io.out(`${objectRef(kind, action.name)} rolled back`);
        });
        break;
      }
      case 'paused': {
        const dep = c.get<Deployment>('deployments', action.namespace, action.name);
        if (!dep) {
          ctx.io.err(notFound(kindOf('deployments'), action.name));
          exitCode = 1;
          break;
        }
        if (action.paused) dep.spec.paused = true;
        else delete dep.spec.paused;
        bumpGeneration(dep);
        c.update(dep);
        c.commit();
        ctx.io.out(`deployment.apps/${action.name} ${action.paused ? 'paused' : 'resumed'}`);
        break;
      }
      case 'metadata': {
        const kind = kindOf(action.plural);
        const obj = c.get(action.plural, kind.namespaced ? action.namespace : undefined, action.name);
        if (!obj) {
          ctx.io.err(notFound(kind, action.name));
          exitCode = 1;
          break;
        }
        if (action.value) obj.metadata[action.field] = { ...action.value };
        else delete obj.metadata[action.field];
        c.update(obj);
        c.commit();
        ctx.io.out(`${objectRef(kind, action.name)} ${action.field === 'labels' ? 'labeled' : 'annotated'}`);
        break;
      }
      case 'schedulable': {
        const node = c.get<KubeNode>('nodes', undefined, action.node);
        if (!node) {
          ctx.io.err(notFound(kindOf('nodes'), action.node));
          exitCode = 1;
          break;
        }
        if (action.unschedulable) node.spec.unschedulable = true;
        else delete node.spec.unschedulable;
        c.update(node);
        c.commit();
        ctx.io.out(`node/${action.node} ${action.unschedulable ? 'cordoned' : 'uncordoned'}`);
        break;
      }
      case 'remove': {
        const kind = kindOf(action.plural);
        const obj = c.get(action.plural, kind.namespaced ? action.namespace : undefined, action.name);
        if (!obj) {
          ctx.io.out(`${quotedRef(kind, action.name)} is already gone`);
          break;
        }
        const pods =
          obj.kind === 'Namespace'
            ? c.list<Pod>('pods', action.name)
            : isWorkload(obj)
              ? workloadPods(c, obj)
              : [];
        await settle(
          ctx,
          {
            stage: 'restoring',
            targets: [],
            gone: new Set(pods.map((p) => p.metadata.uid)),
            alsoDone: () =>
              !c.get(action.plural, kind.namespaced ? action.namespace : undefined, action.name),
          },
          () => {
            deleteObject(c, obj);
            ctx.io.out(`${quotedRef(kind, action.name)} deleted`);
          },
        );
        break;
      }
      case 'recreate':
        if (!(await recreate(ctx, action.objects))) exitCode = 1;
        break;
    }
  }
  return { exitCode };
}

/** Creates the objects again; waits for a namespace of the same name to finish terminating first. */
async function recreate(ctx: CommandContext, objects: readonly KubeObject[]): Promise<boolean> {
  const c = ctx.cluster;
  const namespace = objects.find((o) => o.kind === 'Namespace');
  if (namespace) {
    const existing = c.get('namespaces', undefined, namespace.metadata.name);
    if (existing?.metadata.deletionTimestamp) {
      ctx.io.out(`waiting for namespace "${namespace.metadata.name}" to finish terminating`);
      const watch = ctx.io.watch(() => {});
      const result = await watch.until(() => !c.get('namespaces', undefined, namespace.metadata.name));
      watch.close();
      if (result !== 'done') return true;
    }
  }
  let ok = true;
  const targets: WorkloadRef[] = [];
  const toCreate: { ref: string; obj: KubeObject }[] = [];
  for (const original of objects) {
    const kind = kindOf(original.kind);
    const obj = clone(original);
    const ref = objectRef(kind, obj.metadata.name);
    if (c.get(PLURAL_OF_KIND[obj.kind]!, obj.metadata.namespace, obj.metadata.name)) {
      ctx.io.err(`Warning: ${ref} already exists; left as it is`);
      continue;
    }
    if (
      kind.namespaced &&
      !c.get('namespaces', undefined, obj.metadata.namespace ?? '') &&
      obj.metadata.namespace !== namespace?.metadata.name
    ) {
      ctx.io.err(`Error from server (NotFound): namespaces "${obj.metadata.namespace}" not found`);
      ok = false;
      continue;
    }
    if (isWorkload(obj)) targets.push(refOf(obj));
    toCreate.push({ ref, obj });
  }
  await settle(ctx, { stage: 'restoring', targets }, () => {
    for (const { ref, obj } of toCreate) {
      if (obj.kind === 'Pod') admitPod(c, obj as Pod);
      else c.add(obj);
      ctx.io.out(`${ref} created`);
    }
  });
  return ok;
}
