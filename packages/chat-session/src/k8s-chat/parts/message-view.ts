import type { ChatMessage, MessageView } from '@k8s-chat/core';
import type { ChatMessageView } from '../k8s-chat.types.js';

/** Core's stored or local message as the element shows it. */
export const toView = (m: MessageView | ChatMessage): ChatMessageView => ({
  id: m.id,
  role: m.type,
  content: m.content,
  createdAt: m.timestamp,
  status: 'status' in m ? m.status : 'sent',
  ...(m.username ? { author: m.username } : {}),
  ...(m.metadata ? { metadata: m.metadata } : {}),
  ...(m.parentId ? { parentId: m.parentId } : {}),
  ...(m.clientMessageId ? { clientMessageId: m.clientMessageId } : {}),
  error: 'error' in m ? (m.error ?? null) : null,
});

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** Local hour and minute of an ISO time, or '' when it is not a time. */
export const timeOf = (iso: string): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : timeFormat.format(date);
};

/** localStorage, or null where the page may not use it (some sandboxed iframes throw on access). */
export function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
