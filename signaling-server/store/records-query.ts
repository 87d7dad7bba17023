/**
 * The call records as supervisors read them: a filtered, paged table (and the same as CSV), and the
 * history per hour over 7 or 30 days for the charts. Always within one office (null: all). The
 * records hold times, names, outcomes, quality and ratings: never what anyone said.
 */
import { sql } from 'kysely';
import type { Db } from './db.ts';

export interface RecordFilter {
  office: string | null;
  from: number;
  to: number;
  kiosk?: string | undefined;
  interpreter?: string | undefined;
  outcome?: string | undefined;
}

export interface RecordRow {
  id: string;
  requestedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  kiosk: string;
  office: string | null;
  counter: string | null;
  interpreter: string | null;
  outcome: string | null;
  endReason: string | null;
  waitS: number | null;
  lengthS: number | null;
  goodVideoShare: number | null;
  ratingKiosk: number | null;
  ratingInterpreter: number | null;
}

export const PAGE_SIZE = 25;
const MAX_CSV_ROWS = 10_000;

/** Only the conditions that are set: PostgreSQL cannot type a parameter that is only compared with null. */
const where = (f: RecordFilter) => {
  const conditions = [sql`requested_at >= ${f.from}`, sql`requested_at < ${f.to}`];
  if (f.office !== null) conditions.push(sql`office = ${f.office}`);
  if (f.kiosk !== undefined) conditions.push(sql`kiosk_name = ${f.kiosk}`);
  if (f.interpreter !== undefined) conditions.push(sql`interpreter_name = ${f.interpreter}`);
  if (f.outcome !== undefined) conditions.push(sql`coalesce(outcome, 'open') = ${f.outcome}`);
  return sql`WHERE ${sql.join(conditions, sql` AND `)}`;
};
const COLUMNS = sql`id, requested_at AS "requestedAt", answered_at AS "answeredAt", ended_at AS "endedAt",
  kiosk_name AS kiosk, office, counter, interpreter_name AS interpreter, outcome, end_reason AS "endReason",
  round((answered_at - requested_at) / 1000.0, 1) AS "waitS",
  round((ended_at - answered_at) / 1000.0, 1) AS "lengthS",
  round(1.0 * q_good_s / nullif(q_good_s + q_usable_s + q_poor_s, 0), 3) AS "goodVideoShare",
  rating_kiosk AS "ratingKiosk", rating_interpreter AS "ratingInterpreter"`;

export function recordsQuery(db: Db) {
  const rowsOf = async (f: RecordFilter, limit: number, offset: number) =>
    (
      await sql<RecordRow>`SELECT ${COLUMNS} FROM call_requests ${where(f)}
        ORDER BY requested_at DESC LIMIT ${limit} OFFSET ${offset}`.execute(db)
    ).rows;
  return {
    async page(f: RecordFilter, n: number): Promise<{ rows: RecordRow[]; total: number; pageSize: number }> {
      const rows = await rowsOf(f, PAGE_SIZE, n * PAGE_SIZE);
      const count = await sql<{ n: number }>`SELECT count(*) AS n FROM call_requests ${where(f)}`.execute(db);
      return { rows, total: Number(count.rows[0]?.n ?? 0), pageSize: PAGE_SIZE };
    },
    all(f: RecordFilter): Promise<RecordRow[]> {
      return rowsOf(f, MAX_CSV_ROWS, 0);
    },
    /**
     * One point per hour with requests: requests, abandoned, average speed of answer (s) and
     * occupancy (interpreters busy on average in that hour: talk time / 3600 s).
     */
    async history(office: string | null, from: number, to: number) {
      const { rows } = await sql<{
        hour: number;
        requests: number;
        abandoned: number;
        asa: number | null;
        talk: number | null;
      }>`SELECT (requested_at / 3600000) * 3600000 AS hour, count(*) AS requests,
            count(*) FILTER (WHERE outcome = 'abandoned') AS abandoned,
            avg(answered_at - requested_at) FILTER (WHERE outcome = 'answered') AS asa,
            sum(coalesce(ended_at, answered_at) - answered_at) FILTER (WHERE outcome = 'answered') AS talk
       FROM call_requests ${where({ office, from, to })}
      GROUP BY 1 ORDER BY 1`.execute(db);
      // Every hour of the range, quiet ones as zero (no answer: no speed), so a chart spans it all.
      const byHour = new Map(rows.map((r) => [Number(r.hour), r]));
      const hours: number[] = [];
      for (let h = Math.floor(from / 3_600_000) * 3_600_000; h < to; h += 3_600_000) hours.push(h);
      const at = (h: number) => byHour.get(h);
      return {
        hours,
        requests: hours.map((h) => Number(at(h)?.requests ?? 0)),
        abandoned: hours.map((h) => Number(at(h)?.abandoned ?? 0)),
        asaS: hours.map((h) => {
          const asa = at(h)?.asa ?? null;
          return asa === null ? null : Math.round(asa / 100) / 10;
        }),
        occupancy: hours.map((h) => Math.round(((at(h)?.talk ?? 0) / 3_600_000) * 100) / 100),
      };
    },
  };
}

/** RFC 4180 CSV; a cell that starts like a formula is quoted with a leading apostrophe (CSV injection). */
export function toCsv(rows: RecordRow[]): string {
  const header: Array<keyof RecordRow> = [
    'id',
    'requestedAt',
    'answeredAt',
    'endedAt',
    'kiosk',
    'office',
    'counter',
    'interpreter',
    'outcome',
    'endReason',
    'waitS',
    'lengthS',
    'goodVideoShare',
    'ratingKiosk',
    'ratingInterpreter',
  ];
  const cell = (v: unknown, key: keyof RecordRow): string => {
    if (v === null || v === undefined) return '';
    let s = key.endsWith('At') && typeof v === 'number' ? new Date(v).toISOString() : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return (
    [header.join(','), ...rows.map((r) => header.map((k) => cell(r[k], k)).join(','))].join('\r\n') + '\r\n'
  );
}
