import type { ExportQuery } from '@k8s-chat/contract';

/** The formats `GET /commands/executions/export` streams. */
export type ExportFormat = ExportQuery['format'];

/** How far a running export has come. */
export interface ExportProgress {
  readonly format: ExportFormat;
  /** Bytes received so far. */
  readonly bytes: number;
  /** Complete rows received so far. */
  readonly rows: number;
  /** Rows the server will send (`X-Total-Count`), when it said. */
  readonly total: number | null;
}

/** What a finished export produced. */
export interface ExportResult {
  readonly blob: Blob;
  /** From `Content-Disposition`, when the server sent one. */
  readonly filename: string | null;
  /** `X-Total-Count`, when the server sent it. */
  readonly total: number | null;
  /** Complete rows counted in the body. */
  readonly rows: number;
}

const TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv',
  json: 'application/json',
  ndjson: 'application/x-ndjson',
};

/**
 * Counts finished rows in a stream of text chunks. CSV is quote-aware (a quoted newline is not a row end)
 * and skips the header; NDJSON counts lines; JSON counts objects that start a line, which is how the
 * reference server writes its array.
 */
export function rowCounter(format: ExportFormat): (chunk: string) => number {
  let rows = 0;
  let inQuotes = false;
  let headerSeen = false;
  let previous = '\n';
  return (chunk) => {
    for (const ch of chunk) {
      if (format === 'csv') {
        if (ch === '"') inQuotes = !inQuotes;
        else if (ch === '\n' && !inQuotes) {
          if (headerSeen) rows++;
          else headerSeen = true;
        }
      } else if (format === 'ndjson') {
        if (ch === '\n') rows++;
      } else if (ch === '{' && previous === '\n') rows++;
      previous = ch;
    }
    return rows;
  };
}

/**
 * Reads an export response chunk by chunk, reporting bytes and rows as they arrive, so a large export can
 * show progress instead of a frozen button. The body is still collected into one Blob for the download.
 */
export async function readExport(
  response: Response,
  format: ExportFormat,
  onProgress?: (progress: ExportProgress) => void,
): Promise<ExportResult> {
  const header = response.headers.get('x-total-count');
  const total = header === null || header === '' || Number.isNaN(Number(header)) ? null : Number(header);
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? null;
  const count = rowCounter(format);
  const decoder = new TextDecoder();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let bytes = 0;
  let rows = 0;
  onProgress?.({ format, bytes, rows, total });
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value as Uint8Array<ArrayBuffer>);
      bytes += value.byteLength;
      rows = count(decoder.decode(value, { stream: true }));
      onProgress?.({ format, bytes, rows, total });
    }
  }
  return { blob: new Blob(chunks, { type: TYPES[format] }), filename, total, rows };
}
