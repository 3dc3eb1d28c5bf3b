import { atom, onMount, type ReadableAtom } from 'nanostores';
import type { Preferences, PreferencesUpdate, User } from '@k8s-chat/contract';
import { DEFAULT_PREFERENCES } from '@k8s-chat/contract/enums.js';
import type { KubeChatApi } from '../api/api-client.js';
import type { KubeChatError } from '../api/errors.js';
import type { Hub } from '../ws/hub-types.js';
import { asKubeChatError } from './list-state.js';

export interface PreferencesState {
  /** The person's choices; the defaults until the server answered (or when nobody is signed in). */
  readonly value: Preferences;
  readonly loaded: boolean;
  /** The last read or change that failed; a failed change is rolled back. */
  readonly error: KubeChatError | null;
}

const DEFAULTS: PreferencesState = {
  value: { ...DEFAULT_PREFERENCES, updated_at: null },
  loaded: false,
  error: null,
};

export interface PreferencesStore {
  readonly $preferences: ReadableAtom<PreferencesState>;
  /** Applies at once, then saves; rolls back and keeps the error when the server refuses. */
  update(update: PreferencesUpdate): Promise<Preferences>;
}

/**
 * The person's preferences, stored on the server. Read when someone listens and whenever a person signs
 * in; changes made in another tab or on another device arrive on the person's own `user:<id>` topic, and
 * a gap in that topic (a long disconnect) reads them again.
 */
export function createPreferencesStore(
  api: KubeChatApi,
  hub: Hub,
  $user: ReadableAtom<User | null>,
): PreferencesStore {
  const $preferences = atom<PreferencesState>(DEFAULTS);
  // Answers can arrive out of order (a slow read after a quick change): the newest stamp wins.
  const accept = (value: Preferences) => {
    const current = $preferences.get().value.updated_at;
    if (current && value.updated_at && Date.parse(value.updated_at) < Date.parse(current)) return;
    $preferences.set({ value, loaded: true, error: null });
  };
  const read = () =>
    api
      .preferences()
      .then(accept, (error) =>
        $preferences.set({ ...$preferences.get(), loaded: true, error: asKubeChatError(error) }),
      );

  onMount($preferences, () => {
    let userId: string | null = null;
    let unsubscribe: (() => void) | undefined;
    const stopUser = $user.subscribe((user) => {
      if ((user?.id ?? null) === userId) return;
      unsubscribe?.();
      unsubscribe = undefined;
      userId = user?.id ?? null;
      $preferences.set(DEFAULTS);
      if (!user) return;
      void read();
      unsubscribe = hub.subscribe(`user:${user.id}`, {
        onEvent: (event) => {
          if (event.type === 'preferences') accept(event.payload as Preferences);
        },
        onResync: () => void read(),
      });
    });
    return () => {
      stopUser();
      unsubscribe?.();
    };
  });

  return {
    $preferences,
    async update(update) {
      const before = $preferences.get();
      $preferences.set({ ...before, value: { ...before.value, ...update } });
      try {
        const saved = await api.updatePreferences(update);
        accept(saved);
        return saved;
      } catch (error) {
        $preferences.set({ ...before, error: asKubeChatError(error) });
        throw error;
      }
    },
  };
}
