import { html, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { virtualizerRef, type VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import type { RangeChangedEvent } from '@lit-labs/virtualizer/events.js';
import { atom } from 'nanostores';
import {
  $strings,
  errorNoticeStyles,
  formatString,
  HubSubscriptionController,
  K8sElement,
  PreferencesController,
  ServicesController,
  StoreController,
  type Execution,
  type ExecutionDetail,
  type ExecutionStatus,
  type ExportProgress,
  type HubEvent,
  type KubeChatError,
  type SafetyLevel,
  type StatsQuery,
  type User,
} from '@k8s-chat/core';
import { commandHistoryStyles } from './k8s-command-history.styles.js';
import { DEFAULT_SORT, normalizeSort, sinceMs, toIso, toQuery } from './filters.js';
import { LocalFilter } from './local-filter.js';
import { HistoryFilterChangeEvent, HistorySelectEvent } from './events.js';
import { asKubeChatError, HistoryLoader } from './history-loader.js';
import { isExecution, mergeLive } from './live-rows.js';
import { moveCell, type GridCell } from './grid-keyboard.js';
import { renderFilterBar } from './filter-bar.js';
import { renderExportControls } from './export-controls.js';
import { renderSummary } from './summary-strip.js';
import { createRowRenderer, renderGrid, type GridView } from './history-grid.js';
import { renderState } from './states.js';
import { renderDetails } from './details-dialog.js';
import { saveBlob } from './download.js';
import {
  COMPACT_COLUMNS,
  HISTORY_COLUMNS,
  SORT_FIELDS,
  type ExportFormat,
  type HistoryColumn,
  type HistoryFilters,
  type HistoryState,
} from './k8s-command-history.types.js';

const PAGE_SIZE = 100;
const NO_USER = atom<User | null>(null);

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
 * @csspart error-notice - The error itself (what happened, what to do, the support reference), in the
 *   error and no-permission states.
 * @csspart error-reference - The support reference (the server's request id) inside an error notice.
 * @csspart details-error - The error shown in the details dialog when the output could not be read.
 * @csspart redaction - A value the server hid (`[REDACTED <kind>]`) in the details' command or output.
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
 * @cssprop --k8s-history-focus-color - Outline colour of the focused cell.
 * @fires k8s-history-select - A reader opened an execution; `detail.execution`. Cancel it to keep the
 *   built-in details dialog closed.
 * @fires k8s-history-filter-change - A reader changed a filter or the sort; `detail.filters`.
 * @since 0.1.0
 */
export class K8sCommandHistory extends K8sElement {
  static override styles = [K8sElement.styles, errorNoticeStyles, commandHistoryStyles];

  readonly #services = new ServicesController(this, { onChange: () => this.#loader.forget() });
  readonly #loader = new HistoryLoader(this);
  readonly #user = new StoreController(this, NO_USER);
  // Re-renders when the host replaces the strings (another language).
  readonly #strings = new StoreController(this, $strings);
  readonly #hub = new HubSubscriptionController(this, {
    hub: () => this.#services.services?.hub,
    topics: () => {
      const user = this.#user.value;
      if (!user) return [];
      return user.role === 'admin' ? ['commands'] : [`user:${user.id}`];
    },
    onEvent: (event) => this.#onHubEvent(event),
    onResync: () => this.reload(),
    // Rows read before the subscription was live may have changed unseen (a run finishing meanwhile).
    onSubscribed: () => {
      if (this.#loader.state !== 'idle') this.reload();
    },
  });

  @query('[part~="scroller"]') private _scroller!: (HTMLElement & VirtualizerHostElement) | null;
  @query('dialog') private _dialog!: HTMLDialogElement | null;

  @state() private _focus: GridCell = { row: 0, col: 0 };
  @state() private _selected: ExecutionDetail | null = null;
  @state() private _detailLoading = false;
  @state() private _detailError: KubeChatError | null = null;
  @state() private _export: ExportProgress | null = null;
  @state() private _exportError: KubeChatError | null = null;
  @state() private _exportDone: number | null = null;
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

  #exportAbort: AbortController | null = null;
  #gridView: GridView | null = null;
  #focusRequest = 0;
  readonly #renderRow = createRowRenderer(() => this.#gridView!);
  #visible: { rows: readonly Execution[]; key: string; result: readonly Execution[] } | null = null;
  readonly #localFilter = new LocalFilter();
  #prepared: { rows: readonly Execution[]; sort: string } | null = null;

  constructor() {
    super();
    // Applies the signed-in person's theme and compact choice, unless the page set those attributes
    // itself. It registers itself with the element; nothing here needs to read it.
    new PreferencesController(this, () => this.#services.services);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#exportAbort?.abort();
    this.#localFilter.stop();
    this.#prepared = null;
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
    return this.#loader.state;
  }

  /** The rows shown now: loaded rows, filtered and sorted locally at once. */
  get visibleRows(): readonly Execution[] {
    const filters = this.filters;
    const key = JSON.stringify(filters);
    const rows = this.#loader.rows;
    if (this.#visible && this.#visible.rows === rows && this.#visible.key === key)
      return this.#visible.result;
    const result = this.#localFilter.apply(rows, filters);
    this.#visible = { rows, key, result };
    return result;
  }

  get #pageSize(): number {
    const size = Math.floor(this.pageSize);
    return Number.isFinite(size) ? Math.min(1000, Math.max(1, size)) : PAGE_SIZE;
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
    this.#loader.sync(
      services.api,
      toQuery(this.filters),
      this.#pageSize,
      this.noSummary ? null : this.#statsQuery(),
    );
  }

  protected override updated(): void {
    // New rows or a new order: index them for the local filter while the browser is idle, before the
    // reader types.
    const rows = this.#loader.rows;
    const sort = normalizeSort(this.sort);
    if (rows !== this.#prepared?.rows || sort !== this.#prepared.sort) {
      this.#prepared = { rows, sort };
      this.#localFilter.prepare(rows, sort);
    }
  }

  #statsQuery(): StatsQuery {
    const filters = this.filters;
    const from = toIso(filters.from);
    const to = toIso(filters.to);
    const since = sinceMs(filters.since);
    const query: { from?: string; to?: string; namespace?: string; buckets: number } = {
      buckets: this.compact ? 12 : 24,
    };
    if (from) query.from = from;
    // Rounded to the minute so re-renders do not ask again.
    else if (!to && since !== null) {
      query.from = new Date(Math.floor((Date.now() - since) / 60_000) * 60_000).toISOString();
    }
    if (to) query.to = to;
    if (filters.namespace) query.namespace = filters.namespace;
    return query;
  }

  #onHubEvent(event: HubEvent): void {
    const execution = event.payload;
    // `user:<id>` also carries the reader's `approval` events, which look a little like executions.
    if (event.type !== 'execution' || !isExecution(execution)) return;
    const loader = this.#loader;
    const scroller = this._scroller;
    const top = scroller?.scrollTop ?? 0;
    const merged = mergeLive(loader.rows, loader.total, this.visibleRows, execution, this.filters);
    loader.replace(merged.rows, merged.total);
    if (this._selected?.id === execution.id) this._selected = { ...this._selected, ...execution };
    if (merged.insertedAt === null) return;
    if (merged.insertedAt <= this._focus.row) this._focus = { ...this._focus, row: this._focus.row + 1 };
    // A row added above what the reader is looking at pushes it down by a row: scroll by the same amount.
    if (scroller && top > 0) {
      const height = this.#rowHeight();
      if (merged.insertedAt * height <= top) {
        void this.updateComplete.then(() => (scroller.scrollTop = top + height));
      }
    }
  }

  // Handlers

  #changeFilters = (patch: Partial<Record<keyof HistoryFilters, string>>): void => {
    Object.assign(this, patch);
    this._focus = { row: 0, col: this._focus.col };
    // Built first so the manifest analyzer takes the event names from the @fires tags.
    const event = new HistoryFilterChangeEvent(this.filters);
    this.dispatchEvent(event);
  };

  #onSort = (column: HistoryColumn): void => {
    const field = SORT_FIELDS[column];
    const current = normalizeSort(this.sort);
    const firstDirection = column === 'time' || column === 'duration' ? `-${field}` : field;
    const next = current === `-${field}` ? field : current === field ? `-${field}` : firstDirection;
    const focus = this._focus;
    this.#changeFilters({ sort: next });
    // Sorting from the header keeps the focus on that header.
    this._focus = focus;
  };

  #onRangeChanged = (e: RangeChangedEvent) => {
    const services = this.#services.services;
    // The virtualizer reports a range while the grid is being taken down too (a sign-out removes it):
    // only a connected grid with someone signed in pages on.
    if (!services || !this.isConnected || services.auth.$state.get().status === 'signed-out') return;
    const api = services.api;
    if (e.last >= this.visibleRows.length - 20) {
      void this.#loader.loadMore(api, toQuery(this.filters), this.#pageSize);
    }
  };

  #onGridKeydown = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    const onHeader = target.matches('[role="columnheader"] button');
    if (!onHeader && !target.matches('[role="gridcell"]')) return;
    const rows = this.visibleRows;
    if (!onHeader && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      const row = rows[this._focus.row];
      if (row) this.#open(row);
      return;
    }
    const page = Math.max(1, Math.floor((this._scroller?.clientHeight ?? 300) / this.#rowHeight()) - 1);
    const next = moveCell(e.key, e.ctrlKey || e.metaKey, this._focus, {
      rows: rows.length,
      cols: this.#columns.length,
      page,
    });
    if (!next) return;
    e.preventDefault();
    void this.focusCell(next.row, next.col);
  };

  #rowHeight(): number {
    const row = this._scroller?.querySelector<HTMLElement>('[role="row"]');
    return row?.getBoundingClientRect().height || 36;
  }

  #open = (execution: Execution): void => {
    // Cancelling the event keeps the built-in details closed (the host shows its own).
    const event = new HistorySelectEvent(execution);
    if (this.dispatchEvent(event)) void this.showDetails(execution);
  };

  #onExport = async () => {
    const services = this.#services.services;
    if (!services || this._export) return;
    const abort = (this.#exportAbort = new AbortController());
    const format = this._exportFormat;
    this._exportError = null;
    this._exportDone = null;
    this._export = { format, bytes: 0, rows: 0, total: null };
    try {
      const result = await services.api.exportExecutions(
        { ...toQuery(this.filters), format },
        { signal: abort.signal, onProgress: (progress) => (this._export = progress) },
      );
      saveBlob(this.renderRoot, result.blob, result.filename ?? `kubechat-executions.${format}`);
      this._exportDone = result.rows;
    } catch (error) {
      if (!abort.signal.aborted) this._exportError = asKubeChatError(error);
    } finally {
      this._export = null;
    }
  };

  // Public methods

  /** Reads the first page and the summary again (after an error, or to refresh). */
  reload(): void {
    this.#loader.forget();
    this.requestUpdate();
  }

  /** Stops a running export; nothing is downloaded. */
  cancelExport(): void {
    this.#exportAbort?.abort();
  }

  /** Moves the roving focus to a data row (index into `visibleRows`), scrolling it into view. */
  focusRow(index: number): Promise<void> {
    return this.focusCell(index, this._focus.col);
  }

  /** Moves the roving focus to a cell (`row` -1 is the header), scrolling it into view. */
  async focusCell(row: number, col = 0): Promise<void> {
    if (!this.isConnected) return;
    // Only the latest request keeps trying: a held PageDown must not leave older ones fighting over scroll.
    const request = ++this.#focusRequest;
    this.#setFocus({ row, col });
    await this.updateComplete;
    if (row < 0) {
      this.renderRoot.querySelector<HTMLElement>(`[role="columnheader"] button[data-col="${col}"]`)?.focus();
      return;
    }
    const scroller = this._scroller;
    const virtualizer = scroller?.[virtualizerRef];
    if (!scroller || !virtualizer) return;
    const cell = () =>
      scroller.querySelector<HTMLElement>(`[role="row"][data-index="${row}"] [data-col="${col}"]`);
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    for (let attempt = 0; attempt < 30; attempt++) {
      // A newer request, or the grid left the page (a virtualizer without a layout throws on scroll).
      if (request !== this.#focusRequest || !scroller.isConnected) return;
      const target = cell();
      const box = target?.getBoundingClientRect();
      const view = scroller.getBoundingClientRect();
      if (target && box && box.top >= view.top - 1 && box.bottom <= view.bottom + 1) {
        target.focus({ preventScroll: true });
        return;
      }
      if (attempt % 5 === 0) {
        try {
          virtualizer.element(row)?.scrollIntoView({ block: 'nearest' });
        } catch {
          // The virtualizer loads its layout asynchronously; until then it cannot scroll. Try next round.
        }
      }
      // layoutComplete only settles when a layout is pending, so never wait on it alone.
      await Promise.race([virtualizer.layoutComplete.catch(() => undefined), frame()]);
      await frame();
    }
    if (request === this.#focusRequest) cell()?.focus();
  }

  #setFocus(cell: GridCell): void {
    if (cell.row !== this._focus.row || cell.col !== this._focus.col) this._focus = cell;
  }

  /** Opens the details of an execution (fetches its output and approval); does not fire `k8s-history-select`. */
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
      if (this._selected?.id === execution.id) this._detailError = asKubeChatError(error);
    } finally {
      this._detailLoading = false;
    }
  }

  /** Closes the details. */
  closeDetails(): void {
    this._dialog?.close();
    this._selected = null;
  }

  override render() {
    // The views read the live `strings` table; the controller's only job is to re-render when it changes.
    void this.#strings.value;
    const loader = this.#loader;
    const visible = this.visibleRows;
    const exportControls = renderExportControls({
      format: this._exportFormat,
      progress: this._export,
      error: this._exportError,
      done: this._exportDone,
      disabled: loader.state === 'forbidden',
      onFormat: (format) => (this._exportFormat = format),
      onStart: this.#onExport,
      onCancel: () => this.cancelExport(),
    });
    const message = renderState(loader.state, visible.length, loader.pending, loader.error, () =>
      this.reload(),
    );
    const count = loader.state === 'ready' ? formatString('history.count', { count: loader.total }) : '';
    return html`<div part="base" class="base">
      ${
        this.noFilters
          ? ''
          : renderFilterBar({
              filters: this.filters,
              compact: this.compact,
              isAdmin: this.#user.value?.role === 'admin',
              customRange: this._customRange,
              onChange: this.#changeFilters,
              onCustomRange: (on) => (this._customRange = on),
              exportControls,
            })
      }
      ${this.noSummary || !loader.stats || loader.state === 'forbidden' ? '' : renderSummary(loader.stats, this.compact)}
      <p class="visually-hidden" role="status">${count}</p>
      ${
        message ??
        renderGrid(
          (this.#gridView = {
            rows: visible,
            columns: this.#columns,
            // While a new query is on its way the total belongs to the old one; the loaded rows are honest.
            rowCount: loader.pending ? visible.length : Math.max(loader.total, visible.length),
            busy: loader.pending || loader.loadingMore,
            sort: normalizeSort(this.sort),
            compact: this.compact,
            // The grid keeps exactly one tab stop: a focus left past the rows (rows removed, a live insert
            // moved it down, a narrower filter) falls back to the last row and column there are.
            focus: {
              row: Math.min(this._focus.row, visible.length - 1),
              col: Math.min(this._focus.col, this.#columns.length - 1),
            },
            onSort: this.#onSort,
            onOpen: this.#open,
            onFocusCell: (cell) => this.#setFocus(cell),
            onKeydown: this.#onGridKeydown,
            onRange: this.#onRangeChanged,
          }),
          this.#renderRow,
        )
      }
      ${renderDetails({
        execution: this._selected,
        loading: this._detailLoading,
        error: this._detailError,
        onClose: () => this.closeDetails(),
      })}
    </div>`;
  }
}
