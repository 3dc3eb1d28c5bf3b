/**
 * What a mutating command touched, as it was before, in a form a rollback can replay: precise
 * restore actions (`state`) plus the human steps a person confirms (`steps`). Snapshots are plain
 * JSON so the server can store them with the execution.
 */
import type { RollbackSnapshot, RollbackStep } from '../types.js';
import { clone, type KubeObject, type Labels, type PodTemplate } from './model.js';

export const SNAPSHOT_FORMAT = 'k8s-chat-sandbox-snapshot/1';

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet';

export type RestoreAction =
  | { type: 'scale'; kind: 'Deployment' | 'StatefulSet'; namespace: string; name: string; replicas: number }
  | {
      type: 'template';
      kind: WorkloadKind;
      namespace: string;
      name: string;
      template: PodTemplate;
      changeCause: string | null;
    }
  | { type: 'paused'; namespace: string; name: string; paused: boolean }
  | { type: 'recreate'; objects: KubeObject[] }
  | {
      type: 'metadata';
      plural: string;
      namespace: string;
      name: string;
      field: 'labels' | 'annotations';
      value: Labels | null;
    }
  | { type: 'schedulable'; node: string; unschedulable: boolean }
  | { type: 'remove'; plural: string; namespace: string; name: string }
  | { type: 'none'; reason: string };

export interface SnapshotState {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly actions: readonly RestoreAction[];
}

export interface SnapshotEntry {
  readonly action: RestoreAction;
  readonly step: Omit<RollbackStep, 'step_number' | 'data'> & { data?: Record<string, unknown> };
}

/** Collects entries while a command runs; `build()` returns null when nothing was changed. */
export class SnapshotBuilder {
  readonly #entries: SnapshotEntry[] = [];

  add(action: RestoreAction, step: SnapshotEntry['step']): void {
    this.#entries.push({ action, step });
  }

  build(): RollbackSnapshot | null {
    if (!this.#entries.length) return null;
    const state: SnapshotState = { format: SNAPSHOT_FORMAT, actions: this.#entries.map((e) => e.action) };
    return {
      steps: this.#entries.map((e, i) => ({
        step_number: i + 1,
        ...e.step,
        data: e.step.data ?? summarize(e.action),
      })),
      state,
    };
  }
}

/** The step's `data`: the restore action without whole objects (those stay in `state`). */
function summarize(action: RestoreAction): Record<string, unknown> {
  if (action.type === 'recreate') {
    return {
      objects: action.objects.map((o) => ({
        kind: o.kind,
        name: o.metadata.name,
        ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
      })),
    };
  }
  if (action.type === 'template') {
    return {
      kind: action.kind,
      images: action.template.spec.containers.map((c) => ({ container: c.name, image: c.image })),
      restartedAt: action.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'] ?? null,
    };
  }
  return { ...action };
}

export function readSnapshot(snapshot: RollbackSnapshot): readonly RestoreAction[] | null {
  const state = snapshot.state as Partial<SnapshotState> | null;
  if (!state || state.format !== SNAPSHOT_FORMAT || !Array.isArray(state.actions)) return null;
  return state.actions;
}

/**
 * An object as it can be created again: what the API server assigns (uid, resourceVersion, times,
 * owners, status) is dropped, everything a person wrote is kept.
 */
export function forRecreate<T extends KubeObject>(obj: T): T {
  const copy = clone(obj) as T & { status?: unknown };
  const meta = copy.metadata;
  meta.uid = '';
  meta.resourceVersion = '';
  meta.creationTimestamp = '';
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  delete meta.ownerReferences;
  if (meta.generation !== undefined) meta.generation = 1;
  // Controllers and the API server fill the status of workloads and namespaces back in.
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].includes(obj.kind)) copy.status = {};
  if (obj.kind === 'Namespace') copy.status = { phase: 'Active' };
  if (obj.kind === 'Deployment' && meta.annotations) {
    delete meta.annotations['deployment.kubernetes.io/revision'];
  }
  return copy;
}
