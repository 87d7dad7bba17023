/**
 * The server's secret keys (the call-resume and known-console HMAC keys) live in a key file of their
 * own, mode 0600, beside the database by default (KEY_FILE): whoever may read the call records (a
 * backup, a report) cannot forge a token. A key file readable by others is refused at start-up.
 * Keys an older version kept in the database are moved into the file once and deleted there. In
 * cluster mode the keys are in the shared database instead (every node needs the same keys).
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

/** The names of every key the server uses (made at start-up in cluster mode). */
export const KEY_NAMES = ['call-resume', 'known-console'] as const;

/**
 * Embedded: `file` (null: keys in memory only, for an in-memory database). Cluster (`shared`): the
 * keys live in the shared database, so every node signs and checks with the same ones; the first
 * node to start makes them.
 */
export async function openKeyRing(file: string | null, db: Db, shared = false): Promise<KeyRing> {
  if (shared) return sharedKeyRing(db);
  const keys = new Map<string, string>(file ? Object.entries(read(file)) : []);
  // Keys of versions that kept them in the database: into the file, then out of the database.
  const legacy = await db.selectFrom('server_keys').select(['name', 'value']).execute();
  for (const { name, value } of legacy) if (!keys.has(name)) keys.set(name, value);
  if (legacy.length) {
    if (file) write(file, keys);
    await db.deleteFrom('server_keys').execute();
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

async function sharedKeyRing(db: Db): Promise<KeyRing> {
  for (const name of KEY_NAMES)
    await db
      .insertInto('server_keys')
      .values({ name, value: randomBytes(32).toString('base64url') })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  const rows = await db.selectFrom('server_keys').select(['name', 'value']).execute();
  const keys = new Map(rows.map((r) => [r.name, r.value]));
  return {
    get(name) {
      const key = keys.get(name);
      if (!key) throw new Error(`no shared key named ${name}: add it to KEY_NAMES`);
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
