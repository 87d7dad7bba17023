/**
 * Call records and history for the supervisor console: `GET /api/admin/records` (filtered, paged),
 * `/api/admin/records.csv` (the same filter, all rows up to 10,000) and `/api/admin/history?days=7|30`
 * (per hour, for the charts). Always within the actor's office; the query string is schema-checked.
 */
import express, { type Router } from 'express';
import * as v from 'valibot';
import { recordsQuery, toCsv, type RecordFilter } from '../store/records-query.ts';
import type { Db } from '../store/db.ts';
import { actorOf, error, officeOf } from './admin-routes.ts';

const DAY = 86_400_000;
const Day = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
  v.transform(Date.parse),
  v.number(),
);
const Name = v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(60)));
const FilterSchema = v.strictObject({
  from: v.optional(Day),
  to: v.optional(Day),
  kiosk: Name,
  interpreter: Name,
  outcome: v.optional(v.picklist(['answered', 'cancelled', 'abandoned', 'fallback', 'failed', 'open'])),
  page: v.optional(v.pipe(v.string(), v.regex(/^\d{1,5}$/), v.transform(Number))),
});
const HistorySchema = v.strictObject({ days: v.picklist(['7', '30']) });

/** Behind staffOnly (mounted with this router in app.ts): res.locals.actor is set. */
export function recordsRoutes(deps: { db: Db; now: () => number }): Router {
  const router = express.Router();
  const records = recordsQuery(deps.db);
  const filterOf = (query: unknown, office: string | null): (RecordFilter & { page: number }) | null => {
    const q = v.safeParse(FilterSchema, query);
    if (!q.success) return null;
    const to = q.output.to === undefined ? deps.now() + 1 : q.output.to + DAY;
    return {
      office,
      from: q.output.from ?? to - 7 * DAY,
      to,
      kiosk: q.output.kiosk,
      interpreter: q.output.interpreter,
      outcome: q.output.outcome,
      page: q.output.page ?? 0,
    };
  };
  router.get('/records', async (req, res) => {
    const f = filterOf(req.query, officeOf(actorOf(res)));
    if (!f)
      return error(
        res,
        400,
        'bad_request',
        'Filter by from, to (YYYY-MM-DD), kiosk, interpreter, outcome, page.',
      );
    res.json({ ok: true, ...(await records.page(f, f.page)), page: f.page });
  });
  router.get('/records.csv', async (req, res) => {
    const f = filterOf(req.query, officeOf(actorOf(res)));
    if (!f)
      return error(res, 400, 'bad_request', 'Filter by from, to (YYYY-MM-DD), kiosk, interpreter, outcome.');
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="ashir-call-records.csv"');
    res.send(toCsv(await records.all(f)));
  });
  router.get('/history', async (req, res) => {
    const q = v.safeParse(HistorySchema, req.query);
    if (!q.success) return error(res, 400, 'bad_request', 'Ask for days=7 or days=30.');
    const to = deps.now();
    res.json({
      ok: true,
      ...(await records.history(officeOf(actorOf(res)), to - Number(q.output.days) * DAY, to)),
    });
  });
  return router;
}
