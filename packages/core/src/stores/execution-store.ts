import { atom, onMount, type ReadableAtom } from 'nanostores';
import type { Approval, Execution } from '@k8s-chat/contract';
import type { KubeChatApi } from '../api/api-client.js';
import type { KubeChatError } from '../api/errors.js';
import type { ExecutionStatus } from '../types/enums.js';
import type { Hub, HubEvent } from '../ws/hub-types.js';
import { asKubeChatError, newer } from './list-state.js';

export interface ExecutionProgress {
  readonly percentage: number;
  readonly stage: string;
  readonly description: string;
}

export interface ExecutionState {
  readonly execution: Execution | null;
  /** Output so far, streamed from the socket or read over REST. */
  readonly output: string;
  readonly progress: ExecutionProgress | null;
  /** The latest approval event for this execution. */
  readonly approval: Approval | null;
  readonly loading: boolean;
  readonly error: KubeChatError | null;
}

/** An execution store's state before anything is known (also for elements with nothing to follow yet). */
export const EMPTY_EXECUTION_STATE: ExecutionState = {
  execution: null,
  output: '',
  progress: null,
  approval: null,
  loading: false,
  error: null,
};
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const bytes = (text: string) => encoder.encode(text).length;

/**
 * One execution, live: the REST snapshot plus the `execution:<id>` topic. Output chunks are placed by their
 * byte offset, so a replayed chunk is never appended twice and a missing one triggers a REST re-read.
 */
export function createExecutionStore(
  executionId: string,
  api: KubeChatApi,
  hub: Hub,
): ReadableAtom<ExecutionState> {
  const $state = atom<ExecutionState>(EMPTY_EXECUTION_STATE);
  const patch = (next: Partial<ExecutionState>) => $state.set({ ...$state.get(), ...next });
  // One REST read at a time; a gap seen while it is on its way asks for one more read after it. Every
  // answer is applied (the merge keeps the newer execution and the longer output): superseding reads
  // instead would show nothing on a slow link while a stream's gaps come faster than a read answers
  // (reliability W5).
  let reading = false;
  let again = false;

  async function readOnce(): Promise<void> {
    patch({ loading: true });
    try {
      const fetched = await api.getExecution(executionId);
      const state = $state.get();
      const restOutput = fetched.output ?? '';
      patch({
        execution: newer(state.execution, fetched),
        output: bytes(restOutput) >= bytes(state.output) ? restOutput : state.output,
        loading: again,
        error: null,
      });
    } catch (error) {
      patch({ loading: again, error: asKubeChatError(error) });
    }
  }

  async function reload(): Promise<void> {
    again = true;
    if (reading) return;
    reading = true;
    while (again) {
      again = false;
      await readOnce();
    }
    reading = false;
  }

  function onOutput(payload: { content?: string; offset?: number }): void {
    const content = payload.content ?? '';
    const offset = payload.offset ?? 0;
    const output = $state.get().output;
    const have = bytes(output);
    if (offset > have) {
      void reload(); // a chunk is missing: the REST snapshot has all of it
      return;
    }
    const chunk = encoder.encode(content);
    if (offset + chunk.length <= have) return; // already have it
    patch({ output: output + decoder.decode(chunk.slice(have - offset)) });
  }

  function setStatus(status: ExecutionStatus, extra: Partial<Execution> = {}): void {
    const execution = $state.get().execution;
    if (execution) patch({ execution: { ...execution, ...extra, status } });
  }

  function onEvent(event: HubEvent): void {
    const payload = (event.payload ?? {}) as Record<string, unknown>;
    switch (event.type) {
      case 'execution':
        patch({ execution: newer($state.get().execution, event.payload as Execution) });
        break;
      case 'executing':
        setStatus('executing');
        break;
      case 'output':
        onOutput(payload);
        break;
      case 'progress':
        patch({ progress: payload as unknown as ExecutionProgress });
        break;
      case 'result':
        if (typeof payload.status === 'string')
          setStatus(payload.status as ExecutionStatus, {
            exit_code: typeof payload.exit_code === 'number' ? payload.exit_code : null,
          });
        break;
      case 'approval':
        patch({ approval: event.payload as Approval });
        break;
    }
  }

  onMount($state, () => {
    const release = hub.subscribe(`execution:${executionId}`, { onEvent, onResync: () => void reload() });
    void reload();
    return release;
  });
  return $state;
}
