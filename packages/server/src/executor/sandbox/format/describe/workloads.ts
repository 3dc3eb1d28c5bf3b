/** Pods and the controllers that run them. */
import type { Cluster } from '../../cluster.js';
import {
  controllerOf,
  type CronJob,
  type DaemonSet,
  type Deployment,
  type Job,
  type Pod,
  type ReplicaSet,
  type StatefulSet,
} from '../../model.js';
import { newReplicaSet, replicaSetsOf } from '../../controllers/deployments.js';
import { podsOf } from '../../controllers/pods.js';
import { isTerminating } from '../../pod-status.js';
import { describeDate, humanDuration } from '../age.js';
import { containers, podTemplate, tolerationText, volumes } from './pod-template.js';
import { Writer, events, header, metaLines, selectorString } from './writer.js';

/** deletionTimestamp is when the grace period ends; the deletion was asked for that long before. */
function deletionRequested(pod: Pod): number {
  return Date.parse(pod.metadata.deletionTimestamp!) - (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
}

export function describePod(c: Cluster, pod: Pod): string {
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
      ? `Terminating (lasts ${humanDuration(c.now() - deletionRequested(pod))})`
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

export function describeDeployment(c: Cluster, dep: Deployment): string {
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

export function describeReplicaSet(c: Cluster, rs: ReplicaSet): string {
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

export function describeStatefulSet(c: Cluster, sts: StatefulSet): string {
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

export function describeDaemonSet(c: Cluster, ds: DaemonSet): string {
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

export function describeJob(c: Cluster, job: Job): string {
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

export function describeCronJob(c: Cluster, cj: CronJob): string {
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
