import { DEFAULT_PREFERENCES, type Preferences, type PreferencesUpdate } from '@k8s-chat/contract';
import type { Db } from '../db/database.js';

/** Per-user preferences, merged over the defaults so a field added later needs no data migration. */
export class PreferencesRepository {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get(userId: string): Preferences {
    const row = this.db
      .prepare('SELECT json, updated_at FROM user_preferences WHERE user_id = ?')
      .get(userId) as { json: string; updated_at: string } | undefined;
    if (!row) return { ...DEFAULT_PREFERENCES, updated_at: null };
    return {
      ...DEFAULT_PREFERENCES,
      ...(JSON.parse(row.json) as Partial<Preferences>),
      updated_at: row.updated_at,
    };
  }

  /** Applies only the fields in `update` and returns the whole result. */
  update(userId: string, update: PreferencesUpdate): Preferences {
    return this.db.transaction(() => {
      const { updated_at: _, ...current } = this.get(userId);
      const next = { ...current, ...update };
      const at = this.now().toISOString();
      this.db
        .prepare(
          `INSERT INTO user_preferences (user_id, json, updated_at) VALUES (?, ?, ?)
           ON CONFLICT(user_id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
        )
        .run(userId, JSON.stringify(next), at);
      return { ...next, updated_at: at };
    })();
  }
}
