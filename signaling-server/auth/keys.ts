/**
 * The server's secret keys (the call-resume and known-console HMAC keys) live in a key file of their
 * own, mode 0600, beside the database by default (KEY_FILE): whoever may read the call records (a
 * backup, a report) cannot forge a token. A key file readable by others is refused at start-up.
 * Keys an older version kept in the database are moved into the file once and deleted there.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import * as v from 'valibot';
import type { Db } from '../store/db.ts';

const KeyFileSchema = v.strictObject({
  version: v.literal(1),
  keys: v.record(
    v.pipe(v.string(), v.regex(/^[a-z][a-z-]{0,39}$/)),
    v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/)),
  ),
});

export class KeyFileError extends Error {}

export interface KeyRing {
  /** The key named `name`, made (and saved) on first use; the same after every restart. */
  get(name: string): string;
}

/** `file` null: keys in memory only (an in-memory database, tests). */
export function openKeyRing(file: string | null, db: Db): KeyRing {
  const keys = new Map<string, string>(file ? Object.entries(read(file)) : []);
  // Keys of versions that kept them in the database: into the file, then out of the database.
  const legacy = db.prepare('SELECT name, value FROM server_keys').all() as { name: string; value: string }[];
  for (const { name, value } of legacy) if (!keys.has(name)) keys.set(name, value);
  if (legacy.length) {
    if (file) write(file, keys);
    db.prepare('DELETE FROM server_keys').run();
  }
  return {
    get(name) {
      let key = keys.get(name);
      if (!key) {
        key = randomBytes(32).toString('base64url');
        keys.set(name, key);
        if (file) write(file, keys);
      }
      return key;
    },
  };
}

function read(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const mode = statSync(file).mode & 0o777;
  if (mode & 0o077)
    throw new KeyFileError(
      `The key file ${file} may be read by others (mode ${mode.toString(8)}): run chmod 600 on it.`,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new KeyFileError(`The key file ${file} is not JSON. Restore it from a backup or remove it.`);
  }
  const checked = v.safeParse(KeyFileSchema, parsed);
  if (!checked.success)
    throw new KeyFileError(`The key file ${file} is not an Ashir key file. Restore it or remove it.`);
  return checked.output.keys;
}

function write(file: string, keys: Map<string, string>): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ version: 1, keys: Object.fromEntries(keys) }), { mode: 0o600 });
  renameSync(tmp, file);
}
