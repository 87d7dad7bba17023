/**
 * The database: SQLite (better-sqlite3, WAL, synchronous=FULL) in the embedded default, PostgreSQL
 * (pg) in cluster mode, behind one query builder (kysely) so the store is written once. Migrations
 * are in migrations.ts, recorded in `ashir_migrations`; a SQLite file of the versions before that
 * is brought up to their last schema first (legacy-sqlite.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { LEGACY_VERSION, upgradeLegacy } from './legacy-sqlite.ts';
import { MIGRATIONS } from './migrations.ts';
import type { Schema } from './schema.ts';
import { everyOneAtATime, type Clock } from '../../src/util/clock.ts';
import type { Disposer } from '../../src/util/emitter.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Schema>;

export interface Store {
  db: Db;
  kind: Dialect;
  /** SQLite's own handle, for the call records' synchronous transaction (null on PostgreSQL). */
  raw: Database.Database | null;
  close(): Promise<void>;
}

export class DatabaseOpenError extends Error {}

/** PostgreSQL's BIGINT (ms times, counts) and NUMERIC (averages) read back as numbers, as in SQLite. */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (v: string) => (v === null ? null : Number(v));
    return pg.types.getTypeParser(oid, format);
  },
};

/** Opens SQLite at `file` (":memory:" for a throwaway one) or, for a postgres:// URL, PostgreSQL. */
export async function openStore(target: string): Promise<Store> {
  const store = /^postgres(ql)?:\/\//.test(target) ? await openPostgres(target) : openSqlite(target);
  try {
    await migrate(store);
  } catch (err) {
    await store.close();
    if (store.kind === 'postgres') throw openError(target, err);
    throw err;
  }
  return store;
}

function openError(target: string, err: unknown): DatabaseOpenError {
  const reason = err instanceof Error ? err.message : String(err);
  const where = target.startsWith('postgres') ? `DATABASE_URL (${redact(target)})` : `DB_PATH=${target}`;
  return new DatabaseOpenError(
    `Cannot open the database at ${where}: ${reason}. ` +
      (target.startsWith('postgres')
        ? 'Check that PostgreSQL runs there.'
        : 'Point DB_PATH at a writable file.'),
  );
}

/** A URL as a log or an error may show it: never its password. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

function openSqlite(file: string): Store {
  let raw: Database.Database;
  try {
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    // A short wait for a lock held elsewhere: a busy database answers an error ack, never a frozen loop.
    raw = new Database(file, { timeout: 100 });
    raw.pragma('journal_mode = WAL');
  } catch (err) {
    throw openError(file, err);
  }
  raw.pragma('foreign_keys = ON');
  // Every commit reaches the disk before the server acknowledges what it recorded (WAL + FULL).
  raw.pragma('synchronous = FULL');
  upgradeLegacy(raw);
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: raw }) });
  return { db, kind: 'sqlite', raw, close: () => db.destroy() };
}

async function openPostgres(url: string): Promise<Store> {
  // A database that hangs (not refusing, not answering) fails a query after 5 s instead of holding
  // the driver's batch for ever.
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: pgTypes,
    connectionTimeoutMillis: 5000,
    query_timeout: 5000,
  });
  // A connection that breaks while idle is reported here, not thrown at the process.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end();
    throw openError(url, err);
  }
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', raw: null, close: () => db.destroy() };
}

async function migrate(store: Store): Promise<void> {
  const { db, kind } = store;
  // Several nodes starting together: one migrates, the others wait for its lock and find it done.
  const lock = async (trx: Kysely<Schema>) => {
    if (kind === 'postgres') await sql`SELECT pg_advisory_xact_lock(7261736)`.execute(trx);
  };
  await db.transaction().execute(async (trx) => {
    await lock(trx);
    await trx.schema
      .createTable('ashir_migrations')
      .ifNotExists()
      .addColumn('version', 'integer', (c) => c.primaryKey())
      .addColumn('applied_at', 'bigint', (c) => c.notNull())
      .execute();
  });
  for (let version = 1; version <= MIGRATIONS.length; version++) {
    await db.transaction().execute(async (trx) => {
      await lock(trx);
      const done = await trx
        .selectFrom('ashir_migrations')
        .select('version')
        .where('version', '=', version)
        .executeTakeFirst();
      if (done) return;
      if (!(version === 1 && (await legacyBaseline(trx, kind))))
        await MIGRATIONS[version - 1]!(trx as unknown as Kysely<unknown>, kind);
      await trx.insertInto('ashir_migrations').values({ version, applied_at: Date.now() }).execute();
    });
  }
}

/** A SQLite file of the versions before this store already has migration 1's schema. */
async function legacyBaseline(db: Kysely<Schema>, kind: Dialect): Promise<boolean> {
  if (kind !== 'sqlite') return false;
  const { rows } = await sql<{ user_version: number }>`PRAGMA user_version`.execute(db);
  return rows[0]?.user_version === LEGACY_VERSION;
}

/** Records this run's start; returns its id and the id of the run before it (null on a first start). */
export async function startRun(
  db: Db,
  now: number,
): Promise<{ runId: string; previousRunId: string | null }> {
  const previous = await db
    .selectFrom('server_runs')
    .select(['id', 'started_at'])
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const runId = randomBytes(12).toString('base64url');
  // Strictly after the last run, so two starts within one millisecond still have an order.
  const startedAt = Math.max(now, (previous?.started_at ?? 0) + 1);
  await db.insertInto('server_runs').values({ id: runId, started_at: startedAt }).execute();
  return { runId, previousRunId: previous?.id ?? null };
}

/** Asks the database every second whether it answers; `up()` is the last answer (for /healthz). */
export function watchReachable(db: Db, clock: Clock): { up(): boolean; stop: Disposer } {
  let up = true;
  const stop = everyOneAtATime(clock, 1000, async () => (up = await reachable(db)));
  return { up: () => up, stop };
}

/** Whether the database answers now, within `ms`. */
export async function reachable(db: Db, ms = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([sql`SELECT 1`.execute(db).then(() => true), late]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
