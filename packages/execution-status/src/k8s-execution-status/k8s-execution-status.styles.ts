import { css } from 'lit';

export const executionStatusStyles = css`
  :host {
    --_k8s-execution-status-bg: var(--k8s-execution-status-bg, var(--_k8s-color-surface));
  }
  [part='base'] {
    display: flex;
    align-items: center;
    gap: var(--_k8s-space-2);
    padding: var(--_k8s-space-2) var(--_k8s-space-3);
    background: var(--_k8s-execution-status-bg);
    border: 1px solid var(--_k8s-color-border);
    border-radius: var(--_k8s-radius);
  }
  [part='status-icon'] {
    inline-size: 1.25em;
    text-align: center;
  }
  :host([status='completed']) [part='status-icon'] {
    color: var(--_k8s-color-safe);
  }
  :host([status='failed']) [part='status-icon'],
  :host([status='timeout']) [part='status-icon'],
  :host([status='rejected']) [part='status-icon'] {
    color: var(--_k8s-color-danger);
  }
  :host([status='pending_approval']) [part='status-icon'] {
    color: var(--_k8s-color-warning);
  }
`;
