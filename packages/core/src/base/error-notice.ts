import { css, html, nothing, type TemplateResult } from 'lit';
import { isKubeChatError, type KubeChatError } from '../api/errors.js';
import { formatString } from '../strings/strings.js';

/**
 * One way to show an error to a person in every element: what happened, what to do next, and the request
 * id the server logged, so a support ticket can point at the exact request. Text only (never HTML).
 */
export function renderErrorNotice(
  error: KubeChatError | Error | string | null | undefined,
  options: { readonly part?: string; readonly role?: 'alert' | 'status' } = {},
): TemplateResult | typeof nothing {
  if (!error) return nothing;
  const { message, hint, requestId } = describeError(error);
  return html`<div class="k8s-error" part=${options.part ?? 'error'} role=${options.role ?? 'alert'}>
    <span class="k8s-error-message">${message}</span>
    ${hint && hint !== message ? html` <span class="k8s-error-hint">${hint}</span>` : nothing}
    ${
      requestId
        ? html` <span class="k8s-error-reference" part="error-reference"
            >${formatString('error.reference', { id: requestId })}</span
          >`
        : nothing
    }
  </div>`;
}

/** The parts of an error a person reads. */
export function describeError(error: KubeChatError | Error | string): {
  message: string;
  hint: string;
  requestId: string | null;
} {
  if (typeof error === 'string') return { message: error, hint: '', requestId: null };
  if (isKubeChatError(error)) {
    return { message: error.serverMessage ?? error.hint, hint: error.hint, requestId: error.requestId };
  }
  return { message: error.message, hint: '', requestId: null };
}

/** Styles for `renderErrorNotice`; add to an element's `styles`. */
export const errorNoticeStyles = css`
  .k8s-error {
    padding: var(--_k8s-space-2) var(--_k8s-space-3);
    border: 1px solid var(--_k8s-color-danger);
    border-radius: var(--_k8s-radius);
    background: var(--_k8s-color-danger-surface);
    color: var(--_k8s-color-text);
  }
  .k8s-error-reference {
    display: block;
    margin-block-start: var(--_k8s-space-1);
    color: var(--_k8s-color-text-muted);
    font-family: var(--_k8s-font-mono);
    font-size: 0.85em;
    user-select: all;
  }
  @media (forced-colors: active) {
    .k8s-error {
      border-color: CanvasText;
    }
  }
`;
