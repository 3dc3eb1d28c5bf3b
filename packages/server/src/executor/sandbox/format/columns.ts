/**
 * The columns `kubectl get` prints per kind, normal and `-o wide`, as kubectl 1.30 prints them.
 */
import type {
  ConfigMap,
  CronJob,
  DaemonSet,
  Deployment,
  Ingress,
  Job,
  KubeEvent,
  KubeNode,
  KubeObject,
  Labels,
  Namespace,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  PodTemplate,
  ReplicaSet,
  Secret,
  Service,
  StatefulSet,
} from '../model.js';
import { podDisplayStatus, podRestarts, readyContainers } from '../pod-status.js';
import { age, humanDuration } from './age.js';

export interface Columns {
  readonly headers: readonly string[];
  readonly wideHeaders?: readonly string[];
  row(obj: KubeObject, now: number): string[];
  wide?(obj: KubeObject, now: number): string[];
}

export const selectorText = (labels: Labels | undefined): string =>
  labels && Object.keys(labels).length
    ? Object.entries(labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(',')
    : '<none>';

const containersOf = (t: PodTemplate): string => t.spec.containers.map((c) => c.name).join(',');
const imagesOf = (t: PodTemplate): string => t.spec.containers.map((c) => c.image).join(',');

const ACCESS_MODES: Record<string, string> = {
  ReadWriteOnce: 'RWO',
  ReadOnlyMany: 'ROX',
  ReadWriteMany: 'RWX',
  ReadWriteOncePod: 'RWOP',
};
const accessModes = (modes: readonly string[] | undefined): string =>
  (modes ?? []).map((m) => ACCESS_MODES[m] ?? m).join(',');

function servicePorts(svc: Service): string {
  return svc.spec.ports
    .map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`))
    .join(',');
}

function externalIp(svc: Service): string {
  if (svc.spec.type === 'LoadBalancer') {
    return svc.status.loadBalancer.ingress?.map((i) => i.ip).join(',') || '<pending>';
  }
  return '<none>';
}

export function jobStatus(job: Job): string {
  if (job.status.conditions?.some((k) => k.type === 'Complete' && k.status === 'True')) return 'Complete';
  if (job.status.conditions?.some((k) => k.type === 'Failed' && k.status === 'True')) return 'Failed';
  return job.spec.suspend ? 'Suspended' : 'Running';
}

function jobDuration(job: Job, now: number): string {
  if (!job.status.startTime) return '';
  const end = job.status.completionTime ? Date.parse(job.status.completionTime) : now;
  return humanDuration(end - Date.parse(job.status.startTime));
}

export function nodeStatus(node: KubeNode): string {
  const ready = node.status.conditions.find((k) => k.type === 'Ready');
  const base = ready?.status === 'True' ? 'Ready' : ready?.status === 'False' ? 'NotReady' : 'Unknown';
  return node.spec.unschedulable ? `${base},SchedulingDisabled` : base;
}

export function nodeRoles(node: KubeNode): string {
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length));
  return roles.length ? roles.join(',') : '<none>';
}

export function restartsText(pod: Pod, now: number): string {
  const { count, lastAt } = podRestarts(pod);
  return lastAt !== null && count > 0 ? `${count} (${humanDuration(now - lastAt)} ago)` : String(count);
}

/** `pod/api-…`, `deployment.apps/api`: how kubectl names an object in output. */
export function eventObjectName(e: KubeEvent): string {
  return `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`;
}

const COLUMNS: Record<string, Columns> = {
  pods: {
    headers: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
    wideHeaders: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
    row: (o, now) => {
      const p = o as Pod;
      return [
        p.metadata.name,
        readyContainers(p),
        podDisplayStatus(p),
        restartsText(p, now),
        age(p.metadata.creationTimestamp, now),
      ];
    },
    wide: (o) => {
      const p = o as Pod;
      return [p.status.podIP ?? '<none>', p.spec.nodeName ?? '<none>', '<none>', '<none>'];
    },
  },
  deployments: {
    headers: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
    wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: (o, now) => {
      const d = o as Deployment;
      return [
        d.metadata.name,
        `${d.status.readyReplicas ?? 0}/${d.spec.replicas}`,
        String(d.status.updatedReplicas ?? 0),
        String(d.status.availableReplicas ?? 0),
        age(d.metadata.creationTimestamp, now),
      ];
    },
    wide: (o) => {
      const d = o as Deployment;
      return [
        containersOf(d.spec.template),
        imagesOf(d.spec.template),
        selectorText(d.spec.selector.matchLabels),
      ];
    },
  },
  replicasets: {
    headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
    wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: (o, now) => {
      const r = o as ReplicaSet;
      return [
        r.metadata.name,
        String(r.spec.replicas),
        String(r.status.replicas ?? 0),
        String(r.status.readyReplicas ?? 0),
        age(r.metadata.creationTimestamp, now),
      ];
    },
    wide: (o) => {
      const r = o as ReplicaSet;
      return [
        containersOf(r.spec.template),
        imagesOf(r.spec.template),
        selectorText(r.spec.selector.matchLabels),
      ];
    },
  },
  statefulsets: {
    headers: ['NAME', 'READY', 'AGE'],
    wideHeaders: ['CONTAINERS', 'IMAGES'],
    row: (o, now) => {
      const s = o as StatefulSet;
      return [
        s.metadata.name,
        `${s.status.readyReplicas ?? 0}/${s.spec.replicas}`,
        age(s.metadata.creationTimestamp, now),
      ];
    },
    wide: (o) => {
      const s = o as StatefulSet;
      return [containersOf(s.spec.template), imagesOf(s.spec.template)];
    },
  },
  daemonsets: {
    headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
    wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: (o, now) => {
      const d = o as DaemonSet;
      return [
        d.metadata.name,
        String(d.status.desiredNumberScheduled ?? 0),
        String(d.status.currentNumberScheduled ?? 0),
        String(d.status.numberReady ?? 0),
        String(d.status.updatedNumberScheduled ?? 0),
        String(d.status.numberAvailable ?? 0),
        d.spec.template.spec.nodeSelector
          ? selectorText(d.spec.template.spec.nodeSelector)
          : 'kubernetes.io/os=linux',
        age(d.metadata.creationTimestamp, now),
      ];
    },
    wide: (o) => {
      const d = o as DaemonSet;
      return [
        containersOf(d.spec.template),
        imagesOf(d.spec.template),
        selectorText(d.spec.selector.matchLabels),
      ];
    },
  },
  jobs: {
    headers: ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
    wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: (o, now) => {
      const j = o as Job;
      return [
        j.metadata.name,
        jobStatus(j),
        `${j.status.succeeded ?? 0}/${j.spec.completions}`,
        jobDuration(j, now),
        age(j.metadata.creationTimestamp, now),
      ];
    },
    wide: (o) => {
      const j = o as Job;
      return [
        containersOf(j.spec.template),
        imagesOf(j.spec.template),
        selectorText(j.spec.selector?.matchLabels),
      ];
    },
  },
  cronjobs: {
    headers: ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
    wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: (o, now) => {
      const cj = o as CronJob;
      return [
        cj.metadata.name,
        cj.spec.schedule,
        cj.spec.timeZone ?? '<none>',
        cj.spec.suspend ? 'True' : 'False',
        String(cj.status.active?.length ?? 0),
        cj.status.lastScheduleTime ? age(cj.status.lastScheduleTime, now) : '<none>',
        age(cj.metadata.creationTimestamp, now),
      ];
    },
    wide: (o) => {
      const cj = o as CronJob;
      const t = cj.spec.jobTemplate.spec.template;
      return [containersOf(t), imagesOf(t), '<none>'];
    },
  },
  services: {
    headers: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
    wideHeaders: ['SELECTOR'],
    row: (o, now) => {
      const s = o as Service;
      return [
        s.metadata.name,
        s.spec.type,
        s.spec.clusterIP,
        externalIp(s),
        servicePorts(s),
        age(s.metadata.creationTimestamp, now),
      ];
    },
    wide: (o) => [selectorText((o as Service).spec.selector)],
  },
  ingresses: {
    headers: ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'],
    row: (o, now) => {
      const i = o as Ingress;
      return [
        i.metadata.name,
        i.spec.ingressClassName || '<none>',
        i.spec.rules.map((r) => r.host || '*').join(','),
        i.status.loadBalancer.ingress?.map((x) => x.ip).join(',') ?? '',
        i.spec.tls?.length ? '80, 443' : '80',
        age(i.metadata.creationTimestamp, now),
      ];
    },
  },
  configmaps: {
    headers: ['NAME', 'DATA', 'AGE'],
    row: (o, now) => {
      const cm = o as ConfigMap;
      return [
        cm.metadata.name,
        String(Object.keys(cm.data ?? {}).length),
        age(cm.metadata.creationTimestamp, now),
      ];
    },
  },
  secrets: {
    headers: ['NAME', 'TYPE', 'DATA', 'AGE'],
    row: (o, now) => {
      const s = o as Secret;
      return [
        s.metadata.name,
        s.type,
        String(Object.keys(s.data ?? {}).length),
        age(s.metadata.creationTimestamp, now),
      ];
    },
  },
  nodes: {
    headers: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
    wideHeaders: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
    row: (o, now) => {
      const n = o as KubeNode;
      return [
        n.metadata.name,
        nodeStatus(n),
        nodeRoles(n),
        age(n.metadata.creationTimestamp, now),
        n.status.nodeInfo.kubeletVersion,
      ];
    },
    wide: (o) => {
      const n = o as KubeNode;
      const address = (type: string) => n.status.addresses.find((a) => a.type === type)?.address ?? '<none>';
      return [
        address('InternalIP'),
        address('ExternalIP'),
        n.status.nodeInfo.osImage,
        n.status.nodeInfo.kernelVersion,
        n.status.nodeInfo.containerRuntimeVersion,
      ];
    },
  },
  namespaces: {
    headers: ['NAME', 'STATUS', 'AGE'],
    row: (o, now) => {
      const n = o as Namespace;
      return [n.metadata.name, n.status.phase, age(n.metadata.creationTimestamp, now)];
    },
  },
  events: {
    headers: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
    row: (o, now) => {
      const e = o as KubeEvent;
      return [age(e.lastTimestamp, now), e.type, e.reason, eventObjectName(e), e.message];
    },
  },
  persistentvolumeclaims: {
    headers: [
      'NAME',
      'STATUS',
      'VOLUME',
      'CAPACITY',
      'ACCESS MODES',
      'STORAGECLASS',
      'VOLUMEATTRIBUTESCLASS',
      'AGE',
    ],
    wideHeaders: ['VOLUMEMODE'],
    row: (o, now) => {
      const p = o as PersistentVolumeClaim;
      return [
        p.metadata.name,
        p.status.phase,
        p.spec.volumeName ?? '',
        p.status.capacity?.storage ?? '',
        accessModes(p.status.accessModes),
        p.spec.storageClassName,
        '<unset>',
        age(p.metadata.creationTimestamp, now),
      ];
    },
    wide: (o) => [(o as PersistentVolumeClaim).spec.volumeMode],
  },
  persistentvolumes: {
    headers: [
      'NAME',
      'CAPACITY',
      'ACCESS MODES',
      'RECLAIM POLICY',
      'STATUS',
      'CLAIM',
      'STORAGECLASS',
      'VOLUMEATTRIBUTESCLASS',
      'REASON',
      'AGE',
    ],
    wideHeaders: ['VOLUMEMODE'],
    row: (o, now) => {
      const p = o as PersistentVolume;
      const claim = p.spec.claimRef ? `${p.spec.claimRef.namespace}/${p.spec.claimRef.name}` : '';
      return [
        p.metadata.name,
        p.spec.capacity.storage,
        accessModes(p.spec.accessModes),
        p.spec.persistentVolumeReclaimPolicy,
        p.status.phase,
        claim,
        p.spec.storageClassName,
        '<unset>',
        '',
        age(p.metadata.creationTimestamp, now),
      ];
    },
    wide: (o) => [(o as PersistentVolume).spec.volumeMode],
  },
  serviceaccounts: {
    headers: ['NAME', 'SECRETS', 'AGE'],
    row: (o, now) => [o.metadata.name, '0', age(o.metadata.creationTimestamp, now)],
  },
};

const GENERIC: Columns = {
  headers: ['NAME', 'AGE'],
  row: (o, now) => [o.metadata.name, age(o.metadata.creationTimestamp, now)],
};

export function columnsFor(plural: string): Columns {
  return COLUMNS[plural] ?? GENERIC;
}
