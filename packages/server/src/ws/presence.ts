/**
 * Who is in a shared session and who is typing, derived from the live sockets subscribed to its topic.
 * A user with several tabs appears once, typing if any of their tabs is.
 */
import type { Connection } from './connection.js';

export interface PresenceUser {
  readonly id: string;
  readonly username: string;
  readonly typing: boolean;
}

export interface PresencePayload {
  readonly session_id: string;
  readonly users: readonly PresenceUser[];
}

export function presenceOf(
  sessionId: string,
  topic: string,
  connections: Iterable<Connection>,
): PresencePayload {
  const users = new Map<string, PresenceUser>();
  for (const connection of connections) {
    const user = connection.user;
    if (!user || !connection.topics.has(topic)) continue;
    const typing = connection.typing.has(topic) || users.get(user.id)?.typing === true;
    users.set(user.id, { id: user.id, username: user.username, typing });
  }
  return { session_id: sessionId, users: [...users.values()] };
}

/** Remembers the last presence published per topic so unchanged snapshots are not published again. */
export class PresenceMemory {
  readonly #last = new Map<string, string>();

  /** Records `payload` for `topic`; false when it equals the last one recorded. */
  record(topic: string, payload: PresencePayload): boolean {
    const key = JSON.stringify(payload.users);
    if (this.#last.get(topic) === key) return false;
    if (payload.users.length === 0) this.#last.delete(topic);
    else this.#last.set(topic, key);
    return true;
  }
}
