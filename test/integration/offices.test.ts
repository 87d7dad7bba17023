/**
 * Offices renamed live: the office's connected kiosks, clerks and supervisors keep working under the
 * new name with those who connect after the rename, and its history and audit follow the name.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runAdmin } from '../helpers/admin-cli.ts';
import {
  clerkAuth,
  connectWithCookie,
  connectWithState,
  emitRaw,
  kioskAuth,
  type TestSocket,
} from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

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
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

it('renames an office without ending anyone’s session, and its records and audit follow', async () => {
  // Each account is provisioned once, before the rename (provisioning by office name would make it anew).
  const sup = (await srv.provision({ kind: 'supervisor', name: 'Sup R', office: 'Riyadh' })).cookie;
  const clerkCookie = (await srv.provision(clerkAuth('Sara', { office: 'Riyadh' }))).cookie;
  const supervisor = track((await connectWithCookie(srv.url, sup)).socket);
  const { socket: kiosk, state } = await connectWithState(
    srv,
    kioskAuth('Counter 4', { office: 'Riyadh', counter: '4' }),
  );
  track(kiosk);
  const { pairingCode } = await state;
  // A request made before the rename is in the office's records.
  const request = (await emitRaw(kiosk, 'call:request', {})) as { ok: true; requestId: string };
  expect(await emitRaw(kiosk, 'call:cancel', { requestId: request.requestId })).toMatchObject({ ok: true });
  const boards: Array<{ office: string | null; kiosks: Array<{ name: string }> }> = [];
  supervisor.on('wallboard:state', (b) => boards.push(b));

  const admin = await srv.cookieFor({ kind: 'admin', name: 'Admin' });
  const renamed = await api(admin, 'POST', '/offices/Riyadh', { name: 'Riyadh Central' });
  expect(renamed.status).toBe(200);
  expect(await renamed.json()).toMatchObject({ ok: true, office: { name: 'Riyadh Central', kiosks: 1 } });

  // The kiosk connected before the rename pairs with the clerk who connected after it.
  const clerk = track((await connectWithCookie(srv.url, clerkCookie)).socket);
  expect(await emitRaw(clerk, 'session:pair', { code: pairingCode })).toMatchObject({
    ok: true,
    kiosk: { name: 'Counter 4', office: 'Riyadh Central' },
  });
  // The supervisor's live board follows the name, with the office's kiosk in it.
  await expect
    .poll(() =>
      boards.some((b) => b.office === 'Riyadh Central' && b.kiosks.some((k) => k.name === 'Counter 4')),
    )
    .toBe(true);
  // History and audit: the supervisor (signed in before) sees the request made under the old name.
  const records = (await (await api(sup, 'GET', '/records')).json()) as { rows: Array<{ office: string }> };
  expect(records.rows.map((r) => r.office)).toEqual(['Riyadh Central']);
  const audit = (await (await api(sup, 'GET', '/audit')).json()) as { entries: Array<{ action: string }> };
  expect(audit.entries.map((e) => e.action)).toContain('office renamed');
  const offices = (await (await api(admin, 'GET', '/offices')).json()) as {
    offices: Array<{ name: string }>;
  };
  expect(offices.offices.map((o) => o.name)).toEqual(['Riyadh Central']);
});

it('offers offices, skills and re-enrollment in npm run admin too, audited as done by cli', async () => {
  const admin = (...args: string[]) => runAdmin(srv.dbPath, ...args);
  expect(await admin('office', 'add', '--name', 'Dammam')).toMatchObject({ code: 0 });
  expect(await admin('office', 'add', '--name', 'Dammam')).toMatchObject({ code: 2 });
  expect(await admin('office', 'rename', '--office', 'Dammam', '--name', 'Dammam East')).toMatchObject({
    code: 0,
  });
  expect((await admin('office', 'list')).out).toContain('Dammam East\t0 kiosks');
  const added = await admin(
    ...['user', 'add', '--role', 'interpreter', '--username', 'huda', '--name', 'Huda'],
    ...['--gender', 'female', '--languages', 'sdl', '--skills', 'legal,deaf_interpreter'],
  );
  expect(added.code).toBe(0);
  expect((await srv.server.accounts.person('huda'))?.skills).toEqual(['legal', 'deaf_interpreter']);
  expect((await admin('user', 'change', '--username', 'huda', '--skills', 'wizardry')).code).toBe(2);
  const kiosk = (await srv.server.accounts.kiosks.add({ office: 'Dammam East', counter: '1' })).kiosk;
  const credential = await srv.server.accounts.kiosks.issueCredential(kiosk.id);
  const again = await admin('kiosk', 're-enroll', '--id', kiosk.id);
  expect(again.out).toMatch(/enrollment code \d{5}-\d{5}/);
  expect(await srv.server.accounts.kiosks.byCredential(credential)).toBeNull();
  const actions = srv.server.store
    .raw!.prepare("SELECT action FROM audit_log WHERE actor_id = 'cli' ORDER BY id")
    .all()
    .map((r) => (r as { action: string }).action);
  expect(actions).toEqual(['office added', 'office renamed', 'person added', 'kiosk re-enrolled']);
});
