/**
 * The schema steps of SQLite files made before the store spoke two dialects (PRAGMA user_version 1..8).
 * Used only to bring such a file up to the last of them; from there the one set of migrations in
 * migrations.ts goes on (its first step is that same schema, so it is marked done, not run).
 */
import type Database from 'better-sqlite3';

/** The user_version of the last legacy step: a file at it has the baseline schema. */
export const LEGACY_VERSION = 8;

/** Each entry ran once, in order; the index + 1 is stored as `user_version`. Frozen. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE call_requests (
     id TEXT PRIMARY KEY,
     kiosk_name TEXT NOT NULL,
     office TEXT,
     counter TEXT,
     pref_gender TEXT NOT NULL,
     pref_language TEXT NOT NULL,
     requested_at INTEGER NOT NULL,
     answered_at INTEGER,
     ended_at INTEGER,
     interpreter_name TEXT,
     outcome TEXT CHECK (outcome IN ('answered','cancelled','abandoned','fallback','failed')),
     end_reason TEXT,
     fallback_at INTEGER,
     requeued_from TEXT REFERENCES call_requests(id)
   );
   CREATE INDEX call_requests_requested_at ON call_requests(requested_at);
   CREATE TABLE offers (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     request_id TEXT NOT NULL REFERENCES call_requests(id),
     interpreter_name TEXT NOT NULL,
     offered_at INTEGER NOT NULL,
     responded_at INTEGER,
     outcome TEXT CHECK (outcome IN ('accepted','declined','timeout','withdrawn','offline'))
   );
   CREATE INDEX offers_request ON offers(request_id);`,
  // Accounts: people sign in with a password (scrypt); kiosks are enrolled devices with a credential.
  // Only hashes of passwords, session tokens, enrollment codes and device credentials are stored.
  `CREATE TABLE offices (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE);
   CREATE TABLE users (
     id TEXT PRIMARY KEY,
     username TEXT NOT NULL UNIQUE,
     display_name TEXT NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('interpreter','clerk','supervisor')),
     gender TEXT CHECK (gender IN ('female','male')),
     languages TEXT NOT NULL DEFAULT '',
     office_id INTEGER REFERENCES offices(id),
     password_hash TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE user_sessions (
     token_hash TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE TABLE kiosks (
     id TEXT PRIMARY KEY,
     office_id INTEGER NOT NULL REFERENCES offices(id),
     counter TEXT NOT NULL,
     name TEXT NOT NULL,
     enrollment_hash TEXT UNIQUE,
     enrollment_expires_at INTEGER,
     credential_hash TEXT UNIQUE,
     enrolled_at INTEGER,
     created_at INTEGER NOT NULL
   );`,
  // Keys the server keeps across restarts (the call-resume signing key).
  `CREATE TABLE server_keys (name TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // Disabling a person or a kiosk (admin CLI, supervisor console): their sockets are disconnected
  // by the credential sweep, and a disabled kiosk's credential is gone (it must be enrolled again).
  `ALTER TABLE users ADD COLUMN disabled_at INTEGER;
   ALTER TABLE kiosks ADD COLUMN disabled_at INTEGER;
   CREATE TABLE server_runs (id TEXT PRIMARY KEY, started_at INTEGER NOT NULL);`,
  // The supervisor console: an `admin` role (all offices; a supervisor has one), when each kiosk was
  // last connected, and the audit log of administration (who did what to whom; never a secret).
  `CREATE TABLE users_v2 (
     id TEXT PRIMARY KEY,
     username TEXT NOT NULL UNIQUE,
     display_name TEXT NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('interpreter','clerk','supervisor','admin')),
     gender TEXT CHECK (gender IN ('female','male')),
     languages TEXT NOT NULL DEFAULT '',
     office_id INTEGER REFERENCES offices(id),
     password_hash TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     disabled_at INTEGER
   );
   INSERT INTO users_v2 SELECT id, username, display_name, role, gender, languages, office_id,
     password_hash, created_at, disabled_at FROM users;
   DROP TABLE users;
   ALTER TABLE users_v2 RENAME TO users;
   ALTER TABLE kiosks ADD COLUMN last_seen_at INTEGER;
   CREATE TABLE audit_log (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at INTEGER NOT NULL,
     actor_id TEXT NOT NULL,
     actor_role TEXT NOT NULL,
     office TEXT,
     action TEXT NOT NULL,
     target TEXT NOT NULL
   );
   CREATE INDEX audit_log_at ON audit_log(at);`,
  // After a call: the received video's quality as the interpreter's page measured it (EN 301 549
  // §6.5 levels), and the members' ratings (1 bad, 2 so-so, 3 good).
  `ALTER TABLE call_requests ADD COLUMN q_fps_p50 REAL;
   ALTER TABLE call_requests ADD COLUMN q_fps_p5 REAL;
   ALTER TABLE call_requests ADD COLUMN q_height_p50 INTEGER;
   ALTER TABLE call_requests ADD COLUMN q_good_s INTEGER;
   ALTER TABLE call_requests ADD COLUMN q_usable_s INTEGER;
   ALTER TABLE call_requests ADD COLUMN q_poor_s INTEGER;
   ALTER TABLE call_requests ADD COLUMN q_ice_restarts INTEGER;
   ALTER TABLE call_requests ADD COLUMN q_relayed INTEGER;
   ALTER TABLE call_requests ADD COLUMN rating_kiosk INTEGER CHECK (rating_kiosk BETWEEN 1 AND 3);
   ALTER TABLE call_requests ADD COLUMN rating_interpreter INTEGER CHECK (rating_interpreter BETWEEN 1 AND 3);`,
  // Each office's speed-of-answer target (null: the FCC's 85 % within 60 s).
  `ALTER TABLE offices ADD COLUMN target_within_s INTEGER;
   ALTER TABLE offices ADD COLUMN target_share REAL;`,
  // Interpreters' skills (specialties, Deaf interpreter), comma-separated like their sign languages.
  `ALTER TABLE users ADD COLUMN skills TEXT NOT NULL DEFAULT '';`,
];

/** Brings a legacy file (user_version 1..7) up to LEGACY_VERSION; a file at 0 or 8 is left alone. */
export function upgradeLegacy(db: Database.Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current === 0 || current >= MIGRATIONS.length) return current;
  // SQLite's way to rebuild a table: foreign keys off (outside any transaction), check them after.
  db.pragma('foreign_keys = OFF');
  try {
    for (let i = current; i < MIGRATIONS.length; i++) {
      db.transaction(() => {
        db.exec(MIGRATIONS[i]!);
        db.pragma(`user_version = ${i + 1}`);
      })();
    }
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length) throw new Error(`migration left ${broken.length} broken foreign keys`);
  } finally {
    db.pragma('foreign_keys = ON');
  }
  return MIGRATIONS.length;
}
