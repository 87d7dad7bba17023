/**
 * The supervisor console's server side: who may do what in /api/admin (a role × action matrix with
 * office isolation), garbage bodies, the audit log, and the wallboard on the wire — a supervisor of
 * one office never receives another office's kiosks or queue.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  connectClient,
  connectWithState,
  emitRaw,
  interpreterAuth,
  kioskAuth,
  nextEvent,
  type TestSocket,
} from '../helpers/clients.ts';
import type { Who } from '../helpers/accounts.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let srv: TestServer;
const sockets: TestSocket[] = [];
beforeEach(async () => {
  srv = await startTestServer();
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await srv.close();
});

const api = (cookie: string | null, method: string, path: string, body?: unknown) =>
  fetch(`${srv.url}/api/admin${path}`, {
    method,
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });

describe('administration', () => {
  it('lets each role do exactly what it may, and nothing outside its office', async () => {
    const riyadhKiosk = (await srv.server.accounts.kiosks.add({ office: 'Riyadh', counter: '1', name: 'R1' }))
      .kiosk;
    const jeddahKiosk = (await srv.server.accounts.kiosks.add({ office: 'Jeddah', counter: '1', name: 'J1' }))
      .kiosk;
    const clerkR = await srv.provision({ kind: 'clerk', name: 'Clerk R', office: 'Riyadh' });
    const clerkJ = await srv.provision({ kind: 'clerk', name: 'Clerk J', office: 'Jeddah' });
    const interp = await srv.provision(interpreterAuth('Interp'));
    const cookie = (who: Who) => srv.cookieFor(who);
    const actors = {
      nobody: null,
      interpreter: await cookie(interpreterAuth('Other interpreter')),
      clerk: await cookie({ kind: 'clerk', name: 'Clerk', office: 'Riyadh' }),
      supervisor: await cookie({ kind: 'supervisor', name: 'Sup R', office: 'Riyadh' }),
      admin: await cookie({ kind: 'admin', name: 'Admin' }),
    };
    // [method, path, body, expected status per actor]
    type Row = [string, string, unknown, Record<keyof typeof actors, number>];
    const no = { nobody: 401, interpreter: 403, clerk: 403 };
    const rows: Row[] = [
      ['GET', '/kiosks', undefined, { ...no, supervisor: 200, admin: 200 }],
      ['POST', '/kiosks', { counter: '2', name: 'R2' }, { ...no, supervisor: 201, admin: 400 }],
      [
        'POST',
        '/kiosks',
        { counter: '3', name: 'J3', office: 'Jeddah' },
        { ...no, supervisor: 201, admin: 201 },
      ],
      [
        'POST',
        '/kiosks',
        { counter: '5', name: 'A5', office: 'Atlantis' },
        { ...no, supervisor: 201, admin: 400 },
      ],
      ['POST', `/kiosks/${riyadhKiosk.id}/disable`, undefined, { ...no, supervisor: 200, admin: 200 }],
      ['POST', `/kiosks/${jeddahKiosk.id}/disable`, undefined, { ...no, supervisor: 404, admin: 200 }],
      ['POST', '/kiosks/no-such-kiosk/disable', undefined, { ...no, supervisor: 404, admin: 404 }],
      ['POST', `/kiosks/${riyadhKiosk.id}`, { counter: '9' }, { ...no, supervisor: 200, admin: 200 }],
      ['POST', `/kiosks/${jeddahKiosk.id}`, { name: 'Renamed' }, { ...no, supervisor: 404, admin: 200 }],
      ['POST', `/kiosks/${riyadhKiosk.id}`, {}, { ...no, supervisor: 400, admin: 400 }],
      [
        'POST',
        `/people/${clerkR.username}/reset-password`,
        undefined,
        { ...no, supervisor: 200, admin: 200 },
      ],
      ['POST', `/people/${clerkJ.username}/disable`, undefined, { ...no, supervisor: 404, admin: 200 }],
      ['POST', `/people/${interp.username}/disable`, undefined, { ...no, supervisor: 404, admin: 200 }],
      ['POST', '/people/nobody-here/disable', undefined, { ...no, supervisor: 404, admin: 404 }],
      ['POST', `/people/${clerkR.username}`, { name: 'Clerk R.' }, { ...no, supervisor: 200, admin: 200 }],
      ['POST', `/people/${clerkR.username}`, { role: 'supervisor' }, { ...no, supervisor: 403, admin: 200 }],
      ['POST', `/people/${clerkR.username}`, { office: null }, { ...no, supervisor: 403, admin: 400 }],
      [
        'POST',
        `/people/${interp.username}`,
        { languages: ['sdl', 'ase'] },
        { ...no, supervisor: 404, admin: 200 },
      ],
      ['POST', `/people/${clerkJ.username}`, {}, { ...no, supervisor: 404, admin: 400 }],
      [
        'POST',
        '/people',
        { role: 'clerk', username: 'new-clerk-x', name: 'New' },
        { ...no, supervisor: 201, admin: 400 },
      ],
      [
        'POST',
        '/people',
        { role: 'admin', username: 'new-admin-x', name: 'New' },
        { ...no, supervisor: 403, admin: 201 },
      ],
      ['GET', '/audit', undefined, { ...no, supervisor: 200, admin: 200 }],
      ['POST', `/kiosks/${riyadhKiosk.id}/re-enroll`, undefined, { ...no, supervisor: 200, admin: 200 }],
      ['POST', `/kiosks/${jeddahKiosk.id}/re-enroll`, undefined, { ...no, supervisor: 404, admin: 200 }],
      ['POST', `/people/${interp.username}`, { skills: ['legal'] }, { ...no, supervisor: 404, admin: 200 }],
      ['POST', `/people/${clerkR.username}`, { skills: ['legal'] }, { ...no, supervisor: 400, admin: 400 }],
      ['GET', '/offices', undefined, { ...no, supervisor: 200, admin: 200 }],
      ['POST', '/offices', { name: 'Dammam' }, { ...no, supervisor: 403, admin: 201 }],
      ['POST', '/offices', { name: 'Jeddah' }, { ...no, supervisor: 403, admin: 409 }],
      ['POST', '/offices/Jeddah', { name: 'Jeddah' }, { ...no, supervisor: 403, admin: 200 }],
      ['POST', '/offices/Jeddah', { name: 'Riyadh' }, { ...no, supervisor: 403, admin: 409 }],
      ['POST', '/offices/Nowhere', { name: 'Somewhere' }, { ...no, supervisor: 403, admin: 404 }],
    ];
    for (const [method, path, body, expected] of rows)
      for (const [actor, c] of Object.entries(actors)) {
        // Each actor meets the row's state fresh: re-enable what an earlier actor disabled.
        srv.server.store.raw!.prepare('UPDATE users SET disabled_at = NULL').run();
        srv.server.store.raw!.prepare('UPDATE kiosks SET disabled_at = NULL').run();
        srv.server.store
          .raw!.prepare("UPDATE users SET role = 'clerk' WHERE username = ?")
          .run(clerkR.username);
        srv.server.store
          .raw!.prepare("DELETE FROM users WHERE username IN ('new-clerk-x', 'new-admin-x')")
          .run();
        srv.server.store.raw!.prepare("DELETE FROM offices WHERE name = 'Dammam'").run();
        const res = await api(c, method, path, body);
        expect(res.status, `${actor} ${method} ${path} ${JSON.stringify(body ?? '')}`).toBe(
          expected[actor as keyof typeof actors],
        );
      }
    // A supervisor's lists hold their office only.
    const sup = actors.supervisor;
    const kiosks = (await (await api(sup, 'GET', '/kiosks')).json()) as { kiosks: Array<{ office: string }> };
    expect(new Set(kiosks.kiosks.map((k) => k.office))).toEqual(new Set(['Riyadh']));
    const people = (await (await api(sup, 'GET', '/people')).json()) as {
      people: Array<{ role: string; office: string }>;
    };
    expect(people.people.every((p) => p.role === 'clerk' && p.office === 'Riyadh')).toBe(true);
    const audit = (await (await api(sup, 'GET', '/audit')).json()) as {
      entries: Array<{ office: string; target: string }>;
    };
    expect(audit.entries.length).toBeGreaterThan(0);
    expect(audit.entries.every((e) => e.office === 'Riyadh')).toBe(true);
    const offices = (await (await api(sup, 'GET', '/offices')).json()) as {
      offices: Array<{ name: string }>;
    };
    expect(offices.offices.map((o) => o.name)).toEqual(['Riyadh']);
    // The log names actions and targets, never a password or a code.
    const all = JSON.stringify(srv.server.store.raw!.prepare('SELECT * FROM audit_log').all());
    expect(all).not.toMatch(/\d{5}-\d{5}/);
  });

  it('answers garbage with a JSON 400 and changes nothing', async () => {
    const admin = await srv.cookieFor({ kind: 'admin', name: 'Admin' });
    const before = (await srv.server.accounts.kiosks.inOffice(null)).length;
    for (const [path, body] of [
      ['/kiosks', '{not json'],
      ['/kiosks', { counter: '', name: 'x', office: 'R' }],
      ['/kiosks', { counter: '1', name: 'x'.repeat(61), office: 'R' }],
      ['/kiosks', { counter: '1', name: 'x', office: 'R', extra: true }],
      ['/people', { role: 'root', username: 'x1', name: 'X' }],
      ['/people', { role: 'interpreter', username: 'x1', name: 'X' }],
      ['/people', { role: 'clerk', username: 'BAD NAME', name: 'X', office: 'R' }],
      ['/people', '{"role":"clerk","username":"x1","name":"X","office":"R","__proto__":{"admin":true}}'],
      [
        '/people',
        {
          role: 'interpreter',
          username: 'x1',
          name: 'X',
          gender: 'male',
          languages: ['sdl'],
          skills: ['magic'],
        },
      ],
      ['/people', { role: 'clerk', username: 'x1', name: 'X', office: 'R', skills: ['legal'] }],
      ['/offices', { name: '' }],
      ['/offices', { name: 'x'.repeat(61) }],
      ['/offices', { name: 'Ok', extra: 1 }],
      ['/offices', '[]'],
      ['/offices/Riyadh', { name: 7 }],
    ] as const) {
      const res = await api(admin, 'POST', path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.json()).toMatchObject({ ok: false, code: 'bad_request' });
    }
    expect((await srv.server.accounts.kiosks.inOffice(null)).length).toBe(before);
    expect(await srv.server.accounts.person('x1')).toBeNull();
    expect(srv.server.store.raw!.prepare("SELECT name FROM offices WHERE name IN ('', 'Ok')").all()).toEqual(
      [],
    );
  });

  it('disconnects a disabled person at once', async () => {
    const interp = await srv.provision(interpreterAuth('Soon disabled'));
    const socket = await connectClient(srv, interpreterAuth('Soon disabled'));
    sockets.push(socket);
    // Another interpreter stays connected.
    const mine = await connectClient(
      { url: srv.url, cookieFor: async () => interp.cookie },
      interpreterAuth('unused'),
    );
    sockets.push(mine);
    const gone = new Promise((resolve) => mine.once('disconnect', resolve));
    const res = await api(
      await srv.cookieFor({ kind: 'admin', name: 'A' }),
      'POST',
      `/people/${interp.username}/disable`,
    );
    expect(res.status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    expect(socket.connected).toBe(true);
  });
});

describe("an office's target", () => {
  it('is set by its supervisor or an admin, and the board measures against it', async () => {
    const riyadh = await connectClient(srv, { kind: 'supervisor', name: 'Sup R', office: 'Riyadh' });
    sockets.push(riyadh);
    await srv.server.accounts.officeId('Jeddah');
    const board = () => nextEvent(riyadh, 'wallboard:state');
    const sup = await srv.cookieFor({ kind: 'supervisor', name: 'Sup R2', office: 'Riyadh' });
    const admin = await srv.cookieFor({ kind: 'admin', name: 'A' });
    const changed = board();
    expect((await api(sup, 'POST', '/target', { withinS: 30, share: 0.9 })).status).toBe(200);
    // The board is pushed when it changes: the new target is on it.
    expect((await changed).level.target).toEqual({ withinS: 30, share: 0.9 });
    // Another office's target is out of a supervisor's scope: as if it did not exist.
    expect((await api(sup, 'POST', '/target', { withinS: 30, share: 0.9, office: 'Jeddah' })).status).toBe(
      404,
    );
    expect((await api(sup, 'POST', '/target', { withinS: 5, share: 0.9 })).status).toBe(400);
    expect((await api(admin, 'POST', '/target', { withinS: 45, share: 0.8, office: 'Jeddah' })).status).toBe(
      200,
    );
    expect((await api(admin, 'POST', '/target', { withinS: 45, share: 0.8, office: 'Nowhere' })).status).toBe(
      404,
    );
  });
});

describe('the wallboard on the wire', () => {
  it("reaches supervisors and admins only, and a supervisor gets their own office's kiosks and queue", async () => {
    const riyadh = await connectClient(srv, { kind: 'supervisor', name: 'Sup R', office: 'Riyadh' });
    const admin = await connectClient(srv, { kind: 'admin', name: 'Admin' });
    const interpreter = await connectClient(srv, interpreterAuth('Watcher'));
    sockets.push(riyadh, admin, interpreter);
    const heard: string[] = [];
    interpreter.onAny((e: string) => heard.push(e));
    const { socket: jeddahKiosk } = await connectWithState(srv, kioskAuth('Jeddah 7', { office: 'Jeddah' }));
    sockets.push(jeddahKiosk);
    await emitRaw(jeddahKiosk, 'call:request', {});
    const boards = { riyadh: [] as string[], admin: [] as string[] };
    riyadh.on('wallboard:state', (b) => boards.riyadh.push(JSON.stringify(b)));
    admin.on('wallboard:state', (b) => boards.admin.push(JSON.stringify(b)));
    await expect
      .poll(() => boards.admin.some((b) => b.includes('Jeddah 7') && b.includes('"queue":[{')), {
        timeout: 5000,
      })
      .toBe(true);
    // The Riyadh board has been pushed since (the same tick), and holds nothing of Jeddah.
    const first = nextEvent(riyadh, 'wallboard:state');
    const { socket: riyadhKiosk } = await connectWithState(srv, kioskAuth('Riyadh 2', { office: 'Riyadh' }));
    sockets.push(riyadhKiosk);
    expect(JSON.stringify(await first)).toContain('Riyadh 2');
    expect(boards.riyadh.join('')).not.toContain('Jeddah');
    expect(heard).not.toContain('wallboard:state');
  });
});
