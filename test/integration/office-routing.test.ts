/**
 * An office's routing choices through the real server: an admin sets priority and do-not-route
 * interpreters and the skills a service needs there; the live queue follows at once and after a
 * restart; every bad body is refused with a clear error and changes nothing; a supervisor may not.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { connectWithCookie, emitRaw, kioskAuth, nextEvent, type TestSocket } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import type { Skill } from '../../src/protocol/index.ts';

let srv: TestServer;
const sockets: TestSocket[] = [];
const track = <T extends TestSocket>(s: T) => (sockets.push(s), s);
beforeEach(async () => {
  srv = await startTestServer();
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await srv.close();
});

const api = (cookie: string, method: string, path: string, body?: unknown) =>
  fetch(`${srv.url}/api/admin${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });

/** An interpreter account with a socket that goes available; the first to come waits longest. */
async function available(name: string, skills: Skill[] = []) {
  const who = await srv.provision({
    kind: 'interpreter',
    name,
    gender: 'female',
    languages: ['sdl'],
    skills,
  });
  const socket = track((await connectWithCookie(srv.url, who.cookie)).socket);
  expect(await emitRaw(socket, 'presence:set', { status: 'available' })).toMatchObject({ ok: true });
  await new Promise((r) => setTimeout(r, 5));
  return { id: who.id, socket, cookie: who.cookie };
}

it('routes by the office’s choices at once and after a restart, and refuses bad ones', async () => {
  const admin = await srv.cookieFor({ kind: 'admin', name: 'Admin' });
  expect((await api(admin, 'POST', '/offices', { name: 'Riyadh' })).status).toBe(201);
  const first = await available('First');
  const blocked = await available('Blocked');
  const favourite = await available('Favourite');
  const medic = await available('Medic', ['medical']);
  const clerk = await srv.provision({ kind: 'clerk', name: 'Sara', office: 'Riyadh' });

  const good = { priority: [favourite.id], blocked: [blocked.id], flowSkills: { birth: ['medical'] } };
  // Bad bodies: each refused with a clear error, none changes what is stored.
  const bad: Array<[unknown, number]> = [
    ['{not json', 400],
    [{ ...good, extra: 1 }, 400],
    [{ ...good, priority: 'everyone' }, 400],
    [{ ...good, priority: [clerk.id] }, 400], // a clerk is not an interpreter
    [{ ...good, priority: ['00000000-0000-0000-0000-000000000000'] }, 400],
    [{ ...good, blocked: [favourite.id] }, 400], // both first and never
    [{ ...good, flowSkills: { 'no-such-service': [] } }, 400],
    [{ ...good, flowSkills: { birth: ['wizardry'] } }, 400],
    [{ ...good, blocked: Array.from({ length: 1000 }, () => blocked.id) }, 413],
  ];
  for (const [body, status] of bad) {
    const res = await api(admin, 'POST', '/offices/Riyadh/routing', body);
    expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
    expect(await res.json()).toMatchObject({ ok: false, message: expect.any(String) });
  }
  const stored = async () =>
    ((await (await api(admin, 'GET', '/offices')).json()) as { offices: Array<{ routing: unknown }> })
      .offices[0]!.routing;
  expect(await stored()).toEqual({ priority: [], blocked: [], flowSkills: {} });
  // A supervisor is refused before the office is looked at; an unknown office is not found.
  const sup = await srv.cookieFor({ kind: 'supervisor', name: 'Sup', office: 'Riyadh' });
  for (const office of ['Riyadh', 'Nowhere'])
    expect((await api(sup, 'POST', `/offices/${office}/routing`, good)).status).toBe(403);
  expect((await api(admin, 'POST', '/offices/Nowhere/routing', good)).status).toBe(404);

  const set = await api(admin, 'POST', '/offices/Riyadh/routing', good);
  expect(set.status).toBe(200);
  expect(await set.json()).toMatchObject({ ok: true, office: { name: 'Riyadh', routing: good } });
  expect(await stored()).toEqual(good);

  // The office's kiosk: its request goes to the priority interpreter, though others waited longer.
  const kioskCookie = await srv.cookieFor(kioskAuth('Counter 1', { office: 'Riyadh' }));
  const kiosk = track((await connectWithCookie(srv.url, kioskCookie)).socket);
  const toFavourite = nextEvent(favourite.socket, 'call:offer');
  const asked = (await emitRaw(kiosk, 'call:request', {})) as { ok: true; requestId: string };
  expect((await toFavourite).requestId).toBe(asked.requestId);
  expect(await emitRaw(kiosk, 'call:cancel', { requestId: asked.requestId })).toMatchObject({ ok: true });
  // A birth registration needs a medical interpreter here (the flow itself needs nothing).
  const toMedic = nextEvent(medic.socket, 'call:offer');
  const birth = (await emitRaw(kiosk, 'call:request', { flow: 'birth' })) as { requestId: string };
  expect(await toMedic).toMatchObject({
    requestId: birth.requestId,
    context: { skills: ['medical'], flow: 'birth' },
  });
  expect(await emitRaw(kiosk, 'call:cancel', { requestId: birth.requestId })).toMatchObject({ ok: true });

  // After a restart the choices are read back: the blocked interpreter, longest idle, is passed over.
  const dbPath = srv.dbPath;
  for (const s of sockets.splice(0)) s.close();
  await srv.close();
  srv = await startTestServer({}, dbPath);
  expect(srv.server.routing.view().offices.get('Riyadh')).toEqual(good);
  const back = track((await connectWithCookie(srv.url, blocked.cookie)).socket);
  expect(await emitRaw(back, 'presence:set', { status: 'available' })).toMatchObject({ ok: true });
  const other = await available('Other');
  const kioskAgain = track((await connectWithCookie(srv.url, kioskCookie)).socket);
  const toOther = nextEvent(other.socket, 'call:offer');
  const later = (await emitRaw(kioskAgain, 'call:request', {})) as { requestId: string };
  expect((await toOther).requestId).toBe(later.requestId);
  void first;
});
