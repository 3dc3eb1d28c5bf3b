/**
 * Schema migrations, applied in order and recorded in schema_migrations. Never edit a released
 * migration: add a new one.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  email TEXT,
  role TEXT NOT NULL CHECK (role IN ('viewer','user','admin')),
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE refresh_families (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  user_agent TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT '',
  auth_time TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT NOT NULL,
  revoked_at TEXT,
  revoked_reason TEXT
);
CREATE INDEX refresh_families_user ON refresh_families(user_id);

CREATE TABLE refresh_tokens (
  token_hash TEXT PRIMARY KEY,
  family_id TEXT NOT NULL REFERENCES refresh_families(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX refresh_tokens_family ON refresh_tokens(family_id);

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  title TEXT NOT NULL,
  cluster_id TEXT NOT NULL,
  session_type TEXT NOT NULL,
  is_active INTEGER NOT NULL DEFAULT 1,
  context_json TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX sessions_user ON sessions(user_id, updated_at);

CREATE TABLE session_shares (
  session_id TEXT NOT NULL REFERENCES sessions(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  access TEXT NOT NULL CHECK (access IN ('read','write')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (session_id, user_id)
);
CREATE INDEX session_shares_user ON session_shares(user_id);

CREATE TABLE messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  session_id TEXT NOT NULL REFERENCES sessions(id),
  user_id TEXT,
  username TEXT,
  type TEXT NOT NULL CHECK (type IN ('user','assistant','system')),
  content TEXT NOT NULL,
  metadata_json TEXT,
  parent_id TEXT,
  client_message_id TEXT,
  reply_to TEXT,
  is_edited INTEGER NOT NULL DEFAULT 0,
  edited_at TEXT,
  token_count INTEGER,
  created_at TEXT NOT NULL
);
CREATE INDEX messages_session ON messages(session_id, seq);
CREATE UNIQUE INDEX messages_client_id ON messages(session_id, user_id, client_message_id)
  WHERE client_message_id IS NOT NULL;

CREATE TABLE executions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  username TEXT NOT NULL,
  session_id TEXT,
  message_id TEXT,
  command TEXT NOT NULL,
  argv_json TEXT NOT NULL,
  digest TEXT NOT NULL,
  namespace TEXT,
  resources_json TEXT NOT NULL DEFAULT '[]',
  safety_level TEXT NOT NULL,
  reasons_json TEXT NOT NULL DEFAULT '[]',
  warnings_json TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL,
  dry_run INTEGER NOT NULL DEFAULT 0,
  executor TEXT NOT NULL,
  target_json TEXT NOT NULL,
  approval_id TEXT,
  rollback_of TEXT,
  idempotency_key TEXT,
  exit_code INTEGER,
  output_bytes INTEGER NOT NULL DEFAULT 0,
  output_truncated INTEGER NOT NULL DEFAULT 0,
  error_message TEXT,
  snapshot_json TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  approved_at TEXT,
  executed_at TEXT,
  completed_at TEXT,
  execution_time_ms INTEGER
);
CREATE INDEX executions_user ON executions(user_id, created_at);
CREATE INDEX executions_created ON executions(created_at);
CREATE INDEX executions_session ON executions(session_id);
CREATE INDEX executions_status ON executions(status);
CREATE UNIQUE INDEX executions_idempotency ON executions(user_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;

-- Output in chunks, append-only: cheap to write while a command streams, read back in order.
CREATE TABLE execution_output (
  execution_id TEXT NOT NULL REFERENCES executions(id),
  offset INTEGER NOT NULL,
  stream TEXT NOT NULL,
  content TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (execution_id, offset)
);

CREATE TABLE approvals (
  id TEXT PRIMARY KEY,
  execution_id TEXT NOT NULL UNIQUE REFERENCES executions(id),
  requested_by TEXT NOT NULL REFERENCES users(id),
  required_role TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending','approved','rejected','expired')),
  digest TEXT NOT NULL,
  approved_by TEXT,
  reason TEXT,
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  decided_at TEXT
);
CREATE INDEX approvals_status ON approvals(status);

CREATE TABLE rollback_plans (
  id TEXT PRIMARY KEY,
  execution_id TEXT NOT NULL REFERENCES executions(id),
  user_id TEXT NOT NULL,
  steps_json TEXT NOT NULL,
  status TEXT NOT NULL,
  rollback_execution_id TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor_id TEXT,
  actor_username TEXT,
  action TEXT NOT NULL,
  target_type TEXT,
  target_id TEXT,
  outcome TEXT NOT NULL,
  detail_json TEXT,
  request_id TEXT,
  ip TEXT
);
-- The audit log is append-only: the database itself refuses changes and deletions.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE sandbox_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  json TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`,
  },
  {
    version: 2,
    name: 'retired refresh tokens',
    // A successor retired because its response was lost and the request retried: never valid again,
    // and presenting it counts as reuse.
    sql: 'ALTER TABLE refresh_tokens ADD COLUMN retired_at TEXT;',
  },
  {
    version: 3,
    name: 'user preferences',
    // One JSON document per user: the fields change with the product, the row does not.
    sql: `CREATE TABLE user_preferences (
  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  json TEXT NOT NULL,
  updated_at TEXT NOT NULL
);`,
  },
  {
    version: 4,
    name: 'conversation context per answer',
    // The context each request left behind, kept on its assistant answer: a reply to that answer (or to
    // its request) resolves "it", "its logs" and "there" against this one, not the session's latest.
    // NULL on answers stored before this migration; those replies fall back to the session's context.
    sql: 'ALTER TABLE messages ADD COLUMN context_json TEXT;',
  },
];
