import { css, html, type TemplateResult } from 'lit';
import { countHidden, revealHidden } from '@k8s-chat/execution-status';
import { tokenizeCommand } from './tokenize.js';

/**
 * The command as highlighted text: one span per token, and every invisible, bidi or non-ASCII character
 * replaced by a visible marker such as `⟦U+202E⟧`. Lit text bindings only; nothing becomes HTML.
 */
export function renderCommand(command: string): TemplateResult {
  return html`${tokenizeCommand(command).map(
    (token) =>
      html`<span class="tok tok-${token.kind}"
        >${revealHidden(token.text, { nonAscii: true }).map((piece) =>
          piece.codePoint
            ? html`<mark class="hidden-char" title="Hidden or look-alike character ${piece.codePoint}"
                >${piece.text}</mark
              >`
            : piece.text,
        )}</span
      >`,
  )}`;
}

/** How many characters of a command are invisible, bidi controls or look-alikes. */
export function suspiciousCharacters(command: string): number {
  return countHidden(command, { nonAscii: true });
}

export const commandTextStyles = css`
  .tok-program {
    font-weight: 700;
  }
  .tok-verb {
    color: var(--_k8s-color-accent);
    font-weight: 700;
  }
  .tok-resource {
    text-decoration: underline dotted;
  }
  .tok-flag {
    color: var(--_k8s-color-text-muted);
  }
  .tok-value {
    font-style: italic;
  }
  .tok-operator {
    color: var(--_k8s-color-danger);
    font-weight: 700;
  }
  .hidden-char {
    color: var(--_k8s-color-danger);
    background: var(--_k8s-color-danger-surface);
    border: 1px solid currentColor;
    border-radius: 3px;
    font-size: 0.85em;
  }
  @media (forced-colors: active) {
    .hidden-char {
      border-color: Mark;
    }
  }
`;
