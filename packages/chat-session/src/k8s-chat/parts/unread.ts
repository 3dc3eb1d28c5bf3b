import type { ChatSession } from '@k8s-chat/core';

/**
 * Which sessions changed while the person looked elsewhere. Compares each session's message count and
 * last-message time between list reads (the sessions store reads again on `session_activity`
 * notifications, so this follows other tabs and participants live).
 */
export class UnreadTracker {
  readonly #seen = new Map<string, string>();
  #unread: ReadonlySet<string> = new Set();

  get unread(): ReadonlySet<string> {
    return this.#unread;
  }

  /** Compares a new list with the last one; returns true when the unread set changed. */
  track(sessions: readonly ChatSession[], activeId: string | null): boolean {
    let next: Set<string> | null = null;
    for (const s of sessions) {
      const mark = `${s.messageCount}|${s.lastMessageAt ?? s.updatedAt}`;
      const before = this.#seen.get(s.id);
      this.#seen.set(s.id, mark);
      if (before !== undefined && before !== mark && s.id !== activeId && !this.#unread.has(s.id)) {
        (next ??= new Set(this.#unread)).add(s.id);
      }
    }
    if (next) this.#unread = next;
    return next !== null;
  }

  /** The session is being read now. */
  read(sessionId: string): void {
    if (!this.#unread.has(sessionId)) return;
    const next = new Set(this.#unread);
    next.delete(sessionId);
    this.#unread = next;
  }
}
