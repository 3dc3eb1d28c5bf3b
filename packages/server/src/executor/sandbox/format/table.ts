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

/** Aligned `Key:  value` lines (describe's first block), with nested lines for multi-valued keys. */
export function renderFields(
  fields: readonly (readonly [string, string | readonly string[]])[],
  indent = '',
): string {
  const width = Math.max(...fields.map(([k]) => k.length + 1)) + 2;
  let out = '';
  for (const [key, value] of fields) {
    const values = typeof value === 'string' ? [value] : value.length ? value : ['<none>'];
    out += `${indent}${`${key}:`.padEnd(width)}${values[0]}`.trimEnd() + '\n';
    for (const more of values.slice(1)) out += `${indent}${' '.repeat(width)}${more}`.trimEnd() + '\n';
  }
  return out;
}
