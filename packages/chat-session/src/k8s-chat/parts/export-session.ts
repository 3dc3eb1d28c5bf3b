import type { ChatSession } from '@k8s-chat/core';
import type { ChatMessageView, ExportFormat } from '../k8s-chat.types.js';

/** The conversation as a Markdown or JSON file; message text is copied as written, never interpreted. */
export function exportBlob(
  session: ChatSession | undefined,
  items: readonly ChatMessageView[],
  format: ExportFormat,
): Blob {
  if (format === 'json') {
    return new Blob([JSON.stringify({ session: session ?? null, messages: items }, null, 2)], {
      type: 'application/json',
    });
  }
  const title = session?.title ?? 'Conversation';
  const body = items
    .map((m) => `**${m.author ?? m.role}** · ${m.createdAt}\n\n${m.content}\n`)
    .join('\n---\n\n');
  return new Blob([`# ${title}\n\n${body}`], { type: 'text/markdown' });
}

/** A file name from the session title, safe on every file system. */
export function exportFileName(session: ChatSession | undefined, format: ExportFormat): string {
  const base = (session?.title ?? '').replace(/[^\w-]+/g, '-').toLowerCase() || 'conversation';
  return `${base}.${format === 'json' ? 'json' : 'md'}`;
}

/** Starts a download of `blob` through a temporary link (no popup, no navigation). */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
