import type { ParsedKubectl } from '../kubectl/index.js';
import type { CommandImpact, ImpactScope } from './types.js';

/** Verbs that never name a kind, so their reach is the cluster itself. */
const CLUSTER_VERBS = new Set(['version', 'cluster-info', 'api-resources', 'api-versions']);

/** Describes what a parsed command reaches, for the approval screen and the audit log. */
export function describeImpact(parsed: ParsedKubectl, noResources = false): CommandImpact {
  const resources = noResources
    ? []
    : [
        ...parsed.resources.map((r) => r.plural),
        ...parsed.unknownResources,
        ...(parsed.allResources ? ['all'] : []),
      ];
  const names = noResources ? [] : [...parsed.names];
  const scope = scopeOf(parsed, resources, names);
  const verb = [parsed.verb, parsed.subcommand].filter(Boolean).join(' ') || null;
  return {
    verb,
    resources,
    names,
    namespace: parsed.namespace,
    scope,
    summary: summarize(verb, parsed, resources, names, scope),
  };
}

function scopeOf(parsed: ParsedKubectl, resources: string[], names: string[]): ImpactScope {
  if (parsed.allNamespaces) return 'all-namespaces';
  if (names.length > 0) return 'object';
  if (parsed.selector) return 'selector';
  const clusterScoped = parsed.resources.length > 0 && parsed.resources.every((r) => !r.namespaced);
  if (clusterScoped || resources.length === 0 || (parsed.verb && CLUSTER_VERBS.has(parsed.verb))) {
    return parsed.namespace && !clusterScoped ? 'namespace' : 'cluster';
  }
  return 'namespace';
}

function summarize(
  verb: string | null,
  parsed: ParsedKubectl,
  resources: string[],
  names: string[],
  scope: ImpactScope,
): string {
  const what =
    names.length > 0
      ? `${resources.join(', ') || 'object'} ${names.join(', ')}`
      : parsed.selector
        ? `${resources.join(', ')} matching ${parsed.selector}`
        : resources.join(', ');
  const clusterScoped = parsed.resources.length > 0 && parsed.resources.every((r) => !r.namespaced);
  const where =
    scope === 'all-namespaces'
      ? 'in all namespaces'
      : scope === 'cluster' || clusterScoped
        ? 'cluster-wide'
        : parsed.namespace
          ? `in namespace ${parsed.namespace}`
          : 'in the default namespace';
  return [verb ?? 'kubectl', what, where].filter(Boolean).join(' ');
}
