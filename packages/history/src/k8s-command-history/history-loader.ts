import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  KubeChatError,
  type Execution,
  type ExecutionStats,
  type KubeChatApi,
  type ListExecutionsQuery,
  type StatsQuery,
} from '@k8s-chat/core';
import type { HistoryState } from './k8s-command-history.types.js';

/** Any failure as the typed error the views know how to explain. */
export function asKubeChatError(error: unknown): KubeChatError {
  return error instanceof KubeChatError
    ? error
    : new KubeChatError({ kind: 'server', cause: error, serverMessage: null });
}

/**
 * Owns what the server said: the loaded pages, the total, the view state and the summary. A new query
 * cancels the request it supersedes (and its answer is dropped even if it already arrived), so rows
 * never flash from an older filter. Paging appends by offset and skips ids already held, because live
 * inserts can shift the server's pages by a row or two.
 */
export class HistoryLoader implements ReactiveController {
  rows: readonly Execution[] = [];
  total = 0;
  state: HistoryState = 'idle';
  /** A first page is on its way (the rows shown are from before, filtered locally meanwhile). */
  pending = false;
  loadingMore = false;
  error: KubeChatError | null = null;
  stats: ExecutionStats | null = null;

  readonly #host: ReactiveControllerHost;
  #listKey: string | null = null;
  #statsKey: string | null = null;
  #listAbort: AbortController | null = null;
  #statsAbort: AbortController | null = null;
  #generation = 0;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#listAbort?.abort();
    this.#statsAbort?.abort();
    this.forget();
  }

  /** Makes the next `sync` ask the server again even if the query did not change. */
  forget(): void {
    this.#listKey = null;
    this.#statsKey = null;
  }

  /** Starts the loads whose query changed since the last call; `stats` null skips the summary. */
  sync(api: KubeChatApi, query: ListExecutionsQuery, pageSize: number, stats: StatsQuery | null): void {
    const listKey = JSON.stringify([query, pageSize]);
    if (listKey !== this.#listKey) {
      this.#listKey = listKey;
      void this.#load(api, query, pageSize);
    }
    const statsKey = stats ? JSON.stringify(stats) : null;
    if (stats && statsKey !== this.#statsKey) {
      this.#statsKey = statsKey;
      void this.#loadStats(api, stats);
    }
  }

  /** Fetches the next page, unless one is on its way or everything is loaded. */
  async loadMore(api: KubeChatApi, query: ListExecutionsQuery, pageSize: number): Promise<void> {
    if (this.pending || this.loadingMore || this.rows.length >= this.total) return;
    const generation = this.#generation;
    this.#set({ loadingMore: true });
    try {
      const list = await api.listExecutions(
        { ...query, limit: pageSize, offset: this.rows.length },
        this.#listAbort ? { signal: this.#listAbort.signal } : {},
      );
      if (generation !== this.#generation) return;
      const known = new Set(this.rows.map((row) => row.id));
      this.#set({
        rows: [...this.rows, ...list.executions.filter((row) => !known.has(row.id))],
        total: list.pagination.total,
      });
    } catch {
      // The rows shown stay; scrolling on asks again.
    } finally {
      if (generation === this.#generation) this.#set({ loadingMore: false });
    }
  }

  /** Replaces the rows and total after a live update. */
  replace(rows: readonly Execution[], total: number): void {
    this.#set({ rows, total, state: rows.length > 0 && this.state === 'empty' ? 'ready' : this.state });
  }

  async #load(api: KubeChatApi, query: ListExecutionsQuery, pageSize: number): Promise<void> {
    this.#listAbort?.abort();
    const abort = (this.#listAbort = new AbortController());
    const generation = ++this.#generation;
    // Rows already loaded stay visible (filtered locally) while the server answers; only a first load,
    // or one after a failure, shows the loading state.
    const fresh = this.rows.length === 0 || this.state === 'error' || this.state === 'forbidden';
    this.#set({ pending: true, loadingMore: false, ...(fresh ? { state: 'loading' as const } : {}) });
    try {
      const list = await api.listExecutions(
        { ...query, limit: pageSize, offset: 0 },
        { signal: abort.signal },
      );
      if (generation !== this.#generation) return;
      this.#set({
        rows: list.executions,
        total: list.pagination.total,
        error: null,
        state: list.executions.length === 0 ? 'empty' : 'ready',
      });
    } catch (error) {
      if (generation !== this.#generation || abort.signal.aborted) return;
      const failure = asKubeChatError(error);
      this.#set({
        error: failure,
        rows: [],
        total: 0,
        state: failure.kind === 'forbidden' ? 'forbidden' : 'error',
      });
    } finally {
      if (generation === this.#generation) this.#set({ pending: false });
    }
  }

  async #loadStats(api: KubeChatApi, query: StatsQuery): Promise<void> {
    this.#statsAbort?.abort();
    const abort = (this.#statsAbort = new AbortController());
    try {
      const stats = await api.stats(query, { signal: abort.signal });
      this.#set({ stats });
    } catch {
      // The summary is extra: without it the table still works, so it just disappears.
      if (!abort.signal.aborted) this.#set({ stats: null });
    }
  }

  #set(
    patch: Partial<Pick<this, 'rows' | 'total' | 'state' | 'pending' | 'loadingMore' | 'error' | 'stats'>>,
  ) {
    Object.assign(this, patch);
    this.#host.requestUpdate();
  }
}
