/**
 * Call records: the routing core's record effects, all the facts of one batch of steps in one
 * transaction (they are applied together or not at all). Each fact is one query built once with the
 * query builder; SQLite runs them synchronously (better-sqlite3: the embedded driver stays
 * synchronous), PostgreSQL asynchronously. In cluster mode the transaction first checks the leader's
 * fencing token: a node whose lease lapsed can write nothing.
 */
import { sql, type CompiledQuery } from 'kysely';
import type { RecordOp, ResumeFacts } from '../domain/types.ts';
import type { GenderPref, SignLanguage, Skill } from '../../src/protocol/index.ts';
import type { Db, Store } from './db.ts';
import { writeQueries } from './fenced-write.ts';

export { FencedOut, inline } from './fenced-write.ts';

export interface RecordStore {
  /**
   * Applies the facts of one batch in one transaction; throws or rejects (having applied none) on
   * failure. Synchronous on SQLite, a promise on PostgreSQL.
   */
  apply(ops: readonly RecordOp[]): void | Promise<void>;
  /** What a resumed call is rebuilt from: the request's row. */
  resumeFacts(requestId: string): Promise<ResumeFacts>;
}

/** `fence`: the leader's current fencing token (cluster mode), checked in every write transaction. */
export function recorder(store: Store, fence: () => number | null = () => null): RecordStore {
  const { db } = store;
  return {
    apply(ops) {
      if (ops.length === 0) return;
      const token = fence();
      return writeQueries(
        store,
        ops.flatMap((op) => queriesOf(db, op)),
        token === null ? null : { token },
      );
    },
    async resumeFacts(requestId) {
      const row = await db
        .selectFrom('call_requests')
        .select([
          'kiosk_name',
          'office',
          'counter',
          'pref_gender',
          'skills',
          'flow',
          'pref_language',
          'requested_at',
          'end_reason',
          'interpreter_name',
        ])
        .where('id', '=', requestId)
        .where('outcome', '=', 'answered')
        .executeTakeFirst();
      if (!row) return { row: null };
      return {
        row: {
          kioskName: row.kiosk_name,
          office: row.office,
          counter: row.counter,
          gender: row.pref_gender as GenderPref,
          language: row.pref_language as SignLanguage,
          skills: row.skills ? (row.skills.split(',') as Skill[]) : [],
          flow: row.flow,
          requestedAt: row.requested_at,
          endReason: row.end_reason,
          interpreterName: row.interpreter_name,
        },
      };
    },
  };
}

/** An op's statements: one each, but an end, which also closes the call's legs still open. */
export function queriesOf(trx: Db, op: RecordOp): CompiledQuery[] {
  if (op.op !== 'ended') return [one(trx, op)];
  const legs = trx
    .updateTable('call_legs')
    .set({ left_at: op.at })
    .where('request_id', '=', op.requestId)
    .where('left_at', 'is', null)
    .compile();
  return [one(trx, op), legs];
}

function one(trx: Db, op: RecordOp): CompiledQuery {
  switch (op.op) {
    case 'requested': {
      const c = op.context;
      // A replayed batch (a failover re-applying a forwarded event) finds the row there: no duplicate.
      return trx
        .insertInto('call_requests')
        .values({
          id: op.id,
          kiosk_name: c.kioskName,
          office: c.office,
          counter: c.counter,
          pref_gender: c.gender,
          pref_language: c.language,
          skills: c.skills.join(','),
          flow: c.flow,
          requested_at: c.requestedAt,
          requeued_from: op.requeuedFrom,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .compile();
    }
    case 'offered':
      return trx
        .insertInto('offers')
        .values({ request_id: op.requestId, interpreter_name: op.interpreterName, offered_at: op.at })
        .compile();
    case 'offer-result':
      // A request has at most one open offer at a time.
      return trx
        .updateTable('offers')
        .set({ outcome: op.outcome, responded_at: op.at })
        .where('request_id', '=', op.requestId)
        .where('outcome', 'is', null)
        .compile();
    case 'answered':
      return trx
        .updateTable('call_requests')
        .set({ answered_at: op.at, interpreter_name: op.interpreterName, outcome: 'answered' })
        .where('id', '=', op.requestId)
        .compile();
    case 'leg':
      // A replayed batch finds the leg there: no duplicate.
      return trx
        .insertInto('call_legs')
        .values({
          leg: op.leg,
          request_id: op.requestId,
          interpreter_name: op.interpreterName,
          kind: op.kind,
          reason: op.reason,
          joined_at: op.at,
        })
        .onConflict((oc) => oc.column('leg').doNothing())
        .compile();
    case 'leg-left':
      return trx
        .updateTable('call_legs')
        .set({ left_at: op.at })
        .where('leg', '=', op.leg)
        .where('left_at', 'is', null)
        .compile();
    case 'self-test':
      return trx
        .updateTable('kiosks')
        .set({ self_test: JSON.stringify(op.checks), self_test_at: op.at })
        .where('id', '=', op.kioskAccount)
        .compile();
    case 'skills-relaxed':
      return trx
        .updateTable('call_requests')
        .set({ skills_relaxed_at: sql<number>`coalesce(skills_relaxed_at, ${op.at})` })
        .where('id', '=', op.requestId)
        .compile();
    case 'fallback':
      return trx
        .updateTable('call_requests')
        .set({ fallback_at: sql<number>`coalesce(fallback_at, ${op.at})` })
        .where('id', '=', op.requestId)
        .compile();
    case 'unanswered':
      // A request whose citizen chose text and pictograms and was never answered ends as 'fallback'.
      return trx
        .updateTable('call_requests')
        .set({
          ended_at: op.at,
          end_reason: op.outcome,
          outcome:
            op.outcome === 'failed'
              ? op.outcome
              : sql<string>`CASE WHEN fallback_at IS NOT NULL THEN 'fallback' ELSE ${op.outcome} END`,
        })
        .where('id', '=', op.requestId)
        .compile();
    case 'resumed':
      // A call the restart closed is open again until its real end.
      return trx
        .updateTable('call_requests')
        .set({ ended_at: null, end_reason: null })
        .where('id', '=', op.requestId)
        .where('end_reason', '=', 'server_restart')
        .compile();
    case 'ended':
      // Only an open row gets an end: a replay can never rewrite a record.
      return trx
        .updateTable('call_requests')
        .set({ ended_at: op.at, end_reason: op.reason })
        .where('id', '=', op.requestId)
        .where('ended_at', 'is', null)
        .compile();
    case 'quality': {
      // After the call: the interpreter page's measure of the video.
      const q = op.summary;
      return trx
        .updateTable('call_requests')
        .set({
          q_fps_p50: q.fpsP50,
          q_fps_p5: q.fpsP5,
          q_height_p50: q.heightP50,
          q_good_s: q.seconds.good,
          q_usable_s: q.seconds.usable,
          q_poor_s: q.seconds.poor,
          q_ice_restarts: q.iceRestarts,
          q_relayed: q.relayed === null ? null : q.relayed ? 1 : 0,
        })
        .where('id', '=', op.requestId)
        .compile();
    }
    case 'rating':
      return trx
        .updateTable('call_requests')
        .set(op.by === 'kiosk' ? { rating_kiosk: op.rating } : { rating_interpreter: op.rating })
        .where('id', '=', op.requestId)
        .compile();
    case 'orphans': {
      // Open rows the core does not know: unanswered ones failed, answered ones ended.
      let q = trx
        .updateTable('call_requests')
        .set({
          ended_at: op.at,
          end_reason: 'leader_lost',
          outcome: sql<string>`coalesce(outcome, 'failed')`,
        })
        .where((eb) =>
          eb.or([
            eb('outcome', 'is', null),
            eb.and([eb('outcome', '=', 'answered'), eb('ended_at', 'is', null)]),
          ]),
        );
      if (op.keep.length > 0) q = q.where('id', 'not in', op.keep);
      return q.compile();
    }
  }
}

/**
 * Requests left open by a server that stopped (crash, restart) can no longer be answered: close them as
 * failed, so that no request is silently lost. Returns how many were closed. (Embedded mode only: in a
 * cluster the core lives on across a node's death and its requests with it.)
 */
export async function closeOrphanedRequests(db: Db, now: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const open = await trx
      .updateTable('call_requests')
      .set({ outcome: 'failed', ended_at: now, end_reason: 'server_restart' })
      .where('outcome', 'is', null)
      .executeTakeFirst();
    await trx
      .updateTable('call_requests')
      .set({ ended_at: now, end_reason: 'server_restart' })
      .where('outcome', '=', 'answered')
      .where('ended_at', 'is', null)
      .execute();
    await trx
      .updateTable('offers')
      .set({ outcome: 'withdrawn', responded_at: now })
      .where('outcome', 'is', null)
      .execute();
    return Number(open.numUpdatedRows);
  });
}
