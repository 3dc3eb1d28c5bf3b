/** `kubectl get`: tables per kind, `get all`, names, selectors, every `-o` format, and a bounded `-w`. */
import { resolveResource, type ResourceKind } from '../../../kubectl/index.js';
import type { KubeEvent, KubeObject } from '../model.js';
import { JsonPathError } from '../format/jsonpath.js';
import {
  printNames,
  printStructured,
  printTable,
  sortByPath,
  supportedOutput,
  tableRows,
  unsupportedOutputError,
  type TableOptions,
} from '../format/print.js';
import { renderTable } from '../format/table.js';
import { matchesLabels, parseLabelSelector } from '../selectors.js';
import { boolFlag, fail, namespaceOf, type CommandContext, type CommandResult } from './context.js';
import { noResourcesFound, notFound } from './errors.js';
import { isResult, kindsOf, listMatching, lookup, namedTargets, scopeOf } from './targets.js';

/** What `get all` lists, in kubectl's order. */
const ALL_CATEGORY = [
  'pods',
  'services',
  'daemonsets',
  'deployments',
  'replicasets',
  'statefulsets',
  'cronjobs',
  'jobs',
];

/** How long `get -w` watches before it returns, in cluster time; a chat is not a terminal. */
export const WATCH_LIMIT_MS = 10_000;

interface Section {
  kind: ResourceKind;
  objects: KubeObject[];
}

export async function get(ctx: CommandContext): Promise<CommandResult> {
  const named = kindsOf(ctx);
  if (isResult(named)) return named;
  const kinds = [...named];
  if (ctx.parsed.allResources) {
    for (const plural of [...ALL_CATEGORY].reverse()) {
      const kind = resolveResource(plural)!;
      if (!kinds.includes(kind)) kinds.unshift(kind);
    }
  }
  if (!kinds.length) {
    return fail(
      ctx,
      'error: You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.',
    );
  }
  const output = ctx.parsed.output ?? (boolFlag(ctx, 'wide') ? 'wide' : null);
  if (!supportedOutput(output)) return fail(ctx, unsupportedOutputError(output!));

  const targets = namedTargets(ctx);
  if (targets.length && ctx.parsed.allNamespaces) {
    return fail(ctx, 'error: a resource cannot be retrieved by name across all namespaces');
  }
  const sections: Section[] = kinds.map((kind) => ({ kind, objects: [] }));
  let missing = 0;
  if (targets.length) {
    for (const { name, kind } of targets) {
      for (const k of kind ? [kind] : kinds) {
        const obj = lookup(ctx, k, name);
        if (obj) sections.find((s) => s.kind === k)!.objects.push(obj);
        else if (!ctx.parsed.flags.has('ignore-not-found')) {
          ctx.io.err(notFound(k, name));
          missing++;
        }
      }
    }
  } else {
    for (const section of sections) {
      const found = listMatching(ctx, section.kind);
      if (isResult(found)) return found;
      section.objects = found;
      // Events read best oldest first, as `--sort-by=.lastTimestamp` prints them.
      if (section.kind.plural === 'events') {
        // Event names end in their creation time in hex, which orders events of the same second.
        const key = (e: KubeEvent) =>
          `${e.lastTimestamp}/${e.metadata.name.slice(e.metadata.name.lastIndexOf('.') + 1)}`;
        section.objects.sort((a, b) => (key(a as KubeEvent) < key(b as KubeEvent) ? -1 : 1));
      }
    }
  }
  const sortBy = ctx.parsed.flags.get('sort-by');
  if (typeof sortBy === 'string') {
    try {
      for (const s of sections) s.objects = sortByPath(s.objects, sortBy);
    } catch (error) {
      if (error instanceof JsonPathError)
        return fail(ctx, `error: couldn't parse sort-by path ${sortBy}: ${error.message}`);
      throw error;
    }
  }

  const nonEmpty = sections.filter((s) => s.objects.length);
  const multiKind = kinds.length > 1 || ctx.parsed.allResources;
  const now = ctx.cluster.now();
  const options: TableOptions = {
    wide: output === 'wide',
    prefix: multiKind,
    namespaceColumn: ctx.parsed.allNamespaces,
    showLabels: boolFlag(ctx, 'show-labels'),
    labelColumns: labelColumns(ctx),
    noHeaders: boolFlag(ctx, 'no-headers'),
  };
  if (output === null || output === 'wide') {
    const tables = nonEmpty.map((s) => printTable(s.kind, s.objects, options, now));
    if (tables.length) ctx.io.out(tables.join('\n'));
  } else if (output === 'name') {
    const text = printNames(nonEmpty.flatMap((s) => s.objects.map((object) => ({ kind: s.kind, object }))));
    if (text) ctx.io.out(text);
  } else {
    const objects = nonEmpty.flatMap((s) => s.objects);
    const single = targets.length === 1 && kinds.length === 1 && !ctx.parsed.allResources;
    if (single && !objects.length) return { exitCode: 1 };
    try {
      ctx.io.out(printStructured(output, objects, single));
    } catch (error) {
      if (error instanceof JsonPathError)
        return fail(ctx, `error: error parsing jsonpath ${output}, ${error.message}`);
      throw error;
    }
  }
  if (!nonEmpty.length && !targets.length) {
    const clusterWide = ctx.parsed.allNamespaces || kinds.every((k) => !k.namespaced);
    ctx.io.err(noResourcesFound(clusterWide ? null : namespaceOf(ctx)));
  }
  if ((boolFlag(ctx, 'watch') || boolFlag(ctx, 'watch-only')) && (output === null || output === 'wide')) {
    await watchRows(
      ctx,
      kinds,
      options,
      targets.map((t) => t.name),
    );
  }
  return { exitCode: missing ? 1 : 0 };
}

function labelColumns(ctx: CommandContext): string[] {
  const value = ctx.parsed.flags.get('label-columns');
  return typeof value === 'string' ? value.split(',').filter(Boolean) : [];
}

/** `-w`: prints a row for every change to a matching object until the limit, a cancel or the timeout. */
async function watchRows(
  ctx: CommandContext,
  kinds: ResourceKind[],
  options: TableOptions,
  names: string[],
): Promise<void> {
  const selector = ctx.parsed.selector ? parseLabelSelector(ctx.parsed.selector) : null;
  const requirements = selector?.ok ? selector.requirements : [];
  const watch = ctx.io.watch((changes) => {
    for (const change of changes) {
      const kind = kinds.find((k) => k.plural === change.plural);
      if (!kind || change.type === 'deleted') continue;
      const obj = change.object;
      const scope = scopeOf(ctx, kind);
      if (scope !== null && obj.metadata.namespace !== scope) continue;
      if (names.length && !names.includes(obj.metadata.name)) continue;
      if (!matchesLabels(requirements, obj.metadata.labels)) continue;
      const { rows } = tableRows(kind, [obj], options, ctx.cluster.now());
      ctx.io.out(renderTable(null, rows));
    }
  });
  await watch.until(() => false, ctx.io.budget(WATCH_LIMIT_MS));
  watch.close();
}
