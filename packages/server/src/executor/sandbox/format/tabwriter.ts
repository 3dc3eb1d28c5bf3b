/**
 * Go's text/tabwriter, which `kubectl describe` prints through: cells end with a tab, and each column
 * of a block of consecutive lines is padded to its widest cell. Writing describe output with tabs and
 * running it through this gives kubectl's exact alignment, nested sections included.
 */
export function tabwrite(text: string, padding = 2): string {
  const lines = text.split('\n').map((line) => line.split('\t'));
  const widths: number[] = [];
  const out: string[] = [];

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!;
      let line = '';
      cells.forEach((cell, j) => {
        line += j < cells.length - 1 && j < widths.length ? cell.padEnd(widths[j]!) : cell;
      });
      out.push(line);
    }
  };

  const format = (line0: number, line1: number): number => {
    const column = widths.length;
    let start = line0;
    for (let i = line0; i < line1; i++) {
      if (column >= lines[i]!.length - 1) continue;
      writeLines(start, i);
      start = i;
      let width = 0;
      let end = i;
      for (; end < line1; end++) {
        const cells = lines[end]!;
        if (column >= cells.length - 1) break;
        width = Math.max(width, cells[column]!.length + padding);
      }
      widths.push(width);
      format(start, end);
      widths.pop();
      start = end;
      i = end - 1;
    }
    writeLines(start, line1);
    return line1;
  };

  format(0, lines.length);
  return out.join('\n');
}
