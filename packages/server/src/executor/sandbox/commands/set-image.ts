/** `kubectl set image TYPE/NAME container=image…` (or `*=image`): a new template, then a rolling update. */
import { CHANGE_CAUSE_ANNOTATION } from '../controllers/deployments.js';
import { formatCommandLine, parseKubectl } from '../../../kubectl/index.js';
import { clone } from '../model.js';
import { SnapshotBuilder } from '../snapshot.js';
import { WORKLOAD_KINDS, setTemplate, type Workload } from '../workloads.js';
import { boolFlag, dryRun, fail, type CommandContext, type CommandResult } from './context.js';
import { objectRef } from './errors.js';
import { refOf, settle } from './settle.js';
import { isResult, resolveTargets } from './targets.js';

export async function setImage(ctx: CommandContext): Promise<CommandResult> {
  if (ctx.parsed.subcommand !== 'image') {
    return fail(
      ctx,
      `error: the sandbox cluster supports "kubectl set image" only${ctx.parsed.subcommand ? `, not "set ${ctx.parsed.subcommand}"` : ''}`,
    );
  }
  // The generic parser reads `api=registry.example/api:1.43` as a TYPE/NAME; take the pairs out and read the rest again.
  const argv = ctx.parsed.argv;
  const start = argv.indexOf('image');
  const isPair = (arg: string, i: number): boolean =>
    i > start && !arg.startsWith('-') && arg.includes('=') && argv[i - 1] !== '-n';
  const pairs = argv.filter(isPair);
  if (!pairs.length) return fail(ctx, 'error: at least one image update is required');
  const scoped: CommandContext = { ...ctx, parsed: parseKubectl(argv.filter((arg, i) => !isPair(arg, i))) };
  const resolved = resolveTargets(scoped, 'set image');
  if (isResult(resolved)) return resolved;
  const plans: { workload: Workload; ref: string; template: Workload['spec']['template'] }[] = [];
  for (const { kind, object } of resolved.objects) {
    if (!WORKLOAD_KINDS.has(object.kind))
      return fail(ctx, `error: ${kind.plural} "${object.metadata.name}" has no pod template`);
    const workload = object as Workload;
    const template = clone(workload.spec.template);
    for (const pair of pairs) {
      const [container, image] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      const targets =
        container === '*'
          ? template.spec.containers
          : template.spec.containers.filter((c) => c.name === container);
      if (!targets.length) return fail(ctx, `error: unable to find container named "${container}"`);
      for (const c of targets) c.image = image;
    }
    plans.push({ workload, ref: objectRef(kind, object.metadata.name), template });
  }
  const suffix = dryRun(ctx);
  if (suffix !== null) {
    for (const p of plans) ctx.io.out(`${p.ref} image updated${suffix}`);
    return { exitCode: 0 };
  }
  const snapshot = new SnapshotBuilder();
  for (const { workload } of plans) {
    const { name, namespace } = workload.metadata;
    const images = workload.spec.template.spec.containers.map((c) => `${c.name}=${c.image}`).join(', ');
    snapshot.add(
      {
        type: 'template',
        kind: workload.kind,
        namespace: namespace!,
        name,
        template: clone(workload.spec.template),
        changeCause: workload.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? null,
      },
      {
        operation: 'restore_template',
        resource: workload.kind.toLowerCase(),
        name,
        namespace: namespace!,
        description: `Set the images of ${workload.kind.toLowerCase()} ${name} in ${namespace} back to ${images}`,
      },
    );
  }
  await settle(ctx, { stage: 'rolling out', targets: plans.map((p) => refOf(p.workload)) }, () => {
    for (const { workload, ref, template } of plans) {
      if (boolFlag(ctx, 'record')) {
        workload.metadata.annotations = {
          ...workload.metadata.annotations,
          [CHANGE_CAUSE_ANNOTATION]: formatCommandLine(ctx.parsed.argv),
        };
      }
      setTemplate(ctx.cluster, workload, template);
      ctx.io.out(`${ref} image updated`);
    }
  });
  return { exitCode: 0, snapshot: snapshot.build() };
}
