import { css } from 'lit';

export const commandPreviewStyles = css`
  :host {
    --_k8s-command-preview-bg: var(--k8s-command-preview-bg, var(--_k8s-color-surface));
    --_k8s-command-preview-border: var(--k8s-command-preview-border, var(--_k8s-color-border));
  }
  [part='base'] {
    background: var(--_k8s-command-preview-bg);
    border: 1px solid var(--_k8s-command-preview-border);
    border-radius: var(--_k8s-radius);
    padding: var(--_k8s-space-3);
    display: grid;
    gap: var(--_k8s-space-2);
  }
  [part='command'] {
    font-family: var(--_k8s-font-mono);
    background: var(--_k8s-color-code-bg);
    padding: var(--_k8s-space-2);
    border-radius: var(--_k8s-radius);
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  [part='badge'] {
    display: inline-flex;
    align-items: center;
    gap: var(--_k8s-space-1);
    justify-self: start;
    padding-block: 2px;
    padding-inline: var(--_k8s-space-2);
    border-radius: 999px;
    font-weight: 600;
    border: 1px solid currentColor;
  }
  :host([safety-level='safe']) [part='badge'] {
    color: var(--_k8s-color-safe);
    background: var(--_k8s-color-safe-surface);
  }
  :host([safety-level='warning']) [part='badge'] {
    color: var(--_k8s-color-warning);
    background: var(--_k8s-color-warning-surface);
  }
  :host([safety-level='dangerous']) [part='badge'] {
    color: var(--_k8s-color-danger);
    background: var(--_k8s-color-danger-surface);
  }
  [part='explanation'] {
    margin: 0;
  }
`;
