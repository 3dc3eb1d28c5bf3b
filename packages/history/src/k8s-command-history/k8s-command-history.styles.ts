import { css } from 'lit';

export const commandHistoryStyles = css`
  :host {
    --_k8s-command-history-bg: var(--k8s-command-history-bg, var(--_k8s-color-bg));
    --_k8s-command-history-header-bg: var(--k8s-command-history-header-bg, var(--_k8s-color-surface));
  }
  table {
    inline-size: 100%;
    border-collapse: collapse;
    background: var(--_k8s-command-history-bg);
  }
  th,
  td {
    text-align: start;
    padding: var(--_k8s-space-1) var(--_k8s-space-2);
    border-block-end: 1px solid var(--_k8s-color-border);
  }
  th {
    background: var(--_k8s-command-history-header-bg);
    font-weight: 600;
  }
  td.command {
    font-family: var(--_k8s-font-mono);
    overflow-wrap: anywhere;
  }
  [part='empty'] {
    padding: var(--_k8s-space-4);
    color: var(--_k8s-color-text-muted);
  }
`;
