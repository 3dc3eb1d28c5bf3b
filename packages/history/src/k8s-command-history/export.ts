import {
  apiRoot,
  errorFromResponse,
  KubeChatError,
  type ExportQuery,
  type KubeChatServices,
} from '@k8s-chat/core';
import type { ExportFormat, ExportProgress } from './k8s-command-history.types.js';

/** What a finished export produced. */
export interface ExportDownload {
  readonly blob: Blob;
  readonly filename: string;
  readonly rows: number;
  readonly total: number | null;
}

export interface StreamExportOptions {
  readonly onProgress?: (progress: ExportProgress) => void;
  readonly signal?: AbortSignal;
  /** The fetch to use; default: the page's. */
  readonly fetch?: typeof fetch;
}

const TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv',
  json: 'application/json',
  ndjson: 'application/x-ndjson',
};

/** Counts finished rows in a stream of text chunks for each format (quote-aware for CSV). */
export function rowCounter(format: ExportFormat): (chunk: string) => number {
  let rows = 0;
  let inQuotes = false;
  let headerSeen = false;
  let previous = '';
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
 * Streams `GET /commands/executions/export` and reports bytes and rows as they arrive.
 *
 * Core's `KubeChatApi.exportExecutions` buffers the whole body before it resolves and core exposes no
 * authorized fetch, so progress needs this local request: a bearer token from the services' token
 * provider, one forced refresh and replay on a 401, and core's `errorFromResponse` for failures.
 */
export async function streamExport(
  services: KubeChatServices,
  query: ExportQuery,
  options: StreamExportOptions = {},
): Promise<ExportDownload> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const url = new URL('commands/executions/export', apiRoot(services.baseUrl));
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
  }
  const send = async (token: string) => {
    try {
      return await doFetch(url.href, {
        headers: { authorization: `Bearer ${token}`, accept: TYPES[query.format] },
        credentials: 'omit',
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (cause) {
      if (options.signal?.aborted) throw cause;
      throw new KubeChatError({ kind: 'network', cause });
    }
  };
  let token = await services.auth.getAccessToken({ reason: 'request' });
  let response = await send(token);
  if (response.status === 401) {
    token = await services.auth.getAccessToken({
      forceRefresh: true,
      rejectedToken: token,
      reason: 'unauthorized',
    });
    response = await send(token);
  }
  if (!response.ok) throw errorFromResponse(response.status, response.headers, await response.text());

  const totalHeader = response.headers.get('x-total-count');
  const total = totalHeader === null || totalHeader === '' ? null : Number(totalHeader);
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `kubechat-executions.${query.format}`;
  const count = rowCounter(query.format);
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  const decoder = new TextDecoder();
  let bytes = 0;
  let rows = 0;
  options.onProgress?.({ format: query.format, bytes, rows, total });
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value as Uint8Array<ArrayBuffer>);
      bytes += value.byteLength;
      rows = count(decoder.decode(value, { stream: true }));
      options.onProgress?.({ format: query.format, bytes, rows, total });
    }
  }
  return { blob: new Blob(chunks, { type: TYPES[query.format] }), filename, rows, total };
}
