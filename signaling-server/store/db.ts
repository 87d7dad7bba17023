/** The embedded SQLite database: opened in WAL mode, migrated in code, one file from config. */
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
];

export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
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
