/**
 * The resource kinds kubectl knows that this project reasons about, with their short names, so that
 * `deploy`, `deployment`, `deployments` and `deployment.apps` all mean the same thing everywhere.
 */
export interface ResourceKind {
  /** Canonical plural, as `kubectl api-resources` names it. */
  readonly plural: string;
  readonly singular: string;
  readonly kind: string;
  readonly shortNames: readonly string[];
  readonly namespaced: boolean;
  /** API group, empty for the core group. */
  readonly group: string;
}

export const RESOURCE_KINDS: readonly ResourceKind[] = [
  { plural: 'pods', singular: 'pod', kind: 'Pod', shortNames: ['po'], namespaced: true, group: '' },
  {
    plural: 'deployments',
    singular: 'deployment',
    kind: 'Deployment',
    shortNames: ['deploy'],
    namespaced: true,
    group: 'apps',
  },
  {
    plural: 'replicasets',
    singular: 'replicaset',
    kind: 'ReplicaSet',
    shortNames: ['rs'],
    namespaced: true,
    group: 'apps',
  },
  {
    plural: 'statefulsets',
    singular: 'statefulset',
    kind: 'StatefulSet',
    shortNames: ['sts'],
    namespaced: true,
    group: 'apps',
  },
  {
    plural: 'daemonsets',
    singular: 'daemonset',
    kind: 'DaemonSet',
    shortNames: ['ds'],
    namespaced: true,
    group: 'apps',
  },
  { plural: 'jobs', singular: 'job', kind: 'Job', shortNames: [], namespaced: true, group: 'batch' },
  {
    plural: 'cronjobs',
    singular: 'cronjob',
    kind: 'CronJob',
    shortNames: ['cj'],
    namespaced: true,
    group: 'batch',
  },
  {
    plural: 'services',
    singular: 'service',
    kind: 'Service',
    shortNames: ['svc'],
    namespaced: true,
    group: '',
  },
  {
    plural: 'ingresses',
    singular: 'ingress',
    kind: 'Ingress',
    shortNames: ['ing'],
    namespaced: true,
    group: 'networking.k8s.io',
  },
  {
    plural: 'configmaps',
    singular: 'configmap',
    kind: 'ConfigMap',
    shortNames: ['cm'],
    namespaced: true,
    group: '',
  },
  { plural: 'secrets', singular: 'secret', kind: 'Secret', shortNames: [], namespaced: true, group: '' },
  { plural: 'nodes', singular: 'node', kind: 'Node', shortNames: ['no'], namespaced: false, group: '' },
  {
    plural: 'namespaces',
    singular: 'namespace',
    kind: 'Namespace',
    shortNames: ['ns'],
    namespaced: false,
    group: '',
  },
  { plural: 'events', singular: 'event', kind: 'Event', shortNames: ['ev'], namespaced: true, group: '' },
  {
    plural: 'persistentvolumeclaims',
    singular: 'persistentvolumeclaim',
    kind: 'PersistentVolumeClaim',
    shortNames: ['pvc'],
    namespaced: true,
    group: '',
  },
  {
    plural: 'persistentvolumes',
    singular: 'persistentvolume',
    kind: 'PersistentVolume',
    shortNames: ['pv'],
    namespaced: false,
    group: '',
  },
  {
    plural: 'serviceaccounts',
    singular: 'serviceaccount',
    kind: 'ServiceAccount',
    shortNames: ['sa'],
    namespaced: true,
    group: '',
  },
  {
    plural: 'roles',
    singular: 'role',
    kind: 'Role',
    shortNames: [],
    namespaced: true,
    group: 'rbac.authorization.k8s.io',
  },
  {
    plural: 'rolebindings',
    singular: 'rolebinding',
    kind: 'RoleBinding',
    shortNames: [],
    namespaced: true,
    group: 'rbac.authorization.k8s.io',
  },
  {
    plural: 'clusterroles',
    singular: 'clusterrole',
    kind: 'ClusterRole',
    shortNames: [],
    namespaced: false,
    group: 'rbac.authorization.k8s.io',
  },
  {
    plural: 'clusterrolebindings',
    singular: 'clusterrolebinding',
    kind: 'ClusterRoleBinding',
    shortNames: [],
    namespaced: false,
    group: 'rbac.authorization.k8s.io',
  },
];

const BY_NAME = new Map<string, ResourceKind>();
for (const kind of RESOURCE_KINDS) {
  for (const name of [kind.plural, kind.singular, kind.kind.toLowerCase(), ...kind.shortNames]) {
    BY_NAME.set(name, kind);
    if (kind.group) BY_NAME.set(`${name}.${kind.group}`, kind);
  }
}

/** Looks up `deploy`, `deployments.apps`, `Pod` …; undefined for kinds this project does not know. */
export function resolveResource(name: string): ResourceKind | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** RBAC kinds: changing them changes who may do what, so they are always dangerous. */
export const RBAC_PLURALS: ReadonlySet<string> = new Set([
  'roles',
  'rolebindings',
  'clusterroles',
  'clusterrolebindings',
]);
