/** Call records in SQLite: the switchboard's CallRecorder, one prepared statement per fact. */
import type { CallRecorder, NewRequestRecord, OfferOutcome, UnansweredOutcome } from '../domain/records.ts';
import type { Db } from './db.ts';

export function sqliteRecorder(db: Db): CallRecorder {
  const insertRequest = db.prepare(
    `INSERT INTO call_requests (id, kiosk_name, office, counter, pref_gender, pref_language, requested_at, requeued_from)
     VALUES (@id, @kioskName, @office, @counter, @gender, @language, @requestedAt, @requeuedFrom)`,
  );
  const insertOffer = db.prepare(
    'INSERT INTO offers (request_id, interpreter_name, offered_at) VALUES (?, ?, ?)',
  );
  const offerResult = db.prepare('UPDATE offers SET outcome = ?, responded_at = ? WHERE id = ?');
  const answered = db.prepare(
    "UPDATE call_requests SET answered_at = ?, interpreter_name = ?, outcome = 'answered' WHERE id = ?",
  );
  const fallback = db.prepare('UPDATE call_requests SET fallback_at = coalesce(fallback_at, ?) WHERE id = ?');
  // A request whose citizen chose text and pictograms and was never answered ends as 'fallback'.
  const unanswered = db.prepare(
    `UPDATE call_requests SET ended_at = ?, end_reason = ?,
       outcome = CASE WHEN fallback_at IS NOT NULL AND ? <> 'failed' THEN 'fallback' ELSE ? END
     WHERE id = ?`,
  );
  const ended = db.prepare('UPDATE call_requests SET ended_at = ?, end_reason = ? WHERE id = ?');

  return {
    requested: (r: NewRequestRecord) => void insertRequest.run(r),
    offered: (requestId, interpreterName, at) =>
      Number(insertOffer.run(requestId, interpreterName, at).lastInsertRowid),
    offerResult: (offerId: number, outcome: OfferOutcome, at: number) =>
      void offerResult.run(outcome, at, offerId),
    answered: (requestId, interpreterName, at) => void answered.run(at, interpreterName, requestId),
    fallbackChosen: (requestId, at) => void fallback.run(at, requestId),
    unanswered: (requestId, outcome: UnansweredOutcome, at) =>
      void unanswered.run(at, outcome, outcome, outcome, requestId),
    ended: (requestId, reason, at) => void ended.run(at, reason, requestId),
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
