import { html, type TemplateResult } from 'lit';
import type { IdleState } from '../auth/idle-monitor.js';
import { formatString } from '../strings/strings.js';

export interface IdleWarningHandlers {
  readonly stay: () => void;
  readonly signOut: () => void;
}

/**
 * The warning before an idle sign-out: a modal alert dialog (opened with showModal by the provider) whose
 * first button (focused by showModal) keeps the session, so Enter or Escape answers "I am still here".
 */
export function renderIdleWarning(state: IdleState | null, on: IdleWarningHandlers): TemplateResult {
  const seconds = state?.secondsLeft ?? 0;
  return html`<dialog
    part="idle-dialog"
    role="alertdialog"
    aria-labelledby="idle-title"
    aria-describedby="idle-text"
    @cancel=${(event: Event) => {
      event.preventDefault(); // Escape means "still here", not "close and get signed out anyway"
      on.stay();
    }}
  >
    <h2 id="idle-title">${formatString('idle.title')}</h2>
    <p id="idle-text">
      <span aria-hidden="true">${formatString('idle.warning', { seconds })}</span>
      <span class="visually-hidden" aria-live="off">${formatString('idle.warning', { seconds })}</span>
    </p>
    <div class="actions">
      <button type="button" part="idle-stay" class="primary" @click=${on.stay}>
        ${formatString('idle.stay')}
      </button>
      <button type="button" part="idle-sign-out" @click=${on.signOut}>
        ${formatString('idle.sign-out')}
      </button>
    </div>
  </dialog>`;
}
