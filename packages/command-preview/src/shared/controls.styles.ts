import { css } from 'lit';

/**
 * Buttons and text fields as both elements of this package draw them. Each element points
 * `--_k8s-control-border` at its own border variable.
 */
export const controlStyles = css`
  button {
    font: inherit;
    padding: var(--_k8s-space-1) var(--_k8s-space-3);
    border-radius: var(--_k8s-radius);
    border: 1px solid var(--_k8s-control-border, var(--_k8s-color-border));
    background: var(--_k8s-color-surface-raised);
    color: var(--_k8s-color-text);
    cursor: pointer;
  }
  button.primary,
  button.approve {
    background: var(--_k8s-color-accent);
    color: var(--_k8s-color-on-accent);
    border-color: var(--_k8s-color-accent);
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  button:focus-visible,
  input:focus-visible,
  textarea:focus-visible {
    outline: 2px solid var(--_k8s-color-focus);
    outline-offset: 2px;
  }
  /*
   * High contrast: the system replaces our colours (forced-color-adjust stays auto), so level, state and
   * focus must survive as shape and text. Buttons keep a frame, the ones that decide something a thicker
   * one, and the focus ring uses Highlight. Each element frames its badge in its own styles, after its
   * badge rules.
   */
  @media (forced-colors: active) {
    button {
      border: 1px solid ButtonText;
    }
    button:disabled {
      border-color: GrayText;
      opacity: 1;
    }
    button.danger,
    button.primary,
    button.approve,
    button.reject,
    button.confirm-reject {
      border-width: 2px;
    }
    button:focus-visible,
    input:focus-visible,
    textarea:focus-visible {
      outline: 2px solid Highlight;
    }
    input,
    textarea {
      border: 1px solid CanvasText;
    }
  }
`;
