import type { ChatMessageView } from '../k8s-chat.types.js';

/**
 * Explicit replies, worked out from `parentId`. The server also links every assistant answer to the message
 * it answers; those ordinary request/answer pairs are not threads. A thread starts where the person chose
 * "Reply": a user message with a parent. Everything that hangs below such a reply (the answer to it, replies
 * to that answer…) belongs to the same thread, whose root is the first message that is not itself part of one.
 */
export interface Threads {
  /** The root each threaded message belongs to. */
  readonly rootOf: ReadonlyMap<string, string>;
  /** How many threaded messages hang below each root. */
  readonly replies: ReadonlyMap<string, number>;
  /** Every message by id, for quoting a parent. */
  readonly byId: ReadonlyMap<string, ChatMessageView>;
}

export function threadsOf(items: readonly ChatMessageView[]): Threads {
  const byId = new Map(items.map((m) => [m.id, m]));
  const rootOf = new Map<string, string>();
  const replies = new Map<string, number>();
  // Items are oldest first and a parent is older than its reply, so one pass sees every parent first.
  for (const m of items) {
    if (!m.parentId) continue;
    const parentRoot = rootOf.get(m.parentId);
    const explicit = m.role === 'user';
    if (!explicit && !parentRoot) continue; // an answer to an ordinary message
    const root = parentRoot ?? m.parentId;
    rootOf.set(m.id, root);
    replies.set(root, (replies.get(root) ?? 0) + 1);
  }
  return { rootOf, replies, byId };
}

/** The messages left when the threads under `collapsed` roots are folded away. */
export function visibleItems(
  items: readonly ChatMessageView[],
  threads: Threads,
  collapsed: ReadonlySet<string>,
): readonly ChatMessageView[] {
  if (!collapsed.size) return items;
  return items.filter((m) => {
    const root = threads.rootOf.get(m.id);
    return !root || !collapsed.has(root);
  });
}

/** One line of a message, for quotes and labels. */
export function excerpt(content: string, max = 80): string {
  const line = content.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
