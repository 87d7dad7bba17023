/**
 * Offices in the supervisor console (`/api/admin/offices`): an admin lists every office, adds one
 * and renames one, and sets its routing choices (priority and do-not-route interpreters, the skills
 * a service needs there); a supervisor sees only their own (read-only) and is refused any change
 * before the name is looked at (no oracle). A rename is applied live: the office's
 * connected kiosks, clerks and supervisors keep their calls and sessions under the new name.
 */
import express, { type Router } from 'express';
import * as v from 'valibot';
import {
  DisplayNameSchema,
  OfficeRoutingSchema,
  type OfficeRoutingSettings,
} from '../../src/protocol/index.ts';
import type { Accounts } from '../store/accounts.ts';
import type { AuditLog } from '../store/audit.ts';
import type { Db } from '../store/db.ts';
import { offices } from '../store/offices.ts';
import { actorOf, error, officeOf } from './admin-routes.ts';

const OfficeSchema = v.strictObject({ name: DisplayNameSchema });
const KioskSettingsSchema = v.strictObject({ clipAutoplay: v.boolean() });
const OfficeKey = v.pipe(v.string(), v.minLength(1), v.maxLength(60));

/** Behind staffOnly (mounted with this router in app.ts): res.locals.actor is set. */
export function officeRoutes(deps: {
  db: Db;
  audit: AuditLog;
  accounts: Accounts;
  renameOffice: (from: string, to: string) => void;
  /** Whether a service flow exists (its routing may name only those). */
  knownFlow: (flow: string) => boolean;
  /** The routing core applies an office's new choices at once. */
  routeOffice: (office: string, routing: OfficeRoutingSettings) => void;
}): Router {
  const router = express.Router();
  const store = offices(deps.db);
  // Routing lists name up to 400 accounts: larger than any other admin body.
  router.use('/offices/:name/routing', express.json({ limit: '32kb', strict: true }));
  router.use(express.json({ limit: '1kb', strict: true }));
  const adminOnly = (res: express.Response) => {
    if (actorOf(res).role === 'admin') return true;
    error(res, 403, 'forbidden', 'Only an admin manages offices.');
    return false;
  };
  const log = async (res: express.Response, office: string, action: string, target: string) => {
    const a = actorOf(res);
    await deps.audit.write({ actorId: a.accountId, actorRole: a.role, office, action, target });
  };

  router.get('/offices', async (_req, res) =>
    res.json({ ok: true, offices: await store.list(officeOf(actorOf(res))) }),
  );
  router.post('/offices', async (req, res) => {
    if (!adminOnly(res)) return;
    const body = v.safeParse(OfficeSchema, req.body);
    if (!body.success) return error(res, 400, 'bad_request', 'Send { name } (1–60 characters).');
    if (!(await store.add(body.output.name))) return error(res, 409, 'conflict', 'An office has that name.');
    await log(res, body.output.name, 'office added', body.output.name);
    res.status(201).json({ ok: true, office: (await store.list(body.output.name))[0] });
  });
  router.post('/offices/:name', async (req, res) => {
    // A supervisor is refused before the name is looked at: the answer says nothing about it.
    if (!adminOnly(res)) return;
    const from = v.safeParse(OfficeKey, req.params.name);
    if (!from.success) return error(res, 404, 'not_found', 'No such office.');
    const body = v.safeParse(OfficeSchema, req.body);
    if (!body.success) return error(res, 400, 'bad_request', 'Send { name } (1–60 characters).');
    const to = body.output.name;
    const done = await store.rename(from.output, to);
    if (done === 'missing') return error(res, 404, 'not_found', 'No such office.');
    if (done === 'taken') return error(res, 409, 'conflict', 'An office has that name.');
    if (from.output !== to) deps.renameOffice(from.output, to);
    await log(res, to, 'office renamed', `${from.output} → ${to}`);
    res.json({ ok: true, office: (await store.list(to))[0] });
  });
  router.post('/offices/:name/routing', async (req, res) => {
    if (!adminOnly(res)) return;
    const office = v.safeParse(OfficeKey, req.params.name);
    if (!office.success || !(await store.exists(office.output)))
      return error(res, 404, 'not_found', 'No such office.');
    const body = v.safeParse(OfficeRoutingSchema, req.body);
    if (!body.success)
      return error(
        res,
        400,
        'bad_request',
        'Send { priority, blocked, flowSkills }: interpreter ids (nobody in both) and skills per service.',
      );
    const routing = body.output;
    const interpreters = new Set(
      (await deps.accounts.listUsers()).filter((u) => u.role === 'interpreter').map((u) => u.id),
    );
    if (![...routing.priority, ...routing.blocked].every((id) => interpreters.has(id)))
      return error(res, 400, 'bad_request', 'Every id must be an interpreter’s.');
    if (!Object.keys(routing.flowSkills).every(deps.knownFlow))
      return error(res, 400, 'bad_request', 'There is no such service.');
    if (!(await store.setRouting(office.output, routing)))
      return error(res, 404, 'not_found', 'No such office.');
    deps.routeOffice(office.output, routing);
    await log(res, office.output, 'office routing changed', office.output);
    res.json({ ok: true, office: (await store.list(office.output))[0] });
  });
  // Whether the office's kiosks play a step's sign clip once, muted, when the step opens.
  router.post('/offices/:name/kiosk-settings', async (req, res) => {
    if (!adminOnly(res)) return;
    const office = v.safeParse(OfficeKey, req.params.name);
    if (!office.success) return error(res, 404, 'not_found', 'No such office.');
    const body = v.safeParse(KioskSettingsSchema, req.body);
    if (!body.success) return error(res, 400, 'bad_request', 'Send { clipAutoplay: true | false }.');
    if (!(await store.setClipAutoplay(office.output, body.output.clipAutoplay)))
      return error(res, 404, 'not_found', 'No such office.');
    await log(res, office.output, 'office kiosk settings changed', office.output);
    res.json({ ok: true, office: (await store.list(office.output))[0] });
  });
  return router;
}
