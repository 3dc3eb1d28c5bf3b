/** `kubectl describe`: by name (or name prefix, as kubectl allows), by selector, or every object of a kind. */
import type { KubeObject } from '../model.js';
import { describeObject } from '../format/describe/index.js';
import { fail, type CommandContext, type CommandResult } from './context.js';
import { noResourcesFound, notFound } from './errors.js';
import { isResult, kindsOf, listMatching, lookup, namedTargets, scopeOf } from './targets.js';

export function describe(ctx: CommandContext): CommandResult {
  const kinds = kindsOf(ctx);
  if (isResult(kinds)) return kinds;
  if (!kinds.length) {
    return fail(
      ctx,
      'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.',
    );
  }
  const found: KubeObject[] = [];
  let missing = 0;
  const targets = namedTargets(ctx);
  if (targets.length) {
    for (const { name, kind } of targets) {
      for (const k of kind ? [kind] : kinds) {
        const exact = lookup(ctx, k, name);
        // kubectl describe falls back to every object whose name starts with what was typed.
        const matches = exact
          ? [exact]
          : ctx.cluster.list(k.plural, scopeOf(ctx, k)).filter((o) => o.metadata.name.startsWith(name));
        if (matches.length) found.push(...matches);
        else {
          ctx.io.err(notFound(k, name));
          missing++;
        }
      }
    }
  } else {
    for (const kind of kinds) {
      const list = listMatching(ctx, kind);
      if (isResult(list)) return list;
      found.push(...list);
    }
    if (!found.length) {
      const clusterWide = ctx.parsed.allNamespaces || kinds.every((k) => !k.namespaced);
      ctx.io.err(noResourcesFound(clusterWide ? null : (ctx.parsed.namespace ?? 'default')));
    }
  }
  if (found.length) ctx.io.out(found.map((o) => describeObject(ctx.cluster, o)).join('\n\n'));
  return { exitCode: missing ? 1 : 0 };
}
