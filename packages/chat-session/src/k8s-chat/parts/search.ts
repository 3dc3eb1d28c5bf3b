import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { KubeChatApi } from '@k8s-chat/core';
import type { ChatMessageView } from '../k8s-chat.types.js';

export interface SearchOptions {
  readonly api: () => KubeChatApi | undefined;
  readonly sessionId: () => string | null;
  readonly items: () => readonly ChatMessageView[];
  /** Makes message `id` part of `items()` (reads older pages); false when it cannot. */
  readonly load: (id: string) => Promise<boolean>;
  /** Scrolls the message at `index` of `items()` into view. */
  readonly reveal: (index: number) => void;
  /** The search closed: put focus back in the conversation. */
  readonly closed: () => void;
  readonly fail: (error: unknown) => void;
}

/** How long typing must pause before the server is asked (one request per word, not per key). */
const DEBOUNCE_MS = 200;
/** The server's page limit: the newest 500 hits are found, older ones are not. */
const SERVER_HITS = 500;

/**
 * Search within the active session. Hits are the loaded messages that contain the text plus the ones the
 * server finds with `q` (older messages not loaded yet); jumping to an unloaded hit reads history up to it.
 * Hits are ordered oldest first; a new search starts at the newest, Enter goes to older ones.
 */
export class SearchController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: SearchOptions;
  #open = false;
  #query = '';
  /** Position in `hitIds()` of the current hit. */
  #current = 0;
  #server: { sessionId: string; query: string; ids: readonly string[] } | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #generation = 0;

  constructor(host: ReactiveControllerHost & HTMLElement, options: SearchOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  get open(): boolean {
    return this.#open;
  }

  get query(): string {
    return this.#open ? this.#query.trim() : '';
  }

  /** Ids of every hit, oldest first: server hits older than what is loaded, then loaded hits. */
  hitIds(): string[] {
    const q = this.query.toLowerCase();
    if (!q) return [];
    const items = this.#options.items();
    const loaded = items.filter((m) => m.content.toLowerCase().includes(q)).map((m) => m.id);
    const server = this.#server;
    if (!server || server.sessionId !== this.#options.sessionId() || server.query.toLowerCase() !== q)
      return loaded;
    const shown = new Set(items.map((m) => m.id));
    return [...server.ids.filter((id) => !shown.has(id)), ...loaded];
  }

  /** The current hit's id. */
  currentId(): string | undefined {
    return this.hitIds()[this.#current];
  }

  /** Forgets the server's hits (another session is shown). */
  reset(): void {
    this.#server = null;
    this.#current = 0;
  }

  async toggle(): Promise<void> {
    this.#open = !this.#open;
    this.#host.requestUpdate();
    await (this.#host as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    this.#host.shadowRoot?.querySelector<HTMLInputElement>('[part=search] input')?.focus();
  }

  readonly #onInput = (event: Event): void => {
    this.#query = (event.target as HTMLInputElement).value;
    this.#server = null;
    this.#current = Math.max(0, this.hitIds().length - 1);
    this.#host.requestUpdate();
    void this.#go();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#askServer(), DEBOUNCE_MS);
  };

  async #askServer(): Promise<void> {
    const api = this.#options.api();
    const sessionId = this.#options.sessionId();
    const query = this.query;
    if (!api || !sessionId || !query) return;
    const mine = ++this.#generation;
    try {
      const found = await api.listMessages(sessionId, { q: query, limit: SERVER_HITS, latest: true });
      if (mine !== this.#generation || query !== this.query) return;
      const before = this.currentId();
      this.#server = { sessionId, query, ids: found.map((m) => m.id) };
      // Stay on the hit the reader is looking at; the list only grew older hits in front of it.
      const ids = this.hitIds();
      this.#current = before ? Math.max(0, ids.indexOf(before)) : Math.max(0, ids.length - 1);
      this.#host.requestUpdate();
    } catch (error) {
      if (mine === this.#generation) this.#options.fail(error);
    }
  }

  readonly #onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      this.#open = false;
      this.#query = '';
      this.#server = null;
      this.#host.requestUpdate();
      this.#options.closed();
      return;
    }
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const count = this.hitIds().length;
    if (!count) return;
    // Enter walks back in time (away from the bottom the reader starts at), Shift+Enter forward.
    this.#current = (this.#current + (event.shiftKey ? 1 : -1) + count) % count;
    this.#host.requestUpdate();
    void this.#go();
  };

  /** Scrolls to the current hit, reading older history first when it is not loaded. */
  async #go(): Promise<void> {
    const id = this.currentId();
    if (!id) return;
    let index = this.#options.items().findIndex((m) => m.id === id);
    if (index === -1) {
      try {
        if (!(await this.#options.load(id))) return;
      } catch (error) {
        this.#options.fail(error);
        return;
      }
      await (this.#host as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      if (this.currentId() !== id) return; // the reader moved on meanwhile
      index = this.#options.items().findIndex((m) => m.id === id);
    }
    if (index !== -1) this.#options.reveal(index);
  }

  render(): TemplateResult | typeof nothing {
    if (!this.#open) return nothing;
    const count = this.hitIds().length;
    return html`<div part="search" role="search">
      <input
        type="search"
        aria-label="Search this conversation"
        placeholder="Search (Enter: older, Shift+Enter: newer)"
        .value=${this.#query}
        @input=${this.#onInput}
        @keydown=${this.#onKeyDown}
      />
      <span class="muted" role="status">
        ${this.query ? `${count ? this.#current + 1 : 0} of ${count}` : ''}
      </span>
    </div>`;
  }
}
