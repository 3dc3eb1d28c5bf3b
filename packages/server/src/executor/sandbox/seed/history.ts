/** Things that happened before the sandbox started: finished jobs and a container that ran out of memory. */
import type { Cluster } from '../cluster.js';
import { imageId } from '../controllers/pods.js';
import { clone, ownerReference, type CronJob, type Job, type Pod, type PodTemplate } from '../model.js';
import { HOUR, meta } from './builders.js';

export function completedJob(
  c: Cluster,
  ns: string,
  name: string,
  tpl: PodTemplate,
  startedAt: number,
  durationMs: number,
  owner?: CronJob,
): void {
  const labels = { 'batch.kubernetes.io/job-name': name, 'job-name': name };
  const job = c.add<Job>({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      ...meta(name, ns, { ...tpl.metadata.labels, ...labels }),
      creationTimestamp: c.timestamp(startedAt),
      ...(owner ? { ownerReferences: [ownerReference(owner)] } : {}),
    },
    spec: {
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      template: { ...clone(tpl), metadata: { labels: { ...tpl.metadata.labels, ...labels } } },
    },
    status: {
      startTime: c.timestamp(startedAt),
      completionTime: c.timestamp(startedAt + durationMs),
      succeeded: 1,
      ready: 0,
      conditions: [
        {
          type: 'Complete',
          status: 'True',
          lastProbeTime: null,
          lastTransitionTime: c.timestamp(startedAt + durationMs),
        },
      ],
    },
  });
  job.spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': job.metadata.uid } };
  const nodeName = `node-${c.randomInt(1, 3)}`;
  const podName = `${name}-${c.suffix()}`;
  const finished = c.timestamp(startedAt + durationMs);
  const started = c.timestamp(startedAt + 2000);
  c.add<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...meta(podName, ns, {
        ...tpl.metadata.labels,
        ...labels,
        'batch.kubernetes.io/controller-uid': job.metadata.uid,
      }),
      creationTimestamp: c.timestamp(startedAt),
      generateName: `${name}-`,
      ownerReferences: [ownerReference(job)],
    },
    spec: { ...clone(tpl.spec), nodeName },
    status: {
      phase: 'Succeeded',
      conditions: [
        {
          type: 'Initialized',
          status: 'True',
          lastProbeTime: null,
          lastTransitionTime: c.timestamp(startedAt),
        },
        {
          type: 'Ready',
          status: 'False',
          lastProbeTime: null,
          lastTransitionTime: finished,
          reason: 'PodCompleted',
        },
        {
          type: 'ContainersReady',
          status: 'False',
          lastProbeTime: null,
          lastTransitionTime: finished,
          reason: 'PodCompleted',
        },
        {
          type: 'PodScheduled',
          status: 'True',
          lastProbeTime: null,
          lastTransitionTime: c.timestamp(startedAt),
        },
      ],
      hostIP: `10.0.0.${10 + Number(nodeName.slice(5))}`,
      podIP: `10.244.${Number(nodeName.slice(5)) - 1}.${c.randomInt(100, 200)}`,
      startTime: c.timestamp(startedAt),
      qosClass: 'Burstable',
      containerStatuses: tpl.spec.containers.map((k) => ({
        name: k.name,
        image: k.image,
        imageID: imageId(k.image),
        containerID: `containerd://${c.hex(64)}`,
        ready: false,
        started: false,
        restartCount: 0,
        state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: started, finishedAt: finished } },
        lastState: {},
      })),
    },
  });
}

export function restartContainer(
  c: Cluster,
  pod: Pod,
  count: number,
  reason: 'OOMKilled' | 'Error',
  lastAt: number,
): void {
  const cs = pod.status.containerStatuses?.[0];
  if (!cs) return;
  const previousStart = cs.state.running?.startedAt ?? c.timestamp(lastAt - 6 * HOUR);
  cs.restartCount = count;
  cs.lastState = {
    terminated: {
      exitCode: reason === 'OOMKilled' ? 137 : 1,
      reason,
      startedAt: previousStart,
      finishedAt: c.timestamp(lastAt),
      containerID: cs.containerID ?? `containerd://${c.hex(64)}`,
    },
  };
  cs.containerID = `containerd://${c.hex(64)}`;
  cs.state = { running: { startedAt: c.timestamp(lastAt + 1000) } };
  c.update(pod);
  const host = pod.spec.nodeName;
  c.recordEvent(
    pod,
    'Normal',
    'Pulled',
    `Container image "${cs.image}" already present on machine`,
    'kubelet',
    host,
  );
  c.recordEvent(pod, 'Normal', 'Created', `Created container ${cs.name}`, 'kubelet', host);
  c.recordEvent(pod, 'Normal', 'Started', `Started container ${cs.name}`, 'kubelet', host);
  if (reason === 'OOMKilled') {
    c.recordEvent(
      pod,
      'Warning',
      'BackOff',
      `Back-off restarting failed container ${cs.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
      'kubelet',
      host,
    );
  }
}
