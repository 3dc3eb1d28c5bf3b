import { css } from 'lit';

// The provider only supplies services; it must not change the layout of what it wraps. Its one piece of
// UI, the idle warning, is a modal dialog in the top layer, so it needs no box of its own.
export const styles = css`
  :host {
    display: contents;
  }
  dialog {
    max-inline-size: min(28rem, calc(100vw - 2rem));
    padding: var(--_k8s-space-4);
    border: 1px solid var(--_k8s-color-border);
    border-radius: var(--_k8s-radius);
    background: var(--_k8s-color-surface-raised);
    color: var(--_k8s-color-text);
    font-family: var(--_k8s-font-family);
    font-size: var(--_k8s-font-size);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 40%);
  }
  h2 {
    margin: 0 0 var(--_k8s-space-2);
    font-size: 1.15em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_k8s-space-2);
    margin-block-start: var(--_k8s-space-3);
  }
  button {
    min-block-size: 2.25rem;
    padding: 0 var(--_k8s-space-3);
    border: 1px solid var(--_k8s-color-border);
    border-radius: var(--_k8s-radius);
    background: var(--_k8s-color-surface);
    color: var(--_k8s-color-text);
    font: inherit;
    cursor: pointer;
  }
  button.primary {
    border-color: var(--_k8s-color-accent);
    background: var(--_k8s-color-accent);
    color: var(--_k8s-color-on-accent);
  }
  button:focus-visible {
    outline: 2px solid var(--_k8s-color-focus);
    outline-offset: 2px;
  }
  @media (forced-colors: active) {
    button.primary {
      border-color: ButtonText;
    }
  }
`;
