/** The embedded SQLite database: opened in WAL mode, migrated in code, one file from config. */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/** Each entry runs once, in order; the index + 1 is stored as `user_version`. Never edit a shipped one. */
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
];

/** A random key stored under `name`, made on first use; the same after every restart. */
export function serverKey(db: Db, name: string): string {
  db.prepare('INSERT OR IGNORE INTO server_keys (name, value) VALUES (?, ?)').run(
    name,
    randomBytes(32).toString('base64url'),
  );
  return (db.prepare('SELECT value FROM server_keys WHERE name = ?').get(name) as { value: string }).value;
}

export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // A short wait for a lock held elsewhere: a busy database answers an error ack, never a frozen loop.
  const db = new Database(file, { timeout: 100 });
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // Every commit reaches the disk before the server acknowledges what it recorded (WAL + FULL).
  db.pragma('synchronous = FULL');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let i = current; i < MIGRATIONS.length; i++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[i]!);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }
}
