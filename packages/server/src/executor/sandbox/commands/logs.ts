/**
 * `kubectl logs`: a pod or `TYPE/NAME` (a pod is picked like kubectl picks it), `-l`, `-c`,
 * `--all-containers`, `--previous`, `--tail`, `--since`, `--since-time`, `--timestamps`, `--prefix`,
 * and `-f`, which streams new lines as their time comes for a bounded while (a chat is not a terminal)
 * and stops at once on cancel.
 */
import { resolveResource } from '../../../kubectl/index.js';
import type { Cluster } from '../cluster.js';
import { podsOf } from '../controllers/pods.js';
import { parseDuration } from '../format/age.js';
import type { KubeObject, Pod, Service } from '../model.js';
import { isReady } from '../pod-status.js';
import { logLines, type LogLine, type LogWindow } from '../logs-content.js';
import { noise } from '../random.js';
import { matchesLabels } from '../selectors.js';
import { workloadPods, isWorkload } from '../workloads.js';
import { boolFlag, fail, flag, namespaceOf, type CommandContext, type CommandResult } from './context.js';
import { noResourcesFound, notFound, unknownResourceType } from './errors.js';
import { isResult, listMatching } from './targets.js';

/** How long `logs -f` follows, in cluster time. */
export const FOLLOW_LIMIT_MS = 10_000;

const USAGE =
  "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples";

/** kubectl's choice among a controller's pods: scheduled, running, ready, then the oldest. */
function pickPod(pods: readonly Pod[]): Pod | undefined {
  const score = (p: Pod): number[] => [
    p.spec.nodeName ? 0 : 1,
    p.status.phase === 'Running' ? 0 : 1,
    isReady(p) ? 0 : 1,
    Date.parse(p.metadata.creationTimestamp),
  ];
  return [...pods].sort((a, b) => {
    const x = score(a);
    const y = score(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return a.metadata.name.localeCompare(b.metadata.name);
  })[0];
}

function podsBehind(c: Cluster, obj: KubeObject): Pod[] {
  if (isWorkload(obj)) return workloadPods(c, obj);
  if (obj.kind === 'Service') {
    const selector = (obj as Service).spec.selector;
    if (!selector) return [];
    return c.list<Pod>('pods', obj.metadata.namespace!).filter((p) =>
      matchesLabels(
        Object.entries(selector).map(([key, v]) => ({ key, op: 'eq' as const, values: [v] })),
        p.metadata.labels,
      ),
    );
  }
  return podsOf(c, obj);
}

interface Stream {
  pod: Pod;
  container: string;
  window: LogWindow;
}

function windowOf(
  ctx: CommandContext,
  pod: Pod,
  container: string,
  previous: boolean,
): LogWindow | CommandResult {
  const status = pod.status.containerStatuses?.find((cs) => cs.name === container);
  const name = pod.metadata.name;
  if (previous) {
    const last = status?.lastState.terminated;
    if (!last) {
      return fail(
        ctx,
        `Error from server (BadRequest): previous terminated container "${container}" in pod "${name}" not found`,
      );
    }
    return { start: Date.parse(last.startedAt), end: Date.parse(last.finishedAt), crashed: last.reason };
  }
  if (status?.state.running)
    return { start: Date.parse(status.state.running.startedAt), end: null, crashed: null };
  if (status?.state.terminated) {
    const t = status.state.terminated;
    return {
      start: Date.parse(t.startedAt),
      end: Date.parse(t.finishedAt),
      crashed: t.reason === 'Completed' ? null : t.reason,
    };
  }
  const reason = status?.state.waiting?.reason ?? 'ContainerCreating';
  return fail(
    ctx,
    `Error from server (BadRequest): container "${container}" in pod "${name}" is waiting to start: ${reason}`,
  );
}

/** RFC 3339 with nanoseconds, as `--timestamps` prints. */
const nanoTime = (at: number): string => {
  // The kubelet stamps lines in nanoseconds; the digits below the millisecond are made up, stably.
  const below = String(Math.floor(noise(at, 'ns') * 1e6)).padStart(6, '0');
  return new Date(at).toISOString().replace(/\.(\d{3})Z$/, `.$1${below}Z`);
};

export async function logs(ctx: CommandContext): Promise<CommandResult> {
  const { cluster: c, parsed } = ctx;
  const unknown = parsed.unknownResources[0];
  if (unknown !== undefined) return fail(ctx, unknownResourceType(unknown));
  const namespace = namespaceOf(ctx);

  let pods: Pod[];
  if (parsed.selector && !parsed.names.length) {
    const found = listMatching(ctx, resolveResource('pods')!);
    if (isResult(found)) return found;
    pods = found as Pod[];
    if (!pods.length) {
      ctx.io.err(noResourcesFound(namespace));
      return { exitCode: 0 };
    }
  } else {
    const name = parsed.names[0];
    const kind = parsed.resources[0];
    if (name === undefined || !kind) return fail(ctx, USAGE);
    const obj = c.get(kind.plural, kind.namespaced ? namespace : undefined, name);
    if (!obj) return fail(ctx, notFound(kind, name));
    if (obj.kind === 'Pod') pods = [obj as Pod];
    else {
      const candidates = podsBehind(c, obj);
      const chosen = pickPod(candidates);
      if (!chosen) return fail(ctx, `error: timed out waiting for the condition`);
      if (candidates.length > 1)
        ctx.io.err(`Found ${candidates.length} pods, using pod/${chosen.metadata.name}`);
      pods = [chosen];
    }
  }

  const previous = boolFlag(ctx, 'previous');
  const allContainers = boolFlag(ctx, 'all-containers');
  const containerFlag = flag(ctx, 'container');
  const streams: Stream[] = [];
  for (const pod of pods) {
    let names: string[];
    if (typeof containerFlag === 'string') {
      if (!pod.spec.containers.some((k) => k.name === containerFlag)) {
        return fail(ctx, `error: container ${containerFlag} is not valid for pod ${pod.metadata.name}`);
      }
      names = [containerFlag];
    } else if (allContainers) names = pod.spec.containers.map((k) => k.name);
    else {
      const preferred = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
      const first = pod.spec.containers.find((k) => k.name === preferred) ?? pod.spec.containers[0]!;
      if (pod.spec.containers.length > 1 && pods.length === 1) {
        ctx.io.err(
          `Defaulted container "${first.name}" out of: ${pod.spec.containers.map((k) => k.name).join(', ')}`,
        );
      }
      names = [first.name];
    }
    for (const container of names) {
      const window = windowOf(ctx, pod, container, previous);
      if (isResult(window)) return window;
      streams.push({ pod, container, window });
    }
  }

  const now = c.now();
  let from = -Infinity;
  const since = flag(ctx, 'since');
  if (typeof since === 'string') {
    const ms = parseDuration(since);
    if (ms === null)
      return fail(
        ctx,
        `error: invalid argument "${since}" for "--since" flag: time: invalid duration "${since}"`,
      );
    from = now - ms;
  }
  const sinceTime = flag(ctx, 'since-time');
  if (typeof sinceTime === 'string') {
    const t = Date.parse(sinceTime);
    if (Number.isNaN(t))
      return fail(
        ctx,
        `error: invalid argument "${sinceTime}" for "--since-time" flag: parsing time "${sinceTime}" as RFC3339 failed`,
      );
    from = t;
  }
  const tailFlag = flag(ctx, 'tail');
  const tail = typeof tailFlag === 'string' ? Number(tailFlag) : parsed.selector ? 10 : -1;
  if (!Number.isInteger(tail))
    return fail(
      ctx,
      `error: invalid argument "${String(tailFlag)}" for "--tail" flag: strconv.ParseInt: parsing "${String(tailFlag)}": invalid syntax`,
    );
  const timestamps = boolFlag(ctx, 'timestamps');
  const prefix = boolFlag(ctx, 'prefix');
  const format = (s: Stream, line: LogLine): string =>
    `${prefix ? `[pod/${s.pod.metadata.name}/${s.container}] ` : ''}${timestamps ? `${nanoTime(line.at)} ` : ''}${line.text}`;

  for (const s of streams) {
    let lines = logLines(s.pod, s.container, s.window, from, now);
    if (tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail);
    if (lines.length) ctx.io.out(lines.map((l) => format(s, l)).join('\n'));
  }

  if (boolFlag(ctx, 'follow') && !previous)
    await follow(
      ctx,
      streams.filter((s) => s.window.end === null),
      now,
      format,
    );
  return { exitCode: 0 };
}

/** Prints each stream's new lines when their time comes, until the limit, a cancel, or the pod goes. */
async function follow(
  ctx: CommandContext,
  streams: Stream[],
  since: number,
  format: (s: Stream, line: LogLine) => string,
): Promise<void> {
  const c = ctx.cluster;
  const until = since + ctx.io.budget(FOLLOW_LIMIT_MS);
  let cursor = since;
  while (streams.length && !ctx.io.stopped) {
    const pending = streams
      .flatMap((s) => logLines(s.pod, s.container, s.window, cursor + 1, until).map((line) => ({ s, line })))
      .sort((a, b) => a.line.at - b.line.at);
    const next = pending[0];
    const wakeAt = next ? next.line.at : until;
    if (!(await ctx.io.sleep(Math.max(0, wakeAt - c.now())))) return;
    if (!next) return;
    for (const { s, line } of pending.filter((p) => p.line.at === next.line.at)) {
      const live = c.get<Pod>('pods', s.pod.metadata.namespace, s.pod.metadata.name);
      if (live?.metadata.uid !== s.pod.metadata.uid || live.metadata.deletionTimestamp) {
        streams = streams.filter((x) => x !== s);
        continue;
      }
      ctx.io.out(format(s, line));
    }
    cursor = next.line.at;
    if (cursor >= until) return;
  }
}
