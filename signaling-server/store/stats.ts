/** Today's service figures for GET /api/stats, from the call records plus the live switchboard. */
import { sql } from 'kysely';
import type { Db } from './db.ts';

export interface Stats {
  since: string;
  requests: number;
  answered: number;
  abandoned: number;
  cancelled: number;
  fallback: number;
  averageSpeedOfAnswerS: number | null;
  answeredWithin30sShare: number | null;
  answeredWithin120sShare: number | null;
  meanCallLengthS: number | null;
  interpretersAvailable: number;
  queueLength: number;
}

/** Local midnight of the server's time zone (set TZ, e.g. Asia/Riyadh). */
export function startOfDay(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export function statsQuery(db: Db) {
  const totals = (since: number) =>
    sql<Row>`SELECT count(*) AS requests,
            count(*) FILTER (WHERE outcome = 'answered') AS answered,
            count(*) FILTER (WHERE outcome = 'abandoned') AS abandoned,
            count(*) FILTER (WHERE outcome = 'cancelled') AS cancelled,
            count(*) FILTER (WHERE outcome = 'fallback') AS fallback,
            count(*) FILTER (WHERE outcome IS NOT NULL) AS finished,
            avg(answered_at - requested_at) FILTER (WHERE outcome = 'answered') AS asa,
            count(*) FILTER (WHERE outcome = 'answered' AND answered_at - requested_at <= 30000) AS within30,
            count(*) FILTER (WHERE outcome = 'answered' AND answered_at - requested_at <= 120000) AS within120,
            avg(ended_at - answered_at) FILTER (WHERE outcome = 'answered' AND ended_at IS NOT NULL) AS "callLength"
       FROM call_requests WHERE requested_at >= ${since}`.execute(db);
  type Row = Record<
    'requests' | 'answered' | 'abandoned' | 'cancelled' | 'fallback' | 'finished' | 'within30' | 'within120',
    number
  > & {
    asa: number | null;
    callLength: number | null;
  };
  const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);
  const share = (n: number, of: number) => (of === 0 ? null : Math.round((n / of) * 1000) / 1000);

  return async (now: number, live: { available: number; queued: number }): Promise<Stats> => {
    const since = startOfDay(now);
    const r = (await totals(since)).rows[0]!;
    return {
      since: new Date(since).toISOString(),
      requests: r.requests,
      answered: r.answered,
      abandoned: r.abandoned,
      cancelled: r.cancelled,
      fallback: r.fallback,
      averageSpeedOfAnswerS: seconds(r.asa),
      // Shares of the requests that have finished (answered, cancelled, abandoned, fallback or failed).
      answeredWithin30sShare: share(r.within30, r.finished),
      answeredWithin120sShare: share(r.within120, r.finished),
      meanCallLengthS: seconds(r.callLength),
      interpretersAvailable: live.available,
      queueLength: live.queued,
    };
  };
}
