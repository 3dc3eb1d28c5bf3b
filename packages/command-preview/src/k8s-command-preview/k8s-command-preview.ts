import { controlStyles } from '../shared/controls.styles.js';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { atom } from 'nanostores';
import {
  EMPTY_EXECUTION_STATE,
  K8sElement,
  PreferencesController,
  SAFETY_LEVELS,
  ServicesController,
  StoreController,
  errorNoticeStyles,
  isKubeChatError,
  newId,
  renderErrorNotice,
  type KubeChatError,
  type Approval,
  type CommandProposal,
  type ConnectionState,
  type Execution,
  type ExecutionState,
  type KubeChatServices,
  type SafetyLevel,
  type User,
} from '@k8s-chat/core';
import { commandTextStyles, renderCommand, suspiciousCharacters } from '../command/render-command.js';
import { commandNamespace, describeImpact } from '../command/tokenize.js';
import { CommandRunEvent } from '../events.js';
import { renderNoteList } from '../shared/note-list.js';
import { commandPreviewStyles } from './k8s-command-preview.styles.js';
import {
  LEVEL_ACTIONS,
  LEVEL_LABELS,
  formatCountdown,
  type PreviewPhase,
} from './k8s-command-preview.types.js';

const NO_USER = atom<User | null>(null);
const NO_CONNECTION = atom<ConnectionState>('idle');
const NO_EXECUTION = atom<ExecutionState>(EMPTY_EXECUTION_STATE);

/** The nested `<k8s-execution-status>` parts, forwarded as `execution-<part>`. */
const EXECUTION_PARTS = ['base', 'header', 'label', 'summary', 'output', 'toolbar', 'actions', 'rollback']
  .map((name) => `${name}: execution-${name}`)
  .join(', ');

interface Revalidated {
  readonly command: string;
  readonly level: SafetyLevel;
  readonly valid: boolean;
  readonly warnings: readonly string[];
  readonly errors: readonly string[];
}

/**
 * One read of a session's executions serves every preview of that session that asks within a moment: a
 * chat that renders its rows again re-creates many previews at once, and each one looks for its run.
 */
const SHARED_READ_MS = 2000;
const sessionReads = new WeakMap<object, Map<string, { at: number; runs: Promise<Execution[]> }>>();
function sessionRuns(api: KubeChatServices['api'], sessionId: string): Promise<Execution[]> {
  let reads = sessionReads.get(api);
  if (!reads) sessionReads.set(api, (reads = new Map()));
  const recent = reads.get(sessionId);
  if (recent && Date.now() - recent.at < SHARED_READ_MS) return recent.runs;
  const runs = api.sessionCommands(sessionId);
  reads.set(sessionId, { at: Date.now(), runs });
  runs.catch(() => reads.delete(sessionId));
  return runs;
}

/** What the approval looks like to the person who asked. */
type ApprovalView = 'pending' | 'checking' | 'approved' | 'mismatch' | 'rejected' | 'expired' | 'cancelled';

/** An error as `renderErrorNotice` shows it: message, what to do, and the server's request id. */
export type ShownError = KubeChatError | Error | string;

export function asShownError(error: unknown): ShownError {
  return error instanceof Error || typeof error === 'string' ? error : String(error);
}

/** Longest command quoted in a preview's accessible name; the full command is in the region itself. */
const NAME_COMMAND_MAX = 80;

/** The accessible name of one preview: several in one conversation must not share one landmark name. */
export function previewName(command: string): string {
  const oneLine = command.replace(/\s+/gu, ' ').trim();
  if (!oneLine) return 'Command preview';
  const short = oneLine.length > NAME_COMMAND_MAX ? `${oneLine.slice(0, NAME_COMMAND_MAX - 1)}…` : oneLine;
  return `Command preview: ${short}`;
}

export function errorText(error: unknown): string {
  if (isKubeChatError(error))
    return error.serverMessage ? `${error.serverMessage} ${error.hint}` : error.hint;
  return error instanceof Error ? error.message : String(error);
}

/**
 * The exact command that would run, before anything runs: highlighted and copyable, with invisible and
 * look-alike characters made visible, the target cluster and namespace, the safety level as a badge with
 * text and icon, the explanation, reasons, warnings, impact and dry-run result; and the actions the level
 * and the person's role allow. Safe: Run. Warning: Confirm and run (two steps). Dangerous: Request approval,
 * then a live "waiting for approval" state with who must approve and an expiry countdown. Viewers get no
 * run buttons. Edit re-checks the command on the server before it can run. Nothing runs without a click,
 * `k8s-command-run` lets the host veto, and each command is sent with one Idempotency-Key so a double click
 * or a retry never runs it twice. Once an execution exists, `<k8s-execution-status>` follows below.
 *
 * @customElement k8s-command-preview
 * @tag k8s-command-preview
 * @fires k8s-command-run - Before a command is sent (Run, Confirm and run, Request approval). Cancelable: `preventDefault()` vetoes it. Detail: `{ command, safetyLevel, sessionId, messageId }`.
 * @csspart base - The frame around the preview.
 * @csspart header - The row with the badge and the target.
 * @csspart badge - The safety level badge (text and icon, never colour alone).
 * @csspart target - Cluster, context and namespace the command runs against.
 * @csspart command-row - The command and its Copy button.
 * @csspart command - The highlighted command text.
 * @csspart copy-button - Copies the exact command.
 * @csspart hidden-warning - Warning shown when the command holds invisible or look-alike characters.
 * @csspart explanation - The explanation of what the command does.
 * @csspart reasons - Why the server chose this level.
 * @csspart warnings - The server's warnings.
 * @csspart impact - What the command affects (objects, how many, scope).
 * @csspart dry-run - The dry-run result, when provided.
 * @csspart dry-run-status - The `<k8s-execution-status>` of a server-side dry run started with Dry run.
 * @csspart actions - The buttons (Run, Confirm and run, Request approval, Dry run, Edit).
 * @csspart run-button - The main action button.
 * @csspart confirm - The second step of Confirm and run.
 * @csspart editor - The command editor.
 * @csspart notice - Explanations (viewer role, edited command, level change).
 * @csspart approval - The approval state (waiting, approved, rejected, expired).
 * @csspart countdown - The time left before the approval request expires.
 * @csspart error - An error with what to do next.
 * @csspart execution - The `<k8s-execution-status>` shown once the command runs.
 * @csspart execution-base - Its `base` part (also forwarded: `execution-header`, `execution-label`, `execution-summary`, `execution-output`, `execution-toolbar`, `execution-actions`, `execution-rollback`).
 * @cssprop --k8s-command-preview-bg - Background of the preview.
 * @cssprop --k8s-command-preview-border - Border colour of the preview.
 * @cssprop --k8s-command-preview-command-bg - Background of the command and dry-run text.
 * @cssprop --k8s-command-preview-gap - Space between the regions.
 * @since 0.1.0
 */
export class K8sCommandPreview extends K8sElement {
  static override styles = [
    K8sElement.styles,
    errorNoticeStyles,
    commandTextStyles,
    controlStyles,
    commandPreviewStyles,
  ];

  readonly #services = new ServicesController(this);
  readonly #user = new StoreController(this, NO_USER);
  readonly #connection = new StoreController(this, NO_CONNECTION);
  readonly #live = new StoreController(this, NO_EXECUTION);
  /** Applies the person's stored theme and compact choice (unless the page set them). */
  protected readonly preferences = new PreferencesController(this, () => this.#services.services);
  #idempotencyKey = newId();
  #keyFor = '';
  #timer: ReturnType<typeof setInterval> | undefined;
  #lastConnection: ConnectionState = 'idle';
  #verifying = false;
  #recoveredFor = '';

  @state() private _phase: PreviewPhase = 'idle';
  /** This preview ran (or asked approval for) its command itself, rather than finding an earlier run. */
  @state() private _startedHere = false;
  @state() private _draft = '';
  @state() private _revalidated: Revalidated | null = null;
  @state() private _levelBefore: SafetyLevel | null = null;
  @state() private _approval: Approval | null = null;
  @state() private _digest: string | null = null;
  @state() private _verified: 'ok' | 'mismatch' | null = null;
  @state() private _error: ShownError | null = null;
  @state() private _copied = false;
  @state() private _now = Date.now();
  @state() private _cancelled = false;
  @state() private _recovering = false;
  @state() private _dryRunId = '';
  @state() private _dryRunning = false;

  /** The command exactly as it will run, when there is no `proposal`. Rendered as text, never as HTML. */
  @property() command = '';

  /** The level to show; follows the proposal or the server's re-check. Anything unknown is shown as dangerous. */
  @property({ attribute: 'safety-level', reflect: true }) safetyLevel: SafetyLevel = 'dangerous';

  /** What the command does, in plain words, when there is no `proposal`. */
  @property() explanation = '';

  /** The assistant's proposal (command, level, reasons, warnings, impact, target). */
  @property({ attribute: false }) proposal: CommandProposal | null = null;

  /** A dry-run result to show with the preview, when one was made. */
  @property({ attribute: false }) dryRun: string | null = null;

  /** The chat session the command belongs to; sent with the execution. */
  @property({ attribute: 'session-id' }) sessionId = '';

  /** The assistant message that proposed the command; sent with the execution. */
  @property({ attribute: 'message-id' }) messageId = '';

  /** The execution of this command, once it exists (set by the element after Run, or by the host). */
  @property({ attribute: 'execution-id', reflect: true }) executionId = '';

  /** Server to use when there is no `<k8s-chat-provider>` above. */
  @property({ attribute: 'base-url' }) baseUrl = '';

  /** Colour scheme: `light`, `dark`, or unset to follow the system. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  /** Tighter spacing. */
  @property({ type: Boolean, reflect: true }) compact = false;

  /**
   * Play the completion / failure cue when this preview's run ends, even when the person's `sound`
   * preference is off (the preference alone also turns it on). Passed to the `<k8s-execution-status>`.
   */
  @property({ type: Boolean }) sound = false;

  /** The command that will run: the checked edit, or the proposal's, or the `command` attribute. */
  get effectiveCommand(): string {
    return this._revalidated?.command ?? this.proposal?.generatedCommand ?? this.command;
  }

  /** The level that applies to `effectiveCommand`. */
  get effectiveLevel(): SafetyLevel {
    const level = this._revalidated?.level ?? this.proposal?.safetyLevel ?? this.safetyLevel;
    return SAFETY_LEVELS.includes(level) ? level : 'dangerous';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopTimer();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const stores = this.#services.services?.stores;
    this.#user.store = stores?.$user ?? NO_USER;
    this.#connection.store = stores?.$connection ?? NO_CONNECTION;
    this.#live.store = stores && this.executionId ? stores.execution(this.executionId) : NO_EXECUTION;
    if ((changed.has('proposal') || changed.has('command')) && !this.executionId) {
      this._revalidated = null;
      this._levelBefore = null;
      this._phase = 'idle';
    }
    this.safetyLevel = this.effectiveLevel;
    if (this.#keyFor !== this.effectiveCommand) {
      // One key per command: a double click or a retry of the same command is deduplicated by the server.
      this.#keyFor = this.effectiveCommand;
      this.#idempotencyKey = newId();
    }
    // After a reconnect, re-check over REST before showing an approval as approved.
    const connection = this.#connection.value;
    if (connection === 'open' && this.#lastConnection !== 'open' && this.#lastConnection !== 'idle')
      this._verified = null;
    this.#lastConnection = connection;
    void this.#recover();
  }

  override updated(): void {
    const view = this.#approvalView();
    if (view === 'pending' && !this.#timer) this.#timer = setInterval(() => (this._now = Date.now()), 1000);
    if (view !== 'pending') this.#stopTimer();
    if (view === 'checking') void this.#verifyApproved();
  }

  #stopTimer(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #role(): User['role'] | null {
    return this.#user.value?.role ?? null;
  }

  #approval(): Approval | null {
    return this.#live.value.approval ?? this._approval;
  }

  #approvalView(): ApprovalView | null {
    const approval = this.#approval();
    const execution = this.#live.value.execution;
    if (!approval && execution?.status !== 'pending_approval') {
      if (!this._approval) return null;
    }
    if (execution?.status === 'cancelled') return 'cancelled';
    const status = approval?.status ?? 'pending';
    if (status === 'rejected' || execution?.status === 'rejected') return 'rejected';
    if (status === 'expired') return 'expired';
    const approved =
      status === 'approved' ||
      (execution !== null && ['approved', 'executing', 'completed', 'failed'].includes(execution.status));
    if (approved)
      return this._verified === 'ok' ? 'approved' : this._verified === 'mismatch' ? 'mismatch' : 'checking';
    if (approval && Date.parse(approval.expires_at) <= this._now) return 'expired';
    return 'pending';
  }

  /**
   * A host may render this element again at any time (a virtualized chat recycles its rows, a reload
   * re-creates everything). Before offering Run, look for an execution this message already started, so
   * the person sees its live state instead of a Run button that would ask a second time.
   */
  async #recover(): Promise<void> {
    const api = this.#services.services?.api;
    const key = `${this.sessionId}\n${this.messageId}`;
    if (!api || !this.sessionId || !this.messageId || this.executionId || this.#recoveredFor === key) return;
    this.#recoveredFor = key;
    this._recovering = true;
    try {
      const runs = await sessionRuns(api, this.sessionId);
      const latest = runs
        .filter((e) => e.message_id === this.messageId && !e.rollback_of && !e.dry_run)
        .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))[0];
      if (latest && !this.executionId && this._phase !== 'sending') await this.#adopt(latest);
    } catch {
      // Nothing to recover is not an error worth showing: the person can still run the command.
    } finally {
      this._recovering = false;
    }
  }

  /** Shows an execution found on the server as this preview's own, with the command it really runs. */
  async #adopt(execution: Execution): Promise<void> {
    if (execution.command !== this.effectiveCommand) {
      const level = SAFETY_LEVELS.includes(execution.safety_level) ? execution.safety_level : 'dangerous';
      this._revalidated = {
        command: execution.command,
        level,
        valid: true,
        warnings: execution.warnings,
        errors: [],
      };
    }
    this._digest = execution.command_digest;
    this._phase = 'sent';
    this.executionId = execution.id;
    if (execution.status !== 'pending_approval') return;
    try {
      const pending = await this.#services.services!.api.pendingApprovals();
      this._approval = pending.find((a) => a.command_execution_id === execution.id) ?? null;
    } catch {
      // The live store still reports the approval's outcome; only the countdown is missing.
    }
  }

  async #verifyApproved(): Promise<void> {
    const api = this.#services.services?.api;
    if (!api || !this.executionId || this.#verifying) return;
    this.#verifying = true;
    try {
      const execution = await api.getExecution(this.executionId);
      const expected = this._digest ?? this.#approval()?.command_digest ?? null;
      this._verified = expected !== null && execution.command_digest === expected ? 'ok' : 'mismatch';
    } catch (error) {
      this._error = asShownError(error);
    } finally {
      this.#verifying = false;
    }
  }

  async #copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.effectiveCommand);
      this._copied = true;
    } catch {
      this._error = 'Copying failed. Select the command and copy it by hand.';
    }
  }

  #primary(): void {
    if (this.effectiveLevel === 'warning' && this._phase !== 'confirming') {
      this._phase = 'confirming';
      void this.#focusAfterUpdate('.run-now');
      return;
    }
    void this.#run();
  }

  async #run(): Promise<void> {
    const api = this.#services.services?.api;
    if (!api || this._phase === 'sending' || this.executionId) return;
    const command = this.effectiveCommand;
    const event = new CommandRunEvent({
      command,
      safetyLevel: this.effectiveLevel,
      sessionId: this.sessionId || null,
      messageId: this.messageId || null,
    });
    if (!this.dispatchEvent(event)) {
      this._phase = 'idle';
      this._error = null;
      return;
    }
    this._phase = 'sending';
    this._error = null;
    try {
      const result = await api.execute(
        {
          command,
          ...(this.sessionId ? { session_id: this.sessionId } : {}),
          ...(this.messageId ? { message_id: this.messageId } : {}),
        },
        { idempotencyKey: this.#idempotencyKey },
      );
      if (result.kind === 'approval') {
        this._approval = result.approval;
        this._digest = result.approval.execution.command_digest;
        this.executionId = result.approval.execution.id;
        // A warning waits for its requester's confirmation, which the person just gave with the second
        // click; send it, bound to the digest of the command they saw.
        if (result.approval.required_role === 'requester' && result.approval.status === 'pending') {
          this._approval = await api.approve({
            execution_id: result.approval.execution.id,
            decision: 'approve',
            command_digest: result.approval.command_digest,
          });
        }
      } else {
        this._digest = result.execution.command_digest;
        this.executionId = result.execution.id;
      }
      this._startedHere = true;
      this._phase = 'sent';
      // A preview created from now on must see this run, not a read from before it.
      sessionReads.get(api)?.delete(this.sessionId);
    } catch (error) {
      this._phase = 'idle';
      this._error = asShownError(error);
    }
  }

  /** Asks the server to try the change with `--dry-run=server`: nothing changes, so no approval is needed. */
  async #dryRun(): Promise<void> {
    const api = this.#services.services?.api;
    if (!api || this._dryRunning) return;
    this._dryRunning = true;
    this._error = null;
    try {
      const result = await api.execute(
        { command: this.effectiveCommand, dry_run: true },
        { idempotencyKey: newId() },
      );
      if (result.kind === 'execution') this._dryRunId = result.execution.id;
    } catch (error) {
      this._error = asShownError(error);
    } finally {
      this._dryRunning = false;
    }
  }

  async #cancelRequest(): Promise<void> {
    const api = this.#services.services?.api;
    if (!api || !this.executionId) return;
    try {
      await api.cancelExecution(this.executionId);
      this._cancelled = true;
    } catch (error) {
      this._error = asShownError(error);
    }
  }

  #startEdit(): void {
    this._draft = this.effectiveCommand;
    this._phase = 'editing';
    this._error = null;
    void this.#focusAfterUpdate('textarea');
  }

  /** Keeps keyboard focus on the control that replaced the one just used. */
  async #focusAfterUpdate(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  async #check(): Promise<void> {
    const api = this.#services.services?.api;
    const command = this._draft.trim();
    if (!api || !command) return;
    const before = this.effectiveLevel;
    this._phase = 'validating';
    try {
      const result = await api.validateCommand(command);
      const level = SAFETY_LEVELS.includes(result.safety_level) ? result.safety_level : 'dangerous';
      this._revalidated = {
        command,
        level,
        valid: result.is_valid,
        warnings: result.warnings,
        errors: result.errors,
      };
      this._levelBefore = level !== before ? before : null;
      this._phase = 'idle';
      this._error = null;
    } catch (error) {
      this._phase = 'editing';
      this._error = asShownError(error);
    }
  }

  #renderBadge(): TemplateResult {
    const label = LEVEL_LABELS[this.effectiveLevel];
    return html`<span part="badge"
      ><span aria-hidden="true">${label.icon}</span>
      <span class="visually-hidden">Safety level:</span> ${label.text}</span
    >`;
  }

  /**
   * Where the command runs, always shown: cluster and context from the proposal or the execution, and the
   * namespace the command itself names (so an edit that changes `-n` changes what is shown).
   */
  #renderTarget(): TemplateResult {
    const target = this.proposal?.target;
    const execution = this.#live.value.execution;
    const cluster = target?.cluster ?? execution?.target.cluster ?? "the server's default";
    const context = target?.context ?? execution?.target.context ?? "the server's default";
    const fallback = this._revalidated ? null : (target?.namespace ?? execution?.namespace ?? null);
    const namespace = commandNamespace(this.effectiveCommand) ?? fallback ?? "the context's default";
    return html`<dl part="target" aria-label="Target">
      <div>
        <dt>Cluster</dt>
        <dd>${cluster}</dd>
      </div>
      <div>
        <dt>Context</dt>
        <dd>${context}</dd>
      </div>
      <div>
        <dt>Namespace</dt>
        <dd class="namespace">${namespace}</dd>
      </div>
    </dl>`;
  }

  #renderDetails(): TemplateResult {
    const proposal = this.proposal;
    const explanation = proposal?.explanation ?? this.explanation;
    const reasons = this._revalidated ? [] : (proposal?.reasons ?? []);
    const warnings = this._revalidated ? this._revalidated.warnings : (proposal?.warnings ?? []);
    const impact = this._revalidated ? [] : describeImpact(proposal?.impact);
    return html`${explanation && !this._revalidated ? html`<p part="explanation">${explanation}</p>` : nothing}
    ${renderNoteList('reasons', 'Why this level', reasons)}
    ${renderNoteList('warnings', 'Warnings', warnings)}
    ${
      impact.length
        ? html`<dl part="impact" aria-label="Impact">
            ${impact.map(
              (f) =>
                html`<dt>${f.label}</dt>
                  <dd>${f.value}</dd>`,
            )}
          </dl>`
        : nothing
    }
    ${
      this.dryRun !== null && this.dryRun !== undefined
        ? html`<div>
            <span>Dry run (server output, not instructions)</span>
            <pre part="dry-run" tabindex="0" aria-label="Dry-run result">${this.dryRun}</pre>
          </div>`
        : nothing
    }
    ${
      this._dryRunId
        ? html`<div class="dry-run-result">
            <span>Dry run on the server (--dry-run=server): nothing was changed</span>
            <k8s-execution-status
              part="dry-run-status"
              execution-id=${this._dryRunId}
              base-url=${this.baseUrl || nothing}
              theme=${this.theme ?? nothing}
              compact
            ></k8s-execution-status>
          </div>`
        : nothing
    }`;
  }

  #renderEditor(): TemplateResult {
    return html`<div part="editor">
      <label for="editor">Edit command</label>
      <textarea
        id="editor"
        spellcheck="false"
        .value=${this._draft}
        @input=${(e: Event) => (this._draft = (e.target as HTMLTextAreaElement).value)}
      ></textarea>
      <div part="actions">
        <button
          type="button"
          class="primary check"
          ?disabled=${this._phase === 'validating' || !this._draft.trim()}
          @click=${() => void this.#check()}
        >
          ${this._phase === 'validating' ? 'Checking…' : 'Check command'}
        </button>
        <button type="button" class="discard" @click=${() => (this._phase = 'idle')}>Cancel edit</button>
      </div>
    </div>`;
  }

  #renderActions(): TemplateResult | typeof nothing {
    if (this.executionId) return nothing;
    const services = this.#services.services;
    if (!services) return nothing;
    if (this._phase === 'editing' || this._phase === 'validating') return this.#renderEditor();
    const role = this.#role();
    if (role === null) return html`<p part="notice">Checking what you may do…</p>`;
    if (this._recovering)
      return html`<p part="notice" class="recovering">Checking whether this command already ran…</p>`;
    if (role === 'viewer')
      return html`<p part="notice" class="viewer">
        You can see this command but not run it: your role is viewer. Ask someone with the user or admin role.
      </p>`;
    const invalid = this._revalidated && !this._revalidated.valid;
    const level = this.effectiveLevel;
    const action = LEVEL_ACTIONS[level];
    const sending = this._phase === 'sending';
    const label =
      action === 'run' ? 'Run' : action === 'confirm-and-run' ? 'Confirm and run…' : 'Request approval';
    return html`${
      this._phase === 'confirming'
        ? html`<div part="confirm" role="group" aria-label="Confirm">
            <span>This changes the cluster. Run it now?</span>
            <button type="button" part="run-button" class="primary run-now" @click=${() => void this.#run()}>
              Run now
            </button>
            <button type="button" class="back" @click=${() => (this._phase = 'idle')}>Back</button>
          </div>`
        : html`<div part="actions">
            ${
              invalid
                ? nothing
                : html`<button
                    type="button"
                    part="run-button"
                    class=${level === 'dangerous' ? 'danger run' : 'primary run'}
                    data-action=${action}
                    ?disabled=${sending}
                    @click=${() => this.#primary()}
                  >
                    ${sending ? 'Sending…' : label}
                  </button>`
            }
            ${
              level !== 'safe' && !invalid
                ? html`<button
                    type="button"
                    class="dry-run-button"
                    ?disabled=${sending || this._dryRunning}
                    @click=${() => void this.#dryRun()}
                  >
                    ${this._dryRunning ? 'Trying…' : this._dryRunId ? 'Dry run again' : 'Dry run'}
                  </button>`
                : nothing
            }
            <button type="button" class="edit" ?disabled=${sending} @click=${() => this.#startEdit()}>
              Edit
            </button>
          </div>`
    }
    ${
      level === 'dangerous' && !invalid
        ? html`<p part="notice">An admin other than you must approve this command before it runs.</p>`
        : nothing
    }`;
  }

  #renderApproval(): TemplateResult | typeof nothing {
    const view = this._cancelled ? 'cancelled' : this.#approvalView();
    if (!view) return nothing;
    const approval = this.#approval();
    const who = approval?.required_role === 'requester' ? 'you' : 'an admin other than you';
    switch (view) {
      case 'pending': {
        const left = approval ? Date.parse(approval.expires_at) - this._now : 0;
        return html`<div part="approval" data-state="pending">
          <span role="status">⏸ Waiting for approval by ${who}.</span>
          ${
            approval
              ? html`<span>Expires in <span part="countdown">${formatCountdown(left)}</span></span>`
              : nothing
          }
          <button type="button" class="cancel-request" @click=${() => void this.#cancelRequest()}>
            Cancel request
          </button>
        </div>`;
      }
      case 'checking':
        return html`<div part="approval" data-state="checking">
          <span role="status">Approved — checking it is still this command…</span>
        </div>`;
      case 'approved':
        return html`<div part="approval" data-state="approved">
          <span role="status">✓ Approved${approval?.approved_by ? ` by ${approval.approved_by}` : ''}.</span>
        </div>`;
      case 'mismatch':
        return html`<div part="approval" data-state="mismatch">
          <span role="alert"
            >⛔ The approved command is not the one shown here. It will not be shown as approved.</span
          >
        </div>`;
      case 'rejected':
        return html`<div part="approval" data-state="rejected">
          <span role="status"
            >⊘
            Rejected${approval?.approved_by ? ` by ${approval.approved_by}` : ''}${
              approval?.reason ? `: ${approval.reason}` : '.'
            }</span
          >
        </div>`;
      case 'expired':
        return html`<div part="approval" data-state="expired">
          <span role="status">⌛ The approval request expired. Ask again if it is still needed.</span>
        </div>`;
      case 'cancelled':
        return html`<div part="approval" data-state="cancelled">
          <span role="status">■ Request cancelled.</span>
        </div>`;
    }
  }

  override render() {
    const command = this.effectiveCommand;
    const hidden = suspiciousCharacters(command);
    return html`<section part="base" aria-label=${previewName(command)}>
      <div part="header">${this.#renderBadge()} ${this.#renderTarget()}</div>
      <div part="command-row">
        <pre part="command" aria-label="Command"><code>${renderCommand(command)}</code></pre>
        <button type="button" part="copy-button" class="copy" @click=${() => void this.#copy()}>
          ${this._copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      ${
        hidden
          ? html`<p part="hidden-warning" role="alert">
              ⚠ This command contains ${hidden} invisible or look-alike character${hidden === 1 ? '' : 's'},
              shown as ⟦U+…⟧. Check it carefully before running it.
            </p>`
          : nothing
      }
      ${
        this._revalidated
          ? html`<p part="notice" class="edited">
              Edited and checked by the server:
              ${LEVEL_LABELS[this._revalidated.level].text}.${
                this._levelBefore
                  ? ` The safety level changed from ${LEVEL_LABELS[this._levelBefore].text} to ${LEVEL_LABELS[this._revalidated.level].text}.`
                  : ''
              }
            </p>`
          : nothing
      }
      ${
        this._revalidated?.errors.length
          ? html`<ul part="error" class="invalid">
              ${this._revalidated.errors.map((e) => html`<li>${e}</li>`)}
            </ul>`
          : nothing
      }
      ${this.#renderDetails()} ${this.#renderActions()} ${this.#renderApproval()}
      ${renderErrorNotice(this._error)}
      ${
        this.executionId
          ? html`<k8s-execution-status
              part="execution"
              exportparts=${EXECUTION_PARTS}
              execution-id=${this.executionId}
              ?live=${this._startedHere}
              ?sound=${this.sound}
              base-url=${this.baseUrl || nothing}
              theme=${this.theme ?? nothing}
              ?compact=${this.compact}
            ></k8s-execution-status>`
          : nothing
      }
    </section>`;
  }
}
