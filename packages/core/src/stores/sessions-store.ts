import { atom, onMount, type ReadableAtom } from 'nanostores';
import type { ChatSession, CreateSessionRequest } from '@k8s-chat/contract';
import type { KubeChatApi } from '../api/api-client.js';
import type { Hub } from '../ws/hub-types.js';
import { asKubeChatError, emptyList, upsertById, type ListState } from './list-state.js';

export interface SessionsStore {
  readonly $sessions: ReadableAtom<ListState<ChatSession>>;
  reload(): Promise<void>;
  create(body?: CreateSessionRequest): Promise<ChatSession>;
  remove(sessionId: string): Promise<void>;
  /** Applies a session the socket or a REST call returned. */
  apply(session: ChatSession): void;
}

/** The caller's sessions; a share notification from the socket reloads the list. */
export function createSessionsStore(api: KubeChatApi, hub: Hub): SessionsStore {
  const $sessions = atom<ListState<ChatSession>>(emptyList());
  let generation = 0;
  let reading = false;

  async function reload(): Promise<void> {
    const mine = ++generation;
    reading = true;
    $sessions.set({ ...$sessions.get(), loading: true });
    try {
      const items = await api.listSessions();
      if (mine === generation) $sessions.set({ items, loading: false, loaded: true, error: null });
    } catch (error) {
      if (mine === generation)
        $sessions.set({ ...$sessions.get(), loading: false, loaded: true, error: asKubeChatError(error) });
    } finally {
      if (mine === generation) reading = false;
    }
  }

  /** Activity arrives once per message (two per exchange); one read covers a burst. */
  let soon: ReturnType<typeof setTimeout> | undefined;
  const readSoon = () => {
    clearTimeout(soon);
    soon = setTimeout(() => void reload(), 150);
  };

  /**
   * A list read that started before a create or delete answers with the old list and would undo it (a
   * new session vanished, a deleted one came back). Read again instead; that read supersedes the old one.
   */
  const supersedeStaleRead = () => {
    if (reading) void reload();
  };

  const apply = (session: ChatSession) => {
    const state = $sessions.get();
    $sessions.set({ ...state, items: upsertById(state.items, session, 'first') });
  };

  onMount($sessions, () => {
    void reload();
    const stop = hub.on('notification', (event) => {
      const type = (event.payload as { type?: string } | null)?.type;
      // A share adds a session; activity (a message in any session the user is in, from any tab or
      // participant) changes its count and time, which is what unread markers compare.
      if (type === 'session_shared') void reload();
      else if (type === 'session_activity') readSoon();
    });
    return () => {
      stop();
      clearTimeout(soon);
    };
  });

  return {
    $sessions,
    reload,
    apply,
    async create(body) {
      const session = await api.createSession(body);
      apply(session);
      supersedeStaleRead();
      return session;
    },
    async remove(sessionId) {
      await api.deleteSession(sessionId);
      const state = $sessions.get();
      $sessions.set({ ...state, items: state.items.filter((s) => s.id !== sessionId) });
      supersedeStaleRead();
    },
  };
}
