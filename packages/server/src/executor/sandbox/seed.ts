/**
 * The cluster a new sandbox starts with. Rather than writing pods and ReplicaSets by hand, the seed
 * replays six weeks of history through the real controllers on a manual clock — nodes join, teams
 * deploy, roll out new images, scale, a worker gets OOM-killed — so names, hashes, revisions, ages
 * and events are exactly what the simulation itself would produce.
 */
import { Cluster } from './cluster.js';
import { createManualClock } from './clock.js';
import { controllerHooks } from './controllers/index.js';
import { imageId } from './controllers/pods.js';
import {
  STATE_FORMAT,
  clone,
  ownerReference,
  type ClusterState,
  type ConfigMap,
  type Container,
  type CronJob,
  type DaemonSet,
  type Deployment,
  type Ingress,
  type Job,
  type KubeEvent,
  type KubeNode,
  type Labels,
  type Namespace,
  type Pod,
  type PodSpec,
  type PodTemplate,
  type Secret,
  type Service,
  type StatefulSet,
  type Volume,
} from './model.js';
import { setTemplate } from './workloads.js';
import { CHANGE_CAUSE_ANNOTATION } from './controllers/deployments.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const SANDBOX_CLUSTER_NAME = 'sandbox';
export const KUBERNETES_VERSION = 'v1.30.4';

const meta = (name: string, namespace?: string, labels?: Labels, annotations?: Labels) => ({
  name,
  ...(namespace ? { namespace } : {}),
  uid: '',
  resourceVersion: '',
  creationTimestamp: '',
  ...(labels ? { labels } : {}),
  ...(annotations ? { annotations } : {}),
});

interface ContainerOptions {
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

function container(name: string, image: string, o: ContainerOptions = {}): Container {
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

function template(labels: Labels, containers: Container[], extra: Partial<PodSpec> = {}): PodTemplate {
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

function deployment(
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

function service(
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

function configMap(
  namespace: string,
  name: string,
  data: Record<string, string>,
  labels?: Labels,
): ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(name, namespace, labels), data };
}

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

function secret(namespace: string, name: string, data: Record<string, string>, type = 'Opaque'): Secret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: meta(name, namespace),
    type,
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])),
  };
}

function namespace(name: string): Namespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: meta(name, undefined, { 'kubernetes.io/metadata.name': name }),
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

function node(index: number, c: Cluster): KubeNode {
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

function apiTemplate(image: string, env: 'prod' | 'staging'): PodTemplate {
  return template(
    { app: 'api', tier: 'backend' },
    [
      container('api', image, {
        port: 8080,
        portName: 'http',
        requests: env === 'prod' ? ['100m', '128Mi'] : ['50m', '96Mi'],
        limits: ['500m', '512Mi'],
        env: { LOG_LEVEL: env === 'prod' ? 'info' : 'debug', PORT: '8080', DB_HOST: 'postgres' },
        envFrom: [
          { name: 'DB_PASSWORD', secret: 'db-credentials', key: 'password' },
          { name: 'PAYMENTS_API_KEY', secret: 'api-tokens', key: 'payments-api-key' },
        ],
        mounts: [{ name: 'config', mountPath: '/etc/api', readOnly: true }],
      }),
    ],
    { volumes: [{ name: 'config', configMap: { name: 'api-config', defaultMode: 420 } }] },
  );
}

function webTemplate(image: string, env: 'prod' | 'staging'): PodTemplate {
  return template({ app: 'web', tier: 'frontend' }, [
    container('web', image, {
      port: 8080,
      portName: 'http',
      requests: env === 'prod' ? ['50m', '64Mi'] : ['25m', '64Mi'],
      limits: ['250m', '256Mi'],
      env: { API_URL: 'http://api', NODE_ENV: 'production' },
    }),
    container('log-shipper', 'fluent/fluent-bit:3.0.7', {
      requests: ['10m', '32Mi'],
      limits: ['100m', '64Mi'],
    }),
  ]);
}

function workerTemplate(image: string, env: 'prod' | 'staging'): PodTemplate {
  return template({ app: 'worker', tier: 'backend' }, [
    container('worker', image, {
      requests: env === 'prod' ? ['200m', '256Mi'] : ['100m', '128Mi'],
      limits: ['1', env === 'prod' ? '512Mi' : '256Mi'],
      env: { QUEUE_URL: 'redis://redis:6379/0', CONCURRENCY: env === 'prod' ? '8' : '2' },
      envFrom: [{ name: 'DB_PASSWORD', secret: 'db-credentials', key: 'password' }],
    }),
  ]);
}

function postgres(ns: string, storage: string): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { ...meta('postgres', ns, { app: 'postgres' }), generation: 1 },
    spec: {
      replicas: 1,
      serviceName: 'postgres',
      selector: { matchLabels: { app: 'postgres' } },
      template: template({ app: 'postgres' }, [
        container('postgres', 'postgres:16.3', {
          port: 5432,
          portName: 'postgres',
          requests: ['250m', '512Mi'],
          limits: ['1', '1Gi'],
          env: { PGDATA: '/var/lib/postgresql/data/pgdata', POSTGRES_DB: 'shop' },
          envFrom: [
            { name: 'POSTGRES_USER', secret: 'db-credentials', key: 'username' },
            { name: 'POSTGRES_PASSWORD', secret: 'db-credentials', key: 'password' },
          ],
          mounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }],
        }),
      ]),
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage } },
            storageClassName: 'standard',
            volumeMode: 'Filesystem',
          },
        },
      ],
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    },
    status: {},
  };
}

function appSecrets(ns: string, c: Cluster): Secret[] {
  return [
    secret(ns, 'db-credentials', { username: 'shop', password: `${c.hex(12)}-${c.hex(8)}` }),
    secret(ns, 'api-tokens', {
      'payments-api-key': `sk_${ns === 'prod' ? 'live' : 'test'}_${c.hex(24)}`,
      'jwt-signing-key': c.hex(48),
    }),
  ];
}

function appServices(ns: string, c: Cluster): Service[] {
  const ip = () => `10.96.${c.randomInt(1, 254)}.${c.randomInt(2, 254)}`;
  return [
    service(ns, 'api', ip(), [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }], {
      app: 'api',
    }),
    service(ns, 'web', ip(), [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }], {
      app: 'web',
    }),
    {
      ...service(
        ns,
        'postgres',
        'None',
        [{ name: 'postgres', port: 5432, targetPort: 5432, protocol: 'TCP' }],
        {
          app: 'postgres',
        },
      ),
    },
  ];
}

/** A Job that ran to completion, with its Completed pod, as the Job controller would leave them. */
function completedJob(
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

function backupTemplate(): PodTemplate {
  const tpl = template({ app: 'nightly-backup' }, [
    container('backup', 'registry.example/pg-backup:1.4.0', {
      requests: ['100m', '128Mi'],
      limits: ['500m', '256Mi'],
      env: { PGHOST: 'postgres', BUCKET: 's3://shop-backups/prod' },
      envFrom: [{ name: 'PGPASSWORD', secret: 'db-credentials', key: 'password' }],
    }),
  ]);
  tpl.spec.restartPolicy = 'OnFailure';
  return tpl;
}

/** Simulates a container that was OOM-killed and restarted `count` times, the last one `ago` before now. */
function restartContainer(
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

function emptyState(seed: number, at: number): ClusterState {
  return {
    format: STATE_FORMAT,
    clusterName: SANDBOX_CLUSTER_NAME,
    savedAt: at,
    rng: seed >>> 0,
    resourceVersion: 1000,
    objects: {},
    timers: [],
    podIpCounters: {},
  };
}

/** Builds the initial cluster as it looks at `now`, deterministically for a given `seed`. */
export function seedCluster(seed: number, now: number): ClusterState {
  const start = now - 41 * DAY;
  const clock = createManualClock(start);
  const c = new Cluster(emptyState(seed, start), clock, controllerHooks);
  const advance = (to: number): void => {
    c.commit();
    c.runDueTimers(to);
    clock.set(to);
  };
  const deployments: Record<string, Deployment> = {};
  const addDeployment = (dep: Deployment): void => {
    deployments[`${dep.metadata.namespace}/${dep.metadata.name}`] = c.add(dep);
  };
  const rollout = (key: string, tpl: PodTemplate, cause: string): void => {
    const dep = deployments[key]!;
    dep.metadata.annotations = { ...dep.metadata.annotations, [CHANGE_CAUSE_ANNOTATION]: cause };
    setTemplate(c, dep, tpl);
  };

  // Day 0: the cluster comes up.
  for (let i = 0; i < 3; i++) c.add(node(i, c));
  for (const name of ['default', 'kube-system']) c.add(namespace(name));
  c.add(
    service(
      'default',
      'kubernetes',
      '10.96.0.1',
      [{ name: 'https', port: 443, targetPort: 6443, protocol: 'TCP' }],
      undefined,
      {
        component: 'apiserver',
        provider: 'kubernetes',
      },
    ),
  );
  for (const sa of ['coredns', 'kube-proxy', 'metrics-server']) {
    c.add({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(sa, 'kube-system') });
  }
  const coreDnsVolumes: Volume[] = [
    { name: 'config-volume', configMap: { name: 'coredns', defaultMode: 420 } },
  ];
  const coredns = deployment(
    'kube-system',
    'coredns',
    2,
    template(
      { 'k8s-app': 'kube-dns' },
      [
        container('coredns', 'registry.k8s.io/coredns/coredns:v1.11.1', {
          args: ['-conf', '/etc/coredns/Corefile'],
          port: 53,
          portName: 'dns',
          protocol: 'UDP',
          requests: ['100m', '70Mi'],
          limits: ['', '170Mi'],
          mounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }],
        }),
      ],
      {
        serviceAccountName: 'coredns',
        dnsPolicy: 'Default',
        priorityClassName: 'system-cluster-critical',
        priority: 2000000000,
        volumes: coreDnsVolumes,
      },
    ),
    { 'k8s-app': 'kube-dns' },
  );
  coredns.spec.selector = { matchLabels: { 'k8s-app': 'kube-dns' } };
  delete coredns.spec.template.spec.containers[0]!.resources.limits!.cpu;
  coredns.spec.template.spec.containers[0]!.ports!.push(
    { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
    { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
  );
  addDeployment(coredns);
  const metricsServer = deployment(
    'kube-system',
    'metrics-server',
    1,
    template(
      { 'k8s-app': 'metrics-server' },
      [
        container('metrics-server', 'registry.k8s.io/metrics-server/metrics-server:v0.7.1', {
          args: [
            '--cert-dir=/tmp',
            '--secure-port=10250',
            '--kubelet-preferred-address-types=InternalIP',
            '--metric-resolution=15s',
          ],
          port: 10250,
          portName: 'https',
          requests: ['100m', '200Mi'],
          mounts: [{ name: 'tmp-dir', mountPath: '/tmp' }],
        }),
      ],
      {
        serviceAccountName: 'metrics-server',
        priorityClassName: 'system-cluster-critical',
        priority: 2000000000,
        volumes: [{ name: 'tmp-dir', emptyDir: {} }],
      },
    ),
    { 'k8s-app': 'metrics-server' },
  );
  metricsServer.spec.selector = { matchLabels: { 'k8s-app': 'metrics-server' } };
  addDeployment(metricsServer);
  c.add<DaemonSet>({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { ...meta('kube-proxy', 'kube-system', { 'k8s-app': 'kube-proxy' }), generation: 1 },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
      template: template(
        { 'k8s-app': 'kube-proxy' },
        [
          container('kube-proxy', `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`, {
            args: ['--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
            requests: ['100m', '50Mi'],
            mounts: [
              { name: 'kube-proxy', mountPath: '/var/lib/kube-proxy' },
              { name: 'lib-modules', mountPath: '/lib/modules', readOnly: true },
            ],
          }),
        ],
        {
          serviceAccountName: 'kube-proxy',
          hostNetwork: true,
          priorityClassName: 'system-node-critical',
          priority: 2000001000,
          volumes: [
            { name: 'kube-proxy', configMap: { name: 'kube-proxy', defaultMode: 420 } },
            { name: 'lib-modules', hostPath: { path: '/lib/modules', type: '' } },
          ],
        },
      ),
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    },
    status: {},
  });
  c.add(
    configMap('kube-system', 'coredns', {
      Corefile: [
        '.:53 {',
        '    errors',
        '    health {',
        '       lameduck 5s',
        '    }',
        '    ready',
        '    kubernetes cluster.local in-addr.arpa ip6.arpa {',
        '       pods insecure',
        '       fallthrough in-addr.arpa ip6.arpa',
        '       ttl 30',
        '    }',
        '    prometheus :9153',
        '    forward . /etc/resolv.conf {',
        '       max_concurrent 1000',
        '    }',
        '    cache 30',
        '    loop',
        '    reload',
        '    loadbalance',
        '}',
        '',
      ].join('\n'),
    }),
  );
  c.add(
    configMap('kube-system', 'kube-proxy', {
      'config.conf':
        'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: iptables\nclusterCIDR: 10.244.0.0/16\n',
    }),
  );
  c.add(
    service(
      'kube-system',
      'kube-dns',
      '10.96.0.10',
      [
        { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' },
        { name: 'metrics', port: 9153, targetPort: 9153, protocol: 'TCP' },
      ],
      { 'k8s-app': 'kube-dns' },
      { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
    ),
  );
  c.add(
    service(
      'kube-system',
      'metrics-server',
      '10.96.148.21',
      [{ name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' }],
      {
        'k8s-app': 'metrics-server',
      },
      { 'k8s-app': 'metrics-server' },
    ),
  );
  advance(start + 2 * HOUR);

  // Day 1: the default namespace gets a hello-world, prod goes live.
  c.add(namespace('prod'));
  addDeployment(
    deployment(
      'default',
      'hello',
      1,
      template({ app: 'hello' }, [
        container('hello', 'nginxdemos/hello:0.4-plain-text', {
          port: 80,
          requests: ['10m', '16Mi'],
          limits: ['100m', '64Mi'],
        }),
      ]),
    ),
  );
  c.add(
    service('default', 'hello', '10.96.77.12', [{ port: 80, targetPort: 80, protocol: 'TCP' }], {
      app: 'hello',
    }),
  );
  for (const s of appSecrets('prod', c)) c.add(s);
  c.add(
    secret(
      'prod',
      'web-tls',
      {
        'tls.crt':
          '-----BEGIN CERTIFICATE-----\nMIIFsandboxCertificateForShopExampleCom\n-----END CERTIFICATE-----\n',
        'tls.key':
          '-----BEGIN PRIVATE KEY-----\nMIIEsandboxPrivateKeyNotARealKey\n-----END PRIVATE KEY-----\n',
      },
      'kubernetes.io/tls',
    ),
  );
  c.add(
    configMap(
      'prod',
      'api-config',
      {
        'config.yaml':
          'server:\n  port: 8080\n  readTimeout: 15s\ndatabase:\n  host: postgres\n  pool: 20\nfeatures:\n  newCheckout: true\n',
        LOG_FORMAT: 'json',
      },
      { app: 'api' },
    ),
  );
  c.add(
    configMap(
      'prod',
      'worker-config',
      { QUEUES: 'emails,invoices,webhooks', MAX_RETRIES: '5' },
      { app: 'worker' },
    ),
  );
  for (const s of appServices('prod', c)) c.add(s);
  c.add<StatefulSet>(postgres('prod', '20Gi'));
  addDeployment(deployment('prod', 'api', 2, apiTemplate('registry.example/api:1.40.2', 'prod')));
  addDeployment(deployment('prod', 'web', 2, webTemplate('registry.example/web:3.7.0', 'prod')));
  addDeployment(deployment('prod', 'worker', 1, workerTemplate('registry.example/worker:2.3.1', 'prod')));
  c.add<Ingress>({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: meta('web', 'prod', { app: 'web' }, { 'cert-manager.io/cluster-issuer': 'letsencrypt' }),
    spec: {
      ingressClassName: 'nginx',
      tls: [{ hosts: ['shop.example.com'], secretName: 'web-tls' }],
      rules: [
        {
          host: 'shop.example.com',
          http: {
            paths: [
              {
                path: '/api',
                pathType: 'Prefix',
                backend: { service: { name: 'api', port: { number: 80 } } },
              },
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
            ],
          },
        },
      ],
    },
    status: { loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } },
  });
  const cron = c.add<CronJob>({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { ...meta('nightly-backup', 'prod', { app: 'nightly-backup' }), generation: 1 },
    spec: {
      schedule: '0 2 * * *',
      suspend: false,
      concurrencyPolicy: 'Forbid',
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        metadata: {},
        spec: { completions: 1, parallelism: 1, backoffLimit: 6, template: backupTemplate() },
      },
    },
    status: {},
  });
  advance(start + DAY + 3 * HOUR);

  // Day 11: staging is set up for release candidates.
  advance(start + 11 * DAY);
  c.add(namespace('staging'));
  for (const s of appSecrets('staging', c)) c.add(s);
  c.add(
    configMap(
      'staging',
      'api-config',
      {
        'config.yaml':
          'server:\n  port: 8080\ndatabase:\n  host: postgres\n  pool: 5\nfeatures:\n  newCheckout: true\n',
        LOG_FORMAT: 'json',
      },
      { app: 'api' },
    ),
  );
  for (const s of appServices('staging', c)) c.add(s);
  c.add<StatefulSet>(postgres('staging', '5Gi'));
  addDeployment(deployment('staging', 'api', 1, apiTemplate('registry.example/api:1.41.0-rc.2', 'staging')));
  addDeployment(deployment('staging', 'web', 1, webTemplate('registry.example/web:3.8.0-rc.1', 'staging')));
  addDeployment(
    deployment('staging', 'worker', 1, workerTemplate('registry.example/worker:2.3.4', 'staging')),
  );
  advance(start + 11 * DAY + HOUR);

  // Releases: api 1.41.0 and worker 2.3.4 three weeks in, web 3.8.1 last week, api 1.42.0 three days ago.
  advance(start + 23 * DAY);
  rollout('prod/api', apiTemplate('registry.example/api:1.41.0', 'prod'), 'release 1.41.0: order export');
  rollout(
    'prod/worker',
    workerTemplate('registry.example/worker:2.3.4', 'prod'),
    'release 2.3.4: retry backoff',
  );
  advance(start + 23 * DAY + HOUR);
  advance(now - 9 * DAY);
  rollout('prod/web', webTemplate('registry.example/web:3.8.1', 'prod'), 'release 3.8.1: checkout fixes');
  rollout('staging/web', webTemplate('registry.example/web:3.9.0-rc.2', 'staging'), 'rc 3.9.0-rc.2');
  advance(now - 9 * DAY + HOUR);
  advance(now - 4 * DAY);
  rollout('staging/api', apiTemplate('registry.example/api:1.43.0-rc.1', 'staging'), 'rc 1.43.0-rc.1');
  advance(now - 3 * DAY - 2 * HOUR);
  rollout('prod/api', apiTemplate('registry.example/api:1.42.0', 'prod'), 'release 1.42.0: faster search');
  completedJob(
    c,
    'prod',
    'db-migrate-1-42-0',
    template(
      { app: 'db-migrate' },
      [
        container('migrate', 'registry.example/api:1.42.0', {
          args: ['migrate', 'up'],
          envFrom: [{ name: 'DB_PASSWORD', secret: 'db-credentials', key: 'password' }],
        }),
      ],
      { restartPolicy: 'Never' },
    ),
    now - 3 * DAY - 2 * HOUR - 5 * MINUTE,
    47_000,
  );
  advance(now - 3 * DAY);

  // The last two nightly backups.
  const lastRun = Math.floor((now - 2 * HOUR) / DAY) * DAY + 2 * HOUR;
  for (const runAt of [lastRun - DAY, lastRun]) {
    if (runAt > now) continue;
    advance(runAt);
    completedJob(
      c,
      'prod',
      `nightly-backup-${Math.floor(runAt / MINUTE)}`,
      backupTemplate(),
      runAt,
      94_000 + c.randomInt(0, 30_000),
      cron,
    );
    cron.status = { lastScheduleTime: c.timestamp(runAt), lastSuccessfulTime: c.timestamp(runAt + 120_000) };
    c.update(cron);
  }

  // The last hour: the worker ran out of memory, and web was scaled up for a campaign.
  const oomAt = now - 47 * MINUTE;
  advance(oomAt);
  const worker = c.list<Pod>('pods', 'prod').find((p) => p.metadata.labels?.app === 'worker');
  if (worker) restartContainer(c, worker, 3, 'OOMKilled', oomAt);
  const coreDnsPod = c
    .list<Pod>('pods', 'kube-system')
    .find((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns');
  if (coreDnsPod) {
    const cs = coreDnsPod.status.containerStatuses![0]!;
    cs.restartCount = 1;
    cs.lastState = {
      terminated: {
        exitCode: 1,
        reason: 'Error',
        startedAt: coreDnsPod.status.startTime!,
        finishedAt: c.timestamp(start + 12 * DAY),
        containerID: `containerd://${c.hex(64)}`,
      },
    };
    c.update(coreDnsPod);
  }
  advance(now - 20 * MINUTE);
  const web = deployments['prod/web']!;
  web.spec.replicas = 3;
  web.metadata.generation = (web.metadata.generation ?? 1) + 1;
  c.update(web);
  advance(now);

  // Events expire after an hour on a real API server.
  for (const event of c.list<KubeEvent>('events')) {
    if (Date.parse(event.lastTimestamp) < now - HOUR) c.remove(event);
  }
  c.commit();
  return c.state;
}
