import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { atom } from 'nanostores';
import {
  EMPTY_EXECUTION_STATE,
  EXECUTION_STATUSES,
  FINAL_EXECUTION_STATUSES,
  K8sElement,
  PreferencesController,
  ServicesController,
  StoreController,
  audioCues,
  errorNoticeStyles,
  findRedactions,
  renderErrorNotice,
  type ConnectionState,
  type KubeChatError,
  type Execution,
  type ExecutionState,
  type ExecutionStatus,
  type RollbackExecution,
  type RollbackPlan,
} from '@k8s-chat/core';
import { ExecutionCancelEvent, RollbackRunEvent } from '../events.js';
import { parseAnsi, stripAnsi, type AnsiLine, type AnsiSegment } from '../text/ansi.js';
import { revealHidden } from '../text/reveal.js';
import { executionStatusStyles } from './k8s-execution-status.styles.js';
import {
  CANCELLABLE_STATUSES,
  DEFAULT_MAX_LINES,
  RUNNING_STATUSES,
  VIRTUALIZE_FROM_LINES,
  STATUS_LABELS,
  formatDuration,
} from './k8s-execution-status.types.js';

const NO_CONNECTION = atom<ConnectionState>('idle');
const EMPTY = atom<ExecutionState>(EMPTY_EXECUTION_STATE);

/** One output line with its position in the whole output (the key that keeps DOM rows stable). */
interface NumberedLine {
  readonly index: number;
  readonly segments: AnsiLine;
}

/** How long after we scroll to the tail the virtualizer's re-layouts may not count as the reader scrolling. */
const PIN_MS = 600;

const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) : NaN);

/** The most recently updated of several copies of one execution. */
function newest(...candidates: (Execution | null | undefined)[]): Execution | null {
  let best: Execution | null = null;
  for (const candidate of candidates) {
    if (!candidate) continue;
    if (!best || time(candidate.updated_at) > time(best.updated_at)) best = candidate;
  }
  return best;
}

/** An error as `renderErrorNotice` shows it (with the server's request id when there is one). */
type ShownError = KubeChatError | Error | string;

function asShownError(error: unknown): ShownError {
  return error instanceof Error || typeof error === 'string' ? error : String(error);
}

/** Why the server hid a value, per kind, for the marked span's description. */
const REDACTION_REASONS: Readonly<Record<string, string>> = {
  'private key': 'a private key',
  token: 'an access token',
  password: 'a password',
  'secret data': 'the data of a Kubernetes Secret',
  'base64 blob': 'a long encoded value that may hold a secret',
};

/** The sentence a screen reader hears once an execution watched live has finished. */
function finalAnnouncement(execution: Execution): string {
  const exit =
    execution.exit_code === null || execution.exit_code === undefined
      ? ''
      : `, exit code ${execution.exit_code}`;
  const what = STATUS_LABELS[execution.status]?.text.toLowerCase() ?? execution.status;
  return `Command ${what}${exit}: ${execution.command}`;
}

/**
 * The live status of one command execution, from request to result: the status in words and with an icon,
 * progress, elapsed time, a final summary, the streamed output (ANSI colours as styled text, never HTML),
 * cancel, and the rollback plan once it finished.
 *
 * Give it `execution-id` (it reads the execution over REST and follows `execution:<id>` on the socket
 * through the services of the nearest `<k8s-chat-provider>`, or the shared client of its `base-url`), or
 * set the `execution` property; `status` alone still renders a plain status row.
 *
 * @customElement k8s-execution-status
 * @tag k8s-execution-status
 * @fires k8s-execution-cancel - The person confirmed Cancel; cancelable (`preventDefault()` keeps it running). Detail: `{ executionId }`.
 * @fires k8s-rollback-run - The person confirmed running the rollback plan; cancelable. Detail: `{ executionId, planId }`.
 * @csspart base - The frame around everything.
 * @csspart header - The row with the status icon, label and elapsed time.
 * @csspart status-icon - The icon for the current status.
 * @csspart label - The status in words.
 * @csspart elapsed - The elapsed time (ticking while running).
 * @csspart progress - Progress bar and stage text.
 * @csspart summary - The final summary (exit code, duration, who ran it, who approved it).
 * @csspart stale - Says the live status may be out of date while the connection is lost.
 * @csspart error - An error message, with what to do next and the support reference.
 * @csspart error-reference - The request id to quote to support.
 * @csspart redacted - A secret value the server hid, marked with its kind ("hidden: password").
 * @csspart announcement - The visually hidden live region: each status change seen live, and the end once.
 * @csspart output-region - The labelled command output area with its toolbar.
 * @csspart output-label - The label saying this is command output (data, not instructions).
 * @csspart output - The scrollable output.
 * @csspart dropped - The note about lines dropped by the cap.
 * @csspart toolbar - Copy, Download and Jump to latest.
 * @csspart actions - Cancel and Plan rollback.
 * @csspart rollback - The rollback plan preview.
 * @cssprop --k8s-execution-status-bg - Background of the element.
 * @cssprop --k8s-execution-status-border - Border colour.
 * @cssprop --k8s-execution-status-output-bg - Background of the output.
 * @cssprop --k8s-execution-status-output-max-height - Height of the output before it scrolls (default 24rem).
 * @since 0.1.0
 */
export class K8sExecutionStatus extends K8sElement {
  static override styles = [K8sElement.styles, errorNoticeStyles, executionStatusStyles];

  readonly #services = new ServicesController(this);
  readonly #store = new StoreController(this, EMPTY);
  readonly #connection = new StoreController(this, NO_CONNECTION);
  readonly #preferences = new PreferencesController(this, () => this.#services.services);
  /** The execution whose end we listen for, whether it was seen unfinished, and whether its end was told. */
  #cueFor = '';
  #sawUnfinished = false;
  #toldEnd = false;
  #lastStatus: ExecutionStatus | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;
  #parsedFor = '';
  #parsed: AnsiLine[] = [];
  #lastOutputLength = 0;
  #pinUntil = 0;
  /** The output changed since the last render, so the tail may have moved. */
  #outputMoved = true;

  @query('[part=output]') private _outputEl?: HTMLElement;
  /** Lines in the output box, for its height (see updated()). */
  #outputLines = 1;

  @state() private _now = Date.now();
  @state() private _local: Execution | null = null;
  @state() private _confirmCancel = false;
  @state() private _busy = false;
  @state() private _error: ShownError | null = null;
  @state() private _announcement = '';
  @state() private _following = true;
  @state() private _unseen = false;
  @state() private _copied = false;
  @state() private _plan: RollbackPlan | null = null;
  @state() private _confirmRollback = false;
  @state() private _rollback: RollbackExecution | null = null;

  /** The execution to show; read over REST and followed live. */
  @property({ attribute: 'execution-id' }) executionId = '';

  /**
   * The execution was started from this page just now (the preview sets it on its own runs): its end is
   * announced and cued even when the first read already finds it finished, as a fast command often is.
   * Without it, only an execution first seen unfinished is announced, so opening an old one stays quiet.
   */
  @property({ type: Boolean }) live = false;

  /** An execution object to show (for example from a list); live updates still apply when services exist. */
  @property({ attribute: false }) execution: Execution | null = null;

  /** The status; follows the execution when there is one. Reflected so host CSS can style each state. */
  @property({ reflect: true }) status: ExecutionStatus = 'pending';

  /** Server to use when there is no `<k8s-chat-provider>` above. */
  @property({ attribute: 'base-url' }) baseUrl = '';

  /** Colour scheme: `light`, `dark`, or unset to follow the system. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  /** Tighter spacing. */
  @property({ type: Boolean, reflect: true }) compact = false;

  /**
   * Play a short sound when an execution this element watched live completes or fails, even when the
   * person's `sound` preference is off (the preference alone also turns it on).
   */
  @property({ type: Boolean }) sound = false;

  /** Whether a finished execution makes a sound: the page's `sound` attribute or the person's preference. */
  get soundOn(): boolean {
    return this.sound || this.#preferences.state?.value.sound === true;
  }

  /** How many output lines are kept on screen (the rest is dropped, and Download still has everything). */
  @property({ type: Number, attribute: 'max-lines' }) maxLines = DEFAULT_MAX_LINES;

  /** The execution as currently known (newest of the live store, REST answers and the property). */
  get currentExecution(): Execution | null {
    return newest(this.#store.value.execution, this._local, this.execution);
  }

  /** The full output text as received, escape sequences removed. */
  get outputText(): string {
    return stripAnsi(this.#output());
  }

  /** How many lines the output has, including lines beyond `max-lines` that are not on screen. */
  get lineCount(): number {
    return this.#lines().length;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopTimer();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const id = this.#id();
    const stores = this.#services.services?.stores;
    this.#store.store = stores && id ? stores.execution(id) : EMPTY;
    this.#connection.store = stores?.$connection ?? NO_CONNECTION;
    if (changed.has('executionId')) {
      this._local = null;
      this._plan = null;
      this._rollback = null;
      this._confirmCancel = false;
      this._following = true;
      this.#outputMoved = true;
    }
    const execution = this.currentExecution;
    if (execution) this.status = execution.status;
    if (!EXECUTION_STATUSES.includes(this.status)) this.status = 'pending';
    if (FINAL_EXECUTION_STATUSES.includes(this.status as never)) this._confirmCancel = false;
    this.#noticeEnd(execution);
    const output = this.#output();
    if (output.length !== this.#lastOutputLength) {
      if (!this._following && output.length > this.#lastOutputLength) this._unseen = true;
      this.#lastOutputLength = output.length;
      this.#outputMoved = true;
    }
  }

  override updated(): void {
    this._outputEl?.style.setProperty('--_k8s-execution-status-lines', String(this.#outputLines));
    const running = (RUNNING_STATUSES as readonly string[]).includes(this.status) && !!this.currentExecution;
    if (running && !this.#timer) this.#timer = setInterval(() => (this._now = Date.now()), 1000);
    if (!running) this.#stopTimer();
    // Only when the output changed: the elapsed-time tick must not start a scroll loop every second.
    if (this._following && this.#outputMoved && this._outputEl) {
      this.#outputMoved = false;
      this.#pinToTail();
    }
  }

  /**
   * The one live region of the element: each status change seen live is announced politely in words, and
   * the end once, with exit code and command, only when it was watched live (seen unfinished first, or
   * started here: `live`): opening an old, finished execution must not chime or announce.
   */
  #noticeEnd(execution: Execution | null): void {
    const id = execution?.id ?? '';
    if (id !== this.#cueFor) {
      this.#cueFor = id;
      this.#sawUnfinished = this.live;
      this.#toldEnd = false;
      this.#lastStatus = execution?.status ?? null;
      this._announcement = '';
    }
    if (!execution) return;
    const changed = execution.status !== this.#lastStatus;
    this.#lastStatus = execution.status;
    if (!FINAL_EXECUTION_STATUSES.includes(execution.status as never)) {
      if (changed) this._announcement = STATUS_LABELS[execution.status].text;
      this.#sawUnfinished = true;
      if (this.soundOn) audioCues.arm(); // the next click or key press lets the browser play the cue
      return;
    }
    if (!this.#sawUnfinished || this.#toldEnd) return;
    this.#toldEnd = true;
    this._announcement = finalAnnouncement(execution);
    const cue =
      execution.status === 'completed'
        ? 'success'
        : execution.status === 'failed' || execution.status === 'timeout'
          ? 'failure'
          : null;
    if (cue && this.soundOn) void audioCues.play(cue);
  }

  #stopTimer(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #id(): string {
    return this.executionId || this.execution?.id || '';
  }

  #output(): string {
    return this.#store.value.output || this.currentExecution?.output || '';
  }

  #lines(): AnsiLine[] {
    const output = this.#output();
    if (output !== this.#parsedFor) {
      this.#parsedFor = output;
      const lines = parseAnsi(output);
      if (lines.length > 1 && lines[lines.length - 1]!.length === 0) lines.pop();
      this.#parsed = lines;
    }
    return this.#parsed;
  }

  #onScroll = (): void => {
    const el = this._outputEl;
    if (!el) return;
    const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - 8;
    // The virtualizer measures rows after they render and resizes its content; while we keep the view on
    // the tail, those re-layouts must not count as the reader scrolling up.
    if (!atBottom && performance.now() < this.#pinUntil) return;
    this._following = atBottom;
    if (atBottom) this._unseen = false;
  };

  /** The reader took over scrolling (wheel, touch, pointer, keys): their position wins from now on. */
  #onReaderScroll = (): void => {
    this.#pinUntil = 0;
  };

  /** Keeps the view on the last line for a few frames, until the virtualizer has measured the new rows. */
  #pinToTail(): void {
    const el = this._outputEl;
    if (!el) return;
    this.#pinUntil = performance.now() + PIN_MS;
    el.scrollTop = el.scrollHeight;
    const settle = () => {
      if (!this._following || !el.isConnected || performance.now() >= this.#pinUntil) return;
      el.scrollTop = el.scrollHeight;
      requestAnimationFrame(settle);
    };
    requestAnimationFrame(settle);
  }

  #jumpToLatest(): void {
    this._following = true;
    this._unseen = false;
    this.#pinToTail();
    this._outputEl?.focus();
  }

  async #copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.outputText);
      this._copied = true;
      this._error = null;
    } catch {
      this._error = 'Copying failed. Select the output and copy it by hand.';
    }
  }

  #download(): void {
    const blob = new Blob([this.outputText], { type: 'text/plain;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `execution-${this.#id() || 'output'}.txt`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  async #askCancel(): Promise<void> {
    this._confirmCancel = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.confirm-cancel')?.focus();
  }

  async #cancel(): Promise<void> {
    const id = this.#id();
    const api = this.#services.services?.api;
    if (!id || this._busy) return;
    if (!this.dispatchEvent(new ExecutionCancelEvent({ executionId: id }))) {
      this._confirmCancel = false;
      return;
    }
    if (!api) return;
    await this.#busyWhile(async () => {
      this._local = await api.cancelExecution(id);
      this._confirmCancel = false;
    });
  }

  async #planRollback(): Promise<void> {
    const id = this.#id();
    const api = this.#services.services?.api;
    if (!id || !api || this._busy) return;
    await this.#busyWhile(async () => {
      this._plan = await api.planRollback(id);
      this._confirmRollback = false;
    });
  }

  async #runRollback(): Promise<void> {
    const plan = this._plan;
    const api = this.#services.services?.api;
    if (!plan || !api || this._busy) return;
    if (!this.dispatchEvent(new RollbackRunEvent({ executionId: this.#id(), planId: plan.id }))) {
      this._confirmRollback = false;
      return;
    }
    await this.#busyWhile(async () => {
      this._rollback = await api.executeRollbackPlan(plan.id);
      this._confirmRollback = false;
    });
  }

  /** Runs one API action: buttons disabled meanwhile, its error (or none) shown afterwards. */
  async #busyWhile(action: () => Promise<void>): Promise<void> {
    this._busy = true;
    try {
      await action();
      this._error = null;
    } catch (error) {
      this._error = asShownError(error);
    } finally {
      this._busy = false;
    }
  }

  #renderSegment(segment: AnsiSegment): TemplateResult {
    const classes = [segment.color ? `fg-${segment.color}` : '', segment.bold ? 'bold' : '']
      .filter(Boolean)
      .join(' ');
    const pieces = this.#renderText(segment.text);
    if (segment.href)
      return html`<a class=${classes} href=${segment.href} target="_blank" rel="noopener noreferrer nofollow"
        >${pieces}</a
      >`;
    return classes ? html`<span class=${classes}>${pieces}</span>` : html`${pieces}`;
  }

  /**
   * Plain output text with two kinds of marks, both as Lit text bindings (never HTML): the server's
   * `[REDACTED <kind>]` markers become a marked "hidden: <kind>" span that says why, and invisible or
   * look-alike characters become visible. Copy and Download use the raw text, so they keep the marker.
   */
  #renderText(text: string): (TemplateResult | string)[] {
    const out: (TemplateResult | string)[] = [];
    const reveal = (plain: string) => {
      for (const piece of revealHidden(plain))
        out.push(
          piece.codePoint
            ? html`<span class="hidden-char" title="Hidden character ${piece.codePoint}">${piece.text}</span>`
            : piece.text,
        );
    };
    let last = 0;
    for (const span of findRedactions(text)) {
      if (span.start > last) reveal(text.slice(last, span.start));
      const why = `The server hid ${REDACTION_REASONS[span.kind] ?? 'a secret value'} here, so it is never shown, stored or sent to this page.`;
      // One line of markup on purpose: the output is white-space: pre-wrap, so template whitespace would show.
      // prettier-ignore
      out.push(html`<span part="redacted" class="redacted" data-kind=${span.kind} title=${why}><span aria-hidden="true">🔒 </span>hidden: ${span.kind}<span class="visually-hidden"> (${why})</span></span>`);
      last = span.end;
    }
    if (last < text.length) reveal(text.slice(last));
    return out;
  }

  #renderLine(line: NumberedLine): TemplateResult {
    // One line of markup: the row is white-space: pre-wrap, so newlines in the template would add blank lines.
    // prettier-ignore
    return html`<div class="line" data-line=${line.index + 1}>${line.segments.map((s) => this.#renderSegment(s))}</div>`;
  }

  #renderOutput(): TemplateResult | typeof nothing {
    const all = this.#lines();
    const hasOutput = this.#output().length > 0;
    const execution = this.currentExecution;
    if (!hasOutput && !execution) return nothing;
    const cap = Math.max(1, this.maxLines || DEFAULT_MAX_LINES);
    const dropped = Math.max(0, all.length - cap);
    const lines: NumberedLine[] = (dropped ? all.slice(dropped) : all).map((segments, i) => ({
      index: dropped + i,
      segments,
    }));
    // The virtualizer contains its size, so the box gets an explicit height: as many lines as there are,
    // up to the maximum height, after which it scrolls.
    // Set in updated() through CSSOM: a style attribute (which styleMap writes on first render) is
    // inline style, and a strict CSP (style-src 'self') blocks it.
    this.#outputLines = Math.max(1, lines.length);
    return html`<div part="output-region">
      <span part="output-label">Command output — data from the cluster, not instructions</span>
      ${
        dropped
          ? html`<p part="dropped">
              ${dropped.toLocaleString('en')} earlier lines not shown (limit ${cap.toLocaleString('en')}).
              Download has the full output.
            </p>`
          : nothing
      }
      <div
        part="output"
        tabindex="0"
        role="region"
        aria-label=${`Command output, ${all.length.toLocaleString('en')} line${all.length === 1 ? '' : 's'}`}
        @scroll=${this.#onScroll}
        @wheel=${this.#onReaderScroll}
        @touchstart=${this.#onReaderScroll}
        @pointerdown=${this.#onReaderScroll}
        @keydown=${this.#onReaderScroll}
      >
        ${
          !hasOutput
            ? html`<div class="line">No output yet.</div>`
            : lines.length >= VIRTUALIZE_FROM_LINES
              ? virtualize({
                  items: lines,
                  keyFunction: (line: NumberedLine) => line.index,
                  renderItem: (line: NumberedLine) => this.#renderLine(line),
                  scroller: true,
                })
              : // Short output stays plain DOM: every line findable with the browser's search.
                repeat(
                  lines,
                  (line) => line.index,
                  (line) => this.#renderLine(line),
                )
        }
      </div>
      <div part="toolbar">
        <button type="button" ?disabled=${!hasOutput} @click=${() => void this.#copy()}>
          ${this._copied ? 'Copied' : 'Copy output'}
        </button>
        <button type="button" ?disabled=${!hasOutput} @click=${() => this.#download()}>Download</button>
        ${
          !this._following
            ? html`<button type="button" class="jump" @click=${() => this.#jumpToLatest()}>
                ${this._unseen ? 'New output — jump to latest' : 'Jump to latest'}
              </button>`
            : nothing
        }
      </div>
    </div>`;
  }

  #renderSummary(execution: Execution): TemplateResult {
    const ranBy = execution.username;
    const approval = this.#store.value.approval;
    const approvedBy =
      approval?.status === 'approved' && approval.approved_by && approval.approved_by !== ranBy
        ? approval.approved_by
        : null;
    return html`<dl part="summary">
      <div>
        <dt>Exit code</dt>
        <dd class="exit-code">${execution.exit_code ?? '—'}</dd>
      </div>
      <div>
        <dt>Duration</dt>
        <dd class="duration">${formatDuration(execution.execution_time_ms ?? this.#elapsed(execution))}</dd>
      </div>
      <div>
        <dt>Run by</dt>
        <dd class="ran-by">${ranBy}</dd>
      </div>
      ${
        approvedBy
          ? html`<div>
              <dt>Approved by</dt>
              <dd class="approved-by">${approvedBy}</dd>
            </div>`
          : nothing
      }
      ${
        execution.completed_at
          ? html`<div>
              <dt>Finished</dt>
              <dd>${new Date(execution.completed_at).toLocaleString()}</dd>
            </div>`
          : nothing
      }
    </dl>`;
  }

  #elapsed(execution: Execution): number | null {
    const start = time(execution.executed_at ?? execution.created_at);
    if (Number.isNaN(start)) return null;
    const final = FINAL_EXECUTION_STATUSES.includes(execution.status as never);
    const end = final ? time(execution.completed_at ?? execution.updated_at) : this._now;
    return Math.max(0, end - start);
  }

  #renderActions(execution: Execution): TemplateResult | typeof nothing {
    const cancellable = (CANCELLABLE_STATUSES as readonly string[]).includes(execution.status);
    const canRollback = execution.status === 'completed' && execution.rollback_available && !this._plan;
    if (!cancellable && !canRollback) return nothing;
    return html`<div part="actions">
      ${
        cancellable && !this._confirmCancel
          ? html`<button type="button" class="cancel" @click=${() => void this.#askCancel()}>Cancel…</button>`
          : nothing
      }
      ${
        cancellable && this._confirmCancel
          ? html`<span role="alert">Cancel this command?</span>
              <button
                type="button"
                class="danger confirm-cancel"
                ?disabled=${this._busy}
                @click=${() => void this.#cancel()}
              >
                Yes, cancel it
              </button>
              <button type="button" class="keep" @click=${() => (this._confirmCancel = false)}>
                Keep running
              </button>`
          : nothing
      }
      ${
        canRollback
          ? html`<button
              type="button"
              class="plan-rollback"
              ?disabled=${this._busy}
              @click=${() => void this.#planRollback()}
            >
              Plan rollback
            </button>`
          : nothing
      }
    </div>`;
  }

  #renderRollback(plan: RollbackPlan): TemplateResult {
    return html`<section part="rollback" aria-label="Rollback plan">
      <strong>Rollback plan (${plan.safety_level})</strong>
      <span>${plan.reason}</span>
      <span>Undoes: <code>${plan.original_command}</code></span>
      <ol class="steps">
        ${plan.rollback_steps.map(
          (step) =>
            html`<li>
              ${step.description}
              <pre>${`${step.operation} ${step.resource}/${step.name} -n ${step.namespace}`}</pre>
            </li>`,
        )}
      </ol>
      ${
        plan.validation.warnings.length
          ? html`<ul class="warnings">
              ${plan.validation.warnings.map((w) => html`<li>⚠ ${w}</li>`)}
            </ul>`
          : nothing
      }
      ${
        !plan.validation.is_valid
          ? html`<p part="error">This plan cannot run: ${plan.validation.reasons.join(' ')}</p>`
          : nothing
      }
      ${
        this._rollback
          ? html`<p class="rollback-status" role="status">Rollback ${this._rollback.status}.</p>`
          : plan.validation.is_valid
            ? html`<div part="actions">
                ${
                  this._confirmRollback
                    ? html`<span role="alert">Run these ${plan.rollback_steps.length} steps now?</span>
                        <button
                          type="button"
                          class="danger run-rollback"
                          ?disabled=${this._busy}
                          @click=${() => void this.#runRollback()}
                        >
                          Yes, run rollback
                        </button>
                        <button type="button" @click=${() => (this._confirmRollback = false)}>Back</button>`
                    : html`<button
                          type="button"
                          class="confirm-rollback"
                          @click=${() => (this._confirmRollback = true)}
                        >
                          Run rollback…
                        </button>
                        <button type="button" class="discard-rollback" @click=${() => (this._plan = null)}>
                          Discard plan
                        </button>`
                }
              </div>`
            : nothing
      }
    </section>`;
  }

  override render() {
    const label = STATUS_LABELS[this.status];
    const execution = this.currentExecution;
    const progress = this.#store.value.progress;
    const final = FINAL_EXECUTION_STATUSES.includes(this.status as never);
    const elapsed = execution ? this.#elapsed(execution) : null;
    const storeError = this.#store.value.error;
    return html`<div part="base">
      <div part="header">
        <span part="status-icon" aria-hidden="true">${label.icon}</span>
        <span part="label">${label.text}</span>
        ${
          execution && elapsed !== null
            ? html`<span part="elapsed" aria-label="Elapsed time">${formatDuration(elapsed)}</span>`
            : nothing
        }
      </div>
      ${
        progress && !final
          ? html`<div part="progress">
              <progress max="100" .value=${progress.percentage} aria-label="Progress"></progress>
              <span
                >${Math.round(progress.percentage)}% ·
                ${progress.stage}${progress.description ? ` — ${progress.description}` : ''}</span
              >
            </div>`
          : nothing
      }
      ${
        execution && !final && this.#connection.value !== 'open' && this.#connection.value !== 'idle'
          ? html`<p part="stale" role="status">
              Connection lost: this status may be out of date. It updates by itself once the connection is
              back.
            </p>`
          : nothing
      }
      ${execution && final ? this.#renderSummary(execution) : nothing}
      ${execution?.error_message ? renderErrorNotice(execution.error_message, { role: 'status' }) : nothing}
      ${renderErrorNotice(this._error)} ${storeError && !execution ? renderErrorNotice(storeError) : nothing}
      ${this.#renderOutput()} ${execution ? this.#renderActions(execution) : nothing}
      ${this._plan ? this.#renderRollback(this._plan) : nothing}
      <p part="announcement" class="visually-hidden" role="status" aria-live="polite">
        ${this._announcement}
      </p>
    </div>`;
  }
}
