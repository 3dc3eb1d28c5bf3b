/** Services, ingresses, nodes, namespaces, config, secrets (sizes only, never values) and claims. */
import type { Cluster } from '../../cluster.js';
import type {
  ConfigMap,
  Ingress,
  KubeNode,
  KubeObject,
  Namespace,
  PersistentVolumeClaim,
  Pod,
  Secret,
  Service,
} from '../../model.js';
import { isReady } from '../../pod-status.js';
import { age, describeDate } from '../age.js';
import { nodeRoles } from '../columns.js';
import { formatCpu, formatMemory, parseCpu, parseMemory } from './quantities.js';
import { Writer, events, header, metaLines, selectorString } from './writer.js';

export function describeService(c: Cluster, svc: Service): string {
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

export function describeIngress(c: Cluster, ing: Ingress): string {
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

export function describeNode(c: Cluster, node: KubeNode): string {
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

export function describeNamespace(ns: Namespace): string {
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

export function describeConfigMap(c: Cluster, cm: ConfigMap): string {
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

export function describeSecret(secret: Secret): string {
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

export function describeClaim(c: Cluster, pvc: PersistentVolumeClaim): string {
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

export function describeGeneric(c: Cluster, obj: KubeObject): string {
  const w = new Writer();
  header(w, obj, obj.metadata.namespace !== undefined);
  metaLines(w, obj);
  w.line(0, 'API Version:', obj.apiVersion);
  w.line(0, 'Kind:', obj.kind);
  w.line(0, 'Created:', describeDate(obj.metadata.creationTimestamp));
  events(w, c, obj);
  return w.toString();
}
