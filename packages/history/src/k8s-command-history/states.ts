import { html } from 'lit';
import { renderErrorNotice, strings, type KubeChatError } from '@k8s-chat/core';
import type { HistoryState } from './k8s-command-history.types.js';

/**
 * The message shown instead of the grid: waiting for services, loading, nothing matches, failed (with a
 * retry and the error's hint), or not allowed. Null when the grid should show.
 */
export function renderState(
  state: HistoryState,
  visibleCount: number,
  pending: boolean,
  error: KubeChatError | null,
  retry: () => void,
) {
  switch (state) {
    case 'idle':
      return html`<p part="empty">${strings['history.idle']}</p>`;
    case 'loading':
      return html`<p part="loading" role="status">${strings['history.loading']}</p>`;
    // Both failures go through core's error notice, which carries the server's request id as a support
    // reference; the notice is the alert, the lead line and the retry button sit around it.
    case 'forbidden':
      return html`<div part="forbidden">
        <p>${strings['history.forbidden']}</p>
        ${renderErrorNotice(error, { part: 'error-notice' })}
      </div>`;
    case 'error':
      return html`<div part="error">
        <p>${strings['history.error']}</p>
        ${renderErrorNotice(error ?? strings['history.error'], { part: 'error-notice' })}
        <button type="button" name="retry" @click=${retry}>${strings['history.retry']}</button>
      </div>`;
    default:
      return visibleCount === 0 && !pending
        ? html`<p part="empty" role="status">${strings['history.empty']}</p>`
        : null;
  }
}
