/**
 * `kubectl describe` text per kind, written with tabs and aligned by the tabwriter as kubectl does.
 * Secret values are never printed, only their sizes.
 */
import type { Cluster } from '../cluster.js';
import { newReplicaSet, replicaSetsOf } from '../controllers/deployments.js';
import { podsOf } from '../controllers/pods.js';
import {
  controllerOf,
  type ConfigMap,
  type Container,
  type ContainerState,
  type CronJob,
  type DaemonSet,
  type Deployment,
  type Ingress,
  type Job,
  type KubeEvent,
  type KubeNode,
  type KubeObject,
  type Labels,
  type Namespace,
  type PersistentVolumeClaim,
  type Pod,
  type PodTemplate,
  type ReplicaSet,
  type Secret,
  type Service,
  type StatefulSet,
  type Toleration,
  type Volume,
} from '../model.js';
import { isReady, isTerminating } from '../pod-status.js';
import { age, describeDate } from './age.js';
import { nodeRoles } from './columns.js';
import { tabwrite } from './tabwriter.js';

class Writer {
  readonly #lines: string[] = [];
  /** One line at an indentation level (two spaces each); cells separated by tabs align as a table. */
  line(level: number, ...cells: string[]): void {
    this.#lines.push('  '.repeat(level) + cells.join('\t'));
  }
  /** `Key:\tfirst` then `\tnext` lines, or `<none>`. */
  multi(level: number, key: string, values: readonly string[]): void {
    if (!values.length) {
      this.line(level, `${key}:`, '<none>');
      return;
    }
    values.forEach((v, i) => this.line(level, i === 0 ? `${key}:` : '', v));
  }
  toString(): string {
    return tabwrite(this.#lines.join('\n')) + '\n';
  }
}

const labelLines = (labels: Labels | undefined): string[] =>
  Object.entries(labels ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`);

const annotationLines = (annotations: Labels | undefined): string[] =>
  Object.entries(annotations ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}: ${v}`);

const selectorString = (labels: Labels | undefined): string =>
  Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',') || '<none>';

function header(w: Writer, obj: KubeObject, namespaced = true): void {
  w.line(0, 'Name:', obj.metadata.name);
  if (namespaced) w.line(0, 'Namespace:', obj.metadata.namespace ?? '');
}

function metaLines(w: Writer, obj: KubeObject): void {
  w.multi(0, 'Labels', labelLines(obj.metadata.labels));
  w.multi(0, 'Annotations', annotationLines(obj.metadata.annotations));
}

export function eventsFor(c: Cluster, obj: KubeObject): KubeEvent[] {
  return c
    .list<KubeEvent>('events', obj.metadata.namespace ?? 'default')
    .filter((e) => e.involvedObject.uid === obj.metadata.uid)
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}

function events(w: Writer, c: Cluster, obj: KubeObject): void {
  const list = eventsFor(c, obj);
  if (!list.length) {
    w.line(0, 'Events:', '<none>');
    return;
  }
  const now = c.now();
  w.line(0, 'Events:');
  w.line(1, 'Type', 'Reason', 'Age', 'From', 'Message');
  w.line(1, '----', '------', '----', '----', '-------');
  for (const e of list) {
    const when =
      e.count > 1
        ? `${age(e.lastTimestamp, now)} (x${e.count} over ${age(e.firstTimestamp, now)})`
        : age(e.lastTimestamp, now);
    w.line(1, e.type, e.reason, when, e.source.component, e.message);
  }
}

function resourceList(
  w: Writer,
  level: number,
  title: string,
  list: { cpu?: string; memory?: string } | undefined,
): void {
  if (!list || (!list.cpu && !list.memory)) return;
  w.line(level, `${title}:`);
  if (list.cpu) w.line(level + 1, 'cpu:', list.cpu);
  if (list.memory) w.line(level + 1, 'memory:', list.memory);
}

function stateLines(w: Writer, title: string, state: ContainerState): void {
  if (state.running) {
    w.line(2, `${title}:`, 'Running');
    w.line(3, 'Started:', describeDate(state.running.startedAt));
  } else if (state.waiting) {
    w.line(2, `${title}:`, 'Waiting');
    w.line(3, 'Reason:', state.waiting.reason);
  } else if (state.terminated) {
    w.line(2, `${title}:`, 'Terminated');
    w.line(3, 'Reason:', state.terminated.reason);
    w.line(3, 'Exit Code:', String(state.terminated.exitCode));
    w.line(3, 'Started:', describeDate(state.terminated.startedAt));
    w.line(3, 'Finished:', describeDate(state.terminated.finishedAt));
  } else {
    w.line(2, `${title}:`, '');
  }
}

function containers(w: Writer, list: readonly Container[], pod: Pod | null): void {
  const template = pod === null;
  w.line(template ? 1 : 0, 'Containers:');
  for (const container of list) {
    w.line(template ? 1 : 1, `${template ? ' ' : ''}${container.name}:`);
    const status = pod?.status.containerStatuses?.find((cs) => cs.name === container.name);
    if (pod) w.line(2, 'Container ID:', status?.containerID ?? '');
    w.line(2, 'Image:', container.image);
    if (pod) w.line(2, 'Image ID:', status?.imageID ?? '');
    const ports = container.ports ?? [];
    if (!ports.length) {
      w.line(2, 'Port:', '<none>');
      w.line(2, 'Host Port:', '<none>');
    } else {
      w.line(
        2,
        ports.length > 1 ? 'Ports:' : 'Port:',
        ports.map((p) => `${p.containerPort}/${p.protocol}`).join(', '),
      );
      w.line(
        2,
        ports.length > 1 ? 'Host Ports:' : 'Host Port:',
        ports.map((p) => `0/${p.protocol}`).join(', '),
      );
    }
    if (container.args?.length) {
      w.line(2, 'Args:');
      for (const arg of container.args) w.line(3, arg);
    }
    if (pod && status) {
      stateLines(w, 'State', status.state);
      if (status.lastState.terminated) stateLines(w, 'Last State', status.lastState);
      w.line(2, 'Ready:', status.ready ? 'True' : 'False');
      w.line(2, 'Restart Count:', String(status.restartCount));
    } else if (pod) {
      w.line(2, 'State:', 'Waiting');
      w.line(3, 'Reason:', 'Pending');
      w.line(2, 'Ready:', 'False');
      w.line(2, 'Restart Count:', '0');
    }
    resourceList(w, 2, 'Limits', container.resources.limits);
    resourceList(w, 2, 'Requests', container.resources.requests);
    if (!container.env?.length) w.line(2, 'Environment:', '<none>');
    else {
      w.line(2, 'Environment:');
      for (const e of container.env) {
        const ref = e.valueFrom?.secretKeyRef as { name: string; key: string } | undefined;
        w.line(
          3,
          `${e.name}:`,
          ref ? `<set to the key '${ref.key}' in secret '${ref.name}'>  Optional: false` : (e.value ?? ''),
        );
      }
    }
    const mounts = container.volumeMounts ?? [];
    if (!mounts.length) w.line(2, 'Mounts:', '<none>');
    else {
      w.line(2, 'Mounts:');
      for (const m of mounts) w.line(3, `${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'})`);
    }
  }
}

function volumes(w: Writer, level: number, list: readonly Volume[] | undefined): void {
  if (!list?.length) {
    w.line(level, 'Volumes:', '<none>');
    return;
  }
  w.line(level, 'Volumes:');
  for (const v of list) {
    w.line(level + 1, `${v.name}:`);
    const l = level + 2;
    if (v.configMap) {
      w.line(l, 'Type:', 'ConfigMap (a volume populated by a ConfigMap)');
      w.line(l, 'Name:', v.configMap.name);
      w.line(l, 'Optional:', 'false');
    } else if (v.secret) {
      w.line(l, 'Type:', 'Secret (a volume populated by a Secret)');
      w.line(l, 'SecretName:', v.secret.secretName);
      w.line(l, 'Optional:', 'false');
    } else if (v.emptyDir) {
      w.line(l, 'Type:', "EmptyDir (a temporary directory that shares a pod's lifetime)");
      w.line(l, 'Medium:', '');
      w.line(l, 'SizeLimit:', '<unset>');
    } else if (v.persistentVolumeClaim) {
      w.line(
        l,
        'Type:',
        'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)',
      );
      w.line(l, 'ClaimName:', v.persistentVolumeClaim.claimName);
      w.line(l, 'ReadOnly:', 'false');
    } else if (v.hostPath) {
      w.line(l, 'Type:', 'HostPath (bare host directory volume)');
      w.line(l, 'Path:', v.hostPath.path);
      w.line(l, 'HostPathType:', v.hostPath.type ?? '');
    }
  }
}

function tolerationText(t: Toleration): string {
  const key = t.key ?? '';
  const effect = t.effect ? `:${t.effect}` : '';
  const op = t.operator === 'Exists' ? ' op=Exists' : '';
  const seconds = t.tolerationSeconds !== undefined ? ` for ${t.tolerationSeconds}s` : '';
  return `${key}${effect}${op}${seconds}`;
}

function podTemplate(w: Writer, template: PodTemplate): void {
  w.line(0, 'Pod Template:');
  w.multi(1, 'Labels', labelLines(template.metadata.labels));
  if (template.metadata.annotations)
    w.multi(1, 'Annotations', annotationLines(template.metadata.annotations));
  if (template.spec.serviceAccountName !== 'default')
    w.line(1, 'Service Account:', template.spec.serviceAccountName);
  containers(w, template.spec.containers, null);
  volumes(w, 1, template.spec.volumes);
  w.line(1, 'Node-Selectors:', selectorString(template.spec.nodeSelector));
  w.multi(1, 'Tolerations', (template.spec.tolerations ?? []).map(tolerationText));
}

function describePod(c: Cluster, pod: Pod): string {
  const w = new Writer();
  header(w, pod);
  w.line(0, 'Priority:', String(pod.spec.priority ?? 0));
  if (pod.spec.priorityClassName) w.line(0, 'Priority Class Name:', pod.spec.priorityClassName);
  w.line(0, 'Service Account:', pod.spec.serviceAccountName);
  w.line(0, 'Node:', pod.spec.nodeName ? `${pod.spec.nodeName}/${pod.status.hostIP ?? ''}` : '<none>');
  if (pod.status.startTime) w.line(0, 'Start Time:', describeDate(pod.status.startTime));
  metaLines(w, pod);
  w.line(
    0,
    'Status:',
    isTerminating(pod)
      ? `Terminating (lasts ${age(pod.metadata.deletionTimestamp, c.now() - 30_000)})`
      : pod.status.phase,
  );
  if (isTerminating(pod))
    w.line(0, 'Termination Grace Period:', `${pod.metadata.deletionGracePeriodSeconds ?? 30}s`);
  w.line(0, 'IP:', pod.status.podIP ?? '');
  if (pod.status.podIPs?.length) {
    w.line(0, 'IPs:');
    for (const ip of pod.status.podIPs) w.line(1, 'IP:', ip.ip);
  } else w.line(0, 'IPs:', '<none>');
  const owner = controllerOf(pod);
  if (owner) w.line(0, 'Controlled By:', `${owner.kind}/${owner.name}`);
  containers(w, pod.spec.containers, pod);
  if (pod.status.conditions.length) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type', 'Status');
    for (const k of pod.status.conditions) w.line(1, k.type, k.status);
  }
  volumes(w, 0, pod.spec.volumes);
  w.line(0, 'QoS Class:', pod.status.qosClass);
  w.line(0, 'Node-Selectors:', selectorString(pod.spec.nodeSelector));
  w.multi(0, 'Tolerations', (pod.spec.tolerations ?? []).map(tolerationText));
  events(w, c, pod);
  return w.toString();
}

function describeDeployment(c: Cluster, dep: Deployment): string {
  const w = new Writer();
  header(w, dep);
  w.line(0, 'CreationTimestamp:', describeDate(dep.metadata.creationTimestamp));
  metaLines(w, dep);
  w.line(0, 'Selector:', selectorString(dep.spec.selector.matchLabels));
  const s = dep.status;
  w.line(
    0,
    'Replicas:',
    `${dep.spec.replicas} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable`,
  );
  w.line(0, 'StrategyType:', dep.spec.strategy.type);
  w.line(0, 'MinReadySeconds:', '0');
  w.line(
    0,
    'RollingUpdateStrategy:',
    `${dep.spec.strategy.rollingUpdate.maxUnavailable} max unavailable, ${dep.spec.strategy.rollingUpdate.maxSurge} max surge`,
  );
  podTemplate(w, dep.spec.template);
  if (s.conditions?.length) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type', 'Status', 'Reason');
    w.line(1, '----', '------', '------');
    for (const k of s.conditions) w.line(1, k.type, k.status, k.reason ?? '');
  }
  const current = newReplicaSet(c, dep);
  const olds = replicaSetsOf(c, dep).filter(
    (rs) => rs !== current && (rs.spec.replicas > 0 || podsOf(c, rs).length),
  );
  const rsText = (rs: ReplicaSet) =>
    `${rs.metadata.name} (${rs.status.replicas ?? 0}/${rs.spec.replicas} replicas created)`;
  w.line(0, 'OldReplicaSets:', olds.length ? olds.map(rsText).join(', ') : '<none>');
  w.line(0, 'NewReplicaSet:', current ? rsText(current) : '<none>');
  events(w, c, dep);
  return w.toString();
}

function podsStatusLine(pods: readonly Pod[]): string {
  const count = (phase: string) => pods.filter((p) => p.status.phase === phase).length;
  const waiting = pods.filter((p) => p.status.phase === 'Pending').length;
  return `${count('Running')} Running / ${waiting} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed`;
}

function describeReplicaSet(c: Cluster, rs: ReplicaSet): string {
  const w = new Writer();
  header(w, rs);
  w.line(0, 'Selector:', selectorString(rs.spec.selector.matchLabels));
  metaLines(w, rs);
  const owner = controllerOf(rs);
  if (owner) w.line(0, 'Controlled By:', `${owner.kind}/${owner.name}`);
  w.line(0, 'Replicas:', `${rs.status.replicas ?? 0} current / ${rs.spec.replicas} desired`);
  w.line(0, 'Pods Status:', podsStatusLine(podsOf(c, rs)));
  podTemplate(w, rs.spec.template);
  events(w, c, rs);
  return w.toString();
}

function describeStatefulSet(c: Cluster, sts: StatefulSet): string {
  const w = new Writer();
  header(w, sts);
  w.line(0, 'CreationTimestamp:', describeDate(sts.metadata.creationTimestamp));
  w.line(0, 'Selector:', selectorString(sts.spec.selector.matchLabels));
  metaLines(w, sts);
  w.line(0, 'Replicas:', `${sts.spec.replicas} desired | ${sts.status.replicas ?? 0} total`);
  w.line(0, 'Update Strategy:', sts.spec.updateStrategy.type);
  w.line(1, 'Partition:', String(sts.spec.updateStrategy.rollingUpdate.partition));
  w.line(0, 'Pods Status:', podsStatusLine(podsOf(c, sts)));
  podTemplate(w, sts.spec.template);
  w.line(0, 'Volume Claims:');
  for (const t of sts.spec.volumeClaimTemplates ?? []) {
    w.line(1, 'Name:', t.metadata.name);
    w.line(1, 'StorageClass:', t.spec.storageClassName);
    w.line(1, 'Labels:', '<none>');
    w.line(1, 'Annotations:', '<none>');
    w.line(1, 'Capacity:', t.spec.resources.requests.storage);
    w.line(1, 'Access Modes:', t.spec.accessModes.join(', '));
  }
  events(w, c, sts);
  return w.toString();
}

function describeDaemonSet(c: Cluster, ds: DaemonSet): string {
  const w = new Writer();
  header(w, ds);
  w.line(0, 'Selector:', selectorString(ds.spec.selector.matchLabels));
  w.line(0, 'Node-Selector:', '<none>');
  metaLines(w, ds);
  w.line(0, 'Desired Number of Nodes Scheduled:', String(ds.status.desiredNumberScheduled ?? 0));
  w.line(0, 'Current Number of Nodes Scheduled:', String(ds.status.currentNumberScheduled ?? 0));
  w.line(0, 'Number of Nodes Scheduled with Up-to-date Pods:', String(ds.status.updatedNumberScheduled ?? 0));
  w.line(0, 'Number of Nodes Scheduled with Available Pods:', String(ds.status.numberAvailable ?? 0));
  w.line(0, 'Number of Nodes Misscheduled:', '0');
  w.line(0, 'Pods Status:', podsStatusLine(podsOf(c, ds)));
  podTemplate(w, ds.spec.template);
  events(w, c, ds);
  return w.toString();
}

function describeJob(c: Cluster, job: Job): string {
  const w = new Writer();
  header(w, job);
  w.line(0, 'Selector:', selectorString(job.spec.selector?.matchLabels));
  metaLines(w, job);
  const owner = controllerOf(job);
  if (owner) w.line(0, 'Controlled By:', `${owner.kind}/${owner.name}`);
  w.line(0, 'Parallelism:', String(job.spec.parallelism));
  w.line(0, 'Completions:', String(job.spec.completions));
  w.line(0, 'Completion Mode:', job.spec.completionMode ?? 'NonIndexed');
  w.line(0, 'Suspend:', String(job.spec.suspend ?? false));
  w.line(0, 'Backoff Limit:', String(job.spec.backoffLimit));
  if (job.status.startTime) w.line(0, 'Start Time:', describeDate(job.status.startTime));
  if (job.status.completionTime) w.line(0, 'Completed At:', describeDate(job.status.completionTime));
  w.line(
    0,
    'Pods Statuses:',
    `${job.status.active ?? 0} Active (${job.status.ready ?? 0} Ready) / ${job.status.succeeded ?? 0} Succeeded / ${job.status.failed ?? 0} Failed`,
  );
  podTemplate(w, job.spec.template);
  events(w, c, job);
  return w.toString();
}

function describeCronJob(c: Cluster, cj: CronJob): string {
  const w = new Writer();
  header(w, cj);
  metaLines(w, cj);
  w.line(0, 'Schedule:', cj.spec.schedule);
  w.line(0, 'Concurrency Policy:', cj.spec.concurrencyPolicy);
  w.line(0, 'Suspend:', cj.spec.suspend ? 'True' : 'False');
  w.line(0, 'Successful Job History Limit:', String(cj.spec.successfulJobsHistoryLimit));
  w.line(0, 'Failed Job History Limit:', String(cj.spec.failedJobsHistoryLimit));
  w.line(0, 'Starting Deadline Seconds:', '<unset>');
  w.line(0, 'Selector:', '<unset>');
  w.line(0, 'Parallelism:', String(cj.spec.jobTemplate.spec.parallelism));
  w.line(0, 'Completions:', String(cj.spec.jobTemplate.spec.completions));
  podTemplate(w, cj.spec.jobTemplate.spec.template);
  w.line(0, 'Last Schedule Time:', describeDate(cj.status.lastScheduleTime));
  w.line(0, 'Active Jobs:', '<none>');
  events(w, c, cj);
  return w.toString();
}

function describeService(c: Cluster, svc: Service): string {
  const w = new Writer();
  header(w, svc);
  metaLines(w, svc);
  w.line(0, 'Selector:', selectorString(svc.spec.selector));
  w.line(0, 'Type:', svc.spec.type);
  w.line(0, 'IP Family Policy:', svc.spec.ipFamilyPolicy);
  w.line(0, 'IP Families:', svc.spec.ipFamilies.join(','));
  w.line(0, 'IP:', svc.spec.clusterIP);
  w.line(0, 'IPs:', svc.spec.clusterIPs.join(','));
  const selector = svc.spec.selector;
  const backends = selector
    ? c
        .list<Pod>('pods', svc.metadata.namespace!)
        .filter((p) => isReady(p) && Object.entries(selector).every(([k, v]) => p.metadata.labels?.[k] === v))
    : [];
  for (const port of svc.spec.ports) {
    w.line(0, 'Port:', `${port.name ?? '<unset>'}  ${port.port}/${port.protocol}`);
    w.line(0, 'TargetPort:', `${port.targetPort}/${port.protocol}`);
    if (port.nodePort) w.line(0, 'NodePort:', `${port.name ?? '<unset>'}  ${port.nodePort}/${port.protocol}`);
    const target = (p: Pod): number => {
      if (typeof port.targetPort === 'number') return port.targetPort;
      const named = p.spec.containers.flatMap((k) => k.ports ?? []).find((cp) => cp.name === port.targetPort);
      return named?.containerPort ?? port.port;
    };
    const endpoints = backends.map((p) => `${p.status.podIP}:${target(p)}`);
    w.line(0, 'Endpoints:', endpoints.length ? endpoints.join(',') : '<none>');
  }
  w.line(0, 'Session Affinity:', svc.spec.sessionAffinity);
  w.line(0, 'Internal Traffic Policy:', svc.spec.internalTrafficPolicy);
  events(w, c, svc);
  return w.toString();
}

function describeIngress(c: Cluster, ing: Ingress): string {
  const w = new Writer();
  w.line(0, 'Name:', ing.metadata.name);
  metaLines(w, ing);
  w.line(0, 'Namespace:', ing.metadata.namespace ?? '');
  w.line(0, 'Address:', ing.status.loadBalancer.ingress?.map((i) => i.ip).join(',') ?? '');
  w.line(0, 'Ingress Class:', ing.spec.ingressClassName);
  w.line(0, 'Default backend:', '<default>');
  if (ing.spec.tls?.length) {
    w.line(0, 'TLS:');
    for (const t of ing.spec.tls) w.line(1, `${t.secretName} terminates ${t.hosts.join(',')}`);
  }
  w.line(0, 'Rules:');
  w.line(1, 'Host', 'Path', 'Backends');
  w.line(1, '----', '----', '--------');
  for (const rule of ing.spec.rules) {
    w.line(1, rule.host || '*', '');
    for (const p of rule.http.paths) {
      const svc = c.get<Service>('services', ing.metadata.namespace, p.backend.service.name);
      const endpoints = svc
        ? (describeService(c, svc).match(/Endpoints:\s+(\S+)/)?.[1] ?? '<none>')
        : '<error: endpoints not found>';
      w.line(1, '', p.path, `${p.backend.service.name}:${p.backend.service.port.number} (${endpoints})`);
    }
  }
  events(w, c, ing);
  return w.toString();
}

function describeNode(c: Cluster, node: KubeNode): string {
  const w = new Writer();
  const now = c.now();
  w.line(0, 'Name:', node.metadata.name);
  w.line(0, 'Roles:', nodeRoles(node));
  metaLines(w, node);
  w.line(0, 'CreationTimestamp:', describeDate(node.metadata.creationTimestamp));
  const taints = node.spec.unschedulable ? ['node.kubernetes.io/unschedulable:NoSchedule'] : [];
  w.multi(0, 'Taints', taints);
  w.line(0, 'Unschedulable:', node.spec.unschedulable ? 'true' : 'false');
  w.line(0, 'Conditions:');
  w.line(1, 'Type', 'Status', 'LastHeartbeatTime', 'LastTransitionTime', 'Reason', 'Message');
  w.line(1, '----', '------', '-----------------', '------------------', '------', '-------');
  const heartbeat = describeDate(new Date(Math.floor((now - 7_000) / 1000) * 1000).toISOString());
  for (const k of node.status.conditions) {
    w.line(
      1,
      k.type,
      k.status,
      heartbeat,
      describeDate(k.lastTransitionTime),
      k.reason ?? '',
      k.message ?? '',
    );
  }
  w.line(0, 'Addresses:');
  for (const a of node.status.addresses) w.line(1, `${a.type}:`, a.address);
  for (const [title, list] of [
    ['Capacity', node.status.capacity],
    ['Allocatable', node.status.allocatable],
  ] as const) {
    w.line(0, `${title}:`);
    for (const key of ['cpu', 'ephemeral-storage', 'memory', 'pods'] as const)
      w.line(1, `${key}:`, list[key]);
  }
  const info = node.status.nodeInfo;
  w.line(0, 'System Info:');
  w.line(1, 'Machine ID:', info.machineID);
  w.line(1, 'System UUID:', info.systemUUID);
  w.line(1, 'Boot ID:', info.bootID);
  w.line(1, 'Kernel Version:', info.kernelVersion);
  w.line(1, 'OS Image:', info.osImage);
  w.line(1, 'Operating System:', info.operatingSystem);
  w.line(1, 'Architecture:', info.architecture);
  w.line(1, 'Container Runtime Version:', info.containerRuntimeVersion);
  w.line(1, 'Kubelet Version:', info.kubeletVersion);
  w.line(1, 'Kube-Proxy Version:', info.kubeProxyVersion);
  w.line(0, 'PodCIDR:', node.spec.podCIDR);
  w.line(0, 'PodCIDRs:', node.spec.podCIDRs.join(','));
  w.line(0, 'ProviderID:', node.spec.providerID);
  const pods = c
    .list<Pod>('pods')
    .filter(
      (p) =>
        p.spec.nodeName === node.metadata.name &&
        p.status.phase !== 'Succeeded' &&
        p.status.phase !== 'Failed',
    );
  const cpuCap = parseCpu(node.status.allocatable.cpu);
  const memCap = parseMemory(node.status.allocatable.memory);
  const pct = (v: number, cap: number) => `${Math.floor((100 * v) / cap)}%`;
  const sum = (p: Pod, kind: 'requests' | 'limits', res: 'cpu' | 'memory') =>
    p.spec.containers.reduce(
      (t, k) =>
        t + (res === 'cpu' ? parseCpu(k.resources[kind]?.cpu) : parseMemory(k.resources[kind]?.memory)),
      0,
    );
  w.line(0, `Non-terminated Pods:`, `(${pods.length} in total)`);
  w.line(1, 'Namespace', 'Name', 'CPU Requests', 'CPU Limits', 'Memory Requests', 'Memory Limits', 'Age');
  w.line(1, '---------', '----', '------------', '----------', '---------------', '-------------', '---');
  const totals = { rc: 0, lc: 0, rm: 0, lm: 0 };
  for (const p of pods) {
    const rc = sum(p, 'requests', 'cpu');
    const lc = sum(p, 'limits', 'cpu');
    const rm = sum(p, 'requests', 'memory');
    const lm = sum(p, 'limits', 'memory');
    totals.rc += rc;
    totals.lc += lc;
    totals.rm += rm;
    totals.lm += lm;
    w.line(
      1,
      p.metadata.namespace ?? '',
      p.metadata.name,
      `${formatCpu(rc)} (${pct(rc, cpuCap)})`,
      `${formatCpu(lc)} (${pct(lc, cpuCap)})`,
      `${formatMemory(rm)} (${pct(rm, memCap)})`,
      `${formatMemory(lm)} (${pct(lm, memCap)})`,
      age(p.metadata.creationTimestamp, now),
    );
  }
  w.line(0, 'Allocated resources:');
  w.line(1, '(Total limits may be over 100 percent, i.e., overcommitted.)');
  w.line(1, 'Resource', 'Requests', 'Limits');
  w.line(1, '--------', '--------', '------');
  w.line(
    1,
    'cpu',
    `${formatCpu(totals.rc)} (${pct(totals.rc, cpuCap)})`,
    `${formatCpu(totals.lc)} (${pct(totals.lc, cpuCap)})`,
  );
  w.line(
    1,
    'memory',
    `${formatMemory(totals.rm)} (${pct(totals.rm, memCap)})`,
    `${formatMemory(totals.lm)} (${pct(totals.lm, memCap)})`,
  );
  w.line(1, 'ephemeral-storage', '0 (0%)', '0 (0%)');
  events(w, c, node);
  return w.toString();
}

function describeNamespace(ns: Namespace): string {
  const w = new Writer();
  w.line(0, 'Name:', ns.metadata.name);
  metaLines(w, ns);
  w.line(0, 'Status:', ns.status.phase);
  w.line(0, '');
  w.line(0, 'No resource quota.');
  w.line(0, '');
  w.line(0, 'No LimitRange resource.');
  return w.toString();
}

function describeConfigMap(c: Cluster, cm: ConfigMap): string {
  const w = new Writer();
  header(w, cm);
  metaLines(w, cm);
  w.line(0, '');
  w.line(0, 'Data');
  w.line(0, '====');
  for (const [key, value] of Object.entries(cm.data ?? {})) {
    w.line(0, `${key}:`);
    w.line(0, '----');
    for (const line of value.replace(/\n$/, '').split('\n')) w.line(0, line);
    w.line(0, '');
  }
  w.line(0, '');
  w.line(0, 'BinaryData');
  w.line(0, '====');
  w.line(0, '');
  events(w, c, cm);
  return w.toString();
}

function describeSecret(secret: Secret): string {
  const w = new Writer();
  header(w, secret);
  metaLines(w, secret);
  w.line(0, '');
  w.line(0, 'Type:', secret.type);
  w.line(0, '');
  w.line(0, 'Data');
  w.line(0, '====');
  for (const [key, value] of Object.entries(secret.data ?? {})) {
    w.line(0, `${key}:`, `${Buffer.from(value, 'base64').length} bytes`);
  }
  return w.toString();
}

function describeClaim(c: Cluster, pvc: PersistentVolumeClaim): string {
  const w = new Writer();
  header(w, pvc);
  w.line(0, 'StorageClass:', pvc.spec.storageClassName);
  w.line(0, 'Status:', pvc.status.phase);
  w.line(0, 'Volume:', pvc.spec.volumeName ?? '');
  metaLines(w, pvc);
  w.line(0, 'Finalizers:', `[${(pvc.metadata.finalizers ?? []).join(' ')}]`);
  w.line(0, 'Capacity:', pvc.status.capacity?.storage ?? '');
  w.line(
    0,
    'Access Modes:',
    (pvc.status.accessModes ?? []).map((m) => (m === 'ReadWriteOnce' ? 'RWO' : m)).join(','),
  );
  w.line(0, 'VolumeMode:', pvc.spec.volumeMode);
  const users = c
    .list<Pod>('pods', pvc.metadata.namespace!)
    .filter((p) => p.spec.volumes?.some((v) => v.persistentVolumeClaim?.claimName === pvc.metadata.name))
    .map((p) => p.metadata.name);
  w.line(0, 'Used By:', users.join(', ') || '<none>');
  events(w, c, pvc);
  return w.toString();
}

function describeGeneric(c: Cluster, obj: KubeObject): string {
  const w = new Writer();
  header(w, obj, obj.metadata.namespace !== undefined);
  metaLines(w, obj);
  w.line(0, 'API Version:', obj.apiVersion);
  w.line(0, 'Kind:', obj.kind);
  w.line(0, 'Created:', describeDate(obj.metadata.creationTimestamp));
  events(w, c, obj);
  return w.toString();
}

/** The describe text for any stored object. */
export function describeObject(c: Cluster, obj: KubeObject): string {
  switch (obj.kind) {
    case 'Pod':
      return describePod(c, obj as Pod);
    case 'Deployment':
      return describeDeployment(c, obj as Deployment);
    case 'ReplicaSet':
      return describeReplicaSet(c, obj as ReplicaSet);
    case 'StatefulSet':
      return describeStatefulSet(c, obj as StatefulSet);
    case 'DaemonSet':
      return describeDaemonSet(c, obj as DaemonSet);
    case 'Job':
      return describeJob(c, obj as Job);
    case 'CronJob':
      return describeCronJob(c, obj as CronJob);
    case 'Service':
      return describeService(c, obj as Service);
    case 'Ingress':
      return describeIngress(c, obj as Ingress);
    case 'Node':
      return describeNode(c, obj as KubeNode);
    case 'Namespace':
      return describeNamespace(obj as Namespace);
    case 'ConfigMap':
      return describeConfigMap(c, obj as ConfigMap);
    case 'Secret':
      return describeSecret(obj as Secret);
    case 'PersistentVolumeClaim':
      return describeClaim(c, obj as PersistentVolumeClaim);
    default:
      return describeGeneric(c, obj);
  }
}

// ---- quantities ----------------------------------------------------------------------------------

/** Millicores from `500m`, `1`, `0.5`. */
export function parseCpu(value: string | undefined): number {
  if (!value) return 0;
  return value.endsWith('m') ? Number(value.slice(0, -1)) : Math.round(Number(value) * 1000);
}

const MEMORY_UNITS: Record<string, number> = {
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  k: 1e3,
  M: 1e6,
  G: 1e9,
};

/** Bytes from `128Mi`, `1Gi`, `15242608Ki`. */
export function parseMemory(value: string | undefined): number {
  if (!value) return 0;
  const m = /^(\d+(?:\.\d+)?)([A-Za-z]*)$/.exec(value);
  if (!m) return 0;
  return Number(m[1]) * (MEMORY_UNITS[m[2]!] ?? 1);
}

export const formatCpu = (milli: number): string =>
  milli === 0 ? '0' : milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;

export function formatMemory(bytes: number): string {
  if (bytes === 0) return '0';
  if (bytes % 1024 ** 3 === 0) return `${bytes / 1024 ** 3}Gi`;
  if (bytes % 1024 ** 2 === 0) return `${bytes / 1024 ** 2}Mi`;
  return `${Math.round(bytes / 1024)}Ki`;
}

/** `Pod Template:` as `rollout history --revision` prints it. */
export function describeTemplate(template: PodTemplate): string {
  const w = new Writer();
  podTemplate(w, template);
  return w.toString();
}
