import { css } from 'lit';

export const commandPreviewStyles = css`
  :host {
    --_k8s-command-preview-bg: var(--k8s-command-preview-bg, var(--_k8s-color-surface));
    --_k8s-command-preview-border: var(--k8s-command-preview-border, var(--_k8s-color-border));
    --_k8s-control-border: var(--_k8s-command-preview-border);
    --_k8s-command-preview-command-bg: var(--k8s-command-preview-command-bg, var(--_k8s-color-code-bg));
    --_k8s-command-preview-gap: var(--k8s-command-preview-gap, var(--_k8s-space-2));
  }
  [part='base'] {
    background: var(--_k8s-command-preview-bg);
    border: 1px solid var(--_k8s-command-preview-border);
    border-radius: var(--_k8s-radius);
    padding: var(--_k8s-space-3);
    display: grid;
    gap: var(--_k8s-command-preview-gap);
  }
  :host([compact]) [part='base'] {
    padding: var(--_k8s-space-2);
  }
  [part='header'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_k8s-space-2);
    align-items: center;
  }
  [part='target'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_k8s-space-1) var(--_k8s-space-3);
    margin: 0;
    font-size: 0.9em;
  }
  [part='target'] div {
    display: flex;
    gap: var(--_k8s-space-1);
  }
  [part='target'] dt,
  [part='impact'] dt {
    color: var(--_k8s-color-text-muted);
  }
  [part='target'] dd,
  [part='impact'] dd {
    margin: 0;
    font-family: var(--_k8s-font-mono);
  }
  [part='command-row'] {
    display: flex;
    gap: var(--_k8s-space-2);
    align-items: start;
  }
  [part='command'] {
    flex: 1;
    font-family: var(--_k8s-font-mono);
    background: var(--_k8s-command-preview-command-bg);
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
  [part='explanation'],
  [part='notice'],
  [part='hidden-warning'],
  [part='error'] {
    margin: 0;
  }
  [part='hidden-warning'],
  [part='error'] {
    color: var(--_k8s-color-danger);
  }
  [part='reasons'],
  [part='warnings'] {
    margin: 0;
    padding-inline-start: var(--_k8s-space-4, 1.25rem);
  }
  [part='impact'] {
    margin: 0;
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: var(--_k8s-space-1) var(--_k8s-space-2);
  }
  [part='dry-run'] {
    font-family: var(--_k8s-font-mono);
    background: var(--_k8s-command-preview-command-bg);
    padding: var(--_k8s-space-2);
    border-radius: var(--_k8s-radius);
    margin: 0;
    white-space: pre-wrap;
    max-block-size: 12rem;
    overflow: auto;
  }
  [part='actions'],
  [part='confirm'],
  [part='approval'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_k8s-space-2);
    align-items: center;
  }
  [part='approval'] {
    border-inline-start: 3px solid var(--_k8s-color-warning);
    padding-inline-start: var(--_k8s-space-2);
  }
  [part='countdown'] {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  [part='editor'] {
    display: grid;
    gap: var(--_k8s-space-1);
  }
  textarea {
    font-family: var(--_k8s-font-mono);
    font-size: inherit;
    min-block-size: 4em;
    padding: var(--_k8s-space-2);
    border-radius: var(--_k8s-radius);
    border: 1px solid var(--_k8s-command-preview-border);
    background: var(--_k8s-color-bg);
    color: var(--_k8s-color-text);
  }
  button.danger {
    background: var(--_k8s-color-danger);
    color: var(--_k8s-color-on-accent);
    border-color: var(--_k8s-color-danger);
  }
  [part='dry-run']:focus-visible {
    outline: 2px solid var(--_k8s-color-focus);
    outline-offset: 2px;
  }
  @media (forced-colors: active) {
    /* The level is in the badge's text and icon; a thick frame keeps it a badge without colour. */
    [part='badge'] {
      border: 2px solid CanvasText;
    }
    [part='base'] {
      border: 1px solid CanvasText;
    }
    [part='approval'] {
      border-inline-start-color: CanvasText;
    }
    /* The expiry countdown is what a requester watches: framed so it stays findable without colour. */
    [part='countdown'] {
      forced-color-adjust: none;
      color: CanvasText;
      background: Canvas;
      border: 1px solid CanvasText;
      padding-inline: 0.25em;
    }
    [part='dry-run']:focus-visible {
      outline: 2px solid Highlight;
    }
  }
`;
