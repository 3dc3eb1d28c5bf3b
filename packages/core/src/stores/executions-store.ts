import { atom, onMount, type ReadableAtom } from 'nanostores';
import type { Approval, Execution, Pagination, User } from '@k8s-chat/contract';
import type { KubeChatApi } from '../api/api-client.js';
import type { Hub } from '../ws/hub-types.js';
import { asKubeChatError, emptyList, newer, type ListState } from './list-state.js';

export interface ExecutionsState extends ListState<Execution> {
  readonly pagination: Pagination | null;
}

/**
 * Follows the signed-in user's own topic (`user:<id>`) while something listens, and calls `onUser` with
 * each event; re-subscribes when the user changes.
 */
function followUser(
  $user: ReadableAtom<User | null>,
  hub: Hub,
  topicOf: (user: User) => string,
  listener: Parameters<Hub['subscribe']>[1],
): () => void {
  let release: (() => void) | null = null;
  let topic: string | null = null;
  const unlisten = $user.subscribe((user) => {
    const next = user ? topicOf(user) : null;
    if (next === topic) return;
    release?.();
    topic = next;
    release = next ? hub.subscribe(next, listener) : null;
  });
  return () => {
    unlisten();
    release?.();
  };
}

/** The user's most recent executions (first page), kept current from the socket. */
export function createExecutionsStore(api: KubeChatApi, hub: Hub, $user: ReadableAtom<User | null>) {
  const $executions = atom<ExecutionsState>({ ...emptyList<Execution>(), pagination: null });
  let generation = 0;

  async function reload(): Promise<void> {
    const mine = ++generation;
    $executions.set({ ...$executions.get(), loading: true });
    try {
      const { executions, pagination } = await api.listExecutions({ limit: 50, sort: '-created_at' });
      if (mine === generation)
        $executions.set({ items: executions, pagination, loading: false, loaded: true, error: null });
    } catch (error) {
      if (mine === generation)
        $executions.set({
          ...$executions.get(),
          loading: false,
          loaded: true,
          error: asKubeChatError(error),
        });
    }
  }

  function apply(execution: Execution): void {
    const state = $executions.get();
    const index = state.items.findIndex((e) => e.id === execution.id);
    const items =
      index === -1
        ? [execution, ...state.items]
        : state.items.map((e, i) => (i === index ? newer(e, execution) : e));
    $executions.set({ ...state, items });
  }

  onMount($executions, () => {
    void reload();
    return followUser($user, hub, (user) => `user:${user.id}`, {
      onEvent: (event) => {
        if (event.type === 'execution') apply(event.payload as Execution);
      },
      onResync: () => void reload(),
    });
  });
  return { $executions: $executions as ReadableAtom<ExecutionsState>, reload, apply };
}

/** Approvals waiting for a decision: everyone's for admins (`approvals`), one's own otherwise. */
export function createApprovalsStore(api: KubeChatApi, hub: Hub, $user: ReadableAtom<User | null>) {
  const $approvals = atom<ListState<Approval>>(emptyList());
  let generation = 0;

  async function reload(): Promise<void> {
    const mine = ++generation;
    $approvals.set({ ...$approvals.get(), loading: true });
    try {
      const items = await api.pendingApprovals();
      if (mine === generation) $approvals.set({ items, loading: false, loaded: true, error: null });
    } catch (error) {
      if (mine === generation)
        $approvals.set({ ...$approvals.get(), loading: false, loaded: true, error: asKubeChatError(error) });
    }
  }

  function apply(approval: Approval): void {
    const state = $approvals.get();
    const rest = state.items.filter((a) => a.id !== approval.id);
    $approvals.set({ ...state, items: approval.status === 'pending' ? [approval, ...rest] : rest });
  }

  onMount($approvals, () => {
    void reload();
    return followUser($user, hub, (user) => (user.role === 'admin' ? 'approvals' : `user:${user.id}`), {
      onEvent: (event) => {
        if (event.type === 'approval') apply(event.payload as Approval);
      },
      onResync: () => void reload(),
    });
  });
  return { $approvals: $approvals as ReadableAtom<ListState<Approval>>, reload, apply };
}
