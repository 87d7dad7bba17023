/**
 * Call records in SQLite: the routing core's record effects, one prepared statement per fact, all the
 * facts of one step in one transaction (they are applied together or not at all).
 */
import type { RecordOp, ResumeFacts } from '../domain/types.ts';
import type { GenderPref, SignLanguage } from '../../src/protocol/index.ts';
import type { Db } from './db.ts';

export interface RecordStore {
  /** Applies the facts of one step in one transaction; throws (having applied none) on failure. */
  apply(ops: readonly RecordOp[]): void;
  /** What a resumed call is rebuilt from: the request's row. */
  resumeFacts(requestId: string): ResumeFacts;
}

export function sqliteRecorder(db: Db): RecordStore {
  const statements = {
    requested: db.prepare(
      `INSERT INTO call_requests (id, kiosk_name, office, counter, pref_gender, pref_language, requested_at, requeued_from)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    offered: db.prepare('INSERT INTO offers (request_id, interpreter_name, offered_at) VALUES (?, ?, ?)'),
    // A request has at most one open offer at a time.
    offerResult: db.prepare(
      'UPDATE offers SET outcome = ?, responded_at = ? WHERE request_id = ? AND outcome IS NULL',
    ),
    answered: db.prepare(
      "UPDATE call_requests SET answered_at = ?, interpreter_name = ?, outcome = 'answered' WHERE id = ?",
    ),
    fallback: db.prepare('UPDATE call_requests SET fallback_at = coalesce(fallback_at, ?) WHERE id = ?'),
    // A request whose citizen chose text and pictograms and was never answered ends as 'fallback'.
    unanswered: db.prepare(
      `UPDATE call_requests SET ended_at = ?, end_reason = ?,
         outcome = CASE WHEN fallback_at IS NOT NULL AND ? <> 'failed' THEN 'fallback' ELSE ? END
       WHERE id = ?`,
    ),
    // A call the restart closed is open again until its real end.
    resumed: db.prepare(
      "UPDATE call_requests SET ended_at = NULL, end_reason = NULL WHERE id = ? AND end_reason = 'server_restart'",
    ),
    // Only an open row gets an end: a replay can never rewrite a record.
    ended: db.prepare(
      'UPDATE call_requests SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL',
    ),
    // After the call: the interpreter page's measure of the video, and each member's rating.
    quality: db.prepare(
      `UPDATE call_requests SET q_fps_p50 = ?, q_fps_p5 = ?, q_height_p50 = ?, q_good_s = ?, q_usable_s = ?,
         q_poor_s = ?, q_ice_restarts = ?, q_relayed = ? WHERE id = ?`,
    ),
    ratingKiosk: db.prepare('UPDATE call_requests SET rating_kiosk = ? WHERE id = ?'),
    ratingInterpreter: db.prepare('UPDATE call_requests SET rating_interpreter = ? WHERE id = ?'),
    facts: db.prepare(
      `SELECT kiosk_name, office, counter, pref_gender, pref_language, requested_at, end_reason, interpreter_name
       FROM call_requests WHERE id = ? AND outcome = 'answered'`,
    ),
  };
  const one = (op: RecordOp): void => {
    switch (op.op) {
      case 'requested': {
        const c = op.context;
        statements.requested.run(
          op.id,
          c.kioskName,
          c.office,
          c.counter,
          c.gender,
          c.language,
          c.requestedAt,
          op.requeuedFrom,
        );
        return;
      }
      case 'offered':
        statements.offered.run(op.requestId, op.interpreterName, op.at);
        return;
      case 'offer-result':
        statements.offerResult.run(op.outcome, op.at, op.requestId);
        return;
      case 'answered':
        statements.answered.run(op.at, op.interpreterName, op.requestId);
        return;
      case 'fallback':
        statements.fallback.run(op.at, op.requestId);
        return;
      case 'unanswered':
        statements.unanswered.run(op.at, op.outcome, op.outcome, op.outcome, op.requestId);
        return;
      case 'resumed':
        statements.resumed.run(op.requestId);
        return;
      case 'ended':
        statements.ended.run(op.at, op.reason, op.requestId);
        return;
      case 'quality': {
        const q = op.summary;
        const relayed = q.relayed === null ? null : q.relayed ? 1 : 0;
        statements.quality.run(
          q.fpsP50,
          q.fpsP5,
          q.heightP50,
          q.seconds.good,
          q.seconds.usable,
          q.seconds.poor,
          q.iceRestarts,
          relayed,
          op.requestId,
        );
        return;
      }
      case 'rating':
        (op.by === 'kiosk' ? statements.ratingKiosk : statements.ratingInterpreter).run(
          op.rating,
          op.requestId,
        );
        return;
    }
  };
  const applyAll = db.transaction((ops: readonly RecordOp[]) => ops.forEach(one));
  return {
    apply: (ops) => applyAll(ops),
    resumeFacts(requestId) {
      const row = statements.facts.get(requestId) as
        | {
            kiosk_name: string;
            office: string | null;
            counter: string | null;
            pref_gender: GenderPref;
            pref_language: SignLanguage;
            requested_at: number;
            end_reason: string | null;
            interpreter_name: string | null;
          }
        | undefined;
      if (!row) return { row: null };
      return {
        row: {
          kioskName: row.kiosk_name,
          office: row.office,
          counter: row.counter,
          gender: row.pref_gender,
          language: row.pref_language,
          requestedAt: row.requested_at,
          endReason: row.end_reason,
          interpreterName: row.interpreter_name,
        },
      };
    },
  };
}

/**
 * Requests left open by a server that stopped (crash, restart) can no longer be answered: close them as
 * failed, so that no request is silently lost. Returns how many were closed.
 */
export function closeOrphanedRequests(db: Db, now: number): number {
  const open = db
    .prepare(
      "UPDATE call_requests SET outcome = 'failed', ended_at = ?, end_reason = 'server_restart' WHERE outcome IS NULL",
    )
    .run(now).changes;
  db.prepare(
    "UPDATE call_requests SET ended_at = ?, end_reason = 'server_restart' WHERE outcome = 'answered' AND ended_at IS NULL",
  ).run(now);
  db.prepare("UPDATE offers SET outcome = 'withdrawn', responded_at = ? WHERE outcome IS NULL").run(now);
  return open;
}
