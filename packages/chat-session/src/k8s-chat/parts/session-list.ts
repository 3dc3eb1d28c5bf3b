import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import { renderErrorNotice, type ChatSession, type KubeChatServices, type ListState } from '@k8s-chat/core';
import { UnreadTracker } from './unread.js';

export interface SessionListOptions {
  readonly services: () => KubeChatServices | undefined;
  readonly activeId: () => string | null;
  /** Shows a session; `byUser` fires `k8s-session-change`. */
  readonly activate: (sessionId: string | null, byUser: boolean) => void;
  readonly fail: (error: unknown) => void;
  /** Moves focus to the composer after a switch. */
  readonly focusComposer: () => void;
}

/** How long "Undo" is offered after a delete (the server keeps deleted sessions restorable for longer). */
const UNDO_MS = 10_000;

type Host = ReactiveControllerHost & HTMLElement & { readonly updateComplete: Promise<boolean> };

/** The session list: open/closed, create, rename in place, delete with undo, unread markers. */
export class SessionListController implements ReactiveController {
  readonly #host: Host;
  readonly #options: SessionListOptions;
  readonly unread = new UnreadTracker();
  #open = true;
  #renaming: string | null = null;
  #deleted: ChatSession | null = null;
  #undoTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: Host, options: SessionListOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#undoTimer);
  }

  set open(value: boolean) {
    this.#open = value;
    this.#host.requestUpdate();
  }

  async create(): Promise<void> {
    const stores = this.#options.services()?.stores;
    if (!stores) return;
    try {
      const session = await stores.createSession({ title: 'New conversation' });
      this.#options.activate(session.id, true);
      await this.#host.updateComplete;
      this.#options.focusComposer();
    } catch (error) {
      this.#options.fail(error);
    }
  }

  async #rename(session: ChatSession, title: string): Promise<void> {
    if (this.#renaming !== session.id) return; // Enter already saved it; the blur that follows is no second rename
    this.#renaming = null;
    this.#host.requestUpdate();
    const trimmed = title.trim();
    const services = this.#options.services();
    if (!services || !trimmed || trimmed === session.title) return;
    try {
      await services.api.updateSession(session.id, { title: trimmed });
      await services.stores.reloadSessions();
    } catch (error) {
      this.#options.fail(error);
    }
  }

  async #delete(session: ChatSession, items: readonly ChatSession[]): Promise<void> {
    const stores = this.#options.services()?.stores;
    if (!stores) return;
    try {
      await stores.deleteSession(session.id);
    } catch (error) {
      this.#options.fail(error);
      return;
    }
    this.#deleted = session;
    clearTimeout(this.#undoTimer);
    this.#undoTimer = setTimeout(() => {
      this.#deleted = null;
      this.#host.requestUpdate();
    }, UNDO_MS);
    if (session.id === this.#options.activeId()) {
      const next = items.find((s) => s.id !== session.id);
      this.#options.activate(next?.id ?? null, true);
    }
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    // The deleted row's button is gone; Undo is the sensible next stop for the keyboard.
    this.#host.shadowRoot?.querySelector<HTMLElement>('[data-action=undo]')?.focus();
  }

  readonly #undo = async (): Promise<void> => {
    const services = this.#options.services();
    const session = this.#deleted;
    if (!services || !session) return;
    this.#deleted = null;
    clearTimeout(this.#undoTimer);
    this.#host.requestUpdate();
    try {
      await services.api.restoreSession(session.id);
      await services.stores.reloadSessions();
      this.#options.activate(session.id, true);
      await this.#host.updateComplete;
      this.#options.focusComposer();
    } catch (error) {
      this.#options.fail(error);
    }
  };

  /** The "deleted — Undo" notice, shown above the conversation. */
  renderUndo(): TemplateResult | typeof nothing {
    if (!this.#deleted) return nothing;
    return html`<div class="undo" role="status">
      Session “${this.#deleted.title}” deleted.
      <button type="button" data-action="undo" @click=${this.#undo}>Undo</button>
    </div>`;
  }

  render(state: ListState<ChatSession>): TemplateResult {
    const { items, loading, error } = state;
    const activeId = this.#options.activeId();
    return html`<nav part="sessions" aria-label="Sessions" ?data-open=${this.#open}>
      <div class="sessions-head">
        <button
          type="button"
          class="ghost"
          aria-expanded=${this.#open ? 'true' : 'false'}
          aria-controls="session-list"
          @click=${() => (this.open = !this.#open)}
        >
          ${this.#open ? 'Hide sessions' : 'Sessions'}
        </button>
        <button type="button" data-action="new-session" @click=${() => this.create()}>New</button>
      </div>
      <ul id="session-list" ?hidden=${!this.#open}>
        ${items.map((s) => this.#renderSession(s, s.id === activeId, items))}
      </ul>
      ${loading && !items.length ? html`<p class="muted">Loading…</p>` : nothing} ${renderErrorNotice(error)}
    </nav>`;
  }

  #renderSession(s: ChatSession, active: boolean, items: readonly ChatSession[]): TemplateResult {
    const unread = this.unread.unread.has(s.id);
    const shared = s.access !== 'owner' || s.participants.length > 1;
    return html`<li
      part="session${active ? ' session-active' : ''}${unread ? ' session-unread' : ''}"
      data-session=${s.id}
    >
      ${
        this.#renaming === s.id
          ? html`<input
              aria-label="Session name"
              .value=${s.title}
              @keydown=${(e: KeyboardEvent) => {
                if (e.key === 'Enter') void this.#rename(s, (e.target as HTMLInputElement).value);
                if (e.key === 'Escape') {
                  this.#renaming = null;
                  this.#host.requestUpdate();
                }
              }}
              @blur=${(e: FocusEvent) => void this.#rename(s, (e.target as HTMLInputElement).value)}
            />`
          : html`<button
              type="button"
              class="session-title"
              aria-current=${active ? 'true' : 'false'}
              @click=${async () => {
                this.#options.activate(s.id, true);
                await this.#host.updateComplete;
                this.#options.focusComposer();
              }}
            >
              ${s.title}${shared ? html`<span class="muted"> · shared</span>` : nothing}${
                unread ? html`<span class="unread" aria-label=", unread">●</span>` : nothing
              }
            </button>`
      }
      <button
        type="button"
        class="ghost icon"
        data-action="rename"
        aria-label=${`Rename ${s.title}`}
        @click=${async () => {
          this.#renaming = s.id;
          this.#host.requestUpdate();
          await this.#host.updateComplete;
          this.#host.shadowRoot?.querySelector<HTMLInputElement>('li input')?.select();
        }}
      >
        ✎
      </button>
      <button
        type="button"
        class="ghost icon"
        data-action="delete"
        aria-label=${`Delete ${s.title}`}
        @click=${() => this.#delete(s, items)}
      >
        ✕
      </button>
    </li>`;
  }
}
