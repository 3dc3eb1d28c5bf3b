/** The roving focus position in the grid; row -1 is the header row. */
export interface GridCell {
  readonly row: number;
  readonly col: number;
}

export interface GridBounds {
  /** Data rows loaded. */
  readonly rows: number;
  readonly cols: number;
  /** Rows one PageUp/PageDown moves. */
  readonly page: number;
}

/**
 * Where a key moves the focus, following the ARIA grid pattern: arrows by one cell, Home/End to the first
 * or last cell of the row, Ctrl+Home/End to the first or last row, PageUp/PageDown by a screenful. Null
 * for keys the grid does not handle, so they keep their usual meaning.
 */
export function moveCell(key: string, ctrl: boolean, from: GridCell, bounds: GridBounds): GridCell | null {
  const lastRow = bounds.rows - 1;
  const lastCol = bounds.cols - 1;
  let { row, col } = from;
  switch (key) {
    case 'ArrowDown':
      row += 1;
      break;
    case 'ArrowUp':
      row -= 1;
      break;
    case 'ArrowRight':
      col += 1;
      break;
    case 'ArrowLeft':
      col -= 1;
      break;
    case 'PageDown':
      row = row < 0 ? 0 : row + bounds.page;
      break;
    case 'PageUp':
      row = row < 0 ? row : row - bounds.page;
      break;
    case 'Home':
      if (ctrl) row = Math.min(0, lastRow);
      col = 0;
      break;
    case 'End':
      if (ctrl) row = lastRow;
      col = lastCol;
      break;
    default:
      return null;
  }
  // The header row (-1) is reachable with ArrowUp from the first row, never by paging.
  const minRow = key === 'PageUp' && from.row >= 0 ? 0 : -1;
  return {
    row: Math.max(minRow, Math.min(lastRow, row)),
    col: Math.max(0, Math.min(lastCol, col)),
  };
}
