import type { User } from '@k8s-chat/contract';

/** What one tab tells the others about the session. Same-origin only, never persisted. */
export type TabMessage =
  | {
      readonly type: 'token';
      readonly token: string;
      /** Local epoch ms; tabs of one browser share the clock. */
      readonly expiresAt: number | null;
      readonly user: User | null;
    }
  | {
      readonly type: 'signed-out';
      /** Why the session ended, so every tab tells the person the same thing (an idle end is not a logout). */
      readonly reason?: 'logout' | 'idle';
    };

/** Cross-tab coordination for a session the library owns (reliability A4, T2, T8). */
export interface TabSync {
  /**
   * Runs `task` while no other tab of this origin runs one under the same name; `waited` tells it whether
   * another tab held the lock first (and so probably just renewed the token).
   */
  withLock<T>(task: (waited: boolean) => Promise<T>): Promise<T>;
  publish(message: TabMessage): void;
  subscribe(listener: (message: TabMessage) => void): () => void;
  close(): void;
}

/**
 * BroadcastChannel for news, Web Locks for the refresh itself: only one tab at a time spends the rotating
 * refresh token, and the others adopt the token it broadcasts. Where either API is missing, the tab still
 * works on its own (single flight inside the tab).
 */
export function createTabSync(name: string): TabSync {
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null;
  const locks = globalThis.navigator?.locks;
  const listeners = new Set<(message: TabMessage) => void>();
  const onMessage = (event: MessageEvent) => {
    const message = event.data as TabMessage | null;
    if (!message || (message.type !== 'token' && message.type !== 'signed-out')) return;
    for (const listener of [...listeners]) listener(message);
  };
  channel?.addEventListener('message', onMessage);
  return {
    async withLock<T>(task: (waited: boolean) => Promise<T>): Promise<T> {
      if (!locks) return task(false);
      const lock = `${name}:refresh`;
      const busy = Symbol('held by another tab');
      const first = await locks.request(lock, { ifAvailable: true }, (granted): Promise<T | typeof busy> =>
        granted ? task(false) : Promise.resolve(busy),
      );
      return first === busy ? locks.request(lock, () => task(true)) : (first as T);
    },
    publish: (message) => channel?.postMessage(message),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      channel?.removeEventListener('message', onMessage);
      channel?.close();
    },
  };
}
