import { css } from 'lit';

export const accountSettingsStyles = css`
  .base {
    display: grid;
    gap: var(--_k8s-space-4);
    padding: var(--_k8s-space-4);
    border: 1px solid var(--k8s-account-border, var(--_k8s-color-border));
    border-radius: var(--_k8s-radius);
    background: var(--k8s-account-bg, var(--_k8s-color-bg));
  }
  :host([compact]) .base {
    gap: var(--_k8s-space-2);
    padding: var(--_k8s-space-2);
  }
  h2 {
    margin: 0 0 var(--_k8s-space-2);
    font-size: 1.1em;
  }
  .note,
  .help,
  .device-meta {
    color: var(--_k8s-color-text-muted);
  }
  .note {
    margin: 0 0 var(--_k8s-space-2);
  }
  .help {
    font-size: 0.9em;
  }
  .help.invalid {
    color: var(--_k8s-color-danger);
  }
  fieldset {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_k8s-space-3);
    margin: 0 0 var(--_k8s-space-3);
    padding: var(--_k8s-space-2) var(--_k8s-space-3);
    border: 1px solid var(--_k8s-color-border);
    border-radius: var(--_k8s-radius);
  }
  .field {
    display: grid;
    gap: var(--_k8s-space-1);
    max-inline-size: 24rem;
    margin-block-end: var(--_k8s-space-3);
  }
  .choice {
    display: flex;
    align-items: center;
    gap: var(--_k8s-space-2);
    min-block-size: 1.75rem;
  }
  input[type='text'] {
    min-block-size: 2.25rem;
    padding: 0 var(--_k8s-space-2);
    border: 1px solid var(--_k8s-color-border);
    border-radius: var(--_k8s-radius);
    background: var(--_k8s-color-surface-raised);
    color: var(--_k8s-color-text);
    font: inherit;
  }
  input[aria-invalid='true'] {
    border-color: var(--_k8s-color-danger);
  }
  .status {
    min-block-size: 1.25em;
    margin: var(--_k8s-space-1) 0 0;
    color: var(--_k8s-color-text-muted);
  }
  ul {
    display: grid;
    gap: var(--_k8s-space-2);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .device {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_k8s-space-3);
    padding: var(--_k8s-space-2) var(--_k8s-space-3);
    border: 1px solid var(--_k8s-color-border);
    border-radius: var(--_k8s-radius);
    background: var(--_k8s-color-surface);
  }
  .device-text {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_k8s-space-1) var(--_k8s-space-2);
    align-items: baseline;
  }
  .device-name {
    font-weight: 600;
  }
  .device-meta {
    flex-basis: 100%;
    font-size: 0.9em;
  }
  .badge {
    padding: 0 var(--_k8s-space-2);
    border: 1px solid var(--_k8s-color-accent);
    border-radius: 999px;
    color: var(--_k8s-color-accent);
    font-size: 0.85em;
  }
  .notice {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_k8s-space-2);
    align-items: center;
    padding: var(--_k8s-space-2) var(--_k8s-space-3);
    border: 1px solid var(--_k8s-color-warning);
    border-radius: var(--_k8s-radius);
    background: var(--_k8s-color-warning-surface);
  }
  button {
    min-block-size: 2rem;
    padding: 0 var(--_k8s-space-3);
    border: 1px solid var(--_k8s-color-border);
    border-radius: var(--_k8s-radius);
    background: var(--_k8s-color-surface-raised);
    color: var(--_k8s-color-text);
    font: inherit;
    cursor: pointer;
  }
  button:disabled {
    cursor: progress;
    opacity: 0.7;
  }
  button:focus-visible,
  input:focus-visible {
    outline: 2px solid var(--_k8s-color-focus);
    outline-offset: 2px;
  }
  @media (forced-colors: active) {
    .badge,
    .notice,
    .device {
      border-color: CanvasText;
    }
    .help.invalid {
      color: Mark;
    }
  }
`;
