/**
 * The sandbox cluster's objects, shaped like the Kubernetes API's so that `-o yaml`, `-o json` and
 * jsonpath print what a real cluster would. Only the fields the simulation reads or prints are typed.
 * Everything here is plain JSON: the whole cluster is saved and loaded as one document.
 */

export type Labels = Record<string, string>;

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller: boolean;
  blockOwnerDeletion: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  generation?: number;
  creationTimestamp: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  generateName?: string;
  labels?: Labels;
  annotations?: Labels;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
}

export interface ResourceList {
  cpu?: string;
  memory?: string;
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol: 'TCP' | 'UDP';
}

export interface Container {
  name: string;
  image: string;
  imagePullPolicy: string;
  args?: string[];
  ports?: ContainerPort[];
  env?: { name: string; value?: string; valueFrom?: Record<string, unknown> }[];
  resources: { requests?: ResourceList; limits?: ResourceList };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  terminationMessagePath: string;
  terminationMessagePolicy: string;
}

export interface Volume {
  name: string;
  emptyDir?: Record<string, unknown>;
  configMap?: { name: string; defaultMode?: number };
  secret?: { secretName: string; defaultMode?: number };
  persistentVolumeClaim?: { claimName: string };
  hostPath?: { path: string; type?: string };
}

export interface Toleration {
  key?: string;
  operator: string;
  effect?: string;
  tolerationSeconds?: number;
}

export interface PodSpec {
  containers: Container[];
  volumes?: Volume[];
  nodeName?: string;
  nodeSelector?: Labels;
  serviceAccountName: string;
  restartPolicy: 'Always' | 'OnFailure' | 'Never';
  terminationGracePeriodSeconds: number;
  dnsPolicy: string;
  schedulerName: string;
  priority?: number;
  priorityClassName?: string;
  hostNetwork?: boolean;
  tolerations?: Toleration[];
  hostname?: string;
  subdomain?: string;
}

export interface PodTemplate {
  metadata: { labels: Labels; annotations?: Labels };
  spec: PodSpec;
}

export interface ContainerState {
  waiting?: { reason: string; message?: string };
  running?: { startedAt: string };
  terminated?: {
    exitCode: number;
    reason: string;
    startedAt: string;
    finishedAt: string;
    containerID?: string;
  };
}

export interface ContainerStatus {
  name: string;
  image: string;
  imageID: string;
  containerID?: string;
  ready: boolean;
  started: boolean;
  restartCount: number;
  state: ContainerState;
  lastState: ContainerState;
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastTransitionTime: string;
  lastProbeTime?: null;
  lastUpdateTime?: string;
  reason?: string;
  message?: string;
}

export interface Pod extends KubeObject {
  kind: 'Pod';
  spec: PodSpec;
  status: {
    phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
    conditions: Condition[];
    hostIP?: string;
    hostIPs?: { ip: string }[];
    podIP?: string;
    podIPs?: { ip: string }[];
    startTime?: string;
    containerStatuses?: ContainerStatus[];
    qosClass: string;
  };
}

export interface LabelSelector {
  matchLabels: Labels;
}

export interface Deployment extends KubeObject {
  kind: 'Deployment';
  spec: {
    replicas: number;
    selector: LabelSelector;
    template: PodTemplate;
    strategy: { type: 'RollingUpdate'; rollingUpdate: { maxSurge: string; maxUnavailable: string } };
    revisionHistoryLimit: number;
    progressDeadlineSeconds: number;
    paused?: boolean;
  };
  status: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    unavailableReplicas?: number;
    conditions?: Condition[];
  };
}

export interface ReplicaSet extends KubeObject {
  kind: 'ReplicaSet';
  spec: { replicas: number; selector: LabelSelector; template: PodTemplate };
  status: {
    replicas: number;
    fullyLabeledReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    observedGeneration?: number;
  };
}

export interface PersistentVolumeClaimTemplate {
  metadata: { name: string };
  spec: {
    accessModes: string[];
    resources: { requests: { storage: string } };
    storageClassName: string;
    volumeMode: string;
  };
}

export interface StatefulSet extends KubeObject {
  kind: 'StatefulSet';
  spec: {
    replicas: number;
    serviceName: string;
    selector: LabelSelector;
    template: PodTemplate;
    podManagementPolicy: 'OrderedReady';
    updateStrategy: { type: 'RollingUpdate'; rollingUpdate: { partition: number } };
    revisionHistoryLimit: number;
    volumeClaimTemplates?: PersistentVolumeClaimTemplate[];
    persistentVolumeClaimRetentionPolicy?: { whenDeleted: string; whenScaled: string };
  };
  status: {
    observedGeneration?: number;
    replicas?: number;
    readyReplicas?: number;
    currentReplicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    currentRevision?: string;
    updateRevision?: string;
    collisionCount?: number;
  };
}

export interface DaemonSet extends KubeObject {
  kind: 'DaemonSet';
  spec: {
    selector: LabelSelector;
    template: PodTemplate;
    updateStrategy: { type: 'RollingUpdate'; rollingUpdate: { maxUnavailable: number; maxSurge: number } };
    revisionHistoryLimit: number;
  };
  status: {
    currentNumberScheduled?: number;
    desiredNumberScheduled?: number;
    numberAvailable?: number;
    numberMisscheduled?: number;
    numberReady?: number;
    updatedNumberScheduled?: number;
    observedGeneration?: number;
  };
}

export interface JobSpec {
  completions: number;
  parallelism: number;
  backoffLimit: number;
  completionMode?: string;
  suspend?: boolean;
  selector?: LabelSelector;
  template: PodTemplate;
}

export interface Job extends KubeObject {
  kind: 'Job';
  spec: JobSpec;
  status: {
    startTime?: string;
    completionTime?: string;
    succeeded?: number;
    failed?: number;
    active?: number;
    ready?: number;
    conditions?: Condition[];
  };
}

export interface CronJob extends KubeObject {
  kind: 'CronJob';
  spec: {
    schedule: string;
    timeZone?: string;
    suspend: boolean;
    concurrencyPolicy: string;
    successfulJobsHistoryLimit: number;
    failedJobsHistoryLimit: number;
    jobTemplate: { metadata: { labels?: Labels }; spec: Omit<JobSpec, 'selector'> };
  };
  status: { lastScheduleTime?: string; lastSuccessfulTime?: string; active?: unknown[] };
}

export interface ServicePort {
  name?: string;
  port: number;
  targetPort: number | string;
  protocol: 'TCP' | 'UDP';
  nodePort?: number;
}

export interface Service extends KubeObject {
  kind: 'Service';
  spec: {
    type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
    clusterIP: string;
    clusterIPs: string[];
    ports: ServicePort[];
    selector?: Labels;
    sessionAffinity: string;
    ipFamilies: string[];
    ipFamilyPolicy: string;
    internalTrafficPolicy: string;
  };
  status: { loadBalancer: { ingress?: { ip: string }[] } };
}

export interface Ingress extends KubeObject {
  kind: 'Ingress';
  spec: {
    ingressClassName: string;
    tls?: { hosts: string[]; secretName: string }[];
    rules: {
      host: string;
      http: {
        paths: {
          path: string;
          pathType: string;
          backend: { service: { name: string; port: { number: number } } };
        }[];
      };
    }[];
  };
  status: { loadBalancer: { ingress?: { ip: string }[] } };
}

export interface ConfigMap extends KubeObject {
  kind: 'ConfigMap';
  data?: Record<string, string>;
}

export interface Secret extends KubeObject {
  kind: 'Secret';
  type: string;
  /** Base64, as the API serves it. */
  data?: Record<string, string>;
}

export interface Namespace extends KubeObject {
  kind: 'Namespace';
  spec: { finalizers: string[] };
  status: { phase: 'Active' | 'Terminating' };
}

export interface NodeResources {
  cpu: string;
  memory: string;
  pods: string;
  'ephemeral-storage': string;
}

export interface KubeNode extends KubeObject {
  kind: 'Node';
  spec: {
    podCIDR: string;
    podCIDRs: string[];
    providerID: string;
    unschedulable?: boolean;
    taints?: { key: string; effect: string; timeAdded?: string }[];
  };
  status: {
    capacity: NodeResources;
    allocatable: NodeResources;
    conditions: (Condition & { lastHeartbeatTime: string })[];
    addresses: { type: string; address: string }[];
    nodeInfo: {
      architecture: string;
      containerRuntimeVersion: string;
      kernelVersion: string;
      kubeProxyVersion: string;
      kubeletVersion: string;
      operatingSystem: string;
      osImage: string;
      machineID: string;
      systemUUID: string;
      bootID: string;
    };
  };
}

export interface KubeEvent extends KubeObject {
  kind: 'Event';
  involvedObject: { apiVersion: string; kind: string; name: string; namespace?: string; uid: string };
  reason: string;
  message: string;
  type: 'Normal' | 'Warning';
  count: number;
  firstTimestamp: string;
  lastTimestamp: string;
  source: { component: string; host?: string };
  reportingComponent: string;
  reportingInstance: string;
}

export interface PersistentVolumeClaim extends KubeObject {
  kind: 'PersistentVolumeClaim';
  spec: {
    accessModes: string[];
    resources: { requests: { storage: string } };
    storageClassName: string;
    volumeMode: string;
    volumeName?: string;
  };
  status: { phase: 'Pending' | 'Bound'; accessModes?: string[]; capacity?: { storage: string } };
}

export interface PersistentVolume extends KubeObject {
  kind: 'PersistentVolume';
  spec: {
    capacity: { storage: string };
    accessModes: string[];
    persistentVolumeReclaimPolicy: 'Delete' | 'Retain';
    storageClassName: string;
    volumeMode: string;
    claimRef?: { kind: string; namespace: string; name: string; uid: string; apiVersion: string };
    csi?: { driver: string; volumeHandle: string; fsType: string };
  };
  status: { phase: 'Bound' | 'Released' | 'Available' };
}

export interface ServiceAccount extends KubeObject {
  kind: 'ServiceAccount';
}

/** A simulation step due at a cluster time: the one piece of state that is not an API object. */
export interface Timer {
  at: number;
  action: TimerAction;
  plural: string;
  namespace: string;
  name: string;
  uid: string;
}

export type TimerAction = 'pod-schedule' | 'pod-start' | 'pod-remove' | 'namespace-finalize';

export const STATE_FORMAT = 'k8s-chat-sandbox/1';

/** The whole cluster, saved as one JSON document after every change. */
export interface ClusterState {
  format: typeof STATE_FORMAT;
  clusterName: string;
  /** Cluster time of the last save; a restart never lets the clock run backwards. */
  savedAt: number;
  /** PRNG state, saved so names stay deterministic across restarts. */
  rng: number;
  resourceVersion: number;
  /** plural → `namespace/name` (empty namespace for cluster-scoped kinds) → object. */
  objects: Record<string, Record<string, KubeObject>>;
  timers: Timer[];
  /** Last host number handed out per node's pod CIDR. */
  podIpCounters: Record<string, number>;
}

/** The API version each stored kind is served under. */
export const API_VERSIONS: Record<string, string> = {
  Pod: 'v1',
  Service: 'v1',
  ConfigMap: 'v1',
  Secret: 'v1',
  Namespace: 'v1',
  Node: 'v1',
  Event: 'v1',
  PersistentVolumeClaim: 'v1',
  PersistentVolume: 'v1',
  ServiceAccount: 'v1',
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  Ingress: 'networking.k8s.io/v1',
};

/** The plural under which a kind is stored. */
export const PLURAL_OF_KIND: Record<string, string> = {
  Pod: 'pods',
  Service: 'services',
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  Namespace: 'namespaces',
  Node: 'nodes',
  Event: 'events',
  PersistentVolumeClaim: 'persistentvolumeclaims',
  PersistentVolume: 'persistentvolumes',
  ServiceAccount: 'serviceaccounts',
  Deployment: 'deployments',
  ReplicaSet: 'replicasets',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
  Job: 'jobs',
  CronJob: 'cronjobs',
  Ingress: 'ingresses',
};

export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set(['Namespace', 'Node', 'PersistentVolume']);

export function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

/** The owner that controls an object (ReplicaSet of a pod, Deployment of a ReplicaSet …). */
export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((ref) => ref.controller);
}

export function ownerReference(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}
