import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { virtualize, virtualizerRef, type VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import type { RangeChangedEvent } from '@lit-labs/virtualizer/events.js';
import { atom } from 'nanostores';
import {
  HubSubscriptionController,
  K8sElement,
  KubeChatError,
  ServicesController,
  StoreController,
  SAFETY_LEVELS,
  EXECUTION_STATUSES,
  type Execution,
  type ExecutionStats,
  type ExecutionStatus,
  type HubEvent,
  type KubeChatServices,
  type SafetyLevel,
  type User,
} from '@k8s-chat/core';
import { commandHistoryStyles } from './k8s-command-history.styles.js';
import { formatBytes, formatDuration, formatTime } from './format.js';
import { comparator, DEFAULT_SORT, matcher, normalizeSort, sinceMs, toIso, toQuery } from './filters.js';
import { streamExport } from './export.js';
import { HistoryFilterChangeEvent, HistorySelectEvent } from './events.js';
import {
  COMPACT_COLUMNS,
  EXPORT_FORMATS,
  HISTORY_COLUMNS,
  SORT_FIELDS,
  TIME_PRESETS,
  type ExportFormat,
  type ExportProgress,
  type HistoryColumn,
  type HistoryFilters,
  type HistoryState,
} from './k8s-command-history.types.js';

const PAGE_SIZE = 100;
const NO_USER = atom<User | null>(null);
const COLUMN_LABELS: Record<HistoryColumn, string> = {
  time: 'Time',
  user: 'User',
  command: 'Command',
  namespace: 'Namespace',
  safety: 'Safety',
  status: 'Status',
  duration: 'Duration',
};
const PRESET_LABELS: Record<string, string> = {
  '1h': 'Last hour',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
};

function isExecution(value: unknown): value is Execution {
  const v = value as Partial<Execution> | null;
  return !!v && typeof v.id === 'string' && typeof v.status === 'string' && typeof v.created_at === 'string';
}

function asError(error: unknown): KubeChatError {
  return error instanceof KubeChatError
    ? error
    : new KubeChatError({ kind: 'server', cause: error, serverMessage: null });
}

/**
 * The command history: an audit table of every execution the reader may see, with filters, sorting,
 * details, export and a summary. Give it a `base-url` (or put it inside a `<k8s-chat-provider>`).
 *
 * @customElement k8s-command-history
 * @tag k8s-command-history
 * @csspart base - The wrapper around everything.
 * @csspart filters - The filter bar.
 * @csspart summary - The summary strip.
 * @csspart chart - The executions-over-time chart.
 * @csspart grid - The table (ARIA grid).
 * @csspart header - The column header row.
 * @csspart column-header - Each column header.
 * @csspart scroller - The scrolling row group.
 * @csspart row - Each execution row.
 * @csspart cell - Each cell.
 * @csspart status-badge - The status in a row.
 * @csspart empty - The message shown when nothing matches.
 * @csspart loading - The loading message.
 * @csspart error - The error message with its retry button.
 * @csspart forbidden - The message shown when the reader may not see the history.
 * @csspart export - The export controls.
 * @csspart progress - The export progress.
 * @csspart export-error - The message shown when an export failed.
 * @csspart details - The details dialog.
 * @csspart output - The command output in the details dialog.
 * @cssprop --k8s-history-bg - Background of the table.
 * @cssprop --k8s-history-header-bg - Background of the column headers and the summary.
 * @cssprop --k8s-history-row-height - Height of one row (default 2.25rem; 1.75rem compact).
 * @cssprop --k8s-history-height - Height of the scrolling table (default 24rem; fills the host in compact).
 * @cssprop --k8s-history-bar-color - Colour of the chart bars.
 * @cssprop --k8s-history-failed-color - Colour of failures in the chart and status badges.
 * @cssprop --k8s-history-focus-color - Outline colour of the focused row.
 * @fires k8s-history-select - A reader opened an execution; `detail.execution`. Cancel it to keep the
 *   built-in details dialog closed.
 * @fires k8s-history-filter-change - A reader changed a filter or the sort; `detail.filters`.
 * @since 0.1.0
 */
export class K8sCommandHistory extends K8sElement {
  static override styles = [K8sElement.styles, commandHistoryStyles];

  readonly #services = new ServicesController(this, {
    onChange: () => {
      this.#loadedKey = null;
      this.#statsKey = null;
    },
  });
  readonly #user = new StoreController(this, NO_USER);
  readonly #hub = new HubSubscriptionController(this, {
    hub: () => this.#services.services?.hub,
    topics: () => {
      const user = this.#user.value;
      if (!user) return [];
      return user.role === 'admin' ? ['commands'] : [`user:${user.id}`];
    },
    onEvent: (event) => this.#onHubEvent(event),
    onResync: () => this.reload(),
  });

  @query('[part~="scroller"]') private _scroller!: (HTMLElement & VirtualizerHostElement) | null;
  @query('dialog') private _dialog!: HTMLDialogElement | null;

  @state() private _rows: readonly Execution[] = [];
  @state() private _total = 0;
  @state() private _state: HistoryState = 'idle';
  @state() private _pending = false;
  @state() private _loadingMore = false;
  @state() private _error: KubeChatError | null = null;
  @state() private _stats: ExecutionStats | null = null;
  @state() private _focusIndex = 0;
  @state() private _selected: Execution | null = null;
  @state() private _detailLoading = false;
  @state() private _detailError: KubeChatError | null = null;
  @state() private _export: ExportProgress | null = null;
  @state() private _exportError: KubeChatError | null = null;
  @state() private _exportFormat: ExportFormat = 'csv';
  @state() private _customRange = false;

  /** The server; used when no `<k8s-chat-provider>` is above the element. */
  @property({ attribute: 'base-url' }) baseUrl = '';
  /** Only executions in this status. */
  @property() status: ExecutionStatus | '' = '';
  /** Only executions of this safety level. */
  @property({ attribute: 'safety-level' }) safetyLevel: SafetyLevel | '' = '';
  /** Only executions of this chat session. */
  @property({ attribute: 'session-id' }) sessionId = '';
  /** Only this user's executions (admins only; everyone else always sees their own). */
  @property() user = '';
  /** Only executions in this namespace. */
  @property() namespace = '';
  /** A relative time range such as `1h`, `24h`, `7d`; ignored when `from` or `to` is set. */
  @property() since = '';
  /** Start of a custom range (ISO date-time). */
  @property() from = '';
  /** End of a custom range (ISO date-time). */
  @property() to = '';
  /** Free text over command, user and namespace. */
  @property() q = '';
  /** Sort field, `-` prefixed for descending: `-created_at` (default), `username`, `execution_time_ms`, … */
  @property() sort = DEFAULT_SORT;
  /** Sized for a dashboard panel or an entity card: fewer columns, no chart, small type. */
  @property({ type: Boolean, reflect: true }) compact = false;
  /** Hides the filter bar (the filters still apply). */
  @property({ type: Boolean, attribute: 'no-filters' }) noFilters = false;
  /** Hides the summary strip. */
  @property({ type: Boolean, attribute: 'no-summary' }) noSummary = false;
  /** Rows per server request (1–1000). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = PAGE_SIZE;
  /** Colour scheme: `light`, `dark`, or unset to follow the system. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  #loadedKey: string | null = null;
  #statsKey: string | null = null;
  #listAbort: AbortController | null = null;
  #statsAbort: AbortController | null = null;
  #exportAbort: AbortController | null = null;
  #generation = 0;
  #visible: { rows: readonly Execution[]; key: string; result: readonly Execution[] } | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#listAbort?.abort();
    this.#statsAbort?.abort();
    this.#exportAbort?.abort();
    this.#loadedKey = null;
    this.#statsKey = null;
  }

  /** The hub topics this element listens to for live updates (`user:<id>`, or `commands` for admins). */
  get liveTopics(): readonly string[] {
    return this.#hub.topics;
  }

  /** The filters in effect, as the attributes spell them. */
  get filters(): HistoryFilters {
    return {
      status: this.status,
      safetyLevel: this.safetyLevel,
      sessionId: this.sessionId,
      user: this.user,
      namespace: this.namespace,
      since: this.since,
      from: this.from,
      to: this.to,
      q: this.q,
      sort: normalizeSort(this.sort),
    };
  }

  /** What the view shows: `loading`, `ready`, `empty`, `error`, `forbidden` (or `idle` without services). */
  get viewState(): HistoryState {
    return this._state;
  }

  /** The rows shown now: loaded rows, filtered and sorted locally at once. */
  get visibleRows(): readonly Execution[] {
    const filters = this.filters;
    const key = JSON.stringify(filters);
    if (this.#visible && this.#visible.rows === this._rows && this.#visible.key === key) {
      return this.#visible.result;
    }
    const result = this._rows.filter(matcher(filters)).sort(comparator(filters.sort));
    this.#visible = { rows: this._rows, key, result };
    return result;
  }

  get #pageSize(): number {
    const size = Math.floor(this.pageSize);
    return Number.isFinite(size) ? Math.min(1000, Math.max(1, size)) : PAGE_SIZE;
  }

  get #isAdmin(): boolean {
    return this.#user.value?.role === 'admin';
  }

  get #columns(): readonly HistoryColumn[] {
    return this.compact ? COMPACT_COLUMNS : HISTORY_COLUMNS;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const services = this.#services.services;
    const $user = services?.stores.$user ?? NO_USER;
    if (this.#user.store !== $user) this.#user.store = $user;
    if (changed.has('from') || changed.has('to')) this._customRange = !!(this.from || this.to);
    // Started here, not in updated(), so the loading state lands in this same render.
    if (!services || !this.isConnected) return;
    const key = JSON.stringify(toQuery(this.filters));
    if (key !== this.#loadedKey) {
      this.#loadedKey = key;
      void this.#load(services);
    }
    const statsKey = JSON.stringify(this.#statsQuery());
    if (!this.noSummary && statsKey !== this.#statsKey) {
      this.#statsKey = statsKey;
      void this.#loadStats(services);
    }
  }

  #statsQuery() {
    const filters = this.filters;
    const from = toIso(filters.from);
    const to = toIso(filters.to);
    const since = sinceMs(filters.since);
    const query: { from?: string; to?: string; namespace?: string; buckets: number } = {
      buckets: this.compact ? 12 : 24,
    };
    if (from) query.from = from;
    else if (!to && since !== null) {
      // Rounded to the minute so re-renders do not ask again.
      query.from = new Date(Math.floor((Date.now() - since) / 60_000) * 60_000).toISOString();
    }
    if (to) query.to = to;
    if (filters.namespace) query.namespace = filters.namespace;
    return query;
  }

  async #load(services: KubeChatServices): Promise<void> {
    this.#listAbort?.abort();
    const abort = (this.#listAbort = new AbortController());
    const generation = ++this.#generation;
    this._pending = true;
    this._loadingMore = false;
    if (this._rows.length === 0 || this._state === 'error' || this._state === 'forbidden') {
      this._state = 'loading';
    }
    try {
      const list = await services.api.listExecutions(
        { ...toQuery(this.filters), limit: this.#pageSize, offset: 0 },
        { signal: abort.signal },
      );
      if (generation !== this.#generation) return;
      this._rows = list.executions;
      this._total = list.pagination.total;
      this._error = null;
      this._state = list.executions.length === 0 ? 'empty' : 'ready';
      this._focusIndex = Math.min(this._focusIndex, Math.max(0, list.executions.length - 1));
    } catch (error) {
      if (generation !== this.#generation || abort.signal.aborted) return;
      const err = asError(error);
      this._error = err;
      this._rows = [];
      this._total = 0;
      this._state = err.kind === 'forbidden' ? 'forbidden' : 'error';
    } finally {
      if (generation === this.#generation) this._pending = false;
    }
  }

  async #loadMore(): Promise<void> {
    const services = this.#services.services;
    if (!services || this._pending || this._loadingMore || this._rows.length >= this._total) return;
    const generation = this.#generation;
    this._loadingMore = true;
    try {
      const list = await services.api.listExecutions(
        { ...toQuery(this.filters), limit: this.#pageSize, offset: this._rows.length },
        { signal: this.#listAbort?.signal },
      );
      if (generation !== this.#generation) return;
      const known = new Set(this._rows.map((row) => row.id));
      this._rows = [...this._rows, ...list.executions.filter((row) => !known.has(row.id))];
      this._total = list.pagination.total;
    } catch {
      // Scrolling again retries; the rows already shown stay.
    } finally {
      if (generation === this.#generation) this._loadingMore = false;
    }
  }

  async #loadStats(services: KubeChatServices): Promise<void> {
    this.#statsAbort?.abort();
    const abort = (this.#statsAbort = new AbortController());
    try {
      this._stats = await services.api.stats(this.#statsQuery(), { signal: abort.signal });
    } catch {
      if (!abort.signal.aborted) this._stats = null;
    }
  }

  #onHubEvent(event: HubEvent): void {
    const execution = event.payload;
    if (!isExecution(execution)) return;
    const index = this._rows.findIndex((row) => row.id === execution.id);
    if (index !== -1) {
      const rows = [...this._rows];
      rows[index] = execution;
      this._rows = rows;
    } else if (matcher(this.filters)(execution)) {
      const before = this.visibleRows;
      const scroller = this._scroller;
      const compare = comparator(this.filters.sort);
      const position = before.findIndex((row) => compare(execution, row) < 0);
      const insertAt = position === -1 ? before.length : position;
      // Beyond the loaded pages it arrives with paging; above the reader, keep what they are reading in place.
      if (insertAt === before.length && this._rows.length < this._total) {
        this._total += 1;
        return;
      }
      this._rows = [execution, ...this._rows];
      this._total += 1;
      if (this._state === 'empty') this._state = 'ready';
      if (scroller && scroller.scrollTop > 0) {
        const first = scroller.querySelector<HTMLElement>('[role="row"]');
        const firstIndex = Number(first?.dataset.index ?? 0);
        const height = first?.getBoundingClientRect().height ?? 0;
        const top = scroller.scrollTop;
        if (insertAt <= firstIndex + Math.floor(top / Math.max(height, 1))) {
          void this.updateComplete.then(() => {
            scroller.scrollTop = top + height;
          });
        }
        if (insertAt <= this._focusIndex) this._focusIndex += 1;
      }
    }
    if (this._selected?.id === execution.id) this._selected = { ...this._selected, ...execution };
  }

  // Handlers

  #changeFilters(patch: Partial<Record<keyof HistoryFilters, string>>): void {
    Object.assign(this, patch);
    this._focusIndex = 0;
    // Built first so the manifest analyzer takes the event names from the @fires tags.
    const event = new HistoryFilterChangeEvent(this.filters);
    this.dispatchEvent(event);
  }

  #onSelect = (key: 'status' | 'safetyLevel') => (e: Event) => {
    this.#changeFilters({ [key]: (e.target as HTMLSelectElement).value });
  };

  #onText = (key: 'q' | 'namespace' | 'user' | 'sessionId') => (e: Event) => {
    this.#changeFilters({ [key]: (e.target as HTMLInputElement).value });
  };

  #onRange = (e: Event) => {
    const value = (e.target as HTMLSelectElement).value;
    if (value === 'custom') {
      this._customRange = true;
      return;
    }
    this._customRange = false;
    this.#changeFilters({ since: value, from: '', to: '' });
  };

  #onDate = (key: 'from' | 'to') => (e: Event) => {
    const value = (e.target as HTMLInputElement).value;
    this.#changeFilters({ [key]: value ? toIso(value) : '' });
  };

  #onSort(column: HistoryColumn): void {
    const field = SORT_FIELDS[column];
    const current = normalizeSort(this.sort);
    const next =
      current === `-${field}`
        ? field
        : current === field
          ? `-${field}`
          : column === 'time' || column === 'duration'
            ? `-${field}`
            : field;
    this.#changeFilters({ sort: next });
  }

  #onRangeChanged = (e: RangeChangedEvent) => {
    if (e.last >= this.visibleRows.length - 20) void this.#loadMore();
  };

  #onGridKeydown = (e: KeyboardEvent) => {
    const rows = this.visibleRows;
    if (rows.length === 0 || !(e.target as HTMLElement).matches('[role="row"]')) return;
    const page = Math.max(1, Math.floor((this._scroller?.clientHeight ?? 300) / this.#rowHeight()) - 1);
    let next = this._focusIndex;
    switch (e.key) {
      case 'ArrowDown':
        next += 1;
        break;
      case 'ArrowUp':
        next -= 1;
        break;
      case 'PageDown':
        next += page;
        break;
      case 'PageUp':
        next -= page;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = rows.length - 1;
        break;
      case 'Enter':
      case ' ':
        e.preventDefault();
        this.#open(rows[this._focusIndex]);
        return;
      default:
        return;
    }
    e.preventDefault();
    void this.focusRow(Math.max(0, Math.min(rows.length - 1, next)));
  };

  #rowHeight(): number {
    const row = this._scroller?.querySelector<HTMLElement>('[role="row"]');
    return row?.getBoundingClientRect().height || 36;
  }

  #open(execution: Execution | undefined): void {
    if (!execution) return;
    // Cancelling the event keeps the built-in details closed (the host shows its own).
    const event = new HistorySelectEvent(execution);
    if (this.dispatchEvent(event)) void this.showDetails(execution);
  }

  #onExport = async () => {
    const services = this.#services.services;
    if (!services || this._export) return;
    this.#exportAbort?.abort();
    const abort = (this.#exportAbort = new AbortController());
    const format = this._exportFormat;
    const query = { ...toQuery(this.filters), format };
    this._exportError = null;
    this._export = { format, bytes: 0, rows: 0, total: null };
    try {
      const result = await streamExport(services, query, {
        signal: abort.signal,
        onProgress: (progress) => {
          this._export = progress;
        },
      });
      const url = URL.createObjectURL(result.blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = result.filename;
      link.hidden = true;
      this.renderRoot.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      if (!abort.signal.aborted) this._exportError = asError(error);
    } finally {
      this._export = null;
    }
  };

  // Public methods

  /** Reads the first page again (after an error, or to refresh). */
  reload(): void {
    this.#loadedKey = null;
    this.#statsKey = null;
    this.requestUpdate();
  }

  /** Moves the roving focus to a row (index into `visibleRows`), scrolling it into view. */
  async focusRow(index: number): Promise<void> {
    if (!this.isConnected) return;
    this._focusIndex = index;
    await this.updateComplete;
    const scroller = this._scroller;
    const virtualizer = scroller?.[virtualizerRef];
    if (!scroller || !virtualizer) return;
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    for (let attempt = 0; attempt < 30; attempt++) {
      const row = scroller.querySelector<HTMLElement>(`[role="row"][data-index="${index}"]`);
      const box = row?.getBoundingClientRect();
      const view = scroller.getBoundingClientRect();
      if (row && box && box.top >= view.top - 1 && box.bottom <= view.bottom + 1) {
        row.focus({ preventScroll: true });
        return;
      }
      if (attempt % 5 === 0) virtualizer.element(index)?.scrollIntoView({ block: 'nearest' });
      // layoutComplete only settles when a layout is pending, so never wait on it alone.
      await Promise.race([virtualizer.layoutComplete.catch(() => undefined), frame()]);
      await frame();
    }
    scroller.querySelector<HTMLElement>(`[role="row"][data-index="${index}"]`)?.focus();
  }

  /** Opens the details of an execution (fetches its output); does not fire `k8s-history-select`. */
  async showDetails(execution: Execution): Promise<void> {
    if (!this.isConnected) return;
    this._selected = execution;
    this._detailError = null;
    await this.updateComplete;
    if (this._dialog && !this._dialog.open) this._dialog.showModal();
    const services = this.#services.services;
    if (!services) return;
    this._detailLoading = true;
    try {
      const full = await services.api.getExecution(execution.id);
      if (this._selected?.id === execution.id) this._selected = full;
    } catch (error) {
      if (this._selected?.id === execution.id) this._detailError = asError(error);
    } finally {
      this._detailLoading = false;
    }
  }

  /** Closes the details. */
  closeDetails(): void {
    this._dialog?.close();
    this._selected = null;
  }

  // Rendering

  #renderFilters() {
    if (this.noFilters) return nothing;
    const presetValue = this._customRange
      ? 'custom'
      : (TIME_PRESETS as readonly string[]).includes(this.since)
        ? this.since
        : '';
    const local = (iso: string) =>
      iso
        ? new Date(Date.parse(iso) - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
        : '';
    return html`<form
      part="filters"
      role="search"
      aria-label="Filter the command history"
      @submit=${(e: Event) => e.preventDefault()}
    >
      <label
        >Search
        <input type="search" name="q" .value=${this.q} @input=${this.#onText('q')} />
      </label>
      <label
        >Status
        <select name="status" @change=${this.#onSelect('status')}>
          <option value="" ?selected=${!this.status}>Any</option>
          ${EXECUTION_STATUSES.map(
            (s) => html`<option value=${s} ?selected=${this.status === s}>${s.replace('_', ' ')}</option>`,
          )}
        </select>
      </label>
      <label
        >Safety
        <select name="safety-level" @change=${this.#onSelect('safetyLevel')}>
          <option value="" ?selected=${!this.safetyLevel}>Any</option>
          ${SAFETY_LEVELS.map((s) => html`<option value=${s} ?selected=${this.safetyLevel === s}>${s}</option>`)}
        </select>
      </label>
      ${
        this.compact
          ? nothing
          : html`<label
                >Namespace
                <input name="namespace" .value=${this.namespace} @change=${this.#onText('namespace')} />
              </label>
              <label
                >Session
                <input name="session-id" .value=${this.sessionId} @change=${this.#onText('sessionId')} />
              </label>`
      }
      ${
        this.#isAdmin
          ? html`<label
              >User
              <input name="user" .value=${this.user} @change=${this.#onText('user')} />
            </label>`
          : nothing
      }
      <label
        >Time
        <select name="range" @change=${this.#onRange}>
          <option value="" ?selected=${presetValue === ''}>Any time</option>
          ${TIME_PRESETS.map(
            (p) => html`<option value=${p} ?selected=${presetValue === p}>${PRESET_LABELS[p]}</option>`,
          )}
          <option value="custom" ?selected=${presetValue === 'custom'}>Custom…</option>
        </select>
      </label>
      ${
        this._customRange
          ? html`<label
                >From
                <input
                  type="datetime-local"
                  name="from"
                  .value=${local(this.from)}
                  @change=${this.#onDate('from')}
                />
              </label>
              <label
                >To
                <input
                  type="datetime-local"
                  name="to"
                  .value=${local(this.to)}
                  @change=${this.#onDate('to')}
                />
              </label>`
          : nothing
      }
      ${this.#renderExport()}
    </form>`;
  }

  #renderExport() {
    const progress = this._export;
    return html`<div part="export">
      <label
        >Export as
        <select
          name="format"
          @change=${(e: Event) => (this._exportFormat = (e.target as HTMLSelectElement).value as ExportFormat)}
        >
          ${EXPORT_FORMATS.map(
            (f) => html`<option value=${f} ?selected=${this._exportFormat === f}>${f.toUpperCase()}</option>`,
          )}
        </select>
      </label>
      <button
        type="button"
        name="export"
        ?disabled=${!!progress || this._state === 'forbidden'}
        @click=${this.#onExport}
      >
        Export
      </button>
      ${
        progress
          ? html`<span part="progress" role="status">
              <progress
                aria-label="Export progress"
                max=${progress.total ?? 1}
                .value=${progress.total ? Math.min(progress.rows, progress.total) : 0}
              ></progress>
              ${progress.rows}${progress.total !== null ? ` of ${progress.total}` : ''} rows,
              ${formatBytes(progress.bytes)}
            </span>`
          : nothing
      }
      ${
        this._exportError
          ? html`<span part="export-error" role="alert">Export failed. ${this._exportError.hint}</span>`
          : nothing
      }
    </div>`;
  }

  #renderSummary() {
    if (this.noSummary || !this._stats || this._state === 'forbidden') return nothing;
    const s = this._stats;
    const rate = `${Math.round(s.success_rate * (s.success_rate <= 1 ? 100 : 1))} %`;
    return html`<section part="summary" aria-label="Summary">
      <dl>
        <div>
          <dt>Executions</dt>
          <dd>${s.total_executions}</dd>
        </div>
        <div>
          <dt>Success rate</dt>
          <dd>${rate}</dd>
        </div>
        <div>
          <dt>Average duration</dt>
          <dd>${formatDuration(s.average_time_ms)}</dd>
        </div>
        ${
          this.compact
            ? nothing
            : html`<div>
                <dt>Top resources</dt>
                <dd>
                  ${
                    s.top_resources
                      .slice(0, 3)
                      .map((r) => `${r.resource} (${r.count})`)
                      .join(', ') || '—'
                  }
                </dd>
              </div>`
        }
      </dl>
      ${this.compact ? nothing : this.#renderChart(s)}
    </section>`;
  }

  #renderChart(s: ExecutionStats) {
    const series = s.series;
    if (series.length === 0) return nothing;
    const max = Math.max(1, ...series.map((b) => b.total));
    const width = 100 / series.length;
    const peak = series.reduce((a, b) => (b.total > a.total ? b : a), series[0]!);
    const label = `Executions over time: ${s.total_executions} in ${series.length} intervals from ${formatTime(s.from)} to ${formatTime(s.to)}; busiest ${formatTime(peak.start)} with ${peak.total} (${peak.failed} failed).`;
    return html`<svg
      part="chart"
      role="img"
      aria-label=${label}
      viewBox="0 0 100 40"
      preserveAspectRatio="none"
    >
      ${series.map((b, i) => {
        const h = (b.total / max) * 40;
        const f = (b.failed / max) * 40;
        return svg`<rect class="bar" x=${i * width + width * 0.1} y=${40 - h} width=${width * 0.8} height=${h}></rect>
          <rect class="failed" x=${i * width + width * 0.1} y=${40 - f} width=${width * 0.8} height=${f}></rect>`;
      })}
    </svg>`;
  }

  #renderCell(column: HistoryColumn, row: Execution): TemplateResult {
    switch (column) {
      case 'time':
        return html`<time datetime=${row.created_at}>${formatTime(row.created_at, this.compact)}</time>`;
      case 'user':
        return html`${row.username}`;
      case 'command':
        return html`<code>${row.command}</code>`;
      case 'namespace':
        return html`${row.namespace ?? '—'}`;
      case 'safety':
        return html`<span class="safety" data-level=${row.safety_level}>${row.safety_level}</span>`;
      case 'status':
        return html`<span part="status-badge" data-status=${row.status}
          >${row.status.replace('_', ' ')}</span
        >`;
      case 'duration':
        return html`${formatDuration(row.execution_time_ms)}`;
    }
  }

  #renderRow = (row: Execution | undefined, index: number): TemplateResult =>
    row ? this.#renderRealRow(row, index) : html``;

  #renderRealRow = (row: Execution, index: number): TemplateResult =>
    html`<div
      role="row"
      part="row"
      aria-rowindex=${index + 2}
      data-index=${index}
      data-id=${row.id}
      tabindex=${index === this._focusIndex ? 0 : -1}
      @click=${() => {
        this._focusIndex = index;
        this.#open(row);
      }}
      @keydown=${this.#onGridKeydown}
      @focus=${() => (this._focusIndex = index)}
    >
      ${this.#columns.map(
        (column) =>
          html`<div role="gridcell" part="cell" class=${column}>${this.#renderCell(column, row)}</div>`,
      )}
    </div>`;

  #renderGrid() {
    const rows = this.visibleRows;
    const sort = normalizeSort(this.sort);
    const count = (this._pending ? rows.length : Math.max(this._total, rows.length)) + 1;
    return html`<div
      part="grid"
      role="grid"
      aria-label="Command history"
      aria-rowcount=${count}
      aria-colcount=${this.#columns.length}
      aria-busy=${this._pending || this._loadingMore ? 'true' : 'false'}
    >
      <div role="rowgroup" class="head">
        <div role="row" part="header" aria-rowindex="1">
          ${this.#columns.map((column) => {
            const field = SORT_FIELDS[column];
            const ariaSort = sort === field ? 'ascending' : sort === `-${field}` ? 'descending' : 'none';
            return html`<div role="columnheader" part="column-header" class=${column} aria-sort=${ariaSort}>
              <button type="button" data-column=${column} @click=${() => this.#onSort(column)}>
                ${COLUMN_LABELS[column]}<span aria-hidden="true"
                  >${ariaSort === 'ascending' ? ' ▲' : ariaSort === 'descending' ? ' ▼' : ''}</span
                >
              </button>
            </div>`;
          })}
        </div>
      </div>
      <div role="rowgroup" part="scroller" class="body" @rangeChanged=${this.#onRangeChanged}>
        ${virtualize({
          items: rows as Execution[],
          renderItem: this.#renderRow,
          // The virtualizer may ask about indexes past the end for a moment after the list shrinks.
          keyFunction: (row: Execution | undefined, index: number) => row?.id ?? `gone-${index}`,
          scroller: true,
        })}
      </div>
    </div>`;
  }

  #renderBody() {
    switch (this._state) {
      case 'idle':
        return html`<p part="empty">Set <code>base-url</code> or place this inside a k8s-chat provider.</p>`;
      case 'loading':
        return html`<p part="loading" role="status">Loading command history…</p>`;
      case 'forbidden':
        return html`<div part="forbidden" role="alert">
          <p>You do not have permission to see this command history.</p>
          <p>${this._error?.hint}</p>
        </div>`;
      case 'error':
        return html`<div part="error" role="alert">
          <p>The command history could not be loaded. ${this._error?.hint}</p>
          <button type="button" name="retry" @click=${() => this.reload()}>Retry</button>
        </div>`;
      default:
        if (this.visibleRows.length === 0 && !this._pending) {
          return html`<p part="empty" role="status">No commands match these filters.</p>`;
        }
        return this.#renderGrid();
    }
  }

  #renderDetails() {
    const e = this._selected;
    const steps: [string, string | null][] = e
      ? [
          ['Created', e.created_at],
          ['Approved', e.approved_at],
          ['Executed', e.executed_at],
          ['Completed', e.completed_at],
        ]
      : [];
    return html`<dialog
      part="details"
      aria-labelledby="details-title"
      @close=${() => (this._selected = null)}
    >
      ${
        e
          ? html`<h2 id="details-title">Execution ${e.id}</h2>
              <pre class="command">${e.command}</pre>
              <dl class="facts">
                <div>
                  <dt>User</dt>
                  <dd>${e.username}</dd>
                </div>
                <div>
                  <dt>Namespace</dt>
                  <dd>${e.namespace ?? '—'}</dd>
                </div>
                <div>
                  <dt>Safety</dt>
                  <dd>${e.safety_level}</dd>
                </div>
                <div>
                  <dt>Status</dt>
                  <dd>${e.status.replace('_', ' ')}</dd>
                </div>
                <div>
                  <dt>Exit code</dt>
                  <dd>${e.exit_code ?? '—'}</dd>
                </div>
                <div>
                  <dt>Duration</dt>
                  <dd>${formatDuration(e.execution_time_ms)}</dd>
                </div>
              </dl>
              <h3>Approval</h3>
              ${this.#renderApproval(e)}
              <h3>Timeline</h3>
              <ol class="timeline">
                ${steps.map(
                  ([label, at]) =>
                    html`<li ?data-done=${!!at}>
                      ${label}: ${at ? html`<time datetime=${at}>${formatTime(at)}</time>` : 'not yet'}
                    </li>`,
                )}
              </ol>
              <h3>Output</h3>
              ${
                this._detailLoading
                  ? html`<p role="status">Loading output…</p>`
                  : this._detailError
                    ? html`<p role="alert">${this._detailError.hint}</p>`
                    : html`<pre part="output" tabindex="0">
${e.output || e.error_message || '(no output)'}</pre>
                        ${e.output_truncated ? html`<p>The output was truncated.</p>` : nothing}`
              }
              <button type="button" name="close" @click=${() => this.closeDetails()}>Close</button>`
          : nothing
      }
    </dialog>`;
  }

  #renderApproval(e: Execution) {
    if (!e.approval_id && e.safety_level === 'safe') return html`<p>Not needed (safe command).</p>`;
    const decided =
      e.status === 'rejected' ? 'Rejected' : e.approved_at ? 'Approved' : 'Waiting for approval';
    return html`<ul class="approval">
      <li>Requested by ${e.username} at <time datetime=${e.created_at}>${formatTime(e.created_at)}</time></li>
      <li>
        ${decided}${
          e.approved_at
            ? html` at <time datetime=${e.approved_at}>${formatTime(e.approved_at)}</time>`
            : e.status === 'rejected'
              ? html` at <time datetime=${e.updated_at}>${formatTime(e.updated_at)}</time>`
              : nothing
        }
      </li>
      ${e.reasons.length ? html`<li>Why approval was needed: ${e.reasons.join('; ')}</li>` : nothing}
      ${e.status === 'rejected' && e.error_message ? html`<li>Reason: ${e.error_message}</li>` : nothing}
    </ul>`;
  }

  override render() {
    const total = this._state === 'ready' ? `${this._total} executions` : '';
    return html`<div part="base" class="base">
      ${this.#renderFilters()} ${this.#renderSummary()}
      <p class="visually-hidden" role="status">${total}</p>
      ${this.#renderBody()} ${this.#renderDetails()}
    </div>`;
  }
}
