import { html, nothing, type TemplateResult } from 'lit';
import { renderErrorNotice, strings, type ConnectionState, type KubeChatError } from '@k8s-chat/core';
import { EXAMPLE_PROMPTS } from '../k8s-chat.types.js';

/** The offline / reconnecting banner, from core's connection store. */
export function renderBanner(state: ConnectionState): TemplateResult | typeof nothing {
  if (state !== 'offline' && state !== 'reconnecting') return nothing;
  return html`<div part="banner" role="status" data-state=${state}>${strings[`connection.${state}`]}</div>`;
}

/** An inline error: core's notice (what happened, what to do, the support reference) and a Dismiss button. */
export function renderError(
  error: KubeChatError | null,
  dismiss: () => void,
): TemplateResult | typeof nothing {
  if (!error) return nothing;
  return html`<div class="error">
    ${renderErrorNotice(error)}
    <button type="button" @click=${dismiss}>Dismiss</button>
  </div>`;
}

/** Example prompts on an empty session; picking one puts it in the composer. */
export function renderExamples(pick: (prompt: string) => void): TemplateResult {
  return html`<div part="examples">
    <p>Ask a question about your cluster, or try one of these:</p>
    <ul>
      ${EXAMPLE_PROMPTS.map(
        (p) => html`<li><button type="button" class="example" @click=${() => pick(p)}>${p}</button></li>`,
      )}
    </ul>
  </div>`;
}
