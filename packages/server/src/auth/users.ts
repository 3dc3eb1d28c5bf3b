import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Role, User } from '@k8s-chat/contract';
import { ROLES } from '@k8s-chat/contract';
import type { Db } from '../db/database.js';
import { hashPassword } from './passwords.js';

export interface UserRow {
  id: string;
  username: string;
  email: string | null;
  role: Role;
  password_hash: string;
  created_at: string;
  updated_at: string;
}

export const toUser = (row: UserRow): User => ({
  id: row.id,
  username: row.username,
  ...(row.email ? { email: row.email } : {}),
  role: row.role,
});

export class UserRepository {
  constructor(private readonly db: Db) {}

  byUsername(username: string): UserRow | undefined {
    return this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  }
  byId(id: string): UserRow | undefined {
    return this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  }
  admins(): UserRow[] {
    return this.db.prepare("SELECT * FROM users WHERE role = 'admin'").all() as UserRow[];
  }
  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  /** Creates or updates a user by username (configuration is the source of truth for users). */
  upsert(user: { username: string; email?: string | null; role: Role; passwordHash: string }): UserRow {
    const now = new Date().toISOString();
    const existing = this.byUsername(user.username);
    if (existing) {
      this.db
        .prepare('UPDATE users SET email = ?, role = ?, password_hash = ?, updated_at = ? WHERE id = ?')
        .run(user.email ?? null, user.role, user.passwordHash, now, existing.id);
      return this.byId(existing.id)!;
    }
    const id = randomUUID();
    this.db
      .prepare(
        'INSERT INTO users (id, username, email, role, password_hash, created_at, updated_at) VALUES (?,?,?,?,?,?,?)',
      )
      .run(id, user.username, user.email ?? null, user.role, user.passwordHash, now, now);
    return this.byId(id)!;
  }
}

export const DEMO_USERS: readonly { username: string; role: Role; email: string }[] = [
  { username: 'admin', role: 'admin', email: 'admin@example.com' },
  { username: 'alice', role: 'user', email: 'alice@example.com' },
  { username: 'bob', role: 'user', email: 'bob@example.com' },
  { username: 'victor', role: 'viewer', email: 'victor@example.com' },
];

/** Demo mode: the four demo users, all with the demo password (re-hashed only when it changed). */
export async function seedDemoUsers(users: UserRepository, password: string): Promise<void> {
  const { verifyPassword } = await import('./passwords.js');
  for (const demo of DEMO_USERS) {
    const existing = users.byUsername(demo.username);
    if (existing && existing.role === demo.role && (await verifyPassword(password, existing.password_hash)))
      continue;
    users.upsert({ ...demo, passwordHash: await hashPassword(password) });
  }
}

/**
 * Users from KUBECHAT_USERS_FILE: `[{"username","role","password_hash"} | {"username","role","password"}]`.
 * Plain passwords are accepted for small setups and hashed on load.
 */
export async function loadUsersFile(users: UserRepository, file: string): Promise<number> {
  const list = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(list)) throw new Error(`${file} must contain a JSON array of users.`);
  for (const [i, entry] of list.entries()) {
    const u = entry as {
      username?: unknown;
      role?: unknown;
      email?: unknown;
      password?: unknown;
      password_hash?: unknown;
    };
    if (typeof u.username !== 'string' || !u.username)
      throw new Error(`${file}[${i}]: username is required.`);
    if (!ROLES.includes(u.role as Role))
      throw new Error(`${file}[${i}]: role must be one of ${ROLES.join(', ')}.`);
    const passwordHash =
      typeof u.password_hash === 'string'
        ? u.password_hash
        : typeof u.password === 'string'
          ? await hashPassword(u.password)
          : null;
    if (!passwordHash) throw new Error(`${file}[${i}]: password or password_hash is required.`);
    users.upsert({
      username: u.username,
      email: typeof u.email === 'string' ? u.email : null,
      role: u.role as Role,
      passwordHash,
    });
  }
  return list.length;
}
