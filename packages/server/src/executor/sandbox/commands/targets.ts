/**
 * Which objects a command is about: kinds, names (`TYPE NAME…` or `TYPE/NAME…`), `-l`, `--field-selector`,
 * `--all`, `-n` / `-A` — resolved the way kubectl resolves them, with its errors.
 */
import { resolveResource, type ResourceKind } from '../../../kubectl/index.js';
import type { KubeObject } from '../model.js';
import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  type Requirement,
} from '../selectors.js';
import { type CommandContext, type CommandResult, fail, namespaceOf } from './context.js';
import { notFound, unknownResourceType } from './errors.js';

/** The kinds a command names, or a failed result for the first unknown one. */
export function kindsOf(ctx: CommandContext): ResourceKind[] | CommandResult {
  const unknown = ctx.parsed.unknownResources[0];
  if (unknown !== undefined) return fail(ctx, unknownResourceType(unknown));
  return [...ctx.parsed.resources];
}

export function isResult(value: unknown): value is CommandResult {
  return typeof value === 'object' && value !== null && 'exitCode' in value;
}

/** Names paired with their kind when written `TYPE/NAME`; null kind means every named kind. */
export function namedTargets(ctx: CommandContext): { name: string; kind: ResourceKind | null }[] {
  const used = new Set<number>();
  return ctx.parsed.names.map((name) => {
    const index = ctx.parsed.argv.findIndex((arg, i) => {
      if (used.has(i) || !arg.endsWith(`/${name}`)) return false;
      return resolveResource(arg.slice(0, arg.length - name.length - 1)) !== undefined;
    });
    if (index === -1) return { name, kind: null };
    used.add(index);
    const arg = ctx.parsed.argv[index]!;
    return { name, kind: resolveResource(arg.slice(0, arg.length - name.length - 1))! };
  });
}

/** Namespace to look in for a kind: null means all namespaces (or a cluster-scoped kind). */
export function scopeOf(ctx: CommandContext, kind: ResourceKind): string | null {
  if (!kind.namespaced || ctx.parsed.allNamespaces) return null;
  return namespaceOf(ctx);
}

export function lookup<T extends KubeObject>(
  ctx: CommandContext,
  kind: ResourceKind,
  name: string,
): T | undefined {
  return ctx.cluster.get<T>(kind.plural, kind.namespaced ? namespaceOf(ctx) : undefined, name);
}

export function labelRequirements(ctx: CommandContext): Requirement[] | CommandResult {
  if (!ctx.parsed.selector) return [];
  const parsed = parseLabelSelector(ctx.parsed.selector);
  return parsed.ok ? parsed.requirements : fail(ctx, `error: ${parsed.error}`);
}

/** Objects of a kind in scope that match `-l` and `--field-selector`. */
export function listMatching(ctx: CommandContext, kind: ResourceKind): KubeObject[] | CommandResult {
  const labels = labelRequirements(ctx);
  if (isResult(labels)) return labels;
  const fieldText = ctx.parsed.flags.get('field-selector');
  let fields: ReturnType<typeof parseFieldSelector> = { ok: true, requirements: [] };
  if (typeof fieldText === 'string') fields = parseFieldSelector(fieldText, kind.kind, kind.plural);
  if (!fields.ok) return fail(ctx, fields.error);
  const requirements = fields.requirements;
  return ctx.cluster
    .list(kind.plural, scopeOf(ctx, kind))
    .filter((o) => matchesLabels(labels, o.metadata.labels) && matchesFields(requirements, o));
}

/**
 * The objects a mutating verb acts on: the named ones (NotFound printed for each missing one), or
 * with `-l` / `--all` every match. Returns the found objects and whether any name was missing.
 */
export function resolveTargets(
  ctx: CommandContext,
  verb: string,
): { objects: { kind: ResourceKind; object: KubeObject }[]; missing: number } | CommandResult {
  const kinds = kindsOf(ctx);
  if (isResult(kinds)) return kinds;
  if (!kinds.length) {
    return fail(ctx, `error: You must provide one or more resources by argument or filename.`);
  }
  const objects: { kind: ResourceKind; object: KubeObject }[] = [];
  let missing = 0;
  const named = namedTargets(ctx);
  if (named.length) {
    for (const { name, kind } of named) {
      for (const k of kind ? [kind] : kinds) {
        const object = lookup(ctx, k, name);
        if (object) objects.push({ kind: k, object });
        else if (!ctx.parsed.flags.has('ignore-not-found')) {
          ctx.io.err(notFound(k, name));
          missing++;
        }
      }
    }
    return { objects, missing };
  }
  if (!ctx.parsed.selector && !ctx.parsed.flags.has('all') && !ctx.parsed.flags.has('field-selector')) {
    const what =
      verb === 'delete'
        ? 'resource(s) were provided, but no name was specified'
        : 'no objects passed to ' + verb;
    return fail(ctx, `error: ${what}`);
  }
  for (const kind of kinds) {
    const found = listMatching(ctx, kind);
    if (isResult(found)) return found;
    objects.push(...found.map((object) => ({ kind, object })));
  }
  return { objects, missing };
}
