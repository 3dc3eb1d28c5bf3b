import { atom, onMount, type ReadableAtom } from 'nanostores';
import type { ChatMessage } from '@k8s-chat/contract';
import type { KubeChatApi } from '../api/api-client.js';
import type { KubeChatError } from '../api/errors.js';
import type { Hub } from '../ws/hub-types.js';
import { asKubeChatError } from './list-state.js';

/** `sent`: stored on the server. The others are local copies of a message on its way (see the outbox). */
export type MessageStatus = 'sent' | 'sending' | 'queued' | 'failed';

export type MessageView = ChatMessage & {
  readonly status: MessageStatus;
  /** Why a local message is queued or failed. */
  readonly error?: KubeChatError | null;
};

export interface MessagesState {
  readonly messages: readonly MessageView[];
  readonly loading: boolean;
  readonly loaded: boolean;
  readonly error: KubeChatError | null;
}

export interface SessionMessages {
  readonly $state: ReadableAtom<MessagesState>;
  reload(): Promise<void>;
  /** Adds or replaces a stored message; it takes the place of the local copy with its clientMessageId. */
  apply(message: ChatMessage): void;
  /** Shows a message that is on its way. */
  addLocal(message: MessageView): void;
  /** Updates the status of a local message. */
  markLocal(
    clientMessageId: string,
    status: Exclude<MessageStatus, 'sent'>,
    error?: KubeChatError | null,
  ): void;
}

const EMPTY: MessagesState = { messages: [], loading: false, loaded: false, error: null };
const byTime = (a: ChatMessage, b: ChatMessage) =>
  a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0;

/**
 * One session's messages: read over REST when something starts listening, kept current from the
 * `session:<id>` topic, re-read when the hub reports a gap or reset. Stored messages are ordered by time;
 * local copies of messages on their way stay at the end until the server's version replaces them.
 */
export function createSessionMessages(sessionId: string, api: KubeChatApi, hub: Hub): SessionMessages {
  const $state = atom<MessagesState>(EMPTY);
  let generation = 0;

  const set = (messages: readonly MessageView[], patch: Partial<MessagesState> = {}) =>
    $state.set({ ...$state.get(), ...patch, messages: order(messages) });

  function order(messages: readonly MessageView[]): MessageView[] {
    const stored = messages.filter((m) => m.status === 'sent').sort(byTime);
    return [...stored, ...messages.filter((m) => m.status !== 'sent')];
  }

  function apply(message: ChatMessage): void {
    const view: MessageView = { ...message, status: 'sent', error: null };
    const rest = $state
      .get()
      .messages.filter(
        (m) =>
          m.id !== message.id &&
          !(m.status !== 'sent' && message.clientMessageId && m.clientMessageId === message.clientMessageId),
      );
    set([...rest, view]);
  }

  async function reload(): Promise<void> {
    const mine = ++generation;
    $state.set({ ...$state.get(), loading: true });
    try {
      const fetched = await api.listMessages(sessionId, { limit: 200, latest: true });
      if (mine !== generation) return;
      // Keep what the socket delivered meanwhile and local messages still on their way.
      const ids = new Set(fetched.map((m) => m.id));
      const clientIds = new Set(fetched.map((m) => m.clientMessageId).filter(Boolean));
      const kept = $state
        .get()
        .messages.filter(
          (m) =>
            !ids.has(m.id) && !(m.status !== 'sent' && m.clientMessageId && clientIds.has(m.clientMessageId)),
        );
      const views = fetched.map((m): MessageView => ({ ...m, status: 'sent', error: null }));
      set([...kept, ...views], { loading: false, loaded: true, error: null });
    } catch (error) {
      if (mine === generation)
        $state.set({ ...$state.get(), loading: false, loaded: true, error: asKubeChatError(error) });
    }
  }

  onMount($state, () => {
    const release = hub.subscribe(`session:${sessionId}`, {
      onEvent: (event) => {
        if (event.type === 'message') apply(event.payload as ChatMessage);
      },
      onResync: () => void reload(),
    });
    void reload();
    return release;
  });

  return {
    $state,
    reload,
    apply,
    addLocal: (message) => set([...$state.get().messages, message]),
    markLocal(clientMessageId, status, error = null) {
      set(
        $state
          .get()
          .messages.map((m) =>
            m.status !== 'sent' && m.clientMessageId === clientMessageId ? { ...m, status, error } : m,
          ),
      );
    },
  };
}
