/**
 * Administration for the supervisor console (`/api/admin/*`): kiosks (add with a one-time enrollment
 * code, rename, move counter, disable, enable or re-enroll with a new code), people (add with a one-time
 * password, change, disable, enable, reset the password) and the audit log (offices: office-routes.ts). Authorization is one function, `may()`: an admin manages
 * everything; a supervisor manages the kiosks and the clerks of their own office and nothing else.
 * Anything out of the actor's scope answers exactly what a missing one does (404, no oracle). Every
 * change is written to the audit log (never a password or a code) and a disabled account's sockets
 * are closed at once.
 */
import express, { type Request, type Response, type Router } from 'express';
import * as v from 'valibot';
import {
  DisplayNameSchema,
  GENDERS,
  KioskKeySchema,
  SignLanguageSchema,
  SkillsSchema,
  fail,
  type ErrorCode,
  type SocketData,
} from '../../src/protocol/index.ts';
import { identify, type CookieNames } from '../auth/identity.ts';
import { newPassword } from '../auth/secrets.ts';
import type { Accounts, StaffRole } from '../store/accounts.ts';
import type { AuditLog } from '../store/audit.ts';
import type { Db } from '../store/db.ts';
import { offices } from '../store/offices.ts';
import { setTarget } from '../store/service-level.ts';

const Counter = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(20));
const KioskAddSchema = v.strictObject({
  office: v.optional(DisplayNameSchema),
  counter: Counter,
  name: DisplayNameSchema,
});
const TargetSchema = v.strictObject({
  withinS: v.pipe(v.number(), v.integer(), v.minValue(10), v.maxValue(600)),
  share: v.pipe(v.number(), v.minValue(0.5), v.maxValue(1)),
  office: v.optional(DisplayNameSchema),
});
const KioskChangeSchema = v.pipe(
  v.strictObject({ name: v.optional(DisplayNameSchema), counter: v.optional(Counter) }),
  v.check((c) => c.name !== undefined || c.counter !== undefined, 'change the name or the counter'),
);
const PersonAddSchema = v.pipe(
  v.strictObject({
    role: v.picklist(['interpreter', 'clerk', 'supervisor', 'admin']),
    username: v.pipe(
      v.string(),
      v.trim(),
      v.regex(/^[a-z0-9._-]{2,40}$/, 'lower-case letters, digits, . _ -'),
    ),
    name: DisplayNameSchema,
    office: v.optional(DisplayNameSchema),
    gender: v.optional(v.picklist(GENDERS)),
    languages: v.optional(v.pipe(v.array(SignLanguageSchema), v.minLength(1), v.maxLength(4))),
    skills: v.optional(SkillsSchema),
  }),
  v.check(
    (p) => p.role !== 'interpreter' || (p.gender !== undefined && p.languages !== undefined),
    'an interpreter needs a gender and sign languages',
  ),
  v.check((p) => p.role === 'interpreter' || p.skills === undefined, 'only interpreters have skills'),
);
const Username = v.pipe(v.string(), v.regex(/^[a-z0-9._-]{2,40}$/));
const PersonChangeSchema = v.pipe(
  v.strictObject({
    name: v.optional(DisplayNameSchema),
    role: v.optional(v.picklist(['interpreter', 'clerk', 'supervisor', 'admin'])),
    office: v.optional(v.nullable(DisplayNameSchema)),
    gender: v.optional(v.picklist(GENDERS)),
    languages: v.optional(v.pipe(v.array(SignLanguageSchema), v.minLength(1), v.maxLength(4))),
    skills: v.optional(SkillsSchema),
  }),
  v.check((c) => Object.keys(c).length > 0, 'change something'),
);

export type Actor = Extract<SocketData, { role: 'supervisor' | 'admin' }>;
/** The office an actor works in: null for an admin (every office). */
export const officeOf = (a: Actor) => (a.role === 'admin' ? null : (a.office ?? ''));
export const actorOf = (res: Response) => res.locals.actor as Actor;

/** The edge of every supervisor route: only supervisors and admins; answers private, never cached. */
export function staffOnly(accounts: Accounts, cookies: CookieNames) {
  return async (req: Request, res: Response, next: () => void) => {
    res.setHeader('Cache-Control', 'no-store');
    const me = await identify(accounts, req.headers.cookie, cookies);
    if (!me) return error(res, 401, 'unauthorized', 'Sign in first.');
    if (me.role !== 'supervisor' && me.role !== 'admin')
      return error(res, 403, 'forbidden', 'Your role may not administer.');
    res.locals.actor = me;
    next();
  };
}

/** May `actor` manage a kiosk or person of `office` (with `role`, for people)? */
export function may(actor: Actor, office: string | null, role?: StaffRole): boolean {
  if (actor.role === 'admin') return true;
  if (!actor.office || office !== actor.office) return false;
  return role === undefined || role === 'clerk';
}

export function adminRoutes(deps: {
  db: Db;
  accounts: Accounts;
  audit: AuditLog;
  disconnectAccount: (accountId: string) => void;
  askSelfTest: (kioskId: string) => void;
}): Router {
  const { accounts, audit } = deps;
  const router = express.Router();
  // Behind staffOnly (mounted with this router in app.ts): res.locals.actor is set.
  router.use(express.json({ limit: '4kb', strict: true }));
  const log = async (res: Response, office: string | null, action: string, target: string) => {
    const a = actorOf(res);
    await audit.write({ actorId: a.accountId, actorRole: a.role, office, action, target });
  };
  const notFound = (res: Response) => error(res, 404, 'not_found', 'No such kiosk or person here.');
  // An admin names offices that exist (made in the offices panel): a typo makes no new office.
  const known = offices(deps.db);
  const noOffice = (res: Response) => error(res, 400, 'bad_request', 'No such office: add it first.');

  router.get('/kiosks', async (_req, res) =>
    res.json({ ok: true, kiosks: await accounts.kiosks.inOffice(officeOf(actorOf(res))) }),
  );
  router.post('/kiosks', async (req, res) => {
    const body = v.safeParse(KioskAddSchema, req.body);
    if (!body.success)
      return error(res, 400, 'bad_request', 'Send { counter, name } (and office, for an admin).');
    const actor = actorOf(res);
    const office = actor.role === 'admin' ? body.output.office : actor.office;
    if (!office || !may(actor, office))
      return error(res, 400, 'bad_request', 'Name the office of the kiosk.');
    if (!(await known.exists(office))) return noOffice(res);
    const { kiosk, code } = await accounts.kiosks.add({
      office,
      counter: body.output.counter,
      name: body.output.name,
    });
    await log(res, office, 'kiosk added', kiosk.id);
    res.status(201).json({ ok: true, kiosk, code });
  });
  // Rename a kiosk or move it to another counter (the change shows at its next connection).
  router.post('/kiosks/:id', async (req, res) => {
    const id = v.safeParse(KioskKeySchema, req.params.id);
    const body = v.safeParse(KioskChangeSchema, req.body);
    const kiosk = id.success ? await accounts.kiosks.byId(id.output) : null;
    if (!kiosk || !may(actorOf(res), kiosk.office)) return notFound(res);
    if (!body.success) return error(res, 400, 'bad_request', 'Send { name?, counter? }.');
    const changed = (await accounts.kiosks.update(kiosk.id, body.output))!;
    await log(res, kiosk.office, 'kiosk changed', kiosk.id);
    res.json({ ok: true, kiosk: changed });
  });
  router.post('/kiosks/:id/:action', async (req, res) => {
    const id = v.safeParse(KioskKeySchema, req.params.id);
    const action = String(req.params.action);
    if (!id.success || !['disable', 'enable', 're-enroll', 'self-test'].includes(action))
      return notFound(res);
    const kiosk = await accounts.kiosks.byId(id.output);
    if (!kiosk || !may(actorOf(res), kiosk.office)) return notFound(res);
    if (action === 'self-test') {
      // The kiosk checks itself at its next welcome screen and reports (a kiosk offline hears nothing).
      deps.askSelfTest(kiosk.id);
      await log(res, kiosk.office, 'kiosk self-test asked', kiosk.id);
      return res.status(202).json({ ok: true });
    }
    if (action === 're-enroll') {
      // A new device: the old credential stops working now; the code is shown once.
      const done = await accounts.kiosks.reEnroll(kiosk.id);
      if (!done) return error(res, 409, 'conflict', 'Enable the kiosk first.');
      deps.disconnectAccount(kiosk.id);
      await log(res, kiosk.office, 'kiosk re-enrolled', kiosk.id);
      return res.json({ ok: true, code: done.code });
    }
    const done = (await accounts.kiosks.setDisabled(kiosk.id, action === 'disable'))!;
    if (action === 'disable') deps.disconnectAccount(kiosk.id);
    await log(res, kiosk.office, `kiosk ${action}d`, kiosk.id);
    res.json({ ok: true, ...(done.code ? { code: done.code } : {}) });
  });

  router.get('/people', async (_req, res) => {
    const people = (await accounts.peopleIn(officeOf(actorOf(res)))).filter((p) =>
      may(actorOf(res), p.office, p.role),
    );
    res.json({ ok: true, people });
  });
  router.post('/people', async (req, res) => {
    const body = v.safeParse(PersonAddSchema, req.body);
    if (!body.success)
      return error(res, 400, 'bad_request', 'Send { role, username, name, … } as the form does.');
    const actor = actorOf(res);
    const p = body.output;
    const office = actor.role === 'admin' ? (p.office ?? null) : (actor.office ?? null);
    if (!may(actor, office, p.role)) return error(res, 403, 'forbidden', 'You may not add this person.');
    if (p.role === 'clerk' && !office) return error(res, 400, 'bad_request', 'A clerk needs an office.');
    if (office && !(await known.exists(office))) return noOffice(res);
    if (await accounts.person(p.username)) return error(res, 409, 'conflict', 'That username is taken.');
    const password = newPassword();
    const user = await accounts.addUser({
      username: p.username,
      displayName: p.name,
      role: p.role,
      password,
      ...(office ? { office } : {}),
      ...(p.gender ? { gender: p.gender } : {}),
      ...(p.languages ? { languages: p.languages } : {}),
      ...(p.skills ? { skills: p.skills } : {}),
    });
    await log(res, office, 'person added', user.username);
    res.status(201).json({ ok: true, person: user, password });
  });
  // Change a person: name, role (within what the actor may give), office (admins), interpreter details.
  router.post('/people/:username', async (req, res) => {
    const name = v.safeParse(Username, req.params.username);
    const person = name.success ? await accounts.person(name.output) : null;
    const actor = actorOf(res);
    if (!person || !may(actor, person.office, person.role) || person.id === actor.accountId)
      return notFound(res);
    const body = v.safeParse(PersonChangeSchema, req.body);
    if (!body.success)
      return error(res, 400, 'bad_request', 'Send { name?, role?, office?, gender?, languages?, skills? }.');
    const c = body.output;
    if (c.office !== undefined && actor.role !== 'admin')
      return error(res, 403, 'forbidden', 'Only an admin moves people between offices.');
    if (c.role !== undefined && !may(actor, person.office, c.role))
      return error(res, 403, 'forbidden', 'You may not give this role.');
    if (c.office && !(await known.exists(c.office))) return noOffice(res);
    const role = c.role ?? person.role;
    if (
      (role === 'clerk' || role === 'supervisor') &&
      (c.office === undefined ? person.office : c.office) === null
    )
      return error(res, 400, 'bad_request', 'A clerk or supervisor needs an office.');
    if (role !== 'interpreter' && (c.skills?.length || c.gender || c.languages))
      return error(
        res,
        400,
        'bad_request',
        'Only interpreters have a gender, sign languages and skills here.',
      );
    const changed = (await accounts.updatePerson(person.username, c))!;
    if (c.role !== undefined || c.office !== undefined) deps.disconnectAccount(person.id);
    await log(res, person.office, 'person changed', person.username);
    res.json({ ok: true, person: changed });
  });
  router.post('/people/:username/:action', async (req: Request, res) => {
    const name = v.safeParse(Username, req.params.username);
    const action = String(req.params.action);
    if (!name.success || !['disable', 'enable', 'reset-password'].includes(action)) return notFound(res);
    const person = await accounts.person(name.output);
    const actor = actorOf(res);
    if (!person || !may(actor, person.office, person.role) || person.id === actor.accountId)
      return notFound(res);
    await log(
      res,
      person.office,
      action === 'reset-password' ? 'password reset' : `person ${action}d`,
      person.username,
    );
    if (action === 'reset-password') {
      const password = (await accounts.resetPassword(person.username))!;
      deps.disconnectAccount(person.id);
      return res.json({ ok: true, password });
    }
    await accounts.setUserDisabled(person.username, action === 'disable');
    if (action === 'disable') deps.disconnectAccount(person.id);
    res.json({ ok: true });
  });

  // The office's speed-of-answer target: its supervisor (or an admin, naming the office) sets it.
  router.post('/target', async (req, res) => {
    const body = v.safeParse(TargetSchema, req.body);
    if (!body.success)
      return error(
        res,
        400,
        'bad_request',
        'Send { withinS: 10–600, share: 0.5–1 } (and office, for an admin).',
      );
    const actor = actorOf(res);
    const office = actor.role === 'admin' ? body.output.office : (body.output.office ?? actor.office);
    if (!office || !may(actor, office) || !(await setTarget(deps.db, office, body.output)))
      return notFound(res);
    await log(res, office, 'target set', `${body.output.share}@${body.output.withinS}s`);
    res.json({ ok: true });
  });
  router.get('/audit', async (_req, res) =>
    res.json({ ok: true, entries: await audit.recent(officeOf(actorOf(res))) }),
  );
  return router;
}

export function error(res: Response, status: number, code: ErrorCode, message: string): void {
  res.status(status).json(fail(code, message));
}
