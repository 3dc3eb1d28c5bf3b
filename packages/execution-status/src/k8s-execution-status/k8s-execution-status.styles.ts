import { css } from 'lit';

export const executionStatusStyles = css`
  :host {
    --_k8s-execution-status-bg: var(--k8s-execution-status-bg, var(--_k8s-color-surface));
    --_k8s-execution-status-border: var(--k8s-execution-status-border, var(--_k8s-color-border));
    --_k8s-execution-status-output-bg: var(--k8s-execution-status-output-bg, var(--_k8s-color-code-bg));
    --_k8s-execution-status-output-max-height: var(--k8s-execution-status-output-max-height, 24rem);
  }
  [part='base'] {
    display: grid;
    gap: var(--_k8s-space-2);
    padding: var(--_k8s-space-2) var(--_k8s-space-3);
    background: var(--_k8s-execution-status-bg);
    border: 1px solid var(--_k8s-execution-status-border);
    border-radius: var(--_k8s-radius);
  }
  [part='header'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_k8s-space-2);
  }
  [part='status-icon'] {
    inline-size: 1.25em;
    text-align: center;
  }
  [part='elapsed'] {
    color: var(--_k8s-color-text-muted);
    font-variant-numeric: tabular-nums;
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
  [part='progress'] {
    display: flex;
    align-items: center;
    gap: var(--_k8s-space-2);
  }
  [part='summary'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_k8s-space-1) var(--_k8s-space-3);
    margin: 0;
  }
  [part='summary'] div {
    display: flex;
    gap: var(--_k8s-space-1);
  }
  [part='summary'] dt {
    color: var(--_k8s-color-text-muted);
  }
  [part='summary'] dd {
    margin: 0;
  }
  [part='stale'] {
    margin: 0;
    padding: var(--_k8s-space-1) var(--_k8s-space-2);
    border-inline-start: 3px solid var(--_k8s-color-warning);
    background: var(--_k8s-color-warning-surface);
    color: var(--_k8s-color-text);
  }
  [part='output-region'] {
    display: grid;
    gap: var(--_k8s-space-1);
  }
  [part='output-label'] {
    font-size: 0.85em;
    color: var(--_k8s-color-text-muted);
  }
  [part='output'] {
    font-family: var(--_k8s-font-mono);
    line-height: 1.45;
    background: var(--_k8s-execution-status-output-bg);
    border-radius: var(--_k8s-radius);
    padding-block: var(--_k8s-space-1);
    /* One line per row until the maximum height; the virtualizer needs a definite size. */
    min-block-size: 0;
    block-size: min(
      var(--_k8s-execution-status-output-max-height),
      calc(var(--_k8s-execution-status-lines, 1) * 1.45em + 2 * var(--_k8s-space-1) + 1px)
    );
    overflow: auto;
    margin: 0;
  }
  [part='output']:focus-visible,
  button:focus-visible,
  a:focus-visible {
    outline: 2px solid var(--_k8s-color-focus);
    outline-offset: 2px;
  }
  .line {
    display: block;
    box-sizing: border-box;
    inline-size: 100%;
    padding-inline: var(--_k8s-space-2);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    min-block-size: 1.45em;
  }
  .bold {
    font-weight: 700;
  }
  .hidden-char {
    border: 1px dashed currentColor;
    border-radius: 3px;
    font-size: 0.85em;
  }
  .fg-red,
  .fg-bright-red {
    color: #d1242f;
  }
  .fg-green,
  .fg-bright-green {
    color: #1a7f37;
  }
  .fg-yellow,
  .fg-bright-yellow {
    color: #9a6700;
  }
  .fg-blue,
  .fg-bright-blue {
    color: #0969da;
  }
  .fg-magenta,
  .fg-bright-magenta {
    color: #8250df;
  }
  .fg-cyan,
  .fg-bright-cyan {
    color: #1b7c83;
  }
  .fg-bright-black {
    color: var(--_k8s-color-text-muted);
  }
  [part='toolbar'],
  [part='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_k8s-space-2);
    align-items: center;
  }
  [part='dropped'] {
    color: var(--_k8s-color-text-muted);
    font-style: italic;
  }
  [part='error'] {
    color: var(--_k8s-color-danger);
    margin: 0;
  }
  [part='rollback'] {
    border: 1px solid var(--_k8s-execution-status-border);
    border-radius: var(--_k8s-radius);
    padding: var(--_k8s-space-2);
    display: grid;
    gap: var(--_k8s-space-2);
  }
  [part='rollback'] pre {
    font-family: var(--_k8s-font-mono);
    margin: 0;
    white-space: pre-wrap;
  }
  button {
    font: inherit;
    padding: var(--_k8s-space-1) var(--_k8s-space-2);
    border-radius: var(--_k8s-radius);
    border: 1px solid var(--_k8s-execution-status-border);
    background: var(--_k8s-color-surface-raised);
    color: var(--_k8s-color-text);
    cursor: pointer;
  }
  button.danger {
    border-color: var(--_k8s-color-danger);
    color: var(--_k8s-color-danger);
  }
  :host([compact]) [part='base'] {
    padding: var(--_k8s-space-1) var(--_k8s-space-2);
  }
  [part='redacted'] {
    padding-inline: 0.3em;
    border: 1px dashed var(--_k8s-color-warning);
    border-radius: 3px;
    background: var(--_k8s-color-warning-surface);
    color: var(--_k8s-color-text);
    font-style: italic;
    cursor: help;
  }
  /* High contrast: colours are replaced by the system's, so every state keeps a visible shape. */
  @media (forced-colors: active) {
    [part='base'],
    [part='output'],
    [part='rollback'] {
      border: 1px solid CanvasText;
    }
    [part='status-icon'] {
      forced-color-adjust: none;
      color: CanvasText;
      border: 1px solid CanvasText;
      border-radius: 50%;
    }
    button {
      border: 1px solid ButtonText;
    }
    button:disabled {
      border-color: GrayText;
    }
    button.danger {
      border-width: 2px;
    }
    [part='output']:focus-visible,
    button:focus-visible,
    a:focus-visible {
      outline: 2px solid Highlight;
    }
    a {
      color: LinkText;
    }
    [part='redacted'] {
      forced-color-adjust: none;
      color: CanvasText;
      background: Canvas;
      border: 2px solid CanvasText;
    }
    .hidden-char {
      border-color: CanvasText;
    }
    [part='stale'] {
      border-inline-start-color: CanvasText;
    }
    progress {
      border: 1px solid CanvasText;
    }
  }
`;
