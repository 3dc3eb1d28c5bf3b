import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { virtualize, virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';
import { atom } from 'nanostores';
import '@k8s-chat/command-preview/k8s-command-preview.js';
import {
  HubSubscriptionController,
  K8sElement,
  ServicesController,
  StoreController,
  isKubeChatError,
  strings,
  type ChatMessage,
  type ChatSession,
  type CommandProposal,
  type ConnectionState,
  type KubeChatError,
  type ListState,
  type MessageView,
  type MessagesState,
  type User,
  type ValidationResult,
} from '@k8s-chat/core';
import { chatStyles } from './k8s-chat.styles.js';
import { MessageSendEvent, SessionChangeEvent } from '../events.js';
import {
  EXAMPLE_PROMPTS,
  LAST_SESSION_KEY,
  type ChatMessageView,
  type ExportFormat,
  type PresenceUser,
} from './k8s-chat.types.js';
import { renderMarkdown } from '../markdown/render-markdown.js';
import { highlightInto } from '../markdown/highlight.js';
import {
  DEFAULT_NAMESPACES,
  complete,
  isKubectl,
  namespacesIn,
  type Completion,
} from '../kubectl/completions.js';

const NO_SESSIONS = atom<ListState<ChatSession>>({ items: [], loading: false, loaded: false, error: null });
const NO_MESSAGES = atom<MessagesState>({ messages: [], loading: false, loaded: false, error: null });
const IDLE = atom<ConnectionState>('idle');
const NO_USER = atom<User | null>(null);
const PAGE = 50;
/** How many latest messages core's messages store reads; fewer means there is nothing older. */
const STORE_PAGE = 200;
const UNDO_MS = 10_000;

const toView = (m: MessageView | ChatMessage): ChatMessageView => ({
  id: m.id,
  role: m.type,
  content: m.content,
  createdAt: m.timestamp,
  status: 'status' in m ? m.status : 'sent',
  ...(m.username ? { author: m.username } : {}),
  ...(m.metadata ? { metadata: m.metadata } : {}),
  ...(m.clientMessageId ? { clientMessageId: m.clientMessageId } : {}),
  error: 'error' in m ? (m.error ?? null) : null,
});

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const timeOf = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : timeFormat.format(date);
};

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // blocked in some sandboxed iframes
  }
}

/**
 * A natural-language chat with a Kubernetes cluster: the sessions, the conversation and the composer.
 *
 * With a `<k8s-chat-provider>` above it (or a `base-url` attribute) it reads and writes sessions and messages
 * through `@k8s-chat/core`; without services it shows the `messages` property and only fires
 * `k8s-message-send`, so a host can drive it by hand.
 *
 * @customElement k8s-chat
 * @tag k8s-chat
 * @fires k8s-message-send - The person sent a message; cancel it to keep the text and send nothing.
 * @fires k8s-session-change - The person switched, created or deleted the active session.
 * @fires k8s-command-run - Bubbled (composed, cancelable) from an embedded `<k8s-command-preview>`; cancel it to veto the run.
 * @fires k8s-auth-required - Bubbled (composed) from `<k8s-chat-provider>` / core when nobody is signed in.
 * @csspart base - The whole chat.
 * @csspart sessions - The session list panel.
 * @csspart session - One session in the list; also `session-active`, `session-unread`.
 * @csspart conversation - The column holding toolbar, messages and composer.
 * @csspart toolbar - The bar above the messages (title, search, share, export).
 * @csspart banner - The offline / reconnecting banner.
 * @csspart error - An inline error with its hint and request id.
 * @csspart messages - The scrolling message list.
 * @csspart message - Every message; also `message-user`, `message-assistant`, `message-system`.
 * @csspart message-meta - Author, time and status of a message.
 * @csspart markdown - Rendered Markdown of an assistant message.
 * @csspart code - A highlighted code block.
 * @csspart output - Command output or logs, shown as data.
 * @csspart command - The embedded `<k8s-command-preview>`.
 * @csspart new-messages - The "new messages" button.
 * @csspart presence - Participants and typing indicator.
 * @csspart examples - The example prompts of an empty session.
 * @csspart search - The search bar.
 * @csspart composer - The composer row.
 * @csspart input - The composer's textarea.
 * @csspart completions - The kubectl completion listbox.
 * @csspart validation - The inline kubectl validation result.
 * @cssprop --k8s-chat-bg - Background of the chat.
 * @cssprop --k8s-chat-user-bg - Background of the person's messages.
 * @cssprop --k8s-chat-user-text - Text colour of the person's messages.
 * @cssprop --k8s-chat-assistant-bg - Background of the assistant's messages.
 * @cssprop --k8s-chat-system-bg - Background of system messages.
 * @cssprop --k8s-chat-sessions-width - Width of the session list.
 * @cssprop --k8s-chat-sessions-bg - Background of the session list.
 * @cssprop --k8s-chat-code-bg - Background of code blocks and command output.
 * @cssprop --k8s-chat-banner-bg - Background of the offline banner.
 * @cssprop --k8s-chat-error-color - Colour of errors.
 * @cssprop --k8s-chat-hit-bg - Background of search hits.
 * @cssprop --k8s-chat-gap - Space between messages.
 * @since 0.1.0
 */
export class K8sChat extends K8sElement {
  static override styles = [K8sElement.styles, chatStyles];
  static override shadowRootOptions: ShadowRootInit = {
    ...K8sElement.shadowRootOptions,
    delegatesFocus: true,
  };

  readonly #services = new ServicesController(this);
  readonly #sessions = new StoreController(this, NO_SESSIONS);
  readonly #messages = new StoreController(this, NO_MESSAGES);
  readonly #connection = new StoreController(this, IDLE);
  readonly #user = new StoreController(this, NO_USER);

  @query('textarea') private _input!: HTMLTextAreaElement;
  @query('[part~=messages]') private _scroller?: HTMLElement;
  @query('dialog') private _shareDialog?: HTMLDialogElement;

  @state() private _draft = '';
  @state() private _activeId: string | null = null;
  @state() private _sessionsOpen = true;
  @state() private _renaming: string | null = null;
  @state() private _deleted: ChatSession | null = null;
  @state() private _unread: ReadonlySet<string> = new Set();
  @state() private _older: readonly ChatMessageView[] = [];
  @state() private _loadingOlder = false;
  @state() private _newBelow = false;
  @state() private _announcement = '';
  @state() private _error: KubeChatError | null = null;
  @state() private _completion: Completion | null = null;
  @state() private _activeOption = -1;
  @state() private _validation: ValidationResult | null = null;
  @state() private _searchOpen = false;
  @state() private _query = '';
  @state() private _hit = 0;
  @state() private _participants: readonly PresenceUser[] = [];
  @state() private _shareResult = '';

  /** The conversation, oldest first, used when no services are available; replace the array to update. */
  @property({ attribute: false }) messages: readonly ChatMessageView[] = [];

  /** The KubeChat server, when no `<k8s-chat-provider>` is above the element. */
  @property({ attribute: 'base-url' }) baseUrl?: string;

  /** The session to show; by default the last active one (remembered in localStorage) or the newest. */
  @property({ attribute: 'session-id' }) sessionId?: string;

  /** Hides the session list (for narrow embeds that show one session). */
  @property({ type: Boolean, reflect: true, attribute: 'no-sessions' }) noSessions = false;

  /** Tighter spacing for side panels. */
  @property({ type: Boolean, reflect: true }) compact = false;

  /** Colour scheme: `light`, `dark`, or unset to follow the system. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  readonly #drafts = new Map<string, string>();
  readonly #olderBySession = new Map<string, { items: ChatMessageView[]; done: boolean }>();
  readonly #seen = new Map<string, string>();
  readonly #announced = new Set<string>();
  readonly #namespaces = new Set<string>(DEFAULT_NAMESPACES);
  #announcedSession: string | null = null;
  #atBottom = true;
  #pinUntil = 0;
  #lastCount = 0;
  #lastLastId: string | undefined;
  #typingTimer: ReturnType<typeof setTimeout> | undefined;
  #typingIn: string | null = null;
  #undoTimer: ReturnType<typeof setTimeout> | undefined;
  #restoredFromStorage = false;
  readonly #markdownCache = new Map<string, HTMLElement>();

  constructor() {
    super();
    // Presence and typing of a shared session arrive on its topic (registered with the host, released on disconnect).
    new HubSubscriptionController(this, {
      hub: () => this.#services.services?.hub,
      topics: () => (this._activeId ? [`session:${this._activeId}`] : []),
      onEvent: (event) => {
        if (event.type !== 'presence') return;
        const payload = event.payload as { session_id?: string; users?: PresenceUser[] } | null;
        if (payload?.users && payload.session_id === this._activeId) this._participants = payload.users;
      },
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.noSessions) this._sessionsOpen = false;
    document.addEventListener('visibilitychange', this.#onVisible);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisible);
    clearTimeout(this.#typingTimer);
    clearTimeout(this.#undoTimer);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const stores = this.#services.services?.stores;
    this.#sessions.store = stores?.$sessions ?? NO_SESSIONS;
    this.#connection.store = stores?.$connection ?? IDLE;
    this.#user.store = stores?.$user ?? NO_USER;
    if (changed.has('sessionId') && this.sessionId) this.#activate(this.sessionId, false);
    if (stores && !this._activeId && !this.sessionId && !this.#restoredFromStorage) {
      this.#restoredFromStorage = true;
      const remembered = storage()?.getItem(LAST_SESSION_KEY);
      if (remembered) this.#activate(remembered, false);
    }
    const sessions = this.#sessions.value;
    if (stores && !this._activeId && sessions.loaded && sessions.items[0]) {
      this.#activate(sessions.items[0].id, false);
    }
    if (
      stores &&
      this._activeId &&
      sessions.loaded &&
      !sessions.loading &&
      sessions.items.length > 0 &&
      !sessions.items.some((s) => s.id === this._activeId) &&
      this._activeId !== this.sessionId
    ) {
      // The remembered session is gone (deleted elsewhere): fall back to the newest.
      this.#activate(sessions.items[0]!.id, false);
    }
    this.#messages.store = stores && this._activeId ? stores.messages(this._activeId) : NO_MESSAGES;
    this.#trackUnread(sessions.items);
    this.#trackAnnouncements();
  }

  override updated(): void {
    const items = this.#items();
    const last = items[items.length - 1];
    if (items.length !== this.#lastCount || last?.id !== this.#lastLastId) {
      const grewAtEnd = last?.id !== this.#lastLastId;
      this.#lastCount = items.length;
      this.#lastLastId = last?.id;
      if (grewAtEnd) {
        if (this.#atBottom || last?.role === 'user') this.#scrollToBottom();
        else if (last) this._newBelow = true;
      }
    }
  }

  // Sessions

  /** Coming back to the page re-reads the session list, so sessions that changed elsewhere get marked unread. */
  readonly #onVisible = () => {
    if (document.visibilityState === 'visible' && !this.noSessions) {
      void this.#services.services?.stores.reloadSessions();
    }
  };

  #activate(sessionId: string | null, byUser: boolean): void {
    if (sessionId === this._activeId) return;
    const previous = this._activeId;
    if (previous) this.#drafts.set(previous, this._draft);
    this._activeId = sessionId;
    this._draft = (sessionId && this.#drafts.get(sessionId)) || '';
    this._older = (sessionId && this.#olderBySession.get(sessionId)?.items) || [];
    this._participants = [];
    this._newBelow = false;
    this._validation = null;
    this._completion = null;
    this._error = null;
    this.#atBottom = true;
    this.#lastLastId = undefined;
    if (sessionId) {
      const unread = new Set(this._unread);
      unread.delete(sessionId);
      this._unread = unread;
      if (this.#services.services) storage()?.setItem(LAST_SESSION_KEY, sessionId);
    }
    if (byUser) {
      this.dispatchEvent(new SessionChangeEvent({ sessionId, previousSessionId: previous }));
    }
  }

  #trackUnread(sessions: readonly ChatSession[]): void {
    let unread: Set<string> | null = null;
    for (const s of sessions) {
      const mark = `${s.messageCount}|${s.lastMessageAt ?? s.updatedAt}`;
      const before = this.#seen.get(s.id);
      this.#seen.set(s.id, mark);
      if (before !== undefined && before !== mark && s.id !== this._activeId && !this._unread.has(s.id)) {
        (unread ??= new Set(this._unread)).add(s.id);
      }
    }
    if (unread) this._unread = unread;
  }

  /** Writes each new assistant message into the live region once (never the whole list). */
  #trackAnnouncements(): void {
    const state = this.#messages.value;
    const items = this.#items();
    if (this.#announcedSession !== this._activeId) {
      if (state.loaded || !this.#services.services) {
        this.#announcedSession = this._activeId;
        for (const m of items) this.#announced.add(m.id);
      }
      return;
    }
    for (const m of items) {
      if (this.#announced.has(m.id)) continue;
      this.#announced.add(m.id);
      if (m.role === 'assistant') this._announcement = `${m.author ?? 'Assistant'}: ${m.content}`;
    }
  }

  async #createSession(): Promise<void> {
    const stores = this.#services.services?.stores;
    if (!stores) return;
    try {
      const session = await stores.createSession({ title: 'New conversation' });
      this.#activate(session.id, true);
      await this.updateComplete;
      this.focus();
    } catch (error) {
      this.#fail(error);
    }
  }

  async #rename(session: ChatSession, title: string): Promise<void> {
    if (this._renaming !== session.id) return; // Enter already saved it; the following blur is not a second rename
    this._renaming = null;
    const trimmed = title.trim();
    const services = this.#services.services;
    if (!services || !trimmed || trimmed === session.title) return;
    try {
      await services.api.updateSession(session.id, { title: trimmed });
      await services.stores.reloadSessions();
    } catch (error) {
      this.#fail(error);
    }
  }

  async #delete(session: ChatSession): Promise<void> {
    const stores = this.#services.services?.stores;
    if (!stores) return;
    try {
      await stores.deleteSession(session.id);
    } catch (error) {
      this.#fail(error);
      return;
    }
    this._deleted = session;
    clearTimeout(this.#undoTimer);
    this.#undoTimer = setTimeout(() => (this._deleted = null), UNDO_MS);
    if (session.id === this._activeId) {
      const next = this.#sessions.value.items.find((s) => s.id !== session.id);
      this.#activate(next?.id ?? null, true);
      if (!next) storage()?.removeItem(LAST_SESSION_KEY);
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-action=undo]')?.focus();
  }

  async #undoDelete(): Promise<void> {
    const services = this.#services.services;
    const session = this._deleted;
    if (!services || !session) return;
    this._deleted = null;
    clearTimeout(this.#undoTimer);
    try {
      // The server soft-deletes; restoring works for 10 minutes.
      await services.api.restoreSession(session.id);
      await services.stores.reloadSessions();
      this.#activate(session.id, true);
      await this.updateComplete;
      this.focus();
    } catch (error) {
      this.#fail(error);
    }
  }

  async #share(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const services = this.#services.services;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const username = String(data.get('username') ?? '').trim();
    const access = data.get('access') === 'write' ? 'write' : 'read';
    if (!services || !this._activeId || !username) return;
    try {
      await services.api.shareSession(this._activeId, { username, access });
      this._shareResult = `Shared with ${username} (${access === 'write' ? 'can write' : 'read only'}).`;
      form.reset();
      await services.stores.reloadSessions();
    } catch (error) {
      this._shareResult = isKubeChatError(error) ? error.message : 'Could not share the session.';
    }
  }

  // Messages

  /** Older pages, then the store's (or the `messages` property's) messages. */
  #items(): readonly ChatMessageView[] {
    if (!this.#services.services) return this.messages;
    const current = this.#messages.value.messages.map(toView);
    if (!this._older.length) return current;
    const ids = new Set(current.map((m) => m.id));
    return [...this._older.filter((m) => !ids.has(m.id)), ...current];
  }

  async #loadOlder(): Promise<void> {
    const services = this.#services.services;
    const sessionId = this._activeId;
    if (!services || !sessionId || this._loadingOlder) return;
    const page = this.#olderBySession.get(sessionId) ?? { items: [], done: false };
    const first = this.#items()[0];
    if (
      page.done ||
      !first ||
      first.status !== 'sent' ||
      this.#messages.value.messages.filter((m) => m.status === 'sent').length < STORE_PAGE
    )
      return;
    this._loadingOlder = true;
    try {
      const older = await services.api.listMessages(sessionId, { before: first.id, limit: PAGE });
      const scroller = this._scroller;
      const fromBottom = scroller ? scroller.scrollHeight - scroller.scrollTop : 0;
      const next = { items: [...older.map(toView), ...page.items], done: older.length < PAGE };
      this.#olderBySession.set(sessionId, next);
      if (this._activeId === sessionId) {
        this._older = next.items;
        await this.updateComplete;
        // Keep the message the reader was looking at in place.
        if (scroller) scroller.scrollTop = scroller.scrollHeight - fromBottom;
      }
    } catch (error) {
      this.#fail(error);
    } finally {
      this._loadingOlder = false;
    }
  }

  #onScroll(): void {
    const el = this._scroller;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
    // While we pin the list to the bottom, the virtualizer's own re-layouts must not unstick it.
    if (!atBottom && performance.now() < this.#pinUntil) return;
    this.#atBottom = atBottom;
    if (atBottom) this._newBelow = false;
    if (el.scrollTop < 120) void this.#loadOlder();
  }

  /** The reader took over scrolling (wheel, touch, keys, pointer). */
  #onReaderScroll(): void {
    this.#pinUntil = 0;
  }

  /** Scrolls the virtualized list so message `index` is visible (no-op before the list has laid out). */
  #scrollToIndex(index: number, block: ScrollLogicalPosition): void {
    type Ref = { element(i: number): { scrollIntoView(o?: ScrollIntoViewOptions): void } | undefined };
    const virtualizer = (this._scroller as unknown as Record<symbol, Ref | undefined> | undefined)?.[
      virtualizerRef
    ];
    try {
      virtualizer?.element(index)?.scrollIntoView({ block });
    } catch {
      // The virtualizer has not measured its children yet; the next layout settles the position.
    }
  }

  #scrollToBottom(): void {
    const el = this._scroller;
    if (!el) return;
    this.#atBottom = true;
    this._newBelow = false;
    this.#pinUntil = performance.now() + 600;
    el.scrollTop = el.scrollHeight;
    // The virtualizer measures after layout; keep settling on the real bottom for a few frames.
    const settle = () => {
      if (!this.#atBottom || !el.isConnected) return;
      const count = this.#items().length;
      if (count) this.#scrollToIndex(count - 1, 'end');
      el.scrollTop = el.scrollHeight;
      if (performance.now() < this.#pinUntil) requestAnimationFrame(settle);
    };
    requestAnimationFrame(settle);
  }

  #jumpToNew(): void {
    this.#scrollToBottom();
    this.focus();
  }

  async #retry(message: ChatMessageView): Promise<void> {
    const stores = this.#services.services?.stores;
    if (stores && message.clientMessageId) await stores.retryMessage(message.clientMessageId);
  }

  #fail(error: unknown): void {
    this._error = isKubeChatError(error)
      ? error
      : ({ message: String((error as Error)?.message ?? error), hint: '', requestId: null } as KubeChatError);
  }

  // Composer

  #onInput(event: Event): void {
    this._draft = (event.target as HTMLTextAreaElement).value;
    this._validation = null;
    this._completion = complete(this._draft, this.#namespaces);
    this._activeOption = -1;
    const services = this.#services.services;
    if (services && this._activeId) {
      // One "typing" when it starts and one "stopped" after 3 s without input, not a frame per key.
      const sessionId = this._activeId;
      if (this.#typingIn !== sessionId) services.hub.sendTyping(sessionId, true);
      this.#typingIn = sessionId;
      clearTimeout(this.#typingTimer);
      this.#typingTimer = setTimeout(() => {
        this.#typingIn = null;
        services.hub.sendTyping(sessionId, false);
      }, 3000);
    }
  }

  #onKeyDown(event: KeyboardEvent): void {
    const options = this._completion?.options ?? [];
    if (options.length) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        this._activeOption = (this._activeOption + step + options.length) % options.length;
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        this._completion = null;
        return;
      }
      if ((event.key === 'Enter' || event.key === 'Tab') && this._activeOption >= 0 && !event.isComposing) {
        event.preventDefault();
        this.#accept(options[this._activeOption]!);
        return;
      }
    }
    if (event.key === 'ArrowUp' && !this._draft && !event.isComposing) {
      const mine = [...this.#items()].reverse().find((m) => m.role === 'user');
      if (mine) {
        event.preventDefault();
        this._draft = mine.content;
        this._completion = null;
      }
      return;
    }
    // Enter sends, Shift+Enter breaks the line, and nothing is sent while an IME is composing.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    void this.#send();
  }

  #accept(option: string): void {
    const word = this._completion?.word ?? '';
    this._draft = `${this._draft.slice(0, this._draft.length - word.length)}${option} `;
    this._completion = null;
    this._activeOption = -1;
    this._input?.focus();
  }

  async #send(text = this._draft): Promise<void> {
    const content = text.trim();
    if (!content) return;
    const services = this.#services.services;
    this._completion = null;
    if (services && isKubectl(content)) {
      try {
        this._validation = await services.api.validateCommand(content);
      } catch (error) {
        this.#fail(error);
        return;
      }
      if (!this._validation.is_valid) return;
      for (const ns of namespacesIn(content)) this.#namespaces.add(ns);
    }
    const event = new MessageSendEvent({ content, sessionId: this._activeId });
    if (!this.dispatchEvent(event)) return;
    this._draft = '';
    if (this._activeId) this.#drafts.delete(this._activeId);
    if (!services) return;
    clearTimeout(this.#typingTimer);
    let sessionId = this._activeId;
    try {
      if (!sessionId) {
        const session = await services.stores.createSession({ title: content.slice(0, 60) });
        this.#activate(session.id, true);
        sessionId = session.id;
      } else if (this.#typingIn) {
        services.hub.sendTyping(sessionId, false);
      }
      this.#typingIn = null;
      this.#atBottom = true;
      this._error = null;
      await services.stores.sendMessage(sessionId, content);
    } catch (error) {
      this.#fail(error);
    }
  }

  // Search and export

  #hits(): number[] {
    const q = this._query.trim().toLowerCase();
    if (!q) return [];
    const hits: number[] = [];
    this.#items().forEach((m, i) => {
      if (m.content.toLowerCase().includes(q)) hits.push(i);
    });
    return hits;
  }

  #onSearchKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      this._searchOpen = false;
      this._query = '';
      this.focus();
      return;
    }
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const hits = this.#hits();
    if (!hits.length) return;
    this._hit = (this._hit + (event.shiftKey ? -1 : 1) + hits.length) % hits.length;
    this.#reveal(hits[this._hit]!);
  }

  #reveal(index: number): void {
    this.#atBottom = false;
    this.#scrollToIndex(index, 'center');
  }

  /** Builds the active conversation as Markdown or JSON and downloads it; returns the file. */
  exportSession(format: ExportFormat = 'markdown'): Blob {
    const items = this.#items();
    const session = this.#sessions.value.items.find((s) => s.id === this._activeId);
    const title = session?.title ?? 'Conversation';
    const blob =
      format === 'json'
        ? new Blob([JSON.stringify({ session: session ?? null, messages: items }, null, 2)], {
            type: 'application/json',
          })
        : new Blob(
            [
              `# ${title}\n\n` +
                items
                  .map((m) => `**${m.author ?? m.role}** · ${m.createdAt}\n\n${m.content}\n`)
                  .join('\n---\n\n'),
            ],
            { type: 'text/markdown' },
          );
    if (!this.isConnected) return blob;
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${title.replace(/[^\w-]+/g, '-').toLowerCase() || 'conversation'}.${format === 'json' ? 'json' : 'md'}`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
    return blob;
  }

  /** Moves focus to the composer. */
  override focus(options?: FocusOptions): void {
    this._input?.focus(options);
  }

  /** Shows a session, as if the person picked it in the list. */
  selectSession(sessionId: string): void {
    this.#activate(sessionId, true);
  }

  // Rendering

  #markdown(message: ChatMessageView): HTMLElement {
    const key = `${message.id}\u0000${message.content}`;
    let node = this.#markdownCache.get(key);
    if (!node) {
      node = renderMarkdown(message.content);
      for (const pre of node.querySelectorAll('pre')) {
        pre.setAttribute('part', 'code');
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'copy';
        button.textContent = 'Copy';
        button.setAttribute('aria-label', 'Copy code');
        button.addEventListener('click', () => {
          const code = pre.querySelector('code')?.textContent ?? '';
          void navigator.clipboard?.writeText(code).then(
            () => (button.textContent = 'Copied'),
            () => (button.textContent = 'Copy failed'),
          );
        });
        pre.prepend(button);
      }
      node.setAttribute('part', 'markdown');
      this.#markdownCache.set(key, node);
    }
    return node;
  }

  #text(content: string, hit: boolean): TemplateResult | string {
    const q = this._query.trim();
    if (!hit || !q) return content;
    const parts: (TemplateResult | string)[] = [];
    const lower = content.toLowerCase();
    const needle = q.toLowerCase();
    let at = 0;
    for (let i = lower.indexOf(needle); i !== -1; i = lower.indexOf(needle, at)) {
      parts.push(content.slice(at, i), html`<mark>${content.slice(i, i + q.length)}</mark>`);
      at = i + q.length;
    }
    parts.push(content.slice(at));
    return html`${parts}`;
  }

  #renderMessage(m: ChatMessageView, index: number, hits: readonly number[]): TemplateResult {
    const hit = hits.includes(index);
    const current = hit && hits[this._hit] === index;
    const status = m.status ?? 'sent';
    const proposal = m.metadata?.['command'] as CommandProposal | undefined;
    const output = m.metadata?.['output'];
    const author = m.author ?? (m.role === 'user' ? 'You' : m.role === 'assistant' ? 'Assistant' : 'System');
    return html`<div class="row row-${m.role}" role="listitem" data-id=${m.id} data-status=${status}>
      <article
        part="message message-${m.role}${hit ? ' search-hit' : ''}${current ? ' search-current' : ''}"
        aria-label=${`${author}, ${timeOf(m.createdAt)}`}
      >
        <div part="message-meta">
          <span class="author">${author}</span>
          <time datetime=${m.createdAt}>${timeOf(m.createdAt)}</time>
          ${
            status === 'sending'
              ? html`<span class="status">${strings['message.sending']}</span>`
              : status === 'queued'
                ? html`<span class="status">${strings['message.queued']}</span>`
                : nothing
          }
        </div>
        ${
          m.role === 'assistant' && !hit
            ? this.#markdown(m)
            : html`<div class="text">${this.#text(m.content, hit)}</div>`
        }
        ${
          typeof output === 'string'
            ? html`<figure class="output">
                <figcaption>Command output (data, not instructions)</figcaption>
                <pre part="output">${output}</pre>
              </figure>`
            : nothing
        }
        ${
          m.role === 'assistant' && proposal?.generatedCommand
            ? html`<k8s-command-preview
                part="command"
                exportparts="base: command-base"
                .proposal=${proposal}
                session-id=${this._activeId ?? ''}
                message-id=${m.id}
                command=${proposal.generatedCommand}
                safety-level=${proposal.safetyLevel}
                explanation=${proposal.explanation}
              ></k8s-command-preview>`
            : nothing
        }
        ${
          status === 'failed'
            ? html`<div class="failed" part="error">
                <span>${strings['message.failed']} ${m.error?.hint ?? ''}</span>
                ${m.error?.requestId ? html`<span class="request-id">Request ${m.error.requestId}</span>` : nothing}
                <button type="button" data-action="retry" @click=${() => this.#retry(m)}>
                  ${strings['message.retry']}
                </button>
              </div>`
            : nothing
        }
      </article>
    </div>`;
  }

  #renderSessions(): TemplateResult | typeof nothing {
    if (this.noSessions || !this.#services.services) return nothing;
    const { items, loading, error } = this.#sessions.value;
    return html`<nav part="sessions" aria-label="Sessions" ?data-open=${this._sessionsOpen}>
      <div class="sessions-head">
        <button
          type="button"
          class="ghost"
          aria-expanded=${this._sessionsOpen ? 'true' : 'false'}
          aria-controls="session-list"
          @click=${() => (this._sessionsOpen = !this._sessionsOpen)}
        >
          ${this._sessionsOpen ? 'Hide sessions' : 'Sessions'}
        </button>
        <button type="button" data-action="new-session" @click=${this.#createSession}>New</button>
      </div>
      <ul id="session-list" ?hidden=${!this._sessionsOpen}>
        ${items.map((s) => {
          const active = s.id === this._activeId;
          const unread = this._unread.has(s.id);
          return html`<li
            part="session${active ? ' session-active' : ''}${unread ? ' session-unread' : ''}"
            data-session=${s.id}
          >
            ${
              this._renaming === s.id
                ? html`<input
                    aria-label="Session name"
                    .value=${s.title}
                    @keydown=${(e: KeyboardEvent) => {
                      if (e.key === 'Enter') void this.#rename(s, (e.target as HTMLInputElement).value);
                      if (e.key === 'Escape') this._renaming = null;
                    }}
                    @blur=${(e: FocusEvent) => void this.#rename(s, (e.target as HTMLInputElement).value)}
                  />`
                : html`<button
                    type="button"
                    class="session-title"
                    aria-current=${active ? 'true' : 'false'}
                    @click=${async () => {
                      this.#activate(s.id, true);
                      await this.updateComplete;
                      this.focus();
                    }}
                  >
                    ${s.title}${unread ? html`<span class="unread" aria-label=", unread">●</span>` : nothing}
                  </button>`
            }
            <button
              type="button"
              class="ghost icon"
              data-action="rename"
              aria-label=${`Rename ${s.title}`}
              @click=${async () => {
                this._renaming = s.id;
                await this.updateComplete;
                this.renderRoot.querySelector<HTMLInputElement>('li input')?.select();
              }}
            >
              ✎
            </button>
            <button
              type="button"
              class="ghost icon"
              data-action="delete"
              aria-label=${`Delete ${s.title}`}
              @click=${() => this.#delete(s)}
            >
              ✕
            </button>
          </li>`;
        })}
      </ul>
      ${loading && !items.length ? html`<p class="muted">Loading…</p>` : nothing}
      ${error ? html`<p part="error" class="muted">${error.hint}</p>` : nothing}
    </nav>`;
  }

  #renderBanner(): TemplateResult | typeof nothing {
    const state = this.#connection.value;
    if (state !== 'offline' && state !== 'reconnecting') return nothing;
    return html`<div part="banner" role="status" data-state=${state}>${strings[`connection.${state}`]}</div>`;
  }

  #renderError(): TemplateResult | typeof nothing {
    const error = this._error ?? this.#messages.value.error;
    if (!error) return nothing;
    return html`<div part="error" class="error" role="alert">
      <strong>${error.message}</strong>
      ${error.hint && error.hint !== error.message ? html`<span>${error.hint}</span>` : nothing}
      ${error.requestId ? html`<span class="request-id">Request ${error.requestId}</span>` : nothing}
      <button
        type="button"
        @click=${() => {
          this._error = null;
          void this.#services.services?.stores.reloadSessions();
        }}
      >
        Dismiss
      </button>
    </div>`;
  }

  #renderComposer(): TemplateResult {
    const completion = this._completion;
    const expanded = !!completion?.options.length;
    const kubectl = isKubectl(this._draft);
    const validation = this._validation;
    const typing = this._participants.filter((p) => p.typing && p.id !== this.#user.value?.id);
    return html`
      ${
        typing.length
          ? html`<p class="typing" part="presence" aria-live="polite">
              ${typing.map((p) => p.username).join(', ')} ${typing.length > 1 ? 'are' : 'is'} typing…
            </p>`
          : nothing
      }
      ${
        validation
          ? html`<div part="validation" data-level=${validation.safety_level} role="status">
              <span class="level">${validation.safety_level}</span>
              ${validation.is_valid ? 'Command is valid.' : 'This command was refused:'}
              ${[...validation.errors, ...validation.warnings].map((t) => html`<span>${t}</span>`)}
            </div>`
          : nothing
      }
      ${
        kubectl
          ? html`<pre class="kubectl-preview" aria-hidden="true">${this.#highlightDraft()}</pre>`
          : nothing
      }
      <form part="composer" @submit=${(e: Event) => (e.preventDefault(), void this.#send())}>
        <textarea
          part="input"
          aria-label="Message"
          aria-autocomplete="list"
          aria-controls="completions"
          aria-activedescendant=${ifDefined(expanded && this._activeOption >= 0 ? `option-${this._activeOption}` : undefined)}
          class=${kubectl ? 'kubectl' : ''}
          rows="2"
          placeholder="Ask about your cluster, e.g. “list pods in prod”"
          .value=${this._draft}
          @input=${this.#onInput}
          @keydown=${this.#onKeyDown}
        ></textarea>
        <button type="submit">Send</button>
        <ul id="completions" part="completions" role="listbox" aria-label="Completions" ?hidden=${!expanded}>
          ${(completion?.options ?? []).map(
            (option, i) =>
              html`<li
                id="option-${i}"
                role="option"
                aria-selected=${i === this._activeOption ? 'true' : 'false'}
                @mousedown=${(e: Event) => (e.preventDefault(), this.#accept(option))}
              >
                ${option}
              </li>`,
          )}
        </ul>
      </form>
    `;
  }

  #highlightDraft(): HTMLElement {
    const code = document.createElement('code');
    highlightInto(code, this._draft, 'kubectl');
    return code;
  }

  override render() {
    const items = this.#items();
    const hits = this.#hits();
    const state = this.#messages.value;
    const services = this.#services.services;
    const session = this.#sessions.value.items.find((s) => s.id === this._activeId);
    const others = this._participants.filter((p) => p.id !== this.#user.value?.id);
    const empty = !items.length && (!services || !state.loading);
    return html`<div part="base">
      ${this.#renderSessions()}
      <section part="conversation" aria-label=${session?.title ?? 'Conversation'}>
        <div part="toolbar">
          <h2 class="title">${session?.title ?? 'Conversation'}</h2>
          ${
            others.length
              ? html`<span part="presence" class="presence"
                  >With ${others.map((p) => p.username).join(', ')}</span
                >`
              : nothing
          }
          <button
            type="button"
            class="ghost"
            data-action="search"
            aria-expanded=${this._searchOpen ? 'true' : 'false'}
            @click=${async () => {
              this._searchOpen = !this._searchOpen;
              await this.updateComplete;
              this.renderRoot.querySelector<HTMLInputElement>('[part=search] input')?.focus();
            }}
          >
            Search
          </button>
          ${
            services && this._activeId
              ? html`<button
                  type="button"
                  class="ghost"
                  data-action="share"
                  @click=${() => {
                    this._shareResult = '';
                    this._shareDialog?.showModal();
                  }}
                >
                  Share
                </button>`
              : nothing
          }
          <button
            type="button"
            class="ghost"
            data-action="export-md"
            @click=${() => this.exportSession('markdown')}
          >
            Export .md
          </button>
          <button
            type="button"
            class="ghost"
            data-action="export-json"
            @click=${() => this.exportSession('json')}
          >
            .json
          </button>
        </div>
        ${
          this._searchOpen
            ? html`<div part="search" role="search">
                <input
                  type="search"
                  aria-label="Search this conversation"
                  placeholder="Search (Enter: next, Shift+Enter: previous)"
                  .value=${this._query}
                  @input=${(e: Event) => {
                    this._query = (e.target as HTMLInputElement).value;
                    this._hit = 0;
                    const first = this.#hits()[0];
                    if (first !== undefined) this.#reveal(first);
                  }}
                  @keydown=${this.#onSearchKey}
                />
                <span class="muted" role="status">
                  ${this._query.trim() ? `${hits.length ? this._hit + 1 : 0} of ${hits.length}` : ''}
                </span>
              </div>`
            : nothing
        }
        ${this.#renderBanner()} ${this.#renderError()}
        ${
          this._deleted
            ? html`<div class="undo" role="status">
                Session “${this._deleted.title}” deleted.
                <button type="button" data-action="undo" @click=${this.#undoDelete}>Undo</button>
              </div>`
            : nothing
        }
        <div class="messages-wrap">
          ${
            empty
              ? html`<div part="examples">
                  <p>Ask a question about your cluster, or try one of these:</p>
                  <ul>
                    ${EXAMPLE_PROMPTS.map(
                      (p) =>
                        html`<li>
                          <button
                            type="button"
                            class="example"
                            @click=${async () => {
                              this._draft = p;
                              await this.updateComplete;
                              this.focus();
                            }}
                          >
                            ${p}
                          </button>
                        </li>`,
                    )}
                  </ul>
                </div>`
              : nothing
          }
          <div
            part="messages"
            role="list"
            aria-label="Messages"
            tabindex="0"
            ?hidden=${empty}
            @scroll=${this.#onScroll}
            @wheel=${this.#onReaderScroll}
            @touchstart=${this.#onReaderScroll}
            @pointerdown=${this.#onReaderScroll}
            @keydown=${this.#onReaderScroll}
          >
            ${virtualize({
              items: items as ChatMessageView[],
              keyFunction: (m: ChatMessageView) => m.id,
              renderItem: (m: ChatMessageView, i: number) => this.#renderMessage(m, i, hits),
              scroller: true,
            })}
          </div>
          ${
            this._newBelow
              ? html`<button type="button" part="new-messages" @click=${this.#jumpToNew}>
                  New messages ↓
                </button>`
              : nothing
          }
        </div>
        <div class="visually-hidden" role="log" aria-live="polite" aria-relevant="additions text">
          ${this._announcement}
        </div>
        ${this.#renderComposer()}
      </section>
      <dialog aria-labelledby="share-title" @close=${() => this.focus()}>
        <form @submit=${this.#share}>
          <h2 id="share-title">Share this session</h2>
          <label>User name <input name="username" required autocomplete="off" /></label>
          <label
            >Access
            <select name="access">
              <option value="read">Read only</option>
              <option value="write">Can write</option>
            </select>
          </label>
          <p role="status">${this._shareResult}</p>
          <div class="dialog-actions">
            <button type="button" class="ghost" @click=${() => this._shareDialog?.close()}>Close</button>
            <button type="submit">Share</button>
          </div>
        </form>
      </dialog>
    </div>`;
  }
}
