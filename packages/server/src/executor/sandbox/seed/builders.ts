/** Constructors for the objects the seed writes, with the defaults the API server would fill in. */
import type { Cluster } from '../cluster.js';
import type {
  ConfigMap,
  Container,
  Deployment,
  KubeNode,
  Labels,
  Namespace,
  PodSpec,
  PodTemplate,
  Secret,
  Service,
} from '../model.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const SANDBOX_CLUSTER_NAME = 'sandbox';
export const KUBERNETES_VERSION = 'v1.30.4';

export const meta = (name: string, namespace?: string, labels?: Labels, annotations?: Labels) => ({
  name,
  ...(namespace ? { namespace } : {}),
  uid: '',
  resourceVersion: '',
  creationTimestamp: '',
  ...(labels ? { labels } : {}),
  ...(annotations ? { annotations } : {}),
});

export interface ContainerOptions {
  port?: number;
  portName?: string;
  protocol?: 'TCP' | 'UDP';
  requests?: [string, string];
  limits?: [string, string];
  env?: Record<string, string>;
  envFrom?: { name: string; secret: string; key: string }[];
  args?: string[];
  mounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}

export function container(name: string, image: string, o: ContainerOptions = {}): Container {
  return {
    name,
    image,
    imagePullPolicy: 'IfNotPresent',
    ...(o.args ? { args: o.args } : {}),
    ...(o.port
      ? {
          ports: [
            {
              ...(o.portName ? { name: o.portName } : {}),
              containerPort: o.port,
              protocol: o.protocol ?? 'TCP',
            },
          ],
        }
      : {}),
    ...(o.env || o.envFrom
      ? {
          env: [
            ...Object.entries(o.env ?? {}).map(([k, value]) => ({ name: k, value })),
            ...(o.envFrom ?? []).map((e) => ({
              name: e.name,
              valueFrom: { secretKeyRef: { name: e.secret, key: e.key } },
            })),
          ],
        }
      : {}),
    resources: {
      ...(o.requests ? { requests: { cpu: o.requests[0], memory: o.requests[1] } } : {}),
      ...(o.limits ? { limits: { cpu: o.limits[0], memory: o.limits[1] } } : {}),
    },
    ...(o.mounts ? { volumeMounts: o.mounts } : {}),
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  };
}

export function template(labels: Labels, containers: Container[], extra: Partial<PodSpec> = {}): PodTemplate {
  return {
    metadata: { labels },
    spec: {
      containers,
      serviceAccountName: 'default',
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      ...extra,
    },
  };
}

export function deployment(
  namespace: string,
  name: string,
  replicas: number,
  tpl: PodTemplate,
  labels?: Labels,
): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { ...meta(name, namespace, labels ?? { app: name }), generation: 1 },
    spec: {
      replicas,
      selector: { matchLabels: { app: tpl.metadata.labels.app ?? name } },
      template: tpl,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {},
  };
}

export function service(
  namespace: string,
  name: string,
  clusterIP: string,
  ports: Service['spec']['ports'],
  selector?: Labels,
  labels?: Labels,
): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name, namespace, labels ?? { app: name }),
    spec: {
      type: 'ClusterIP',
      clusterIP,
      clusterIPs: [clusterIP],
      ports,
      ...(selector ? { selector } : {}),
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    },
    status: { loadBalancer: {} },
  };
}

export function configMap(
  namespace: string,
  name: string,
  data: Record<string, string>,
  labels?: Labels,
): ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(name, namespace, labels), data };
}

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

export function secret(
  namespace: string,
  name: string,
  data: Record<string, string>,
  type = 'Opaque',
): Secret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: meta(name, namespace),
    type,
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])),
  };
}

export function namespace(name: string): Namespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: meta(name, undefined, { 'kubernetes.io/metadata.name': name }),
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

export function node(index: number, c: Cluster): KubeNode {
  const name = `node-${index + 1}`;
  const ip = `10.0.0.${11 + index}`;
  const now = c.timestamp();
  const condition = (type: string, status: 'True' | 'False', reason: string, message: string) => ({
    type,
    status,
    reason,
    message,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
  });
  const resources = (cpu: string, memory: string) => ({
    cpu,
    memory,
    pods: '110',
    'ephemeral-storage': cpu === '4' ? '101430960Ki' : '93478772582',
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      ...meta(name, undefined, {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'node.kubernetes.io/instance-type': 'e2-standard-4',
        'topology.kubernetes.io/region': 'local',
        'topology.kubernetes.io/zone': `local-${'abc'[index]}`,
      }),
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: `10.244.${index}.0/24`,
      podCIDRs: [`10.244.${index}.0/24`],
      providerID: `sandbox://${name}`,
    },
    status: {
      capacity: resources('4', '16393072Ki'),
      allocatable: resources('3920m', '15242608Ki'),
      conditions: [
        condition(
          'MemoryPressure',
          'False',
          'KubeletHasSufficientMemory',
          'kubelet has sufficient memory available',
        ),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
      nodeInfo: {
        architecture: 'amd64',
        containerRuntimeVersion: 'containerd://1.7.18',
        kernelVersion: '6.1.85+',
        kubeProxyVersion: KUBERNETES_VERSION,
        kubeletVersion: KUBERNETES_VERSION,
        operatingSystem: 'linux',
        osImage: 'Ubuntu 22.04.4 LTS',
        machineID: c.hex(32),
        systemUUID: c.uuid(),
        bootID: c.uuid(),
      },
    },
  };
}

// ---- the applications ---------------------------------------------------------------------------
