/**
 * Sign-in for people (`POST /api/session`, `DELETE /api/session`), kiosk enrollment
 * (`POST /api/kiosk/enroll`) and `GET /api/me`. Every body is checked by a schema; answers are JSON
 * `{ ok, code, message }` on errors, like the socket's acks.
 */
import express, { type Request, type Response, type Router } from 'express';
import * as v from 'valibot';
import { fail, type ErrorCode } from '../../src/protocol/index.ts';
import { credentialCookie, identify, parseCookies, type CookieNames } from '../auth/identity.ts';
import { enrollKeys, signInKeys, type SignInThrottle } from '../auth/throttle.ts';
import { KNOWN_CONSOLE_MAX_AGE_S, type KnownConsoles } from '../auth/known-console.ts';
import { SESSION_TTL_MS, type Accounts } from '../store/accounts.ts';

const SignInSchema = v.strictObject({
  username: v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(60)),
  password: v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(200)),
});
const EnrollSchema = v.strictObject({
  code: v.pipe(
    v.string(),
    v.trim(),
    v.regex(/^\d{5}-?\d{5}$/, 'must be the 10-digit code from the administrator'),
  ),
});

const DEVICE_MAX_AGE_S = 10 * 365 * 24 * 3600;

export interface AuthDeps {
  accounts: Accounts;
  throttle: SignInThrottle;
  cookies: CookieNames;
  consoles: KnownConsoles;
  /** Ends every open socket of an account (after sign-out). */
  disconnectAccount: (accountId: string) => void;
  /** Who did what, by account id (never a password, never what anyone wrote). */
  audit: (event: string, fields: Record<string, unknown>) => void;
}

export function authRoutes(deps: AuthDeps): Router {
  const router = express.Router();
  const { cookies } = deps;
  router.use(express.json({ limit: '4kb', strict: true }));

  router.post('/session', (req, res, next) => {
    const body = v.safeParse(SignInSchema, req.body);
    if (!body.success) return error(res, 400, 'bad_request', 'Send { username, password }.');
    const { username, password } = body.output;
    const address = req.ip ?? '';
    const known = deps.consoles.knows(parseCookies(req.headers.cookie).get(cookies.console), username);
    const keys = signInKeys(username, address, known);
    const wait = deps.throttle.waitMs(keys);
    if (wait > 0) {
      res.setHeader('Retry-After', String(Math.ceil(wait / 1000)));
      return error(res, 429, 'rate_limited', 'Too many failed sign-ins. Try again later.');
    }
    deps.accounts.checkPassword(username, password).then(async (user) => {
      if (!user) {
        deps.throttle.failed(keys);
        deps.audit('sign-in failed', { address, knownConsole: known });
        return error(res, 401, 'unauthorized', 'Wrong name or password.');
      }
      deps.throttle.succeeded(keys);
      const token = await deps.accounts.startSession(user.id);
      deps.audit('signed in', { accountId: user.id, role: user.role, address, knownConsole: known });
      res.setHeader('Set-Cookie', [
        credentialCookie(cookies.session, token, SESSION_TTL_MS / 1000, cookies.secure),
        credentialCookie(
          cookies.console,
          deps.consoles.issue(username),
          KNOWN_CONSOLE_MAX_AGE_S,
          cookies.secure,
        ),
      ]);
      res.status(200).json({ ok: true, role: user.role, name: user.displayName });
    }, next);
  });

  router.delete('/session', async (req, res) => {
    const token = parseCookies(req.headers.cookie).get(cookies.session);
    const user = token ? await deps.accounts.userBySession(token) : null;
    if (token) await deps.accounts.endSession(token);
    // Signing out ends the person's open sockets too: they must sign in again to reconnect.
    if (user) {
      deps.disconnectAccount(user.id);
      deps.audit('signed out', { accountId: user.id });
    }
    res.setHeader('Set-Cookie', credentialCookie(cookies.session, '', 0, cookies.secure));
    res.status(200).json({ ok: true });
  });

  router.post('/kiosk/enroll', async (req, res) => {
    const body = v.safeParse(EnrollSchema, req.body);
    if (!body.success)
      return error(res, 400, 'bad_request', 'Send { code } with the 10-digit enrollment code.');
    const keys = enrollKeys(req.ip ?? '');
    const wait = deps.throttle.waitMs(keys);
    if (wait > 0) {
      res.setHeader('Retry-After', String(Math.ceil(wait / 1000)));
      return error(res, 429, 'rate_limited', 'Too many wrong codes. Try again later.');
    }
    const digits = body.output.code.replace('-', '');
    const enrolled = await deps.accounts.kiosks.enroll(`${digits.slice(0, 5)}-${digits.slice(5)}`);
    if (!enrolled) {
      deps.throttle.failed(keys);
      deps.audit('enrollment failed', { address: req.ip });
      return error(
        res,
        401,
        'unauthorized',
        'This code is wrong, used or expired. Ask the administrator for a new one.',
      );
    }
    deps.audit('kiosk enrolled', { accountId: enrolled.kiosk.id, address: req.ip });
    res.setHeader(
      'Set-Cookie',
      credentialCookie(cookies.device, enrolled.credential, DEVICE_MAX_AGE_S, cookies.secure),
    );
    res.status(200).json({
      ok: true,
      kiosk: { name: enrolled.kiosk.name, office: enrolled.kiosk.office, counter: enrolled.kiosk.counter },
    });
  });

  router.get('/me', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const me = await identify(deps.accounts, req.headers.cookie, cookies);
    if (!me) return error(res, 401, 'unauthorized', 'Not signed in.');
    // The account id stays on the server; the page needs only its profile.
    res.json({ ok: true, ...me, accountId: undefined });
  });

  return router;
}

/** The signed-in identity of a request, for routes only some roles may use. */
export function requireRole(accounts: Accounts, cookies: CookieNames, roles: string[]) {
  return async (req: Request, res: Response, next: () => void) => {
    const me = await identify(accounts, req.headers.cookie, cookies);
    if (!me) return error(res, 401, 'unauthorized', 'Sign in first.');
    if (!roles.includes(me.role)) return error(res, 403, 'forbidden', 'Your role may not see this.');
    res.locals.accountId = me.accountId;
    next();
  };
}

function error(res: Response, status: number, code: ErrorCode, message: string): void {
  res.status(status).json(fail(code, message));
}

/** The account a `requireRole` route was called by. */
export function actorOfRequest(res: Response): string {
  return res.locals.accountId as string;
}
