import { randomUUID } from 'node:crypto';
import type {
  ChatMessage,
  ChatSession,
  ConversationContext,
  MessageType,
  SessionParticipant,
  SessionType,
  ShareAccess,
} from '@k8s-chat/contract';
import type { Db } from '../db/database.js';

export type SessionAccess = 'owner' | ShareAccess;

interface SessionRow {
  id: string;
  user_id: string;
  owner_username: string;
  title: string;
  cluster_id: string;
  session_type: SessionType;
  is_active: number;
  context_json: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  message_count: number;
  last_message: string | null;
  last_message_at: string | null;
}

interface MessageRow {
  seq: number;
  id: string;
  session_id: string;
  user_id: string | null;
  username: string | null;
  type: MessageType;
  content: string;
  metadata_json: string | null;
  parent_id: string | null;
  client_message_id: string | null;
  reply_to: string | null;
  is_edited: number;
  edited_at: string | null;
  token_count: number | null;
  created_at: string;
  context_json: string | null;
}

const SESSION_SELECT = `
  SELECT s.*, u.username AS owner_username,
    (SELECT COUNT(*) FROM messages m WHERE m.session_id = s.id) AS message_count,
    (SELECT m.content FROM messages m WHERE m.session_id = s.id ORDER BY m.seq DESC LIMIT 1) AS last_message,
    (SELECT m.created_at FROM messages m WHERE m.session_id = s.id ORDER BY m.seq DESC LIMIT 1) AS last_message_at
  FROM sessions s JOIN users u ON u.id = s.user_id`;

export interface NewMessage {
  sessionId: string;
  userId: string | null;
  username: string | null;
  type: MessageType;
  content: string;
  metadata?: Record<string, unknown> | undefined;
  parentId?: string | undefined;
  clientMessageId?: string | undefined;
  replyTo?: string | undefined;
  /** On an assistant answer: the conversation context its request left behind (see `contextAt`). */
  context?: ConversationContext | undefined;
}

/** Sessions, shares and messages in SQLite. */
export class ChatRepository {
  constructor(private readonly db: Db) {}

  createSession(userId: string, title: string, clusterId: string, sessionType: SessionType): string {
    const id = randomUUID();
    const now = new Date().toISOString();
    this.db
      .prepare(
        'INSERT INTO sessions (id, user_id, title, cluster_id, session_type, created_at, updated_at) VALUES (?,?,?,?,?,?,?)',
      )
      .run(id, userId, title, clusterId, sessionType, now, now);
    return id;
  }

  /** The caller's access to a live session, or null when it does not exist for them. */
  access(sessionId: string, userId: string): SessionAccess | null {
    const row = this.db
      .prepare(
        `SELECT s.user_id, sh.access FROM sessions s
           LEFT JOIN session_shares sh ON sh.session_id = s.id AND sh.user_id = ?
          WHERE s.id = ? AND s.deleted_at IS NULL`,
      )
      .get(userId, sessionId) as { user_id: string; access: ShareAccess | null } | undefined;
    if (!row) return null;
    if (row.user_id === userId) return 'owner';
    return row.access ?? null;
  }

  session(sessionId: string, forUserId: string): ChatSession | null {
    const access = this.access(sessionId, forUserId);
    if (!access) return null;
    const row = this.db.prepare(`${SESSION_SELECT} WHERE s.id = ?`).get(sessionId) as SessionRow | undefined;
    return row ? this.#toSession(row, access) : null;
  }

  /** Sessions the user owns or was given, most recently changed first. */
  sessions(userId: string): ChatSession[] {
    const rows = this.db
      .prepare(
        `${SESSION_SELECT}
          LEFT JOIN session_shares sh ON sh.session_id = s.id AND sh.user_id = ?
          WHERE s.deleted_at IS NULL AND (s.user_id = ? OR sh.user_id IS NOT NULL)
          ORDER BY s.updated_at DESC`,
      )
      .all(userId, userId) as SessionRow[];
    return rows.map((row) =>
      this.#toSession(row, row.user_id === userId ? 'owner' : this.access(row.id, userId)!),
    );
  }

  participants(sessionId: string): SessionParticipant[] {
    const owner = this.db
      .prepare('SELECT u.id, u.username FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?')
      .get(sessionId) as { id: string; username: string } | undefined;
    const shares = this.db
      .prepare(
        'SELECT u.id, u.username, sh.access FROM session_shares sh JOIN users u ON u.id = sh.user_id WHERE sh.session_id = ? ORDER BY u.username',
      )
      .all(sessionId) as { id: string; username: string; access: ShareAccess }[];
    return [
      ...(owner ? [{ userId: owner.id, username: owner.username, access: 'owner' as const }] : []),
      ...shares.map((s) => ({ userId: s.id, username: s.username, access: s.access })),
    ];
  }

  update(sessionId: string, changes: { title?: string | undefined; isActive?: boolean | undefined }): void {
    const now = new Date().toISOString();
    if (changes.title !== undefined)
      this.db
        .prepare('UPDATE sessions SET title = ?, updated_at = ? WHERE id = ?')
        .run(changes.title, now, sessionId);
    if (changes.isActive !== undefined)
      this.db
        .prepare('UPDATE sessions SET is_active = ?, updated_at = ? WHERE id = ?')
        .run(changes.isActive ? 1 : 0, now, sessionId);
  }

  /** Soft delete, so a person can undo it for a while. */
  softDelete(sessionId: string): void {
    this.db
      .prepare('UPDATE sessions SET deleted_at = ? WHERE id = ?')
      .run(new Date().toISOString(), sessionId);
  }

  /** Undoes a delete made less than `windowMs` ago by the owner. */
  restore(sessionId: string, ownerId: string, windowMs: number): boolean {
    const since = new Date(Date.now() - windowMs).toISOString();
    const result = this.db
      .prepare(
        'UPDATE sessions SET deleted_at = NULL WHERE id = ? AND user_id = ? AND deleted_at IS NOT NULL AND deleted_at >= ?',
      )
      .run(sessionId, ownerId, since);
    return result.changes === 1;
  }

  share(sessionId: string, userId: string, access: ShareAccess): void {
    this.db
      .prepare(
        `INSERT INTO session_shares (session_id, user_id, access, created_at) VALUES (?,?,?,?)
         ON CONFLICT(session_id, user_id) DO UPDATE SET access = excluded.access`,
      )
      .run(sessionId, userId, access, new Date().toISOString());
  }

  unshare(sessionId: string, userId: string): boolean {
    return (
      this.db
        .prepare('DELETE FROM session_shares WHERE session_id = ? AND user_id = ?')
        .run(sessionId, userId).changes === 1
    );
  }

  context(sessionId: string): ConversationContext {
    const row = this.db.prepare('SELECT context_json FROM sessions WHERE id = ?').get(sessionId) as
      { context_json: string } | undefined;
    return row ? (JSON.parse(row.context_json) as ConversationContext) : {};
  }

  setContext(sessionId: string, context: ConversationContext): void {
    this.db
      .prepare('UPDATE sessions SET context_json = ? WHERE id = ?')
      .run(JSON.stringify(context), sessionId);
  }

  /**
   * The context a reply to this message resolves against: an assistant answer's own, or for a person's
   * message the context its answer stored. Null when there is none (an answer stored before contexts were
   * kept per answer, a system message, or a request whose answer is still being worked out); the caller
   * then uses the session's.
   */
  contextAt(messageId: string): ConversationContext | null {
    const row = this.db
      .prepare(
        `SELECT context_json FROM messages WHERE id = ? AND type = 'assistant'
         UNION ALL
         SELECT a.context_json FROM messages u JOIN messages a ON a.reply_to = u.id AND a.type = 'assistant'
          WHERE u.id = ? AND u.type = 'user'
         LIMIT 1`,
      )
      .get(messageId, messageId) as { context_json: string | null } | undefined;
    return row?.context_json ? (JSON.parse(row.context_json) as ConversationContext) : null;
  }

  /** The message a client already sent with this clientMessageId, if any (exactly-once sends). */
  byClientMessageId(
    sessionId: string,
    userId: string,
    clientMessageId: string,
  ): { message: ChatMessage; reply: ChatMessage | null } | null {
    const row = this.db
      .prepare('SELECT * FROM messages WHERE session_id = ? AND user_id = ? AND client_message_id = ?')
      .get(sessionId, userId, clientMessageId) as MessageRow | undefined;
    if (!row) return null;
    const reply = this.db
      .prepare('SELECT * FROM messages WHERE reply_to = ? ORDER BY seq LIMIT 1')
      .get(row.id) as MessageRow | undefined;
    return { message: toMessage(row), reply: reply ? toMessage(reply) : null };
  }

  addMessage(message: NewMessage): ChatMessage {
    const id = randomUUID();
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO messages (id, session_id, user_id, username, type, content, metadata_json, parent_id, client_message_id, reply_to, token_count, context_json, created_at)
         VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      )
      .run(
        id,
        message.sessionId,
        message.userId,
        message.username,
        message.type,
        message.content,
        message.metadata ? JSON.stringify(message.metadata) : null,
        message.parentId ?? null,
        message.clientMessageId ?? null,
        message.replyTo ?? null,
        Math.ceil(message.content.length / 4),
        message.context ? JSON.stringify(message.context) : null,
        now,
      );
    this.db.prepare('UPDATE sessions SET updated_at = ? WHERE id = ?').run(now, message.sessionId);
    return toMessage(this.db.prepare('SELECT * FROM messages WHERE id = ?').get(id) as MessageRow);
  }

  message(id: string): ChatMessage | null {
    const row = this.db.prepare('SELECT * FROM messages WHERE id = ?').get(id) as MessageRow | undefined;
    return row ? toMessage(row) : null;
  }

  updateMetadata(id: string, metadata: Record<string, unknown>): ChatMessage | null {
    this.db.prepare('UPDATE messages SET metadata_json = ? WHERE id = ?').run(JSON.stringify(metadata), id);
    return this.message(id);
  }

  /**
   * Messages oldest first. `after`/`before` take a message id or a time; `before` and `latest` return the
   * newest `limit` messages before the cursor (or overall), so a reader can page upwards.
   */
  messages(
    sessionId: string,
    query: {
      limit: number;
      offset: number;
      after?: string | undefined;
      before?: string | undefined;
      q?: string | undefined;
      latest?: boolean | undefined;
    },
  ): { messages: ChatMessage[]; total: number } {
    const where = ['session_id = ?'];
    const args: unknown[] = [sessionId];
    const cursor = (value: string): { clause: string; arg: unknown } => {
      const bySeq = this.db
        .prepare('SELECT seq FROM messages WHERE id = ? AND session_id = ?')
        .get(value, sessionId) as { seq: number } | undefined;
      if (bySeq) return { clause: 'seq', arg: bySeq.seq };
      return { clause: 'created_at', arg: value };
    };
    if (query.after) {
      const c = cursor(query.after);
      where.push(`${c.clause} > ?`);
      args.push(c.arg);
    }
    if (query.before) {
      const c = cursor(query.before);
      where.push(`${c.clause} < ?`);
      args.push(c.arg);
    }
    if (query.q) {
      where.push("content LIKE ? ESCAPE '\\'");
      args.push(`%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
    }
    const filter = where.join(' AND ');
    const total = (
      this.db.prepare(`SELECT COUNT(*) AS n FROM messages WHERE ${filter}`).get(...args) as { n: number }
    ).n;
    const newestFirst = Boolean(query.before) || Boolean(query.latest);
    const rows = this.db
      .prepare(
        `SELECT * FROM messages WHERE ${filter} ORDER BY seq ${newestFirst ? 'DESC' : 'ASC'} LIMIT ? OFFSET ?`,
      )
      .all(...args, query.limit, query.offset) as MessageRow[];
    if (newestFirst) rows.reverse();
    return { messages: rows.map(toMessage), total };
  }

  #toSession(row: SessionRow, access: SessionAccess): ChatSession {
    return {
      id: row.id,
      title: row.title,
      userId: row.user_id,
      ownerUsername: row.owner_username,
      clusterId: row.cluster_id,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      messageCount: row.message_count,
      ...(row.last_message ? { lastMessage: row.last_message.slice(0, 200) } : {}),
      ...(row.last_message_at ? { lastMessageAt: row.last_message_at } : {}),
      isActive: row.is_active === 1,
      sessionType: row.session_type,
      access,
      participants: this.participants(row.id),
    };
  }
}

function toMessage(row: MessageRow): ChatMessage {
  return {
    id: row.id,
    sessionId: row.session_id,
    ...(row.user_id ? { userId: row.user_id } : {}),
    ...(row.username ? { username: row.username } : {}),
    type: row.type,
    content: row.content,
    timestamp: row.created_at,
    ...(row.metadata_json ? { metadata: JSON.parse(row.metadata_json) as Record<string, unknown> } : {}),
    ...(row.parent_id ? { parentId: row.parent_id } : {}),
    isEdited: row.is_edited === 1,
    ...(row.edited_at ? { editedAt: row.edited_at } : {}),
    ...(row.token_count !== null ? { tokenCount: row.token_count } : {}),
    ...(row.client_message_id ? { clientMessageId: row.client_message_id } : {}),
  };
}
