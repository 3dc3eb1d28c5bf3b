/** `kubectl top pods|nodes`: usage from the sandbox's metrics, with -A, -l, --containers and --sort-by. */
import type { KubeNode, Pod } from '../model.js';
import { parseCpu, parseMemory } from '../format/describe/index.js';
import { renderTable } from '../format/table.js';
import {
  containerUsage,
  formatCpuUsage,
  formatMemoryUsage,
  hasMetrics,
  nodeUsage,
  podUsage,
} from '../metrics.js';
import { boolFlag, fail, flag, namespaceOf, type CommandContext, type CommandResult } from './context.js';
import { noResourcesFound, notFound } from './errors.js';
import { isResult, listMatching, lookup } from './targets.js';

export function top(ctx: CommandContext): CommandResult {
  const kind = ctx.parsed.resources[0];
  const word = ctx.parsed.subcommand ?? ctx.parsed.unknownResources[0];
  if (!kind || (kind.plural !== 'pods' && kind.plural !== 'nodes')) {
    return fail(
      ctx,
      word
        ? `error: unknown command "${word}" for "kubectl top"`
        : 'error: specify "kubectl top pod" or "kubectl top node"',
    );
  }
  const sortBy = flag(ctx, 'sort-by');
  if (sortBy !== undefined && sortBy !== 'cpu' && sortBy !== 'memory') {
    return fail(ctx, `error: --sort-by accepts only cpu or memory`);
  }
  const now = ctx.cluster.now();
  const name = ctx.parsed.names[0];
  if (kind.plural === 'nodes') {
    let nodes: KubeNode[];
    if (name !== undefined) {
      const node = lookup<KubeNode>(ctx, kind, name);
      if (!node) return fail(ctx, notFound(kind, name));
      nodes = [node];
    } else {
      const found = listMatching(ctx, kind);
      if (isResult(found)) return found;
      nodes = found as KubeNode[];
    }
    const pods = ctx.cluster.list<Pod>('pods');
    let rows = nodes.map((n) => ({ n, u: nodeUsage(n, pods, now) }));
    if (sortBy) rows = rows.sort((a, b) => (sortBy === 'cpu' ? b.u.cpu - a.u.cpu : b.u.memory - a.u.memory));
    ctx.io.out(
      renderTable(
        ['NAME', 'CPU(cores)', 'CPU%', 'MEMORY(bytes)', 'MEMORY%'],
        rows.map(({ n, u }) => [
          n.metadata.name,
          formatCpuUsage(u.cpu),
          `${Math.round((100 * u.cpu) / parseCpu(n.status.allocatable.cpu))}%`,
          formatMemoryUsage(u.memory),
          `${Math.round((100 * u.memory) / parseMemory(n.status.allocatable.memory))}%`,
        ]),
      ),
    );
    return { exitCode: 0 };
  }

  let pods: Pod[];
  if (name !== undefined) {
    const pod = lookup<Pod>(ctx, kind, name);
    if (!pod) return fail(ctx, notFound(kind, name));
    if (!hasMetrics(pod)) return fail(ctx, `error: metrics not available yet`);
    pods = [pod];
  } else {
    const found = listMatching(ctx, kind);
    if (isResult(found)) return found;
    pods = (found as Pod[]).filter(hasMetrics);
    if (!pods.length) {
      ctx.io.err(ctx.parsed.allNamespaces ? noResourcesFound(null) : noResourcesFound(namespaceOf(ctx)));
      return { exitCode: 0 };
    }
  }
  const all = ctx.parsed.allNamespaces;
  if (boolFlag(ctx, 'containers')) {
    const rows = pods.flatMap((p) =>
      p.spec.containers.map((c) => {
        const u = containerUsage(p, c.name, now);
        return [
          ...(all ? [p.metadata.namespace!] : []),
          p.metadata.name,
          c.name,
          formatCpuUsage(u.cpu),
          formatMemoryUsage(u.memory),
        ];
      }),
    );
    ctx.io.out(
      renderTable([...(all ? ['NAMESPACE'] : []), 'POD', 'NAME', 'CPU(cores)', 'MEMORY(bytes)'], rows),
    );
    return { exitCode: 0 };
  }
  let rows = pods.map((p) => ({ p, u: podUsage(p, now) }));
  if (sortBy) rows = rows.sort((a, b) => (sortBy === 'cpu' ? b.u.cpu - a.u.cpu : b.u.memory - a.u.memory));
  ctx.io.out(
    renderTable(
      [...(all ? ['NAMESPACE'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)'],
      rows.map(({ p, u }) => [
        ...(all ? [p.metadata.namespace!] : []),
        p.metadata.name,
        formatCpuUsage(u.cpu),
        formatMemoryUsage(u.memory),
      ]),
    ),
  );
  return { exitCode: 0 };
}
