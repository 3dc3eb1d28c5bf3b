/**
 * The pod lifecycle, standing in for the scheduler and the kubelet: a new pod is Pending, gets a node
 * (`Scheduled`), pulls and starts its containers (`ContainerCreating` → `Running`), and on deletion is
 * `Terminating` for its grace period before it disappears. Each step is a timer in the cluster state,
 * so a restart resumes half-finished transitions instead of inventing new ones.
 */
import type { Cluster } from '../cluster.js';
import {
  clone,
  ownerReference,
  type Condition,
  type KubeNode,
  type KubeObject,
  type Labels,
  type Pod,
  type PodTemplate,
  type Timer,
  type Toleration,
} from '../model.js';
import { fnv1a, noise } from '../random.js';
import { isFinished, isTerminating } from '../pod-status.js';

/** Simulated durations in cluster milliseconds: short enough to watch, jittered like a real cluster. */
export const POD_TIMINGS = {
  schedule: [300, 800],
  start: [1000, 2200],
  stopRunning: [1200, 2600],
  stopPending: [200, 500],
} as const;

export interface NewPod {
  name: string;
  namespace: string;
  template: PodTemplate;
  owner: KubeObject;
  labels?: Labels;
  /** DaemonSet pods are bound to their node from the start. */
  nodeName?: string;
  hostname?: string;
  subdomain?: string;
}

function qosClass(template: PodTemplate): string {
  const containers = template.spec.containers;
  const none = containers.every((c) => !c.resources.requests && !c.resources.limits);
  if (none) return 'BestEffort';
  const guaranteed = containers.every(
    (c) =>
      c.resources.limits?.cpu &&
      c.resources.limits.memory &&
      (!c.resources.requests ||
        (c.resources.requests.cpu === c.resources.limits.cpu &&
          c.resources.requests.memory === c.resources.limits.memory)),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** What admission (and the DaemonSet controller) add to every pod. */
function defaultTolerations(ownerKind: string): Toleration[] {
  const noExecute = (key: string): Toleration => ({
    key,
    operator: 'Exists',
    effect: 'NoExecute',
    ...(ownerKind === 'DaemonSet' ? {} : { tolerationSeconds: 300 }),
  });
  const base = [noExecute('node.kubernetes.io/not-ready'), noExecute('node.kubernetes.io/unreachable')];
  if (ownerKind !== 'DaemonSet') return base;
  return [
    ...base,
    ...['disk-pressure', 'memory-pressure', 'pid-pressure', 'unschedulable'].map((k) => ({
      key: `node.kubernetes.io/${k}`,
      operator: 'Exists',
      effect: 'NoSchedule',
    })),
  ];
}

const jitter = (c: Cluster, [min, max]: readonly [number, number]): number => c.randomInt(min, max);

export function createPod(c: Cluster, spec: NewPod): Pod {
  const podSpec = clone(spec.template.spec);
  podSpec.tolerations = [...(podSpec.tolerations ?? []), ...defaultTolerations(spec.owner.kind)];
  if (spec.nodeName) podSpec.nodeName = spec.nodeName;
  if (spec.hostname) podSpec.hostname = spec.hostname;
  if (spec.subdomain) podSpec.subdomain = spec.subdomain;
  const annotations = spec.template.metadata.annotations;
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: spec.name,
      namespace: spec.namespace,
      uid: '',
      resourceVersion: '',
      creationTimestamp: '',
      ...(spec.owner.kind === 'StatefulSet' ? {} : { generateName: spec.name.slice(0, -5) }),
      labels: { ...spec.template.metadata.labels, ...spec.labels },
      ...(annotations ? { annotations: { ...annotations } } : {}),
      ownerReferences: [ownerReference(spec.owner)],
    },
    spec: podSpec,
    status: { phase: 'Pending', conditions: [], qosClass: qosClass(spec.template) },
  };
  c.add(pod);
  c.addTimer(jitter(c, POD_TIMINGS.schedule), 'pod-schedule', pod);
  return pod;
}

/** Creates a pod written by hand (a restored bare pod): it starts over, unscheduled. */
export function admitPod(c: Cluster, pod: Pod): Pod {
  delete pod.spec.nodeName;
  pod.status = { phase: 'Pending', conditions: [], qosClass: pod.status?.qosClass ?? 'BestEffort' };
  c.add(pod);
  c.addTimer(jitter(c, POD_TIMINGS.schedule), 'pod-schedule', pod);
  return pod;
}

/** Nodes that take new pods: Ready and not cordoned. */
export function schedulableNodes(c: Cluster): KubeNode[] {
  return c
    .list<KubeNode>('nodes')
    .filter(
      (n) =>
        !n.spec.unschedulable && n.status.conditions.some((k) => k.type === 'Ready' && k.status === 'True'),
    );
}

/** Pods that occupy a node (not finished, not going away). */
export function podsOnNode(c: Cluster, node: string): Pod[] {
  return c.list<Pod>('pods').filter((p) => p.spec.nodeName === node && !isFinished(p));
}

/** Spreads siblings first (default topology spread), then balances the number of pods. */
function pickNode(c: Cluster, pod: Pod): KubeNode | undefined {
  const ownerUid = pod.metadata.ownerReferences?.[0]?.uid;
  let best: { node: KubeNode; score: [number, number] } | undefined;
  for (const node of schedulableNodes(c)) {
    const pods = podsOnNode(c, node.metadata.name).filter((p) => !isTerminating(p));
    const siblings = pods.filter((p) => ownerUid && p.metadata.ownerReferences?.[0]?.uid === ownerUid).length;
    const score: [number, number] = [siblings, pods.length];
    if (!best || score[0] < best.score[0] || (score[0] === best.score[0] && score[1] < best.score[1])) {
      best = { node, score };
    }
  }
  return best?.node;
}

function condition(c: Cluster, type: string, status: boolean, reason?: string): Condition {
  return {
    type,
    status: status ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: c.timestamp(),
    ...(reason ? { reason } : {}),
  };
}

function nodeIp(node: KubeNode): string {
  return node.status.addresses.find((a) => a.type === 'InternalIP')?.address ?? '';
}

function allocatePodIp(c: Cluster, node: KubeNode): string {
  const base = node.spec.podCIDR.replace(/\.0\/\d+$/, '');
  const last = c.state.podIpCounters[node.metadata.name] ?? 1;
  const next = last >= 254 ? 2 : last + 1;
  c.state.podIpCounters[node.metadata.name] = next;
  return `${base}.${next}`;
}

/** A stable image digest per image reference, so `Image ID` does not change between restarts. */
export function imageId(image: string): string {
  const repo = image.replace(/:[^/:]+$/, '');
  let digest = '';
  for (let i = 0; digest.length < 64; i++) digest += fnv1a(`${image}#${i}`).toString(16).padStart(8, '0');
  return `${repo}@sha256:${digest.slice(0, 64)}`;
}

function containerId(pod: Pod, container: string, restarts: number): string {
  let id = '';
  for (let i = 0; id.length < 64; i++) {
    id += Math.floor(noise(pod.metadata.uid, container, restarts, i) * 0xffffffff)
      .toString(16)
      .padStart(8, '0');
  }
  return `containerd://${id.slice(0, 64)}`;
}

function schedule(c: Cluster, pod: Pod): void {
  const node = pod.spec.nodeName ? c.get<KubeNode>('nodes', undefined, pod.spec.nodeName) : pickNode(c, pod);
  if (!node) {
    if (pod.spec.nodeName) return; // its node is gone; the pod stays Pending like a real orphan
    const total = c.list('nodes').length;
    const unschedulable = c.list<KubeNode>('nodes').filter((n) => n.spec.unschedulable).length;
    c.recordEvent(
      pod,
      'Warning',
      'FailedScheduling',
      `0/${total} nodes are available: ${unschedulable} node(s) were unschedulable. preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`,
      'default-scheduler',
    );
    pod.status.conditions = [condition(c, 'PodScheduled', false, 'Unschedulable')];
    c.update(pod);
    return;
  }
  const name = node.metadata.name;
  pod.spec.nodeName = name;
  const hostIP = nodeIp(node);
  pod.status = {
    ...pod.status,
    phase: 'Pending',
    hostIP,
    hostIPs: [{ ip: hostIP }],
    startTime: c.timestamp(),
    conditions: [
      condition(c, 'PodReadyToStartContainers', false),
      condition(c, 'Initialized', true),
      condition(c, 'Ready', false, 'ContainersNotReady'),
      condition(c, 'ContainersReady', false, 'ContainersNotReady'),
      condition(c, 'PodScheduled', true),
    ],
    containerStatuses: pod.spec.containers.map((container) => ({
      name: container.name,
      image: container.image,
      imageID: '',
      ready: false,
      started: false,
      restartCount: 0,
      state: { waiting: { reason: 'ContainerCreating' } },
      lastState: {},
    })),
  };
  if (!isControlledByDaemonSet(pod)) {
    c.recordEvent(
      pod,
      'Normal',
      'Scheduled',
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${name}`,
      'default-scheduler',
    );
  }
  c.update(pod);
  c.addTimer(jitter(c, POD_TIMINGS.start), 'pod-start', pod);
}

function isControlledByDaemonSet(pod: Pod): boolean {
  return pod.metadata.ownerReferences?.some((r) => r.kind === 'DaemonSet') ?? false;
}

function start(c: Cluster, pod: Pod): void {
  const node = pod.spec.nodeName ? c.get<KubeNode>('nodes', undefined, pod.spec.nodeName) : undefined;
  if (!node) return;
  const ip = pod.spec.hostNetwork ? nodeIp(node) : allocatePodIp(c, node);
  const now = c.timestamp();
  pod.status.phase = 'Running';
  pod.status.podIP = ip;
  pod.status.podIPs = [{ ip }];
  pod.status.conditions = pod.status.conditions.map(({ reason: _reason, ...k }) => ({
    ...k,
    status: 'True' as const,
    lastTransitionTime: now,
  }));
  pod.status.containerStatuses = (pod.status.containerStatuses ?? []).map((cs) => ({
    ...cs,
    imageID: imageId(cs.image),
    containerID: containerId(pod, cs.name, cs.restartCount),
    ready: true,
    started: true,
    state: { running: { startedAt: now } },
  }));
  for (const container of pod.spec.containers) {
    const host = node.metadata.name;
    c.recordEvent(
      pod,
      'Normal',
      'Pulled',
      `Container image "${container.image}" already present on machine`,
      'kubelet',
      host,
    );
    c.recordEvent(pod, 'Normal', 'Created', `Created container ${container.name}`, 'kubelet', host);
    c.recordEvent(pod, 'Normal', 'Started', `Started container ${container.name}`, 'kubelet', host);
  }
  c.update(pod);
}

/**
 * Starts a graceful deletion: the pod shows Terminating and disappears when its (shortened) grace
 * period ends. `immediate` is `--grace-period=0 --force`: gone at once.
 */
export function deletePod(c: Cluster, pod: Pod, options: { immediate?: boolean } = {}): void {
  if (options.immediate) {
    c.remove(pod);
    return;
  }
  if (isTerminating(pod)) return;
  const wasRunning = pod.status.phase === 'Running';
  const grace = pod.spec.terminationGracePeriodSeconds;
  pod.metadata.deletionTimestamp = c.timestamp(c.now() + grace * 1000);
  pod.metadata.deletionGracePeriodSeconds = grace;
  c.clearTimers(pod);
  for (const cs of pod.status.containerStatuses ?? []) cs.ready = false;
  for (const k of pod.status.conditions) {
    if (k.type === 'Ready' || k.type === 'ContainersReady') {
      k.status = 'False';
      k.lastTransitionTime = c.timestamp();
    }
  }
  if (wasRunning) {
    for (const container of pod.spec.containers) {
      c.recordEvent(
        pod,
        'Normal',
        'Killing',
        `Stopping container ${container.name}`,
        'kubelet',
        pod.spec.nodeName,
      );
    }
  }
  c.update(pod);
  c.addTimer(jitter(c, wasRunning ? POD_TIMINGS.stopRunning : POD_TIMINGS.stopPending), 'pod-remove', pod);
}

export function applyPodTimer(c: Cluster, timer: Timer): void {
  const pod = c.get<Pod>('pods', timer.namespace, timer.name);
  if (!pod || pod.metadata.uid !== timer.uid) return;
  if (timer.action === 'pod-schedule') schedule(c, pod);
  else if (timer.action === 'pod-start') start(c, pod);
  else if (timer.action === 'pod-remove') c.remove(pod);
}

/** Retries pods that found no node once a node takes pods again (after an uncordon). */
export function retryUnscheduledPods(c: Cluster): void {
  if (!schedulableNodes(c).length) return;
  for (const pod of c.list<Pod>('pods')) {
    if (!pod.spec.nodeName && !isTerminating(pod) && !c.hasTimer(pod)) {
      c.addTimer(jitter(c, POD_TIMINGS.schedule), 'pod-schedule', pod);
    }
  }
}

/** Pods whose controller is `owner`. */
export function podsOf(c: Cluster, owner: KubeObject): Pod[] {
  return c.controlledBy<Pod>('pods', owner.metadata.uid);
}
