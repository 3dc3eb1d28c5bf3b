/**
 * What metrics-server would report: per-container CPU and memory that depend on the image (a
 * database uses more memory than a proxy), wander every scrape (15 s), and — for the prod worker —
 * creep towards its memory limit, which is why it keeps getting OOM-killed.
 */
import type { KubeNode, Pod } from './model.js';
import { isReady } from './pod-status.js';
import { noise } from './random.js';

const MI = 1024 * 1024;
const SCRAPE_MS = 15_000;

const BASELINES: [RegExp, number, number][] = [
  [/\/api:/, 38, 182],
  [/\/web:/, 14, 96],
  [/fluent-bit/, 3, 21],
  [/\/worker:/, 150, 300],
  [/^postgres/, 46, 412],
  [/coredns/, 3, 19],
  [/kube-proxy/, 1, 23],
  [/metrics-server/, 6, 29],
  [/hello/, 1, 4],
];

export interface Usage {
  cpu: number;
  memory: number;
}

export function containerUsage(pod: Pod, container: string, now: number): Usage {
  const spec = pod.spec.containers.find((c) => c.name === container);
  const image = spec?.image ?? '';
  const [, cpuBase, memBase] = BASELINES.find(([re]) => re.test(image)) ?? [null, 5, 20];
  const scale = pod.metadata.namespace === 'staging' ? 0.45 : 1;
  const bucket = Math.floor(now / SCRAPE_MS);
  const cpu = Math.max(
    1,
    Math.round(cpuBase * scale * (0.7 + 0.6 * noise(pod.metadata.uid, container, bucket))),
  );
  let memory =
    memBase * MI * (0.92 + 0.16 * noise(pod.metadata.uid, container, 'mem')) * (scale < 1 ? 0.7 : 1);
  const started = pod.status.containerStatuses?.find((c) => c.name === container)?.state.running?.startedAt;
  if (/\/worker:/.test(image) && started && scale === 1) {
    // The worker leaks: about 200Mi over the hour after each start.
    const minutes = (now - Date.parse(started)) / 60_000;
    memory += Math.min(200, minutes * 3.4) * MI;
  }
  memory *= 0.99 + 0.02 * noise(pod.metadata.uid, container, bucket, 'm');
  return { cpu, memory: Math.round(memory) };
}

/** Pods metrics-server reports on: running and ready. */
export function hasMetrics(pod: Pod): boolean {
  return isReady(pod);
}

export function podUsage(pod: Pod, now: number): Usage {
  return pod.spec.containers.reduce(
    (sum, c) => {
      const u = containerUsage(pod, c.name, now);
      return { cpu: sum.cpu + u.cpu, memory: sum.memory + u.memory };
    },
    { cpu: 0, memory: 0 },
  );
}

/** A node's usage: its pods plus the kubelet, the container runtime and the OS. */
export function nodeUsage(node: KubeNode, pods: readonly Pod[], now: number): Usage {
  const system = {
    cpu: Math.round(95 + 40 * noise(node.metadata.name, Math.floor(now / SCRAPE_MS))),
    memory: Math.round((760 + 60 * noise(node.metadata.name, 'mem')) * MI),
  };
  return pods
    .filter((p) => p.spec.nodeName === node.metadata.name && hasMetrics(p))
    .reduce((sum, p) => {
      const u = podUsage(p, now);
      return { cpu: sum.cpu + u.cpu, memory: sum.memory + u.memory };
    }, system);
}

export const formatCpuUsage = (milli: number): string => `${milli}m`;
export const formatMemoryUsage = (bytes: number): string => `${Math.round(bytes / MI)}Mi`;
