/**
 * `kubectl rollout restart|status|history|undo|pause|resume`. Restart and undo change the pod
 * template and follow the rolling update to the end; status waits and prints kubectl's messages.
 */
import { resolveResource } from '../../../kubectl/index.js';
import {
  CHANGE_CAUSE_ANNOTATION,
  newReplicaSet,
  replicaSetsOf,
  revisionOf,
} from '../controllers/deployments.js';
import { bumpGeneration } from '../controllers/status.js';
import { parseDuration } from '../format/age.js';
import { describeTemplate } from '../format/describe/index.js';
import { renderTable } from '../format/table.js';
import { clone, type DaemonSet, type Deployment, type PodTemplate, type StatefulSet } from '../model.js';
import { stableJson } from '../random.js';
import { SnapshotBuilder } from '../snapshot.js';
import { WORKLOAD_KINDS, restartTemplate, setTemplate, type Workload } from '../workloads.js';
import { dryRun, fail, flag, type CommandContext, type CommandResult } from './context.js';
import { objectRef, qualifiedPlural } from './errors.js';
import { refOf, settle } from './settle.js';
import { isResult, resolveTargets } from './targets.js';

const SUBCOMMANDS = ['history', 'pause', 'restart', 'resume', 'status', 'undo'];

function kindWord(w: Workload): string {
  return w.kind.toLowerCase();
}

/** The workloads named, each checked to be a kind that rolls out. */
function workloadsOf(ctx: CommandContext, verb: string, kinds = WORKLOAD_KINDS): Workload[] | CommandResult {
  const resolved = resolveTargets(ctx, `rollout ${verb}`);
  if (isResult(resolved)) return resolved;
  const out: Workload[] = [];
  for (const { kind, object } of resolved.objects) {
    if (!kinds.has(object.kind)) {
      return fail(
        ctx,
        `error: no ${verb === 'restart' ? 'restarter' : verb === 'status' ? 'status viewer' : verb === 'undo' ? 'rollbacker' : 'history viewer'} has been implemented for "${kind.kind}"`,
      );
    }
    out.push(object as Workload);
  }
  if (resolved.missing) return { exitCode: 1 };
  return out;
}

export async function rollout(ctx: CommandContext): Promise<CommandResult> {
  const sub = ctx.parsed.subcommand;
  if (!sub || !SUBCOMMANDS.includes(sub)) {
    return fail(
      ctx,
      sub
        ? `error: unknown command "${sub}" for "kubectl rollout"`
        : 'error: You must specify a rollout subcommand: history, pause, restart, resume, status or undo',
    );
  }
  switch (sub) {
    case 'restart':
      return restart(ctx);
    case 'status':
      return status(ctx);
    case 'history':
      return history(ctx);
    case 'undo':
      return undo(ctx);
    default:
      return pauseResume(ctx, sub === 'pause');
  }
}

function templateStep(workload: Workload, description: string): Parameters<SnapshotBuilder['add']> {
  const { name, namespace } = workload.metadata;
  return [
    {
      type: 'template',
      kind: workload.kind,
      namespace: namespace!,
      name,
      template: clone(workload.spec.template),
      changeCause: workload.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? null,
    },
    { operation: 'restore_template', resource: kindWord(workload), name, namespace: namespace!, description },
  ];
}

async function restart(ctx: CommandContext): Promise<CommandResult> {
  // `rollout restart deployment` with no name restarts every deployment in the namespace, as kubectl does.
  const workloads = ctx.parsed.names.length ? workloadsOf(ctx, 'restart') : everyOfKind(ctx);
  if (isResult(workloads)) return workloads;
  for (const w of workloads) {
    if (w.kind === 'Deployment' && w.spec.paused) {
      return fail(
        ctx,
        `error: deployments.apps "${w.metadata.name}" can't restart paused deployment (run rollout resume first)`,
      );
    }
  }
  const suffix = dryRun(ctx);
  if (suffix !== null) {
    for (const w of workloads)
      ctx.io.out(`${objectRef(resolveResource(w.kind)!, w.metadata.name)} restarted${suffix}`);
    return { exitCode: 0 };
  }
  const snapshot = new SnapshotBuilder();
  for (const w of workloads) {
    snapshot.add(
      ...templateStep(
        w,
        `Roll ${kindWord(w)} ${w.metadata.name} in ${w.metadata.namespace} back to its pod template from before the restart (pods are replaced once more)`,
      ),
    );
  }
  await settle(ctx, { stage: 'rolling out', targets: workloads.map(refOf) }, () => {
    for (const w of workloads) {
      setTemplate(ctx.cluster, w, restartTemplate(ctx.cluster, w));
      ctx.io.out(`${objectRef(resolveResource(w.kind)!, w.metadata.name)} restarted`);
    }
  });
  return { exitCode: 0, snapshot: snapshot.build() };
}

function everyOfKind(ctx: CommandContext): Workload[] | CommandResult {
  const kind = ctx.parsed.resources[0];
  if (!kind || !WORKLOAD_KINDS.has(kind.kind)) return workloadsOf(ctx, 'restart');
  return ctx.cluster.list<Workload>(kind.plural, ctx.parsed.namespace ?? 'default');
}

/** kubectl's rollout status message for a workload, and whether it is done. */
export function statusMessage(workload: Workload): { message: string; done: boolean } {
  const name = workload.metadata.name;
  if (workload.kind === 'Deployment') {
    const d = workload as Deployment;
    const s = d.status;
    if ((d.metadata.generation ?? 1) > (s.observedGeneration ?? 0)) {
      return { message: 'Waiting for deployment spec update to be observed...', done: false };
    }
    const updated = s.updatedReplicas ?? 0;
    if (updated < d.spec.replicas) {
      return {
        message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${d.spec.replicas} new replicas have been updated...`,
        done: false,
      };
    }
    if ((s.replicas ?? 0) > updated) {
      return {
        message: `Waiting for deployment "${name}" rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...`,
        done: false,
      };
    }
    if ((s.availableReplicas ?? 0) < updated) {
      return {
        message: `Waiting for deployment "${name}" rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...`,
        done: false,
      };
    }
    return { message: `deployment "${name}" successfully rolled out`, done: true };
  }
  if (workload.kind === 'StatefulSet') {
    const s = (workload as StatefulSet).status;
    const replicas = (workload as StatefulSet).spec.replicas;
    if ((s.readyReplicas ?? 0) < replicas) {
      return { message: `Waiting for ${replicas - (s.readyReplicas ?? 0)} pods to be ready...`, done: false };
    }
    if (s.updateRevision !== s.currentRevision || (s.updatedReplicas ?? 0) < replicas) {
      return {
        message: `waiting for statefulset rolling update to complete ${s.updatedReplicas ?? 0} pods at revision ${s.updateRevision}...`,
        done: false,
      };
    }
    return {
      message: `statefulset rolling update complete ${s.currentReplicas ?? 0} pods at revision ${s.currentRevision}...`,
      done: true,
    };
  }
  const s = (workload as DaemonSet).status;
  const desired = s.desiredNumberScheduled ?? 0;
  if ((s.updatedNumberScheduled ?? 0) < desired) {
    return {
      message: `Waiting for daemon set "${name}" rollout to finish: ${s.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...`,
      done: false,
    };
  }
  if ((s.numberAvailable ?? 0) < desired) {
    return {
      message: `Waiting for daemon set "${name}" rollout to finish: ${s.numberAvailable ?? 0} of ${desired} updated pods are available...`,
      done: false,
    };
  }
  return { message: `daemon set "${name}" successfully rolled out`, done: true };
}

async function status(ctx: CommandContext): Promise<CommandResult> {
  const workloads = workloadsOf(ctx, 'status');
  if (isResult(workloads)) return workloads;
  const target = workloads[0];
  if (!target) return fail(ctx, 'error: no objects passed to rollout status');
  const timeoutFlag = flag(ctx, 'timeout');
  const maxMs = typeof timeoutFlag === 'string' ? parseDuration(timeoutFlag) : null;
  if (typeof timeoutFlag === 'string' && maxMs === null) {
    return fail(
      ctx,
      `error: invalid argument "${timeoutFlag}" for "--timeout" flag: time: invalid duration "${timeoutFlag}"`,
    );
  }
  const c = ctx.cluster;
  const current = () =>
    c.get<Workload>(resolveResource(target.kind)!.plural, target.metadata.namespace, target.metadata.name);
  let last = '';
  const report = (): boolean => {
    const live = current();
    if (!live) return true;
    const { message, done } = statusMessage(live);
    if (message !== last) {
      ctx.io.out(message);
      last = message;
    }
    const desired =
      live.kind === 'DaemonSet' ? (live.status.desiredNumberScheduled ?? 0) : live.spec.replicas;
    const ready =
      live.kind === 'Deployment'
        ? Math.min(live.status.updatedReplicas ?? 0, live.status.availableReplicas ?? 0)
        : live.kind === 'StatefulSet'
          ? Math.min(live.status.updatedReplicas ?? 0, live.status.readyReplicas ?? 0)
          : Math.min(live.status.updatedNumberScheduled ?? 0, live.status.numberAvailable ?? 0);
    ctx.io.progress(
      done ? 100 : desired ? Math.min(99, (100 * ready) / desired) : 0,
      'rolling out',
      `${ready}/${desired} updated pods available`,
    );
    return done;
  };
  if (report()) return { exitCode: 0 };
  if (ctx.parsed.flags.get('watch') === 'false') return { exitCode: 0 };
  let done = false;
  const watch = ctx.io.watch(() => {
    done = report();
  });
  const result = await watch.until(() => done, maxMs ?? undefined);
  watch.close();
  if (!current())
    return fail(
      ctx,
      `Error from server (NotFound): ${qualifiedPlural(resolveResource(target.kind)!)} "${target.metadata.name}" not found`,
    );
  if (result === 'expired') return fail(ctx, 'error: timed out waiting for the condition');
  return { exitCode: 0 };
}

function history(ctx: CommandContext): CommandResult {
  const workloads = workloadsOf(ctx, 'history', new Set(['Deployment']));
  if (isResult(workloads)) return workloads;
  const revisionFlag = flag(ctx, 'revision');
  for (const w of workloads as Deployment[]) {
    const ref = objectRef(resolveResource('deployments')!, w.metadata.name);
    const sets = replicaSetsOf(ctx.cluster, w);
    if (typeof revisionFlag === 'string' && revisionFlag !== '0') {
      const rs = sets.find((r) => String(revisionOf(r)) === revisionFlag);
      if (!rs) return fail(ctx, `error: unable to find the specified revision`);
      ctx.io.out(
        `${ref} with revision #${revisionFlag}\n${describeTemplate(withAnnotations(rs.spec.template, rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION]))}`,
      );
      continue;
    }
    const rows = sets.map((rs) => [
      String(revisionOf(rs)),
      rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? '<none>',
    ]);
    ctx.io.out(`${ref} \n${renderTable(['REVISION', 'CHANGE-CAUSE'], rows)}`);
  }
  return { exitCode: 0 };
}

function withAnnotations(template: PodTemplate, changeCause: string | undefined): PodTemplate {
  if (!changeCause) return template;
  const copy = clone(template);
  copy.metadata.annotations = { ...copy.metadata.annotations, [CHANGE_CAUSE_ANNOTATION]: changeCause };
  return copy;
}

/** The template a ReplicaSet runs, without the hash label the controller added. */
function templateOfRevision(template: PodTemplate): PodTemplate {
  const copy = clone(template);
  delete copy.metadata.labels['pod-template-hash'];
  return copy;
}

async function undo(ctx: CommandContext): Promise<CommandResult> {
  const workloads = workloadsOf(ctx, 'undo', new Set(['Deployment']));
  if (isResult(workloads)) return workloads;
  const toFlag = flag(ctx, 'to-revision');
  const toRevision = typeof toFlag === 'string' ? Number(toFlag) : 0;
  const plans: { dep: Deployment; template: PodTemplate; changeCause: string | null }[] = [];
  for (const dep of workloads as Deployment[]) {
    const sets = replicaSetsOf(ctx.cluster, dep);
    const current = newReplicaSet(ctx.cluster, dep);
    let target;
    if (toRevision === 0) {
      target = sets.filter((rs) => rs !== current).at(-1);
      if (!target) return fail(ctx, `error: no rollout history found for deployment "${dep.metadata.name}"`);
    } else {
      target = sets.find((rs) => revisionOf(rs) === toRevision);
      if (!target) return fail(ctx, `error: unable to find specified revision ${toRevision} in history`);
    }
    const template = templateOfRevision(target.spec.template);
    if (stableJson(template) === stableJson(dep.spec.template)) {
      ctx.io.out(
        `deployment.apps/${dep.metadata.name} skipped rollback (current template already matches revision ${revisionOf(target)})`,
      );
      continue;
    }
    plans.push({
      dep,
      template,
      changeCause: target.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? null,
    });
  }
  if (!plans.length) return { exitCode: 0 };
  const suffix = dryRun(ctx);
  if (suffix !== null) {
    for (const { dep } of plans) ctx.io.out(`deployment.apps/${dep.metadata.name} rolled back${suffix}`);
    return { exitCode: 0 };
  }
  const snapshot = new SnapshotBuilder();
  for (const { dep } of plans) {
    snapshot.add(
      ...templateStep(
        dep,
        `Roll deployment ${dep.metadata.name} in ${dep.metadata.namespace} forward again to the template it ran before the undo`,
      ),
    );
  }
  await settle(ctx, { stage: 'rolling out', targets: plans.map((p) => refOf(p.dep)) }, () => {
    for (const { dep, template, changeCause } of plans) {
      const annotations = { ...dep.metadata.annotations };
      if (changeCause) annotations[CHANGE_CAUSE_ANNOTATION] = changeCause;
      else delete annotations[CHANGE_CAUSE_ANNOTATION];
      dep.metadata.annotations = annotations;
      setTemplate(ctx.cluster, dep, template);
      ctx.io.out(`deployment.apps/${dep.metadata.name} rolled back`);
    }
  });
  return { exitCode: 0, snapshot: snapshot.build() };
}

function pauseResume(ctx: CommandContext, pause: boolean): CommandResult {
  const workloads = workloadsOf(ctx, pause ? 'pause' : 'resume', new Set(['Deployment']));
  if (isResult(workloads)) return workloads;
  const snapshot = new SnapshotBuilder();
  for (const dep of workloads as Deployment[]) {
    const name = dep.metadata.name;
    if (Boolean(dep.spec.paused) === pause) {
      return fail(
        ctx,
        `error: deployments.apps "${name}" is ${pause ? 'already paused' : 'not paused'}`,
        snapshot.build(),
      );
    }
    if (dryRun(ctx) !== null) {
      ctx.io.out(`deployment.apps/${name} ${pause ? 'paused' : 'resumed'}${dryRun(ctx)}`);
      continue;
    }
    snapshot.add(
      { type: 'paused', namespace: dep.metadata.namespace!, name, paused: Boolean(dep.spec.paused) },
      {
        operation: pause ? 'resume' : 'pause',
        resource: 'deployment',
        name,
        namespace: dep.metadata.namespace!,
        description: `${pause ? 'Resume' : 'Pause'} the rollout of deployment ${name} in ${dep.metadata.namespace} again`,
      },
    );
    if (pause) dep.spec.paused = true;
    else delete dep.spec.paused;
    bumpGeneration(dep);
    ctx.cluster.update(dep);
    ctx.io.out(`deployment.apps/${name} ${pause ? 'paused' : 'resumed'}`);
  }
  ctx.cluster.commit();
  return { exitCode: 0, snapshot: snapshot.build() };
}
