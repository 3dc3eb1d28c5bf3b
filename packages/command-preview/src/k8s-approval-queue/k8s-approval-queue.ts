import { controlStyles } from '../shared/controls.styles.js';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { atom } from 'nanostores';
import {
  K8sElement,
  PreferencesController,
  SAFETY_LEVELS,
  ServicesController,
  StoreController,
  errorNoticeStyles,
  isKubeChatError,
  renderErrorNotice,
  type Approval,
  type ApprovalWithExecution,
  type ListState,
  type User,
} from '@k8s-chat/core';
import { commandTextStyles, renderCommand, suspiciousCharacters } from '../command/render-command.js';
import { CommandApproveEvent, CommandRejectEvent, type CommandDecisionDetail } from '../events.js';
import { asShownError, type ShownError } from '../k8s-command-preview/k8s-command-preview.js';
import { LEVEL_LABELS } from '../k8s-command-preview/k8s-command-preview.types.js';
import { approvalQueueStyles } from './k8s-approval-queue.styles.js';
import type { QueueRowMode } from './k8s-approval-queue.types.js';
import { renderNoteList } from '../shared/note-list.js';

const NO_USER = atom<User | null>(null);
const NO_APPROVALS = atom<ListState<Approval>>({ items: [], loading: false, loaded: false, error: null });

interface RowState {
  readonly mode: QueueRowMode;
  /** The rejection reason (required for a rejection). */
  readonly reason: string;
  /** The optional note an approver sends with Approve (stored as the approval's reason). */
  readonly note: string;
  readonly password: string;
  readonly error: ShownError | null;
  /** The decision waiting for a password (step-up). */
  readonly decision: 'approve' | 'reject' | null;
}

const IDLE_ROW: RowState = { mode: 'idle', reason: '', note: '', password: '', error: null, decision: null };

/**
 * The live list of approval requests. Admins see everyone's pending requests (the `approvals` topic) with
 * the full command, its level and reasons, who asked and when, and Approve (with an optional note) / Reject
 * (a rejection needs a reason). When a dangerous approval answers `STEP_UP_REQUIRED`, the row asks for the approver's password
 * and retries with it. Every decision carries the `command_digest` the approver saw, so a changed command
 * is refused. People without approval rights see their own pending requests, with Cancel.
 *
 * @customElement k8s-approval-queue
 * @tag k8s-approval-queue
 * @fires k8s-command-approve - An approver clicked Approve; cancelable (veto before it is sent). Detail: `{ executionId, approvalId, command, commandDigest, reason }`.
 * @fires k8s-command-reject - An approver rejected with a reason; cancelable. Same detail.
 * @csspart base - The frame around the queue.
 * @csspart heading - The heading.
 * @csspart list - The list of requests.
 * @csspart item - One request.
 * @csspart badge - The safety level badge of a request (text and icon).
 * @csspart command - The highlighted command of a request.
 * @csspart hidden-warning - Warning about invisible or look-alike characters in a command.
 * @csspart reasons - Why the command needs approval.
 * @csspart warnings - The server's warnings about the command.
 * @csspart meta - Who asked, when, and when it expires.
 * @csspart actions - Approve / Reject / Cancel.
 * @csspart reject-form - The reason field of a rejection.
 * @csspart step-up - The password field asked for by a dangerous approval.
 * @csspart approve-note - The optional note field sent with Approve.
 * @csspart error - An error with what to do next and the support reference.
 * @csspart error-reference - The request id to quote to support.
 * @csspart empty - Shown when nothing is waiting.
 * @cssprop --k8s-approval-queue-bg - Background of a request.
 * @cssprop --k8s-approval-queue-border - Border colour of a request.
 * @cssprop --k8s-approval-queue-gap - Space between requests.
 * @since 0.1.0
 */
export class K8sApprovalQueue extends K8sElement {
  static override styles = [
    K8sElement.styles,
    errorNoticeStyles,
    commandTextStyles,
    controlStyles,
    approvalQueueStyles,
  ];

  readonly #services = new ServicesController(this);
  readonly #user = new StoreController(this, NO_USER);
  readonly #approvals = new StoreController(this, NO_APPROVALS);
  /** Applies the person's stored theme and compact choice (unless the page set them). */
  protected readonly preferences = new PreferencesController(this, () => this.#services.services);

  @state() private _rows: Readonly<Record<string, RowState>> = {};
  @state() private _done: ReadonlySet<string> = new Set();
  @state() private _announcement = '';

  /** Approvals to show instead of the live store (for example from your own source). */
  @property({ attribute: false }) approvals: readonly Approval[] | null = null;

  /** Server to use when there is no `<k8s-chat-provider>` above. */
  @property({ attribute: 'base-url' }) baseUrl = '';

  /** Colour scheme: `light`, `dark`, or unset to follow the system. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  /** Tighter spacing. */
  @property({ type: Boolean, reflect: true }) compact = false;

  /** Whether the signed-in person may decide on other people's requests. */
  get canApprove(): boolean {
    return this.#user.value?.role === 'admin';
  }

  /** The requests shown now. */
  get visibleApprovals(): readonly Approval[] {
    const user = this.#user.value;
    const items = this.approvals ?? this.#approvals.value.items;
    return items.filter(
      (a) =>
        a.status === 'pending' &&
        !this._done.has(a.id) &&
        (this.canApprove || (user !== null && a.requested_by_user_id === user.id)),
    );
  }

  override willUpdate(): void {
    const stores = this.#services.services?.stores;
    this.#user.store = stores?.$user ?? NO_USER;
    this.#approvals.store = stores?.$approvals ?? NO_APPROVALS;
  }

  #row(id: string): RowState {
    return this._rows[id] ?? IDLE_ROW;
  }

  #patch(id: string, patch: Partial<RowState>): void {
    this._rows = { ...this._rows, [id]: { ...this.#row(id), ...patch } };
  }

  #finish(approval: Approval, message: string): void {
    this._done = new Set([...this._done, approval.id]);
    this._announcement = message;
    void this.#services.services?.stores.reloadApprovals();
  }

  async #decide(approval: Approval, decision: 'approve' | 'reject'): Promise<void> {
    const api = this.#services.services?.api;
    const row = this.#row(approval.id);
    if (!api || row.mode === 'sending') return;
    const reason = (decision === 'approve' ? row.note : row.reason).trim();
    if (decision === 'reject' && !reason) {
      this.#patch(approval.id, { error: 'Give a reason for the rejection.' });
      return;
    }
    const detail: CommandDecisionDetail = {
      executionId: approval.command_execution_id,
      approvalId: approval.id,
      command: approval.command,
      commandDigest: approval.command_digest,
      reason: reason || null,
    };
    const event = decision === 'approve' ? new CommandApproveEvent(detail) : new CommandRejectEvent(detail);
    if (!this.dispatchEvent(event)) return;
    const previous = row.mode;
    this.#patch(approval.id, { mode: 'sending', error: null });
    try {
      await api.approve({
        execution_id: approval.command_execution_id,
        decision,
        command_digest: approval.command_digest,
        ...(reason ? { reason } : {}),
        ...(row.password ? { password: row.password } : {}),
      });
      this.#patch(approval.id, { ...IDLE_ROW });
      this.#finish(approval, decision === 'approve' ? 'Approved.' : 'Rejected.');
    } catch (error) {
      if (isKubeChatError(error) && error.code === 'STEP_UP_REQUIRED') {
        this.#patch(approval.id, {
          mode: 'step-up',
          decision,
          password: '',
          error: row.password ? 'That password was not accepted. Try again.' : null,
        });
        return;
      }
      this.#patch(approval.id, { mode: previous, error: asShownError(error) });
    }
  }

  async #cancel(approval: Approval): Promise<void> {
    const api = this.#services.services?.api;
    if (!api) return;
    this.#patch(approval.id, { mode: 'sending', error: null });
    try {
      await api.cancelExecution(approval.command_execution_id);
      this.#patch(approval.id, { ...IDLE_ROW });
      this.#finish(approval, 'Request cancelled.');
    } catch (error) {
      this.#patch(approval.id, { mode: 'idle', error: asShownError(error) });
    }
  }

  #renderActions(approval: Approval): TemplateResult {
    const row = this.#row(approval.id);
    const mine = approval.requested_by_user_id === this.#user.value?.id;
    const sending = row.mode === 'sending';
    if (!this.canApprove || mine) {
      return html`<div part="actions">
        ${
          mine && this.canApprove
            ? html`<span>Your own request: another admin must approve it.</span>`
            : nothing
        }
        <button type="button" class="cancel" ?disabled=${sending} @click=${() => void this.#cancel(approval)}>
          Cancel request
        </button>
      </div>`;
    }
    if (row.mode === 'step-up' || (sending && row.decision)) {
      return html`<form
        part="step-up"
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.#decide(approval, row.decision ?? 'approve');
        }}
      >
        <label>
          Your password (needed to approve a dangerous command)
          <input
            type="password"
            class="password"
            autocomplete="current-password"
            .value=${row.password}
            @input=${(e: Event) =>
              this.#patch(approval.id, { password: (e.target as HTMLInputElement).value })}
          />
        </label>
        <button type="submit" class="approve" ?disabled=${sending || !row.password}>
          Approve with password
        </button>
        <button type="button" @click=${() => this.#patch(approval.id, { ...IDLE_ROW })}>Back</button>
      </form>`;
    }
    if (row.mode === 'rejecting' || (sending && row.reason)) {
      return html`<div part="reject-form">
        <label>
          Reason for rejecting (required)
          <textarea
            class="reason"
            .value=${row.reason}
            @input=${(e: Event) =>
              this.#patch(approval.id, { reason: (e.target as HTMLTextAreaElement).value, error: null })}
          ></textarea>
        </label>
        <button
          type="button"
          class="confirm-reject"
          ?disabled=${sending}
          @click=${() => void this.#decide(approval, 'reject')}
        >
          Reject
        </button>
        <button type="button" @click=${() => this.#patch(approval.id, { ...IDLE_ROW })}>Back</button>
      </div>`;
    }
    return html`<div part="actions">
      <label part="approve-note">
        Note with your approval (optional)
        <input
          type="text"
          class="approve-reason"
          maxlength="1000"
          .value=${row.note}
          ?disabled=${sending}
          @input=${(e: Event) => this.#patch(approval.id, { note: (e.target as HTMLInputElement).value })}
        />
      </label>
      <button
        type="button"
        class="approve"
        ?disabled=${sending}
        @click=${() => void this.#decide(approval, 'approve')}
      >
        Approve
      </button>
      <button
        type="button"
        class="reject"
        ?disabled=${sending}
        @click=${() => this.#patch(approval.id, { mode: 'rejecting', error: null })}
      >
        Reject…
      </button>
    </div>`;
  }

  #renderItem(approval: Approval): TemplateResult {
    const level = SAFETY_LEVELS.includes(approval.safety_level) ? approval.safety_level : 'dangerous';
    const label = LEVEL_LABELS[level];
    const execution = (approval as Partial<ApprovalWithExecution>).execution;
    const reasons = execution?.reasons ?? [];
    const warnings = execution?.warnings ?? [];
    const hidden = suspiciousCharacters(approval.command);
    const row = this.#row(approval.id);
    return html`<li part="item" data-approval-id=${approval.id}>
      <span part="badge" data-level=${level}
        ><span aria-hidden="true">${label.icon}</span>
        <span class="visually-hidden">Safety level:</span> ${label.text}</span
      >
      <pre part="command" aria-label="Command"><code>${renderCommand(approval.command)}</code></pre>
      ${
        hidden
          ? html`<p part="hidden-warning">
              ⚠ ${hidden} invisible or look-alike character${hidden === 1 ? '' : 's'}, shown as ⟦U+…⟧.
            </p>`
          : nothing
      }
      ${
        execution
          ? html`<span part="meta"
              >Target: ${execution.target.context} / ${execution.namespace ?? '(default namespace)'}</span
            >`
          : nothing
      }
      ${renderNoteList('reasons', 'Why it needs approval', reasons)}
      ${renderNoteList('warnings', 'Warnings', warnings)}
      <span part="meta"
        >Asked by ${approval.requested_by} at ${new Date(approval.created_at).toLocaleString()} · expires
        ${new Date(approval.expires_at).toLocaleTimeString()}</span
      >
      ${this.#renderActions(approval)} ${renderErrorNotice(row.error)}
    </li>`;
  }

  override render() {
    const state = this.#approvals.value;
    const items = this.visibleApprovals;
    const heading = this.canApprove ? 'Approval requests' : 'Your pending requests';
    return html`<section part="base" aria-labelledby="heading">
      <h2 part="heading" id="heading">${heading}</h2>
      ${renderErrorNotice(state.error)}
      ${
        items.length
          ? html`<ul part="list">
              ${items.map((a) => this.#renderItem(a))}
            </ul>`
          : html`<p part="empty">
              ${state.loading && !state.loaded ? 'Loading…' : 'Nothing is waiting for approval.'}
            </p>`
      }
      <p class="visually-hidden" role="status">${this._announcement}</p>
    </section>`;
  }
}
