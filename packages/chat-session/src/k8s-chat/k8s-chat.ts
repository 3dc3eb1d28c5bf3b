import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { atom } from 'nanostores';
import {
  HubSubscriptionController,
  K8sElement,
  KubeChatError,
  PreferencesController,
  ServicesController,
  StoreController,
  errorNoticeStyles,
  isKubeChatError,
  type ChatSession,
  type CommandProposal,
  type ConnectionState,
  type ListState,
  type MessagesState,
  type User,
} from '@k8s-chat/core';
import { chatStyles } from './k8s-chat.styles.js';
import { MessageSendEvent, SessionChangeEvent } from '../events.js';
import {
  LAST_SESSION_KEY,
  type ChatMessageView,
  type ExportFormat,
  type PresenceUser,
} from './k8s-chat.types.js';
import { isKubectl } from '../kubectl/completions.js';
import { ComposerController } from './parts/composer.js';
import { download, exportBlob, exportFileName } from './parts/export-session.js';
import { renderBanner, renderError, renderExamples } from './parts/notices.js';
import { renderToolbar } from './parts/toolbar.js';
import { MarkdownCache, renderMessage } from './parts/message-template.js';
import { storage, toView } from './parts/message-view.js';
import { OlderMessages } from './parts/older-messages.js';
import { SearchController } from './parts/search.js';
import { SessionListController } from './parts/session-list.js';
import { ShareDialog } from './parts/share-dialog.js';
import { StickToBottomController } from './parts/stick-to-bottom.js';
import { describeContext } from './parts/context-note.js';
import { renderReplying } from './parts/replying.js';
import { threadsOf, visibleItems, type Threads } from './parts/threads.js';

const NO_SESSIONS = atom<ListState<ChatSession>>({ items: [], loading: false, loaded: false, error: null });
const NO_MESSAGES = atom<MessagesState>({ messages: [], loading: false, loaded: false, error: null });
const IDLE = atom<ConnectionState>('idle');
const NO_USER = atom<User | null>(null);
/** How many latest messages core's messages store reads; fewer means there is nothing older. */
const STORE_PAGE = 200;

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
 * @fires k8s-auth-required - Nobody is signed in: bubbled (composed) from `<k8s-chat-provider>`, or fired on `document` by core's shared client when the element has only a `base-url`.
 * @csspart base - The whole chat.
 * @csspart sessions - The session list panel.
 * @csspart session - One session in the list; also `session-active`, `session-unread`.
 * @csspart conversation - The column holding toolbar, messages and composer.
 * @csspart toolbar - The bar above the messages (title, search, share, export).
 * @csspart banner - The offline / reconnecting banner.
 * @csspart error - An inline error (core's error notice): what happened, what to do and the support reference.
 * @csspart error-reference - "Support reference: <request id>" inside an error.
 * @csspart redacted - A value the server hid (`[REDACTED password]`), with the reason in its title.
 * @csspart reply-button - "Reply" on a message.
 * @csspart reply-quote - Above an explicit reply: what it answers (a button that jumps there).
 * @csspart thread-toggle - "Hide/Show n replies" on the message a thread starts from.
 * @csspart replying - Above the composer while writing a reply, with Cancel (or Escape).
 * @csspart context - "Using: deployment api in prod" on an answer that used the conversation's context.
 * @csspart context-cleared - The note after "Clear context": follow-ups need names again.
 * @csspart messages - The scrolling message list.
 * @csspart message - Every message; also `message-user`, `message-assistant`, `message-system`, `message-in-thread`, `reply-target`, and `search-hit` / `search-current` while searching.
 * @csspart message-meta - Author, time and status of a message.
 * @csspart markdown - Rendered Markdown of an assistant message.
 * @csspart code - A highlighted code block.
 * @csspart output - Command output or logs, shown as data.
 * @csspart command - The embedded `<k8s-command-preview>`.
 * @csspart new-messages - The "new messages" button.
 * @csspart presence - Participants and typing indicator.
 * @csspart examples - The example prompts of an empty session.
 * @csspart search - The search bar.
 * @csspart composer - The composer row (or, in a session shared read-only, the note saying whom to ask).
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
  static override styles = [K8sElement.styles, errorNoticeStyles, chatStyles];
  static override shadowRootOptions: ShadowRootInit = {
    ...K8sElement.shadowRootOptions,
    delegatesFocus: true,
  };

  readonly #services = new ServicesController(this);
  // Theme and compact from the person's stored preferences, unless the page set them.
  readonly #preferences = new PreferencesController(this, () => this.#services.services);
  readonly #sessions = new StoreController(this, NO_SESSIONS);
  readonly #messages = new StoreController(this, NO_MESSAGES);
  readonly #connection = new StoreController(this, IDLE);
  readonly #user = new StoreController(this, NO_USER);
  readonly #older = new OlderMessages(this);
  readonly #markdown = new MarkdownCache();
  readonly #scroll = new StickToBottomController(this, {
    scroller: () => this._scroller,
    items: () => this.#shown(),
    onNearTop: () => void this.#loadOlder(),
  });
  readonly #sessionList = new SessionListController(this, {
    services: () => this.#services.services,
    activeId: () => this._activeId,
    activate: (id, byUser) => this.#activate(id, byUser),
    fail: (error) => this.#fail(error),
    focusComposer: () => this.focus(),
  });
  readonly #composer = new ComposerController(this, {
    hub: () => this.#services.services?.hub,
    sessionId: () => this._activeId,
    commands: () => this.#commands(),
    listNames: () => {
      const api = this.#services.services?.api;
      return api && ((kind, namespace) => api.listNames(kind, namespace));
    },
    lastOwnMessage: () => [...this.#items()].reverse().find((m) => m.role === 'user')?.content,
    submit: (text) => void this.#send(text),
  });
  readonly #search = new SearchController(this, {
    api: () => this.#services.services?.api,
    sessionId: () => this._activeId,
    items: () => this.#shown(),
    load: (id) => this.#loadUntil(id),
    reveal: (index) => {
      this.#scroll.release();
      this.#scroll.scrollToIndex(index, 'center');
    },
    closed: () => this.focus(),
    fail: (error) => this.#fail(error),
  });
  readonly #share = new ShareDialog(this, {
    services: () => this.#services.services,
    sessionId: () => this._activeId,
    closed: () => this.focus(),
  });

  @query('textarea') private _input!: HTMLTextAreaElement;
  @query('[part~=messages]') private _scroller?: HTMLElement;

  @state() private _activeId: string | null = null;
  @state() private _announcement = '';
  @state() private _error: KubeChatError | null = null;
  @state() private _participants: readonly PresenceUser[] = [];
  /** The message the composer is replying to. */
  @state() private _replyTo: ChatMessageView | null = null;
  /** Roots of the threads folded away. */
  @state() private _collapsed: ReadonlySet<string> = new Set();
  /** Answers whose context the person cleared (no "Clear context" on them any more). */
  @state() private _clearedFor: ReadonlySet<string> = new Set();
  @state() private _contextCleared = false;

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

  /** Sound cues for every command run from this chat, even when the person's `sound` preference is off. */
  @property({ type: Boolean }) sound = false;

  readonly #announced = new Set<string>();
  #announcedSession: string | null = null;
  #restoredFromStorage = false;
  #itemsMemo: {
    stored: readonly unknown[];
    older: readonly ChatMessageView[];
    items: readonly ChatMessageView[];
  } | null = null;
  #threadsMemo: { items: readonly ChatMessageView[]; threads: Threads } | null = null;
  #shownMemo: {
    items: readonly ChatMessageView[];
    collapsed: ReadonlySet<string>;
    shown: readonly ChatMessageView[];
  } | null = null;

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
    if (this.noSessions) this.#sessionList.open = false;
    document.addEventListener('visibilitychange', this.#onVisible);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisible);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const stores = this.#services.services?.stores;
    this.#sessions.store = stores?.$sessions ?? NO_SESSIONS;
    this.#connection.store = stores?.$connection ?? IDLE;
    this.#user.store = stores?.$user ?? NO_USER;
    if (changed.has('sessionId') && this.sessionId) this.#activate(this.sessionId, false);
    if (stores) this.#pickSession();
    this.#messages.store = stores && this._activeId ? stores.messages(this._activeId) : NO_MESSAGES;
    this.#sessionList.unread.track(this.#sessions.value.items, this._activeId);
    this.#trackAnnouncements();
  }

  /** Without a chosen session: the remembered one, else the newest; a session deleted elsewhere is left. */
  #pickSession(): void {
    const sessions = this.#sessions.value;
    if (!this._activeId && !this.sessionId && !this.#restoredFromStorage) {
      this.#restoredFromStorage = true;
      const remembered = storage()?.getItem(LAST_SESSION_KEY);
      if (remembered) this.#activate(remembered, false);
    }
    if (!sessions.loaded || sessions.loading) {
      if (!this._activeId && sessions.items[0]) this.#activate(sessions.items[0].id, false);
      return;
    }
    const first = sessions.items[0];
    if (!first) return;
    if (!this._activeId) this.#activate(first.id, false);
    else if (this._activeId !== this.sessionId && !sessions.items.some((s) => s.id === this._activeId)) {
      this.#activate(first.id, false);
    }
  }

  /** Coming back to the page re-reads the session list, so sessions that changed elsewhere get marked unread. */
  readonly #onVisible = () => {
    if (document.visibilityState === 'visible' && !this.noSessions) {
      void this.#services.services?.stores.reloadSessions();
    }
  };

  #activate(sessionId: string | null, byUser: boolean): void {
    if (sessionId === this._activeId) return;
    const previous = this._activeId;
    this._activeId = sessionId;
    this.#composer.switchSession(previous, sessionId);
    this.#search.reset();
    this.#scroll.reset();
    this._participants = [];
    this._error = null;
    this._replyTo = null;
    if (this._collapsed.size) this._collapsed = new Set();
    this._contextCleared = false;
    if (sessionId) {
      this.#sessionList.unread.read(sessionId);
      if (this.#services.services) storage()?.setItem(LAST_SESSION_KEY, sessionId);
    } else {
      storage()?.removeItem(LAST_SESSION_KEY);
    }
    if (byUser) this.dispatchEvent(new SessionChangeEvent({ sessionId, previousSessionId: previous }));
  }

  /** Writes each new assistant message into the live region once (never the whole list). */
  #trackAnnouncements(): void {
    const items = this.#items();
    if (this.#announcedSession !== this._activeId) {
      if (this.#messages.value.loaded || !this.#services.services) {
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

  // Messages

  /** Older pages, then the store's (or the `messages` property's) messages. */
  #items(): readonly ChatMessageView[] {
    if (!this.#services.services) return this.messages;
    const stored = this.#messages.value.messages;
    const older = this.#older.of(this._activeId);
    // Read many times per update (render, search, completion, scrolling): build it once per change.
    const memo = this.#itemsMemo;
    if (memo?.stored === stored && memo.older === older) return memo.items;
    const current = stored.map(toView);
    const ids = new Set(current.map((m) => m.id));
    const items = older.length ? [...older.filter((m) => !ids.has(m.id)), ...current] : current;
    this.#itemsMemo = { stored, older, items };
    return items;
  }

  /** Who replies to whom, for the whole conversation. */
  #threads(): Threads {
    const items = this.#items();
    if (this.#threadsMemo?.items !== items) this.#threadsMemo = { items, threads: threadsOf(items) };
    return this.#threadsMemo.threads;
  }

  /** The messages on screen: all of them, less the threads folded away. */
  #shown(): readonly ChatMessageView[] {
    const items = this.#items();
    const memo = this.#shownMemo;
    if (memo?.items === items && memo.collapsed === this._collapsed) return memo.shown;
    const shown = visibleItems(items, this.#threads(), this._collapsed);
    this.#shownMemo = { items, collapsed: this._collapsed, shown };
    return shown;
  }

  #toggleThread(rootId: string): void {
    const collapsed = new Set(this._collapsed);
    if (!collapsed.delete(rootId)) collapsed.add(rootId);
    this._collapsed = collapsed;
  }

  async #startReply(message: ChatMessageView): Promise<void> {
    this._replyTo = message;
    await this.updateComplete;
    this.focus();
  }

  #cancelReply(): void {
    this._replyTo = null;
    this.focus();
  }

  /** Shows and focuses a message (a quote's parent), reading older history when it is not loaded yet. */
  async #jumpTo(id: string): Promise<void> {
    let index = this.#shown().findIndex((m) => m.id === id);
    if (index < 0 && (await this.#loadUntil(id))) {
      await this.updateComplete;
      index = this.#shown().findIndex((m) => m.id === id);
    }
    if (index < 0) {
      this._announcement = 'That message is no longer in this conversation.';
      return;
    }
    this.#scroll.release();
    this.#scroll.scrollToIndex(index, 'center');
    // The virtualizer renders the row on a later frame; give it a few.
    for (let frame = 0; frame < 30; frame++) {
      await this.updateComplete;
      const row = this.renderRoot.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"] article`);
      if (row) {
        row.focus();
        return;
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }

  /** The latest answer that used the conversation's context, while it may still be cleared. */
  #clearableContextId(): string | null {
    const items = this.#items();
    for (let i = items.length - 1; i >= 0; i--) {
      const m = items[i]!;
      if (m.role !== 'assistant' || !describeContext(m.metadata?.['command'] as CommandProposal | undefined))
        continue;
      return this._clearedFor.has(m.id) ? null : m.id;
    }
    return null;
  }

  /** Forgets what the conversation refers to on the server, so "scale it" asks which object again. */
  async #clearContext(messageId: string): Promise<void> {
    const api = this.#services.services?.api;
    const sessionId = this._activeId;
    if (!api || !sessionId) return;
    try {
      await api.clearContext(sessionId);
      if (sessionId !== this._activeId) return;
      this._clearedFor = new Set([...this._clearedFor, messageId]);
      this._contextCleared = true;
      this.focus();
    } catch (error) {
      this.#fail(error);
    }
  }

  /** True when there may be messages older than the first one shown. */
  #mayHaveOlder(sessionId: string): boolean {
    const first = this.#items()[0];
    const stored = this.#messages.value.messages.filter((m) => m.status === 'sent').length;
    return !!first && first.status === 'sent' && !this.#older.done(sessionId) && stored >= STORE_PAGE;
  }

  async #loadOlder(): Promise<void> {
    const api = this.#services.services?.api;
    const sessionId = this._activeId;
    if (!api || !sessionId || !this.#mayHaveOlder(sessionId)) return;
    const scroller = this._scroller;
    const fromBottom = scroller ? scroller.scrollHeight - scroller.scrollTop : 0;
    try {
      if (!(await this.#older.loadBefore(api, sessionId, this.#items()[0]!.id))) return;
      await this.updateComplete;
      // Keep the message the reader was looking at in place.
      if (scroller && this._activeId === sessionId) scroller.scrollTop = scroller.scrollHeight - fromBottom;
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Reads history back to message `id` (a search hit that was not loaded yet). */
  async #loadUntil(id: string): Promise<boolean> {
    const api = this.#services.services?.api;
    const sessionId = this._activeId;
    if (!api || !sessionId || !this.#mayHaveOlder(sessionId)) return false;
    return this.#older.loadUntil(api, sessionId, id, () => this.#items()[0]);
  }

  /** kubectl commands of the conversation: the person's own and the assistant's proposals. */
  *#commands(): Generator<string> {
    for (const m of this.#items()) {
      if (m.role === 'user') yield m.content;
      const proposal = m.metadata?.['command'] as { generatedCommand?: unknown } | undefined;
      if (typeof proposal?.generatedCommand === 'string') yield proposal.generatedCommand;
    }
  }

  async #retry(message: ChatMessageView): Promise<void> {
    const stores = this.#services.services?.stores;
    if (stores && message.clientMessageId) await stores.retryMessage(message.clientMessageId);
  }

  #fail(error: unknown): void {
    this._error = isKubeChatError(error)
      ? error
      : new KubeChatError({
          kind: 'server',
          serverMessage: String((error as Error)?.message ?? error),
          cause: error,
        });
  }

  async #send(text: string): Promise<void> {
    const content = text.trim();
    if (!content) return;
    const services = this.#services.services;
    if (services && isKubectl(content)) {
      try {
        const validation = await services.api.validateCommand(content);
        this.#composer.validation = validation;
        if (!validation.is_valid) return;
      } catch (error) {
        this.#fail(error);
        return;
      }
    }
    const parentId = this._replyTo?.id;
    const detail = { content, sessionId: this._activeId, ...(parentId ? { parentId } : {}) };
    if (!this.dispatchEvent(new MessageSendEvent(detail))) return;
    this.#composer.sent(this._activeId, content);
    this._replyTo = null;
    this._contextCleared = false;
    if (!services) return;
    // The server uses the person's default namespace only when the text names none (nor refers back to one).
    const namespace = this.#preferences.state?.value.default_namespace ?? undefined;
    try {
      let sessionId = this._activeId;
      if (!sessionId) {
        const session = await services.stores.createSession({ title: content.slice(0, 60) });
        this.#activate(session.id, true);
        sessionId = session.id;
      }
      this._error = null;
      this.#scroll.scrollToBottom();
      await services.stores.sendMessage(sessionId, content, {
        ...(parentId && sessionId === detail.sessionId ? { parentId } : {}),
        ...(namespace ? { namespace } : {}),
      });
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Builds the active conversation as Markdown or JSON and downloads it; returns the file. */
  exportSession(format: ExportFormat = 'markdown'): Blob {
    const session = this.#activeSession();
    const blob = exportBlob(session, this.#items(), format);
    if (this.isConnected) download(blob, exportFileName(session, format));
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

  async #usePrompt(prompt: string): Promise<void> {
    this.#composer.draft = prompt;
    await this.updateComplete;
    this.focus();
  }

  #activeSession(): ChatSession | undefined {
    return this.#sessions.value.items.find((s) => s.id === this._activeId);
  }

  #renderMessages(items: readonly ChatMessageView[], empty: boolean): TemplateResult {
    const hitIds = new Set(this.#search.hitIds());
    const currentId = this.#search.currentId();
    const query = this.#search.query;
    const threads = this.#threads();
    const readOnly = this.#activeSession()?.access === 'read';
    const clearable = this.#services.services ? this.#clearableContextId() : null;
    return html`<div
      part="messages"
      role="list"
      aria-label="Messages"
      tabindex="0"
      ?hidden=${empty}
      @scroll=${this.#scroll.onScroll}
      @wheel=${this.#scroll.onReaderScroll}
      @touchstart=${this.#scroll.onReaderScroll}
      @pointerdown=${this.#scroll.onReaderScroll}
      @keydown=${this.#scroll.onReaderScroll}
    >
      ${virtualize({
        items: items as ChatMessageView[],
        // Between a shorter list arriving and the virtualizer's next range, a re-render can ask for rows
        // past the end; those render nothing.
        keyFunction: (m: ChatMessageView | undefined, index: number) => m?.id ?? `gone-${index}`,
        renderItem: (m: ChatMessageView | undefined) =>
          !m
            ? html``
            : renderMessage(m, {
                sessionId: this._activeId,
                query,
                hit: hitIds.has(m.id),
                current: m.id === currentId,
                markdown: this.#markdown,
                retry: (message) => void this.#retry(message),
                thread: {
                  parent:
                    m.role === 'user' && m.parentId ? (threads.byId.get(m.parentId) ?? null) : undefined,
                  inThread: threads.rootOf.has(m.id),
                  replies: threads.replies.get(m.id) ?? 0,
                  collapsed: this._collapsed.has(m.id),
                  replyTarget: this._replyTo?.id === m.id,
                  reply: readOnly ? null : (message) => void this.#startReply(message),
                  jumpTo: (id) => void this.#jumpTo(id),
                  toggle: (id) => this.#toggleThread(id),
                },
                contextNote:
                  m.role === 'assistant'
                    ? describeContext(m.metadata?.['command'] as CommandProposal | undefined)
                    : null,
                clearContext: m.id === clearable ? () => void this.#clearContext(m.id) : null,
                sound: this.sound,
              }),
        scroller: true,
      })}
    </div>`;
  }

  override render() {
    const items = this.#shown();
    const services = this.#services.services;
    const session = this.#activeSession();
    const me = this.#user.value?.id;
    const others = this._participants.filter((p) => p.id !== me);
    const typing = others.filter((p) => p.typing).map((p) => p.username);
    const empty = !items.length && (!services || !this.#messages.value.loading);
    return html`<div part="base">
      ${this.noSessions || !services ? nothing : this.#sessionList.render(this.#sessions.value)}
      <section
        part="conversation"
        aria-label=${session?.title ?? 'Conversation'}
        @keydown=${(e: KeyboardEvent) => {
          // Escape leaves a reply (after the composer's own uses of it, such as closing completions).
          if (e.key === 'Escape' && this._replyTo && !e.defaultPrevented) {
            e.preventDefault();
            this.#cancelReply();
          }
        }}
      >
        ${renderToolbar({
          title: session?.title ?? 'Conversation',
          others,
          searchOpen: this.#search.open,
          canShare: !!services && !!this._activeId && (!session || session.access === 'owner'),
          onSearch: () => void this.#search.toggle(),
          onShare: () => this.#share.show(),
          onExport: (format) => this.exportSession(format),
        })}
        ${this.#search.render()} ${renderBanner(this.#connection.value)}
        ${renderError(this._error ?? this.#messages.value.error, () => {
          this._error = null;
          void services?.stores.reloadSessions();
        })}
        ${this.#sessionList.renderUndo()}
        <div class="messages-wrap">
          ${empty ? renderExamples((prompt) => void this.#usePrompt(prompt)) : nothing}
          ${this.#renderMessages(items, empty)}
          ${
            this.#scroll.newBelow
              ? html`<button
                  type="button"
                  part="new-messages"
                  @click=${() => {
                    this.#scroll.scrollToBottom();
                    this.focus();
                  }}
                >
                  New messages ↓
                </button>`
              : nothing
          }
        </div>
        <div class="visually-hidden" role="log" aria-live="polite" aria-relevant="additions text">
          ${this._announcement}
        </div>
        ${
          this._contextCleared
            ? html`<p part="context-cleared" class="context-cleared" role="status">
                Context cleared. Follow-ups no longer refer to earlier messages: name the object and its
                namespace, for example “scale deployment api in prod to 5”.
              </p>`
            : nothing
        }
        ${renderReplying(this._replyTo, () => this.#cancelReply())}
        ${this.#composer.render(typing, session?.access === 'read' ? session.ownerUsername : undefined)}
      </section>
      ${this.#share.render()}
    </div>`;
  }
}
