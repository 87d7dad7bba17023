/** Today's service level for the wallboard, per office or for all, from the call records. */
import type { ServiceLevel } from '../../src/protocol/index.ts';
import { sql } from 'kysely';
import type { Db } from './db.ts';
import { startOfDay } from './stats.ts';

/** The FCC's VRS speed-of-answer target, the default until an office sets its own. */
export const DEFAULT_TARGET = { withinS: 60, share: 0.85 } as const;

export function serviceLevelQuery(db: Db) {
  const query = (since: number, office: string | null, within: number) =>
    sql<Row>`SELECT count(*) AS requests,
            count(*) FILTER (WHERE outcome = 'answered') AS answered,
            count(*) FILTER (WHERE outcome = 'abandoned') AS abandoned,
            count(*) FILTER (WHERE outcome IS NOT NULL) AS finished,
            avg(answered_at - requested_at) FILTER (WHERE outcome = 'answered') AS asa,
            count(*) FILTER (WHERE outcome = 'answered' AND answered_at - requested_at <= 30000) AS w30,
            count(*) FILTER (WHERE outcome = 'answered' AND answered_at - requested_at <= ${within * 1000}) AS w60,
            count(*) FILTER (WHERE outcome = 'answered' AND answered_at - requested_at <= 120000) AS w120,
            sum(q_good_s) AS good, sum(q_good_s + q_usable_s + q_poor_s) AS measured,
            avg(rating_kiosk) AS citizen, avg(rating_interpreter) AS connection
       FROM call_requests WHERE requested_at >= ${since} ${office === null ? sql`` : sql`AND office = ${office}`}`.execute(
      db,
    );
  type Row = Record<'requests' | 'answered' | 'abandoned' | 'finished' | 'w30' | 'w60' | 'w120', number> &
    Record<'asa' | 'good' | 'measured' | 'citizen' | 'connection', number | null>;
  const avg = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
  const targetOf = async (office: string | null) => {
    const t =
      office === null
        ? undefined
        : await db
            .selectFrom('offices')
            .select(['target_within_s as withinS', 'target_share as share'])
            .where('name', '=', office)
            .executeTakeFirst();
    return t?.withinS && t.share !== null ? { withinS: t.withinS, share: t.share } : DEFAULT_TARGET;
  };
  const share = (n: number, of: number) => (of === 0 ? null : Math.round((n / of) * 1000) / 1000);
  return async (now: number, office: string | null): Promise<ServiceLevel> => {
    const goal = await targetOf(office);
    const r = (await query(startOfDay(now), office, goal.withinS)).rows[0]!;
    return {
      requests: r.requests,
      answered: r.answered,
      abandoned: r.abandoned,
      asaS: r.asa === null ? null : Math.round(r.asa / 100) / 10,
      within30: share(r.w30, r.finished),
      withinTarget: share(r.w60, r.finished),
      within120: share(r.w120, r.finished),
      goodVideoShare: share(r.good ?? 0, r.measured ?? 0),
      citizenRating: avg(r.citizen),
      connectionRating: avg(r.connection),
      target: goal,
    };
  };
}

/** Sets an office's target (a supervisor for their office, an admin for any). */
export async function setTarget(
  db: Db,
  office: string,
  target: { withinS: number; share: number },
): Promise<boolean> {
  const done = await db
    .updateTable('offices')
    .set({ target_within_s: target.withinS, target_share: target.share })
    .where('name', '=', office)
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}
