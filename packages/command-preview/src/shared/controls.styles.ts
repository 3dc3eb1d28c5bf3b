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
  @media (forced-colors: active) {
    [part='badge'],
    button {
      forced-color-adjust: auto;
      border: 1px solid ButtonText;
    }
  }
`;
