import { css } from 'lit';

export const commandHistoryStyles = css`
  :host {
    --_k8s-history-bg: var(--k8s-history-bg, var(--_k8s-color-bg));
    --_k8s-history-header-bg: var(--k8s-history-header-bg, var(--_k8s-color-surface));
    --_k8s-history-row-height: var(--k8s-history-row-height, 2.25rem);
    --_k8s-history-height: var(--k8s-history-height, 24rem);
    --_k8s-history-bar-color: var(--k8s-history-bar-color, var(--_k8s-color-accent));
    --_k8s-history-failed-color: var(--k8s-history-failed-color, var(--_k8s-color-danger, #b3261e));
    --_k8s-history-focus-color: var(--k8s-history-focus-color, var(--_k8s-color-accent));
    --_k8s-history-columns: 12.5rem 7rem minmax(12rem, 1fr) 7rem 6rem 9rem 6rem;
    background: var(--_k8s-history-bg);
  }
  :host([compact]) {
    --_k8s-history-row-height: var(--k8s-history-row-height, 1.75rem);
    --_k8s-history-columns: 8.5rem minmax(8rem, 1fr) 7rem 4.5rem;
    font-size: 0.8125rem;
    block-size: 100%;
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--_k8s-space-2);
    block-size: 100%;
    min-block-size: 0;
  }
  [part='filters'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_k8s-space-2);
    align-items: end;
  }
  [part='filters'] label {
    display: flex;
    flex-direction: column;
    font-size: 0.85em;
    gap: 2px;
  }
  input,
  select,
  button {
    font: inherit;
    color: inherit;
    background: var(--_k8s-history-bg);
    border: 1px solid var(--_k8s-color-border);
    border-radius: var(--_k8s-radius, 4px);
    padding: 2px var(--_k8s-space-1);
  }
  button {
    cursor: pointer;
  }
  [part='export'] {
    display: flex;
    gap: var(--_k8s-space-1);
    align-items: end;
    margin-inline-start: auto;
  }
  [part='summary'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_k8s-space-3, 12px);
    align-items: center;
    background: var(--_k8s-history-header-bg);
    padding: var(--_k8s-space-2);
  }
  [part='summary'] dl {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_k8s-space-3, 12px);
    margin: 0;
  }
  [part='summary'] dt {
    font-size: 0.8em;
    color: var(--_k8s-color-text-muted);
  }
  [part='summary'] dd {
    margin: 0;
    font-weight: 600;
  }
  [part='chart'] {
    inline-size: 12rem;
    block-size: 3rem;
  }
  [part='chart'] .bar {
    fill: var(--_k8s-history-bar-color);
  }
  [part='chart'] .failed {
    fill: var(--_k8s-history-failed-color);
  }
  [part='grid'] {
    display: flex;
    flex-direction: column;
    min-block-size: 0;
    flex: 1;
    border: 1px solid var(--_k8s-color-border);
  }
  [role='row'] {
    display: grid;
    grid-template-columns: var(--_k8s-history-columns);
    inline-size: 100%;
    block-size: var(--_k8s-history-row-height);
    align-items: center;
  }
  [part='header'] {
    background: var(--_k8s-history-header-bg);
    font-weight: 600;
    border-block-end: 1px solid var(--_k8s-color-border);
  }
  [part='column-header'] button {
    border: 0;
    background: transparent;
    font-weight: inherit;
    inline-size: 100%;
    text-align: start;
  }
  [part='scroller'] {
    block-size: var(--_k8s-history-height);
    overflow: auto;
    contain: strict;
  }
  :host([compact]) [part='scroller'] {
    block-size: auto;
    flex: 1;
    min-block-size: 6rem;
  }
  [part='row'] {
    border-block-end: 1px solid var(--_k8s-color-border);
    cursor: pointer;
  }
  [part='row']:hover {
    background: var(--_k8s-history-header-bg);
  }
  [part='row']:focus-within {
    background: var(--_k8s-history-header-bg);
  }
  [part='cell']:focus-visible,
  [part='column-header'] button:focus-visible {
    outline: 2px solid var(--_k8s-history-focus-color);
    outline-offset: -2px;
  }
  [part='progress'] {
    display: inline-flex;
    gap: var(--_k8s-space-1);
    align-items: center;
    font-variant-numeric: tabular-nums;
  }
  .timeline,
  .approval {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  .timeline li:not([data-done]) {
    color: var(--_k8s-color-text-muted);
  }
  [part='cell'] {
    padding-inline: var(--_k8s-space-2);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  [part='cell'].command code {
    font-family: var(--_k8s-font-mono);
  }
  [part='status-badge'][data-status='failed'],
  [part='status-badge'][data-status='timeout'],
  [part='status-badge'][data-status='rejected'] {
    color: var(--_k8s-history-failed-color);
    font-weight: 600;
  }
  [part='empty'],
  [part='loading'],
  [part='error'],
  [part='forbidden'] {
    padding: var(--_k8s-space-4);
    color: var(--_k8s-color-text-muted);
  }
  [part='details'] {
    max-inline-size: min(48rem, 90vw);
    max-block-size: 85vh;
    color: inherit;
    background: var(--_k8s-history-bg);
  }
  [part='details'] pre {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    font-family: var(--_k8s-font-mono);
    background: var(--_k8s-history-header-bg);
    padding: var(--_k8s-space-2);
    max-block-size: 20rem;
    overflow: auto;
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr));
    gap: var(--_k8s-space-2);
  }
  .facts dd {
    margin: 0;
  }
  .redaction {
    background: var(--_k8s-color-warning-surface, #fff3cd);
    color: inherit;
    border: 1px dashed currentColor;
    border-radius: 2px;
    padding-inline: 1px;
  }
  .export-failure {
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  /* Windows high contrast (forced colours) replaces every colour and background with a few system
     colours, so anything told apart by colour alone — the focused cell, the current row, a failed status,
     the safety level, the chart's failure bars, a redaction — also gets an outline, border or system
     colour that survives. */
  @media (forced-colors: active) {
    [part='cell']:focus-visible,
    [part='column-header'] button:focus-visible,
    [part='output']:focus-visible,
    input:focus-visible,
    select:focus-visible,
    button:focus-visible {
      outline: 3px solid Highlight;
      outline-offset: -3px;
    }
    [part='row']:focus-within,
    [part='row']:hover {
      outline: 1px solid Highlight;
      outline-offset: -1px;
    }
    [part='column-header'][aria-sort='ascending'],
    [part='column-header'][aria-sort='descending'] {
      text-decoration: underline;
    }
    [part='status-badge'][data-status='failed'],
    [part='status-badge'][data-status='timeout'],
    [part='status-badge'][data-status='rejected'] {
      border: 1px solid CanvasText;
      padding-inline: 2px;
    }
    .safety[data-level='warning'] {
      border: 1px dashed CanvasText;
      padding-inline: 2px;
    }
    .safety[data-level='dangerous'] {
      border: 2px solid CanvasText;
      padding-inline: 2px;
      font-weight: 700;
    }
    [part='chart'] .bar {
      fill: CanvasText;
    }
    [part='chart'] .failed {
      fill: Highlight;
    }
    .redaction {
      border: 1px dashed CanvasText;
    }
    [part='progress'] progress {
      border: 1px solid CanvasText;
    }
  }
  @media (prefers-reduced-motion: no-preference) {
    [part='row'] {
      transition: background-color 120ms;
    }
  }
`;
