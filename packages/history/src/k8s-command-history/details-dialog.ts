import { html, nothing } from 'lit';
import {
  formatString,
  renderErrorNotice,
  strings,
  type ExecutionDetail,
  type KubeChatError,
} from '@k8s-chat/core';
import { renderRedacted } from './redacted-text.js';
import { formatDuration, formatTime } from './format.js';
import { approvalTrail, statusTimeline, type TrailStep } from './timeline.js';

export interface DetailsView {
  readonly execution: ExecutionDetail | null;
  readonly loading: boolean;
  readonly error: KubeChatError | null;
  readonly onClose: () => void;
}

function renderSteps(steps: readonly TrailStep[], className: string) {
  return html`<ol class=${className}>
    ${steps.map(
      (step) =>
        html`<li ?data-done=${!!step.at}>
          ${step.text}:
          ${step.at ? html`<time datetime=${step.at}>${formatTime(step.at)}</time>` : strings['history.timeline.not-yet']}
        </li>`,
    )}
  </ol>`;
}

function renderApproval(e: ExecutionDetail) {
  const trail = approvalTrail(e);
  if (!trail) return html`<p>${strings['history.approval.not-needed']}</p>`;
  const reason = e.approval?.reason ?? (e.status === 'rejected' ? e.error_message : null);
  return html`${renderSteps(trail, 'approval')}
  ${e.reasons.length ? html`<p>${formatString('history.approval.why', { reasons: e.reasons.join('; ') })}</p>` : nothing}
  ${reason ? html`<p>${formatString('history.approval.reason', { reason })}</p>` : nothing}`;
}

/**
 * The details of one execution in a modal dialog: the full command, facts, the approval trail, the status
 * timeline and the output. Output is tool data and stays plain text in a `<pre>`; the server's redaction
 * markers in the command and output are marked up (as text) so a reader sees what was hidden.
 */
export function renderDetails(v: DetailsView) {
  const e = v.execution;
  const fact = (label: string, value: unknown) =>
    html`<div>
      <dt>${label}</dt>
      <dd>${value}</dd>
    </div>`;
  return html`<dialog part="details" aria-labelledby="details-title" @close=${v.onClose}>
    ${
      e
        ? html`<h2 id="details-title">${formatString('history.details.title', { id: e.id })}</h2>
            <pre class="command">${renderRedacted(e.command)}</pre>
            <dl class="facts">
              ${fact(strings['history.details.user'], e.username)}
              ${fact(strings['history.details.namespace'], e.namespace ?? '—')}
              ${fact(strings['history.details.safety'], strings[`history.safety.${e.safety_level}`])}
              ${fact(strings['history.details.status'], strings[`history.status.${e.status}`])}
              ${fact(strings['history.details.exit-code'], e.exit_code ?? '—')}
              ${fact(strings['history.details.duration'], formatDuration(e.execution_time_ms))}
            </dl>
            <h3>${strings['history.details.approval']}</h3>
            ${renderApproval(e)}
            <h3>${strings['history.details.timeline']}</h3>
            ${renderSteps(statusTimeline(e), 'timeline')}
            <h3>${strings['history.details.output']}</h3>
            ${
              v.loading
                ? html`<p role="status">${strings['history.details.output-loading']}</p>`
                : v.error
                  ? renderErrorNotice(v.error, { part: 'details-error' })
                  : html`<pre part="output" tabindex="0">
${renderRedacted(e.output || e.error_message || strings['history.details.no-output'])}</pre>
                      ${e.output_truncated ? html`<p>${strings['history.details.truncated']}</p>` : nothing}`
            }
            <button type="button" name="close" @click=${v.onClose}>
              ${strings['history.details.close']}
            </button>`
        : nothing
    }
  </dialog>`;
}
