import { Readable } from 'node:stream';
import type { Execution } from '@k8s-chat/contract';

export type ExportFormat = 'csv' | 'json' | 'ndjson';

export const EXPORT_COLUMNS = [
  'id',
  'created_at',
  'username',
  'command',
  'namespace',
  'safety_level',
  'status',
  'exit_code',
  'execution_time_ms',
  'session_id',
  'error_message',
] as const;

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed so spreadsheets do not run it as a formula. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Streams executions as CSV, a JSON array or NDJSON, one row at a time. */
export function exportStream(rows: Iterable<Execution>, format: ExportFormat): Readable {
  const iterator = rows[Symbol.iterator]();
  let written = 0;
  let ended = false;
  return new Readable({
    read() {
      if (ended) return;
      if (written === 0) {
        if (format === 'csv') this.push(EXPORT_COLUMNS.join(',') + '\r\n');
        if (format === 'json') this.push('[');
      }
      // Push in batches so a large export does not cost one event-loop turn per row.
      for (let i = 0; i < 500; i++) {
        const next = iterator.next();
        if (next.done) {
          ended = true;
          this.push(format === 'json' ? (written ? '\n]\n' : ']\n') : null);
          if (format === 'json') this.push(null);
          return;
        }
        const row = next.value;
        if (format === 'csv') this.push(EXPORT_COLUMNS.map((c) => csvCell(row[c])).join(',') + '\r\n');
        else if (format === 'ndjson') this.push(JSON.stringify(row) + '\n');
        else this.push(`${written ? ',' : ''}\n${JSON.stringify(row)}`);
        written++;
      }
    },
  });
}
