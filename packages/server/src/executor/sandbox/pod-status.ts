import type { Pod } from './model.js';

/** The STATUS column of `kubectl get pods`, derived from the pod the way kubectl's printer does. */
export function podDisplayStatus(pod: Pod): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  let reason: string = pod.status.phase;
  if (pod.status.phase === 'Pending' && !pod.spec.nodeName) return 'Pending';
  let anyRunning = false;
  for (const cs of pod.status.containerStatuses ?? []) {
    if (cs.state.waiting?.reason) reason = cs.state.waiting.reason;
    else if (cs.state.terminated)
      reason = cs.state.terminated.reason || `ExitCode:${cs.state.terminated.exitCode}`;
    else if (cs.state.running && cs.ready) anyRunning = true;
  }
  if (reason === 'Completed' && anyRunning) return 'Running';
  return reason;
}

export function isTerminating(pod: Pod): boolean {
  return pod.metadata.deletionTimestamp !== undefined;
}

/** Running with every container ready and not on its way out: counts towards READY and AVAILABLE. */
export function isReady(pod: Pod): boolean {
  if (isTerminating(pod) || pod.status.phase !== 'Running') return false;
  const statuses = pod.status.containerStatuses ?? [];
  return statuses.length > 0 && statuses.every((cs) => cs.ready);
}

/** Finished for good (a completed Job pod). */
export function isFinished(pod: Pod): boolean {
  return pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed';
}

/** `ready/total` containers. */
export function readyContainers(pod: Pod): string {
  const statuses = pod.status.containerStatuses ?? [];
  const ready = statuses.filter((cs) => cs.ready).length;
  return `${ready}/${pod.spec.containers.length}`;
}

/** Restarts summed over containers, and when the last one ended (for `3 (2h ago)`). */
export function podRestarts(pod: Pod): { count: number; lastAt: number | null } {
  let count = 0;
  let lastAt: number | null = null;
  for (const cs of pod.status.containerStatuses ?? []) {
    count += cs.restartCount;
    const finished = cs.lastState.terminated?.finishedAt;
    if (finished) lastAt = Math.max(lastAt ?? 0, Date.parse(finished));
  }
  return { count, lastAt };
}
