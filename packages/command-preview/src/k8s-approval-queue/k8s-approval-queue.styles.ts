import { css } from 'lit';

export const approvalQueueStyles = css`
  :host {
    --_k8s-approval-queue-bg: var(--k8s-approval-queue-bg, var(--_k8s-color-surface));
    --_k8s-approval-queue-border: var(--k8s-approval-queue-border, var(--_k8s-color-border));
    --_k8s-approval-queue-gap: var(--k8s-approval-queue-gap, var(--_k8s-space-2));
    --_k8s-control-border: var(--_k8s-approval-queue-border);
  }
  [part='base'] {
    display: grid;
    gap: var(--_k8s-approval-queue-gap);
  }
  [part='heading'] {
    margin: 0;
    font-size: 1.1em;
  }
  [part='list'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_k8s-approval-queue-gap);
  }
  [part='item'] {
    background: var(--_k8s-approval-queue-bg);
    border: 1px solid var(--_k8s-approval-queue-border);
    border-radius: var(--_k8s-radius);
    padding: var(--_k8s-space-3);
    display: grid;
    gap: var(--_k8s-space-2);
  }
  [part='meta'] {
    color: var(--_k8s-color-text-muted);
    font-size: 0.9em;
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
    gap: var(--_k8s-space-1);
    justify-self: start;
    padding-inline: var(--_k8s-space-2);
    border-radius: 999px;
    font-weight: 600;
    border: 1px solid currentColor;
  }
  [part='badge'][data-level='safe'] {
    color: var(--_k8s-color-safe);
    background: var(--_k8s-color-safe-surface);
  }
  [part='badge'][data-level='warning'] {
    color: var(--_k8s-color-warning);
    background: var(--_k8s-color-warning-surface);
  }
  [part='badge'][data-level='dangerous'] {
    color: var(--_k8s-color-danger);
    background: var(--_k8s-color-danger-surface);
  }
  [part='reasons'],
  [part='warnings'] {
    margin: 0;
  }
  [part='actions'],
  [part='reject-form'],
  [part='step-up'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_k8s-space-2);
    align-items: end;
  }
  label {
    display: grid;
    gap: var(--_k8s-space-1);
  }
  input,
  textarea {
    font: inherit;
    padding: var(--_k8s-space-1) var(--_k8s-space-2);
    border-radius: var(--_k8s-radius);
    border: 1px solid var(--_k8s-approval-queue-border);
    background: var(--_k8s-color-bg);
    color: var(--_k8s-color-text);
  }
  [part='error'] {
    color: var(--_k8s-color-danger);
    margin: 0;
  }
  [part='empty'] {
    color: var(--_k8s-color-text-muted);
    margin: 0;
  }
  button.reject,
  button.confirm-reject {
    border-color: var(--_k8s-color-danger);
    color: var(--_k8s-color-danger);
  }
  @media (forced-colors: active) {
    /* The level is in the badge's text and icon; a thick frame keeps it a badge without colour. */
    [part='badge'] {
      border: 2px solid CanvasText;
    }
    [part='item'] {
      border: 1px solid CanvasText;
    }
  }
`;
