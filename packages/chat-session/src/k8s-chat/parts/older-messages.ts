import type { ReactiveControllerHost } from 'lit';
import type { KubeChatApi } from '@k8s-chat/core';
import type { ChatMessageView } from '../k8s-chat.types.js';
import { toView } from './message-view.js';

/** Page size when scrolling up; the server's maximum when search has to reach an old hit. */
const PAGE = 50;
const SEARCH_PAGE = 500;
/** One empty list, so callers can compare by identity. */
const NONE: readonly ChatMessageView[] = [];

interface Pages {
  readonly items: readonly ChatMessageView[];
  readonly done: boolean;
}

/**
 * Messages older than the ones core's messages store holds, read page by page with the `before` cursor and
 * kept per session, so switching back to a session shows the history already read.
 */
export class OlderMessages {
  readonly #host: ReactiveControllerHost;
  readonly #pages = new Map<string, Pages>();
  #loading = false;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  get loading(): boolean {
    return this.#loading;
  }

  /** Older messages read so far for `sessionId`, oldest first. */
  of(sessionId: string | null): readonly ChatMessageView[] {
    return (sessionId && this.#pages.get(sessionId)?.items) || NONE;
  }

  /** True once the server had nothing older. */
  done(sessionId: string): boolean {
    return this.#pages.get(sessionId)?.done ?? false;
  }

  /** Reads one page before `firstId`; resolves to false when nothing was read. */
  async loadBefore(api: KubeChatApi, sessionId: string, firstId: string, limit = PAGE): Promise<boolean> {
    if (this.#loading || this.done(sessionId)) return false;
    this.#loading = true;
    try {
      const older = await api.listMessages(sessionId, { before: firstId, limit });
      const known = this.of(sessionId);
      this.#pages.set(sessionId, { items: [...older.map(toView), ...known], done: older.length < limit });
      this.#host.requestUpdate();
      return older.length > 0;
    } finally {
      this.#loading = false;
    }
  }

  /**
   * Reads older pages until message `id` is among them (a search hit that was not loaded yet) or the
   * history ends; `first` gives the oldest message shown after each page.
   */
  async loadUntil(
    api: KubeChatApi,
    sessionId: string,
    id: string,
    first: () => ChatMessageView | undefined,
  ): Promise<boolean> {
    for (;;) {
      if (this.of(sessionId).some((m) => m.id === id)) return true;
      const oldest = first();
      if (!oldest || this.done(sessionId)) return false;
      if (!(await this.loadBefore(api, sessionId, oldest.id, SEARCH_PAGE))) return false;
    }
  }
}
