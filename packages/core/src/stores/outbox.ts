import type { ChatMessage } from '@k8s-chat/contract';
import type { KubeChatApi } from '../api/api-client.js';
import type { KubeChatError } from '../api/errors.js';
import { newId } from '../api/ids.js';
import type { Hub } from '../ws/hub-types.js';
import { asKubeChatError } from './list-state.js';
import type { SessionMessages } from './messages-store.js';

export interface SendOutcome {
  readonly clientMessageId: string;
  /** `sent`: stored. `queued`: the server could not be reached; it is resent by itself. `failed`: refused. */
  readonly status: 'sent' | 'queued' | 'failed';
  readonly message: ChatMessage | null;
  readonly reply: ChatMessage | null;
  readonly error: KubeChatError | null;
}

/** What a message may carry besides its text. */
export interface SendOptions {
  /** The message this one replies to (a thread); must be a message of the same session. */
  readonly parentId?: string;
  /** The namespace to use when the text names none (the person's default namespace). */
  readonly namespace?: string;
}

export interface Outbox {
  /** Shows the message at once, then sends it over REST exactly once (reliability A9, W8). */
  send(sessionId: string, content: string, options?: SendOptions): Promise<SendOutcome>;
  /** Sends a queued or failed message again, with the same clientMessageId. */
  retry(clientMessageId: string): Promise<SendOutcome | null>;
  /** Messages not yet stored (queued or refused). */
  readonly pending: number;
  dispose(): void;
}

interface Item {
  readonly sessionId: string;
  readonly content: string;
  readonly options: SendOptions;
  /** Refused items wait for a manual retry; queued ones are resent by themselves. */
  refused: boolean;
}

/**
 * Messages on their way. Each gets a clientMessageId once and keeps it for every retry, so the server stores
 * it once however often it is resent. Nothing travels over the socket: after a network failure the message
 * waits here and is resent over REST when the browser is online again or the hub reconnects.
 */
export function createOutbox(
  api: KubeChatApi,
  hub: Hub,
  messagesOf: (sessionId: string) => SessionMessages,
): Outbox {
  const items = new Map<string, Item>();
  const inflight = new Map<string, Promise<SendOutcome>>();

  const flush = () => {
    for (const [id, item] of items) if (!item.refused) void deliver(id);
  };
  globalThis.window?.addEventListener('online', flush);
  const unlisten = hub.$connection.listen((state) => {
    if (state === 'open') flush();
  });

  function deliver(clientMessageId: string): Promise<SendOutcome> {
    const running = inflight.get(clientMessageId);
    if (running) return running;
    const item = items.get(clientMessageId)!;
    item.refused = false;
    const messages = messagesOf(item.sessionId);
    messages.markLocal(clientMessageId, 'sending');
    const attempt = api
      .sendMessage(item.sessionId, {
        content: item.content,
        clientMessageId,
        ...(item.options.parentId ? { parentId: item.options.parentId } : {}),
        ...(item.options.namespace ? { namespace: item.options.namespace } : {}),
      })
      .then(
        ({ message, reply }): SendOutcome => {
          items.delete(clientMessageId);
          messages.apply(message);
          if (reply) messages.apply(reply);
          return { clientMessageId, status: 'sent', message, reply, error: null };
        },
        (cause: unknown): SendOutcome => {
          const error = asKubeChatError(cause);
          const status = error.transient ? 'queued' : 'failed';
          item.refused = status === 'failed';
          messages.markLocal(clientMessageId, status, error);
          return { clientMessageId, status, message: null, reply: null, error };
        },
      )
      .finally(() => inflight.delete(clientMessageId));
    inflight.set(clientMessageId, attempt);
    return attempt;
  }

  return {
    send(sessionId, content, options = {}) {
      const clientMessageId = newId();
      items.set(clientMessageId, { sessionId, content, options, refused: false });
      messagesOf(sessionId).addLocal({
        id: `local-${clientMessageId}`,
        sessionId,
        type: 'user',
        content,
        timestamp: new Date().toISOString(),
        isEdited: false,
        ...(options.parentId ? { parentId: options.parentId } : {}),
        clientMessageId,
        status: 'sending',
        error: null,
      });
      return deliver(clientMessageId);
    },
    async retry(clientMessageId) {
      return items.has(clientMessageId) ? deliver(clientMessageId) : null;
    },
    get pending() {
      return items.size;
    },
    dispose() {
      globalThis.window?.removeEventListener('online', flush);
      unlisten();
      items.clear();
    },
  };
}
