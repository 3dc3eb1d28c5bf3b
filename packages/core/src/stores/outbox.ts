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
  /** Why the last attempt did not store it; what a message queued behind it reports. */
  error: KubeChatError | null;
}

/**
 * Messages on their way. Each gets a clientMessageId once and keeps it for every retry, so the server stores
 * it once however often it is resent. Nothing travels over the socket: after a network failure the message
 * waits here and is resent over REST when the browser is online again or the hub reconnects.
 *
 * Messages of one session go out one at a time, in the order they were written: two POSTs in flight at once
 * travel on separate connections and may reach the server the other way round (reliability W3), and a
 * message queued by a network failure holds back the ones written after it. A refused message does not:
 * it waits for a manual retry, which sends it as the newest.
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

  // The last delivery started for each session: the next one starts when it has settled.
  const tails = new Map<string, Promise<unknown>>();

  /** Messages of the session written before this one and still waiting for the network, oldest first. */
  function waitingBefore(clientMessageId: string, sessionId: string): string[] {
    const earlier: string[] = [];
    for (const [id, item] of items) {
      if (id === clientMessageId) break;
      if (item.sessionId === sessionId && !item.refused) earlier.push(id);
    }
    return earlier;
  }

  function deliver(clientMessageId: string): Promise<SendOutcome> {
    const running = inflight.get(clientMessageId);
    if (running) return running;
    const item = items.get(clientMessageId)!;
    // Sending (or retrying) a message first resends the queued ones written before it, in order.
    for (const id of waitingBefore(clientMessageId, item.sessionId)) void deliver(id);
    item.refused = false;
    const messages = messagesOf(item.sessionId);
    messages.markLocal(clientMessageId, 'sending');
    const post = (): Promise<SendOutcome> =>
      api
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
            item.error = error;
            messages.markLocal(clientMessageId, status, error);
            return { clientMessageId, status, message: null, reply: null, error };
          },
        );
    const attempt = (tails.get(item.sessionId) ?? Promise.resolve())
      .then((): Promise<SendOutcome> | SendOutcome => {
        // Sending past an earlier message that is still queued would store the two the other way round.
        const [first] = waitingBefore(clientMessageId, item.sessionId);
        const blocker = first === undefined ? undefined : items.get(first);
        if (!blocker) return post();
        item.error = blocker.error;
        messages.markLocal(clientMessageId, 'queued', blocker.error);
        return { clientMessageId, status: 'queued', message: null, reply: null, error: blocker.error };
      })
      .finally(() => {
        inflight.delete(clientMessageId);
        if (tails.get(item.sessionId) === attempt) tails.delete(item.sessionId);
      });
    inflight.set(clientMessageId, attempt);
    tails.set(item.sessionId, attempt);
    return attempt;
  }

  return {
    send(sessionId, content, options = {}) {
      const clientMessageId = newId();
      items.set(clientMessageId, { sessionId, content, options, refused: false, error: null });
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
