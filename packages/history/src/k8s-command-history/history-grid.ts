import { html, type TemplateResult } from 'lit';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import type { RangeChangedEvent } from '@lit-labs/virtualizer/events.js';
import { strings, type Execution } from '@k8s-chat/core';
import { formatDuration, formatTime } from './format.js';
import type { GridCell } from './grid-keyboard.js';
import { SORT_FIELDS, type HistoryColumn } from './k8s-command-history.types.js';

export interface GridView {
  readonly rows: readonly Execution[];
  readonly columns: readonly HistoryColumn[];
  /** The server's total for the filters, so screen readers hear the real size, not the loaded part. */
  readonly rowCount: number;
  readonly busy: boolean;
  readonly sort: string;
  readonly compact: boolean;
  readonly focus: GridCell;
  readonly onSort: (column: HistoryColumn) => void;
  readonly onOpen: (row: Execution, index: number) => void;
  readonly onFocusCell: (cell: GridCell) => void;
  readonly onKeydown: (e: KeyboardEvent) => void;
  readonly onRange: (e: RangeChangedEvent) => void;
}

function cellContent(column: HistoryColumn, row: Execution, compact: boolean): TemplateResult {
  switch (column) {
    case 'time':
      return html`<time datetime=${row.created_at}>${formatTime(row.created_at, compact)}</time>`;
    case 'user':
      return html`${row.username}`;
    case 'command':
      return html`<code>${row.command}</code>`;
    case 'namespace':
      return html`${row.namespace ?? '—'}`;
    case 'safety':
      return html`<span class="safety" data-level=${row.safety_level}
        >${strings[`history.safety.${row.safety_level}`] ?? row.safety_level}</span
      >`;
    case 'status':
      return html`<span part="status-badge" data-status=${row.status}
        >${strings[`history.status.${row.status}`] ?? row.status}</span
      >`;
    case 'duration':
      return html`${formatDuration(row.execution_time_ms)}`;
  }
}

/** `ascending`, `descending` or `none` for a column under a sort such as `-created_at`. */
export function ariaSort(column: HistoryColumn, sort: string): 'ascending' | 'descending' | 'none' {
  const field = SORT_FIELDS[column];
  return sort === field ? 'ascending' : sort === `-${field}` ? 'descending' : 'none';
}

/** Renders one data row from the grid's current view; create it once per element. */
export function createRowRenderer(view: () => GridView) {
  return (row: Execution | undefined, index: number): TemplateResult => {
    if (!row) return html``;
    const v = view();
    return html`<div
      role="row"
      part="row"
      aria-rowindex=${index + 2}
      data-index=${index}
      data-id=${row.id}
      @keydown=${v.onKeydown}
      @click=${(e: MouseEvent) => {
        const col = Number((e.target as HTMLElement).closest<HTMLElement>('[data-col]')?.dataset.col ?? 0);
        v.onFocusCell({ row: index, col });
        v.onOpen(row, index);
      }}
    >
      ${v.columns.map(
        (column, col) =>
          html`<div
            role="gridcell"
            part="cell"
            class=${column}
            aria-colindex=${col + 1}
            data-col=${col}
            tabindex=${v.focus.row === index && v.focus.col === col ? 0 : -1}
            @focus=${() => v.onFocusCell({ row: index, col })}
          >
            ${cellContent(column, row, v.compact)}
          </div>`,
      )}
    </div>`;
  };
}

/**
 * The ARIA grid: a header row of sort buttons and a virtualized row group. Exactly one cell (or header
 * button) is in the tab order — the roving focus — so Tab enters and leaves the grid in one step.
 * `aria-rowcount` and `aria-rowindex` count the header as row 1, as the pattern asks. `renderRow` comes
 * from `createRowRenderer` and must be the same function on every render, or the virtualizer starts over.
 */
export function renderGrid(
  v: GridView,
  renderRow: (row: Execution | undefined, index: number) => TemplateResult,
) {
  const tab = (row: number, col: number) => (v.focus.row === row && v.focus.col === col ? 0 : -1);
  return html`<div
    part="grid"
    role="grid"
    aria-label=${strings['history.label']}
    aria-rowcount=${v.rowCount + 1}
    aria-colcount=${v.columns.length}
    aria-busy=${v.busy ? 'true' : 'false'}
  >
    <div role="rowgroup" class="head">
      <div role="row" part="header" aria-rowindex="1" @keydown=${v.onKeydown}>
        ${v.columns.map((column, col) => {
          const sort = ariaSort(column, v.sort);
          return html`<div
            role="columnheader"
            part="column-header"
            class=${column}
            aria-colindex=${col + 1}
            aria-sort=${sort}
          >
            <button
              type="button"
              data-column=${column}
              data-col=${col}
              tabindex=${tab(-1, col)}
              @click=${() => v.onSort(column)}
              @focus=${() => v.onFocusCell({ row: -1, col })}
            >
              ${strings[`history.column.${column}`]}<span aria-hidden="true"
                >${sort === 'ascending' ? ' ▲' : sort === 'descending' ? ' ▼' : ''}</span
              >
            </button>
          </div>`;
        })}
      </div>
    </div>
    <div role="rowgroup" part="scroller" @rangeChanged=${v.onRange}>
      ${virtualize({
        items: v.rows as Execution[],
        renderItem: renderRow,
        // The virtualizer may ask about indexes past the end for a moment after the list shrinks.
        keyFunction: (row: Execution | undefined, index: number) => row?.id ?? `gone-${index}`,
        scroller: true,
      })}
    </div>
  </div>`;
}
