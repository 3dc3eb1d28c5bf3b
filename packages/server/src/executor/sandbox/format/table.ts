/**
 * kubectl's table printer: columns padded to their widest cell plus three spaces (Go's tabwriter
 * with padding 3), the last column left ragged.
 */
export function renderTable(headers: readonly string[] | null, rows: readonly (readonly string[])[]): string {
  const all = headers ? [headers, ...rows] : [...rows];
  if (!all.length) return '';
  const columns = Math.max(...all.map((r) => r.length));
  const widths: number[] = [];
  for (let col = 0; col < columns; col++) {
    widths.push(Math.max(...all.map((r) => (r[col] ?? '').length)));
  }
  return (
    all
      .map((row) =>
        row
          .map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col]! + 3)))
          .join('')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}
