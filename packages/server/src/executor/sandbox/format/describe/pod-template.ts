/** Containers, volumes and tolerations: shared by pods and by every workload's `Pod Template`. */
import type { Container, ContainerState, Pod, PodTemplate, Toleration, Volume } from '../../model.js';
import { describeDate } from '../age.js';
import { Writer, annotationLines, labelLines, selectorString } from './writer.js';

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

export function containers(w: Writer, list: readonly Container[], pod: Pod | null): void {
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

export function volumes(w: Writer, level: number, list: readonly Volume[] | undefined): void {
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

export function tolerationText(t: Toleration): string {
  const key = t.key ?? '';
  const effect = t.effect ? `:${t.effect}` : '';
  const op = t.operator === 'Exists' ? ' op=Exists' : '';
  const seconds = t.tolerationSeconds !== undefined ? ` for ${t.tolerationSeconds}s` : '';
  return `${key}${effect}${op}${seconds}`;
}

export function podTemplate(w: Writer, template: PodTemplate): void {
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

/** `Pod Template:` as `rollout history --revision` prints it. */
export function describeTemplate(template: PodTemplate): string {
  const w = new Writer();
  podTemplate(w, template);
  return w.toString();
}
