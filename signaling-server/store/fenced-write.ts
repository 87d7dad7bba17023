/**
 * The one way record statements reach the database: all of a batch in one transaction, behind the
 * cluster leader's fence when there is one. The fence (`leader_fence`, one row) holds the highest
 * fencing token that wrote and, for the cluster's write-behind (cluster/record-writer.ts), the last
 * journal entry whose records are written: a node whose lease lapsed writes nothing, and a new
 * leader knows where to take the records up.
 *
 * SQLite runs the statements synchronously (better-sqlite3). PostgreSQL gets them in one round trip:
 * one multi-statement simple query, which it runs as one implicit transaction (any failure, the
 * fence's included, rolls all of it back).
 */
import pg from 'pg';
import { sql, type CompiledQuery } from 'kysely';
import type { Store } from './db.ts';

export class FencedOut extends Error {
  constructor(token: number) {
    super(`fencing token ${token} is stale: another node leads`);
  }
}

/** The leader's fence for one write: its token, and (write-behind) the journal entry written up to. */
export interface Fence {
  token: number;
  mark?: string;
}

const FENCED_OUT = 'ashir: fenced out';
/** A Redis stream entry id, the only kind of mark there is. */
const MARK = /^\d{1,20}-\d{1,20}$/;

/** Runs the statements in one transaction; throws or rejects (having applied none) on failure. */
export function writeQueries(
  store: Store,
  queries: readonly CompiledQuery[],
  fence: Fence | null,
): void | Promise<void> {
  if (fence?.mark !== undefined && !MARK.test(fence.mark))
    throw new TypeError('a journal mark is an entry id');
  const { raw, db } = store;
  if (raw) {
    raw.transaction(() => {
      if (fence && raw.prepare(FENCE_SQLITE).run(fence.token, fence.mark ?? null, fence.token).changes !== 1)
        throw new FencedOut(fence.token);
      for (const q of queries) raw.prepare(q.sql).run(...(q.parameters as unknown[]));
    })();
    return;
  }
  const statements = queries.map(inline);
  if (fence) statements.unshift(fenceBlock(fence));
  if (statements.length === 0) return;
  return sql
    .raw(statements.join(';\n'))
    .execute(db)
    .then(
      () => undefined,
      (err: unknown) => {
        if (err instanceof Error && err.message === FENCED_OUT) throw new FencedOut(fence!.token);
        throw err;
      },
    );
}

/**
 * A new leader raises the fence to its token before anything else (a deposed leader's late write
 * fails from then on) and learns the last journal entry whose records are written ('' for none).
 */
export async function claimFence(store: Store, token: number): Promise<string> {
  const row = await store.db
    .updateTable('leader_fence')
    .set({ token })
    .where('id', '=', 1)
    .where('token', '<=', token)
    .returning('journal')
    .executeTakeFirst();
  if (!row) throw new FencedOut(token);
  return row.journal;
}

const FENCE_SQLITE =
  'UPDATE leader_fence SET token = ?, journal = coalesce(?, journal) WHERE id = 1 AND token <= ?';

/** The fence in PostgreSQL's own language: raises (so the batch rolls back) when a newer leader wrote. */
function fenceBlock({ token, mark }: Fence): string {
  const t = safeInt(token);
  const set = mark === undefined ? `token = ${t}` : `token = ${t}, journal = ${pg.escapeLiteral(mark)}`;
  return (
    `DO $fence$ BEGIN UPDATE leader_fence SET ${set} WHERE id = 1 AND token <= ${t}; ` +
    `IF NOT FOUND THEN RAISE EXCEPTION '${FENCED_OUT}'; END IF; END $fence$`
  );
}

/**
 * A compiled query with its parameters written in as literals (PostgreSQL's simple protocol, which
 * allows several statements in one message, takes none). Strings are quoted by node-postgres's own
 * `escapeLiteral`; anything but a string, a finite number or null is refused.
 */
export function inline(q: CompiledQuery): string {
  return q.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const value = q.parameters[Number(n) - 1];
    if (value === null) return 'NULL';
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value === 'string') return pg.escapeLiteral(value);
    throw new TypeError(`parameter $${n} of a record query is a ${typeof value}`);
  });
}

function safeInt(n: number): string {
  if (!Number.isSafeInteger(n)) throw new TypeError('a fencing token is an integer');
  return String(n);
}
