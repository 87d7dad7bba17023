/**
 * One set of migrations for SQLite and PostgreSQL, written with the query builder's schema API. Each
 * runs once, in order, in a transaction of its own, and is recorded in `ashir_migrations`. Never edit
 * a shipped one: add the next. Where the dialects differ (an auto-increment key) `kind` says which.
 */
import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Dialect } from './db.ts';

type Step = (db: Kysely<unknown>, kind: Dialect) => Promise<void>;

/** An integer key the database numbers itself: `serial` on PostgreSQL, AUTOINCREMENT on SQLite. */
const serialKey = (kind: Dialect) =>
  [
    kind === 'postgres' ? 'serial' : 'integer',
    (c: ColumnDefinitionBuilder) => (kind === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()),
  ] as const;

export const MIGRATIONS: readonly Step[] = [
  // 1. The schema the SQLite-only versions reached (legacy-sqlite.ts, user_version 8).
  async (db, kind) => {
    await db.schema
      .createTable('call_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kiosk_name', 'text', (c) => c.notNull())
      .addColumn('office', 'text')
      .addColumn('counter', 'text')
      .addColumn('pref_gender', 'text', (c) => c.notNull())
      .addColumn('pref_language', 'text', (c) => c.notNull())
      .addColumn('requested_at', 'bigint', (c) => c.notNull())
      .addColumn('answered_at', 'bigint')
      .addColumn('ended_at', 'bigint')
      .addColumn('interpreter_name', 'text')
      .addColumn('outcome', 'text', (c) =>
        c.check(sql`outcome IN ('answered','cancelled','abandoned','fallback','failed')`),
      )
      .addColumn('end_reason', 'text')
      .addColumn('fallback_at', 'bigint')
      .addColumn('requeued_from', 'text', (c) => c.references('call_requests.id'))
      .addColumn('q_fps_p50', 'double precision')
      .addColumn('q_fps_p5', 'double precision')
      .addColumn('q_height_p50', 'integer')
      .addColumn('q_good_s', 'integer')
      .addColumn('q_usable_s', 'integer')
      .addColumn('q_poor_s', 'integer')
      .addColumn('q_ice_restarts', 'integer')
      .addColumn('q_relayed', 'integer')
      .addColumn('rating_kiosk', 'integer', (c) => c.check(sql`rating_kiosk BETWEEN 1 AND 3`))
      .addColumn('rating_interpreter', 'integer', (c) => c.check(sql`rating_interpreter BETWEEN 1 AND 3`))
      .execute();
    await db.schema
      .createIndex('call_requests_requested_at')
      .on('call_requests')
      .column('requested_at')
      .execute();
    await db.schema
      .createTable('offers')
      .addColumn('id', ...serialKey(kind))
      .addColumn('request_id', 'text', (c) => c.notNull().references('call_requests.id'))
      .addColumn('interpreter_name', 'text', (c) => c.notNull())
      .addColumn('offered_at', 'bigint', (c) => c.notNull())
      .addColumn('responded_at', 'bigint')
      .addColumn('outcome', 'text', (c) =>
        c.check(sql`outcome IN ('accepted','declined','timeout','withdrawn','offline')`),
      )
      .execute();
    await db.schema.createIndex('offers_request').on('offers').column('request_id').execute();
    await db.schema
      .createTable('offices')
      .addColumn('id', ...serialKey(kind))
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('target_within_s', 'integer')
      .addColumn('target_share', 'double precision')
      .execute();
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) =>
        c.notNull().check(sql`role IN ('interpreter','clerk','supervisor','admin')`),
      )
      .addColumn('gender', 'text', (c) => c.check(sql`gender IN ('female','male')`))
      .addColumn('languages', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('office_id', 'integer', (c) => c.references('offices.id'))
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('disabled_at', 'bigint')
      .addColumn('skills', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema
      .createTable('user_sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('kiosks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('office_id', 'integer', (c) => c.notNull().references('offices.id'))
      .addColumn('counter', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('enrollment_hash', 'text', (c) => c.unique())
      .addColumn('enrollment_expires_at', 'bigint')
      .addColumn('credential_hash', 'text', (c) => c.unique())
      .addColumn('enrolled_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('disabled_at', 'bigint')
      .addColumn('last_seen_at', 'bigint')
      .execute();
    await db.schema
      .createTable('server_keys')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('server_runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('audit_log')
      .addColumn('id', ...serialKey(kind))
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull())
      .addColumn('actor_role', 'text', (c) => c.notNull())
      .addColumn('office', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  },
  // 2. Cluster mode: the leader's fencing token (one row), checked by every record write.
  async (db) => {
    await db.schema
      .createTable('leader_fence')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('token', 'bigint', (c) => c.notNull())
      .execute();
    await db
      .insertInto('leader_fence' as never)
      .values({ id: 1, token: 0 } as never)
      .execute();
  },
  // 3. Skills routing: what a request needed and whether the citizen let it go; an office's choices.
  async (db) => {
    const requests = db.schema.alterTable('call_requests');
    await requests.addColumn('skills', 'text', (c) => c.notNull().defaultTo('')).execute();
    await requests.addColumn('flow', 'text').execute();
    await requests.addColumn('skills_relaxed_at', 'bigint').execute();
    await db.schema
      .alterTable('offices')
      .addColumn('routing', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
  },
  // 4. Interpreters' legs of a call: the first, and who joined by a transfer or as a teammate.
  async (db) => {
    await db.schema
      .createTable('call_legs')
      .addColumn('leg', 'text', (c) => c.primaryKey())
      .addColumn('request_id', 'text', (c) => c.notNull().references('call_requests.id'))
      .addColumn('interpreter_name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('first','transfer','team')`))
      .addColumn('reason', 'text')
      .addColumn('joined_at', 'bigint', (c) => c.notNull())
      .addColumn('left_at', 'bigint')
      .execute();
    await db.schema.createIndex('call_legs_request').on('call_legs').column('request_id').execute();
  },
  // 5. A kiosk's last self-test: each check's result (no images), and when it ran.
  async (db) => {
    await db.schema
      .alterTable('kiosks')
      .addColumn('self_test', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema.alterTable('kiosks').addColumn('self_test_at', 'bigint').execute();
  },
  // 6. The sign library: clips interpreters recorded (the file is on disk by its hash), their review,
  // and whether an office's kiosks play a step's clip once by themselves.
  async (db) => {
    await db.schema
      .createTable('sign_clips')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('sign_language', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('bytes', 'integer', (c) => c.notNull())
      .addColumn('duration_ms', 'integer', (c) => c.notNull())
      .addColumn('interpreter_id', 'text')
      .addColumn('interpreter_name', 'text', (c) => c.notNull())
      .addColumn('licence', 'text', (c) => c.notNull())
      .addColumn('consented_at', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status IN ('pending','approved','rejected','replaced')`),
      )
      .addColumn('reviewed_by', 'text')
      .addColumn('reviewer_name', 'text')
      .addColumn('reviewed_at', 'bigint')
      .addColumn('reason', 'text')
      .addColumn('source', 'text', (c) => c.notNull().check(sql`source IN ('recorded','imported')`))
      .execute();
    // One approved clip per target and sign language: a newer approval replaces the old one.
    await db.schema
      .createIndex('sign_clips_approved')
      .on('sign_clips')
      .columns(['target', 'sign_language'])
      .unique()
      .where(sql.ref('status'), '=', 'approved')
      .execute();
    await db.schema
      .createIndex('sign_clips_status')
      .on('sign_clips')
      .columns(['status', 'created_at'])
      .execute();
    await db.schema
      .alterTable('offices')
      .addColumn('clip_autoplay', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
  // 7. Cluster write-behind: the last journal entry whose records are written (cluster/record-writer.ts).
  async (db) => {
    await db.schema
      .alterTable('leader_fence')
      .addColumn('journal', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
  },
];
