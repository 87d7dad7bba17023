/**
 * Identity over HTTP on a real server: sign-in with a password (scrypt) and an HttpOnly,
 * SameSite=Strict session cookie, sign-out, throttling after failed sign-ins, kiosk enrollment with a
 * one-time code, role checks, the Origin allowlist, every security header, and the demo accounts a
 * fresh installation gets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeDemo, seedDemo } from '../../signaling-server/auth/demo.ts';
import { Accounts } from '../../signaling-server/store/accounts.ts';
import { openStore } from '../../signaling-server/store/db.ts';
import { TEST_PASSWORD } from '../helpers/accounts.ts';
import { interpreterAuth } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${srv.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const me = (cookie?: string) => fetch(`${srv.url}/api/me`, { headers: cookie ? { cookie } : {} });
const cookieOf = (res: Response) => res.headers.get('set-cookie')?.split(';')[0] ?? '';

describe('people', () => {
  it('sign in with a password, get an HttpOnly SameSite=Strict cookie, and sign out', async () => {
    const { username } = await srv.provision(interpreterAuth('هدى'));
    expect((await post('/api/session', { username, password: 'wrong password' })).status).toBe(401);
    const ok = await post('/api/session', { username, password: TEST_PASSWORD });
    expect(ok.status).toBe(200);
    const [setCookie, consoleCookie] = ok.headers.getSetCookie();
    expect(setCookie).toMatch(
      /^ashir_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/,
    );
    // "This browser signed in as this name before": exempts it from others' failures (trust.test.ts).
    expect(consoleCookie).toMatch(
      /^ashir_console=[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=31536000$/,
    );
    const cookie = cookieOf(ok);
    expect(await (await me(cookie)).json()).toEqual({
      ok: true,
      role: 'interpreter',
      name: 'هدى',
      gender: 'female',
      languages: ['sdl'],
      skills: [],
    });
    const out = await fetch(`${srv.url}/api/session`, { method: 'DELETE', headers: { cookie } });
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await me(cookie)).status).toBe(401);
  });

  it('backs a name off after five failed sign-ins from one address, even for the right password', async () => {
    const { username } = await srv.provision(interpreterAuth('Target'));
    for (let i = 0; i < 5; i++)
      expect((await post('/api/session', { username, password: `guess ${i}` })).status).toBe(401);
    const blocked = await post('/api/session', { username, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await blocked.json()).toMatchObject({ ok: false, code: 'rate_limited' });
  });

  it('answers bad bodies with a JSON error and no cookie', async () => {
    for (const [body, status] of [
      ['{not json', 400],
      [{ username: 'a' }, 400],
      [{ username: 'a', password: 'b', role: 'supervisor' }, 400],
      [{ username: ['a'], password: 'b' }, 400],
      [{ username: 'a', password: 'x'.repeat(5000) }, 413],
    ] as const) {
      const res = await post('/api/session', body);
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(status);
      expect(await res.json()).toMatchObject({ ok: false, code: 'bad_request' });
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it('lets only a supervisor read the statistics', async () => {
    expect((await fetch(`${srv.url}/api/stats`)).status).toBe(401);
    const interpreter = await srv.cookieFor(interpreterAuth('Nosy'));
    expect((await fetch(`${srv.url}/api/stats`, { headers: { cookie: interpreter } })).status).toBe(403);
    const supervisor = await srv.cookieFor({ kind: 'supervisor', name: 'Boss' });
    expect((await fetch(`${srv.url}/api/stats`, { headers: { cookie: supervisor } })).status).toBe(200);
  });
});

describe('kiosks', () => {
  it('exchange a one-time enrollment code for a device credential, once', async () => {
    const { kiosk, code } = await srv.server.accounts.kiosks.add({ office: 'Riyadh', counter: '4' });
    expect((await post('/api/kiosk/enroll', { code: '00000-00000' })).status).toBe(401);
    expect((await post('/api/kiosk/enroll', { code: 'abc' })).status).toBe(400);
    const enrolled = await post('/api/kiosk/enroll', { code });
    expect(enrolled.status).toBe(200);
    expect(enrolled.headers.get('set-cookie')).toMatch(
      /^ashir_device=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=315360000$/,
    );
    expect(await (await me(cookieOf(enrolled))).json()).toMatchObject({
      role: 'kiosk',
      name: kiosk.name,
      office: 'Riyadh',
      counter: '4',
      kioskId: kiosk.id,
    });
    expect((await post('/api/kiosk/enroll', { code })).status).toBe(401);
  });
});

describe('the edge', () => {
  it('refuses state changes from a page of another origin', async () => {
    const res = await post(
      '/api/session',
      { username: 'x', password: 'y' },
      { origin: 'https://evil.example' },
    );
    expect(res.status).toBe(403);
    expect((await post('/api/session', { username: 'x', password: 'y' }, { origin: srv.url })).status).toBe(
      401,
    );
  });

  it('sends every security header', async () => {
    for (const path of ['/healthz', '/api/me', '/nope']) {
      const h = (await fetch(`${srv.url}${path}`)).headers;
      const csp = h.get('content-security-policy') ?? '';
      for (const directive of [
        "default-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
      ])
        expect(csp, path).toContain(directive);
      expect(h.get('x-content-type-options')).toBe('nosniff');
      expect(h.get('referrer-policy')).toBe('no-referrer');
      expect(h.get('permissions-policy')).toContain('camera=(self), microphone=(self)');
      expect(h.get('x-powered-by')).toBeNull();
    }
  });
});

describe('a fresh installation', () => {
  it('gets one demo office, kiosk, interpreter, clerk and supervisor, once, and they work', async () => {
    const store = await openStore(':memory:');
    const accounts = new Accounts(store.db);
    const demo = (await seedDemo(accounts, 'sdl'))!;
    expect(demo.kioskCode).toMatch(/^\d{5}-\d{5}$/);
    expect(await seedDemo(accounts, 'sdl')).toBeNull();
    expect((await accounts.checkPassword('interpreter', demo.interpreter.password))?.role).toBe(
      'interpreter',
    );
    expect((await accounts.checkPassword('clerk', demo.clerk.password))?.role).toBe('clerk');
    expect((await accounts.kiosks.enroll(demo.kioskCode))?.kiosk.office).toBe('Demo office');
    expect(describeDemo(demo, 'http://localhost:8080')).toContain(demo.clerk.password);
    await store.close();
  });
});
