/** `kubectl scale`: deployments and statefulsets; the controllers create or remove the pods. */
import type { Deployment, StatefulSet } from '../model.js';
import { SnapshotBuilder } from '../snapshot.js';
import { SCALABLE_KINDS, setReplicas } from '../workloads.js';
import { dryRun, fail, flag, type CommandContext, type CommandResult } from './context.js';
import { objectRef, qualifiedPlural } from './errors.js';
import { refOf, settle } from './settle.js';
import { isResult, resolveTargets } from './targets.js';

export async function scale(ctx: CommandContext): Promise<CommandResult> {
  const replicasFlag = flag(ctx, 'replicas');
  const replicas =
    typeof replicasFlag === 'string' && /^\d+$/.test(replicasFlag) ? Number(replicasFlag) : NaN;
  if (!Number.isInteger(replicas)) {
    return fail(
      ctx,
      'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0',
    );
  }
  const resolved = resolveTargets(ctx, 'scale');
  if (isResult(resolved)) return resolved;
  const current = flag(ctx, 'current-replicas');
  const workloads: { ref: string; workload: Deployment | StatefulSet }[] = [];
  for (const { kind, object } of resolved.objects) {
    if (!SCALABLE_KINDS.has(object.kind)) {
      return fail(
        ctx,
        `error: ${qualifiedPlural(kind)} "${object.metadata.name}" cannot be scaled: the sandbox scales deployments and statefulsets`,
      );
    }
    const workload = object as Deployment | StatefulSet;
    if (typeof current === 'string' && Number(current) !== workload.spec.replicas) {
      return fail(ctx, `error: Expected replicas to be ${current}, was ${workload.spec.replicas}`);
    }
    workloads.push({ ref: objectRef(kind, object.metadata.name), workload });
  }
  const suffix = dryRun(ctx);
  if (suffix !== null) {
    for (const { ref } of workloads) ctx.io.out(`${ref} scaled${suffix}`);
    return { exitCode: resolved.missing ? 1 : 0 };
  }
  const snapshot = new SnapshotBuilder();
  for (const { workload } of workloads) {
    const kind = workload.kind === 'Deployment' ? 'deployment' : 'statefulset';
    const { name, namespace } = workload.metadata;
    snapshot.add(
      { type: 'scale', kind: workload.kind, namespace: namespace!, name, replicas: workload.spec.replicas },
      {
        operation: 'scale',
        resource: kind,
        name,
        namespace: namespace!,
        description: `Scale ${kind} ${name} in ${namespace} back to ${workload.spec.replicas} replica${workload.spec.replicas === 1 ? '' : 's'}`,
        data: { replicas: workload.spec.replicas, scaledTo: replicas },
      },
    );
  }
  if (workloads.length) {
    await settle(ctx, { stage: 'scaling', targets: workloads.map((w) => refOf(w.workload)) }, () => {
      for (const { ref, workload } of workloads) {
        setReplicas(ctx.cluster, workload, replicas);
        ctx.io.out(`${ref} scaled`);
      }
    });
  }
  return { exitCode: resolved.missing ? 1 : 0, snapshot: snapshot.build() };
}
