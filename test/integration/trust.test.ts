/**
 * The attack paths of the second security review, against a real server: credentials that go away
 * take their sockets with them, sign-in backoff that nobody can turn into a lockout, connections that
 * never authenticate, headers, keys, audit lines, invisible characters, log floods.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Manager } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { runAdmin } from '../helpers/admin-cli.ts';
import {
  clerkAuth,
  connectClient,
  connectWithCookie,
  connectWithState,
  emitRaw,
  interpreterAuth,
  kioskAuth,
  nextEvent,
} from '../helpers/clients.ts';
import { TEST_PASSWORD } from '../helpers/accounts.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function start(env: Record<string, string> = {}, dbPath?: string): Promise<TestServer> {
  const srv = await startTestServer(env, dbPath);
  servers.push(srv);
  return srv;
}
/** A kiosk and a clerk console of one office, paired by the kiosk's code. */
async function pairedCounter(srv: TestServer) {
  const { socket: kiosk, state } = await connectWithState(srv, kioskAuth('Counter 9', { office: 'Riyadh' }));
  const clerk = await connectClient(srv, clerkAuth('Sara', { office: 'Riyadh' }));
  const code = (await state).pairingCode!;
  expect(await emitRaw(clerk, 'session:pair', { code })).toMatchObject({ ok: true });
  return {
    kiosk,
    clerk,
    close: () => {
      kiosk.close();
      clerk.close();
    },
  };
}
const disconnected = (socket: { once(e: 'disconnect', f: (r: string) => void): unknown }) =>
  new Promise<string>((resolve) => socket.once('disconnect', resolve));

describe('a credential that goes away', () => {
  it('takes its sockets with it: a disabled person, a disabled kiosk, an expired sign-in', async () => {
    const srv = await start({ CREDENTIAL_CHECK_MS: '100' });
    const interpreter = await srv.provision(interpreterAuth('Disabled'));
    const clerk = await srv.provision(clerkAuth('Expired'));
    const kiosk = await srv.provision(kioskAuth('Revoked', { kioskId: 'revoked-01' }));
    const sockets = await Promise.all(
      [interpreter, clerk, kiosk].map(async (p) => (await connectWithCookie(srv.url, p.cookie)).socket),
    );
    const gone = sockets.map(disconnected);
    await srv.server.accounts.setUserDisabled(interpreter.username!, true);
    srv.server.store
      .raw!.prepare(
        'UPDATE user_sessions SET expires_at = 0 WHERE user_id IN (SELECT id FROM users WHERE username = ?)',
      )
      .run(clerk.username);
    await srv.server.accounts.kiosks.setDisabled('revoked-01', true);
    expect(await Promise.all(gone)).toEqual([
      'io server disconnect',
      'io server disconnect',
      'io server disconnect',
    ]);
    for (const p of [interpreter, clerk, kiosk])
      await expect(connectWithCookie(srv.url, p.cookie)).rejects.toMatchObject({
        data: { code: 'unauthorized' },
      });
    // A disabled person cannot sign in again, and is told exactly what a wrong password is told.
    const res = await fetch(`${srv.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: interpreter.username, password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'unauthorized', message: 'Wrong name or password.' });
    expect(srv.logs.filter((l) => l.includes('credential gone: disconnected'))).toHaveLength(3);
  });

  it('is noticed when the admin CLI, another process, disables a person or a kiosk', async () => {
    const srv = await start({ CREDENTIAL_CHECK_MS: '100' });
    const person = await srv.provision(interpreterAuth('By CLI'));
    const kiosk = await srv.provision(kioskAuth('By CLI', { kioskId: 'cli-kiosk-01' }));
    const sockets = await Promise.all(
      [person, kiosk].map(async (p) => (await connectWithCookie(srv.url, p.cookie)).socket),
    );
    const gone = sockets.map(disconnected);
    const admin = (...args: string[]) => runAdmin(srv.dbPath, ...args);
    expect(await admin('user', 'disable', '--username', person.username!)).toMatchObject({ code: 0 });
    expect(await admin('kiosk', 'disable', '--id', 'cli-kiosk-01')).toMatchObject({ code: 0 });
    expect(await Promise.all(gone)).toEqual(['io server disconnect', 'io server disconnect']);
    expect(await admin('user', 'disable', '--username', 'nobody-here')).toMatchObject({ code: 2 });
    // Enabled again: the kiosk gets a new one-time code (its old credential stays revoked).
    const enabled = await admin('kiosk', 'enable', '--id', 'cli-kiosk-01');
    expect(enabled.out).toMatch(/enrollment code \d{5}-\d{5}/);
    await expect(connectWithCookie(srv.url, kiosk.cookie)).rejects.toMatchObject({
      data: { code: 'unauthorized' },
    });
  });
});

describe('sign-in backoff', () => {
  const signIn = (srv: TestServer, username: string, password: string, from: string, cookie?: string) =>
    fetch(`${srv.url}/api/session`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': from,
        ...(cookie ? { cookie } : {}),
      },
      body: JSON.stringify({ username, password }),
    });

  it('keeps a stranger from locking a person out of the console they signed in on before', async () => {
    // Behind one proxy: the client's address is the one the proxy forwards.
    const srv = await start({ TRUST_PROXY: '1' });
    const { username } = await srv.provision(interpreterAuth('Target'));
    const first = await signIn(srv, username!, TEST_PASSWORD, '192.0.2.10');
    expect(first.status).toBe(200);
    const known = first.headers
      .getSetCookie()
      .find((c) => c.startsWith('ashir_console='))!
      .split(';')[0]!;
    // Someone fails for that name from 20 addresses (5 each would be held back per address).
    for (let i = 0; i < 20; i++)
      expect((await signIn(srv, username!, `guess ${i}`, `198.51.100.${i}`)).status).toBe(401);
    // A new browser now waits, with the right password too; the person's own console does not.
    expect((await signIn(srv, username!, TEST_PASSWORD, '192.0.2.11')).status).toBe(429);
    expect((await signIn(srv, username!, TEST_PASSWORD, '192.0.2.10', known)).status).toBe(200);
    // The cookie vouches for its own name only.
    const other = await srv.provision(interpreterAuth('Other'));
    for (let i = 0; i < 25; i++) await signIn(srv, other.username!, `guess ${i}`, `203.0.113.${i}`);
    expect((await signIn(srv, other.username!, TEST_PASSWORD, '192.0.2.10', known)).status).toBe(429);
  });

  it('answers a name that exists and one that does not alike, waits included', async () => {
    const srv = await start({ TRUST_PROXY: '1' });
    const { username } = await srv.provision(interpreterAuth('Real'));
    const answers = async (name: string) => {
      const seen: Array<[number, unknown]> = [];
      for (let i = 0; i < 7; i++) {
        const res = await signIn(srv, name, `guess ${i}`, '192.0.2.50');
        seen.push([res.status, await res.json()]);
      }
      return seen;
    };
    expect(await answers('no-such-person')).toEqual(await answers(username!));
  });
});

describe('connections', () => {
  it('closes a refused handshake at once, and caps unauthenticated connections per address', async () => {
    const srv = await start({ MAX_UNAUTHENTICATED_PER_ADDRESS: '3' });
    // A raw connection that asks to join without a credential: told why, then closed by the server.
    const raw = new Manager(srv.url, { transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve) => raw.once('open', () => resolve()));
    const answer = new Promise<string>((resolve) => raw.engine.once('message', (d) => resolve(String(d))));
    const closed = new Promise<string>((resolve) => raw.engine.once('close', (reason) => resolve(reason)));
    raw.engine.send('0'); // a Socket.IO CONNECT to "/"
    expect(await answer).toMatch(/^4.*"code":"unauthorized"/);
    expect(await closed).toBe('transport close');

    // Authenticated sockets do not count against their address...
    const people = await Promise.all(
      [1, 2, 3].map(
        async (n) => (await connectWithCookie(srv.url, await srv.cookieFor(interpreterAuth(`P${n}`)))).socket,
      ),
    );
    // ...but three engine connections that never join a namespace do: a fourth is refused.
    const open = () =>
      new Promise<Manager>((resolve, reject) => {
        const m = new Manager(srv.url, { transports: ['websocket'], reconnection: false });
        m.once('open', () => resolve(m)).once('error', reject);
      });
    const idle = await Promise.all([open(), open(), open()]);
    await expect(open()).rejects.toThrow('websocket error');
    // One goes away: there is room for one again.
    idle.pop()!.engine.close();
    await expect
      .poll(() =>
        open().then(
          (m) => (idle.push(m), true),
          () => false,
        ),
      )
      .toBe(true);
    for (const m of idle) m.engine.close();
    for (const p of people) p.close();
  });

  it("puts the security headers on Socket.IO's own answers", async () => {
    const srv = await start();
    const res = await fetch(`${srv.url}/socket.io/?EIO=4&transport=polling`);
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('keys and records', () => {
  it('keeps its keys in a file only its user may read, not in the database', async () => {
    const srv = await start();
    const keyFile = `${srv.dbPath}.keys`;
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(srv.server.store.raw!.prepare('SELECT count(*) AS n FROM server_keys').get()).toEqual({ n: 0 });
    await srv.close();
    servers.splice(0);
    chmodSync(keyFile, 0o644);
    await expect(startTestServer({}, srv.dbPath)).rejects.toThrow(/may be read by others .*chmod 600/);
  });

  it('names accounts in the audit lines: who signed in, who paired with which kiosk', async () => {
    const srv = await start();
    const { username } = await srv.provision(interpreterAuth('Audited'));
    await fetch(`${srv.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: TEST_PASSWORD }),
    });
    const accountOf = async (name: string) =>
      (await srv.server.accounts.listUsers()).find((u) => u.username === name)!.id;
    const signedIn = srv.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'signed in');
    expect(signedIn).toMatchObject({ accountId: await accountOf(username!), role: 'interpreter' });
    const counter = await pairedCounter(srv);
    const paired = srv.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'paired');
    expect(paired).toMatchObject({ clerkAccount: expect.any(String), kioskAccount: expect.any(String) });
    expect(JSON.stringify(srv.logs)).not.toContain(TEST_PASSWORD);
    counter.close();
  });

  it('strips bidi overrides and zero-width spaces from chat, keeping joiners', async () => {
    const srv = await start();
    const counter = await pairedCounter(srv);
    await emitRaw(counter.clerk, 'session:start', {});
    const shown = nextEvent(counter.kiosk, 'chat:message');
    const sent = 'رقم\u202E\u200B 123\u2066 ok\u200D👍\u200C';
    expect(await emitRaw(counter.clerk, 'chat:send', { text: sent })).toMatchObject({ ok: true });
    expect((await shown).text).toBe('رقم 123 ok\u200D👍\u200C');
    // Nothing but invisible characters is nothing at all.
    expect(await emitRaw(counter.clerk, 'chat:send', { text: '\u202E\u200B' })).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
    counter.close();
  });
});

describe('logs', () => {
  it('write at most a budget of warnings per account, whatever it sends on however many sockets', async () => {
    const srv = await start({ RATE_LIMIT_PER_S: '10000', RATE_LIMIT_BURST: '10000' });
    const cookie = await srv.cookieFor(interpreterAuth('Noisy'));
    const sockets = await Promise.all(
      [1, 2, 3].map(async () => (await connectWithCookie(srv.url, cookie)).socket),
    );
    for (const s of sockets)
      for (let i = 0; i < 100; i++) (s.emit as (e: string, p: object) => void)('no:such', {});
    await emitRaw(sockets[0]!, 'presence:set', { status: 'break' });
    expect(srv.logs.filter((l) => l.includes('"unknown event"')).length).toBeLessThanOrEqual(20);
    for (const s of sockets) s.close();
  });
});

describe('start-up', () => {
  it('says clearly when DB_PATH cannot be opened, without a stack', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ashir-bad-db-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'signaling-server/main.ts'], {
      env: { ...process.env, PORT: '0', DB_PATH: dir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain(`Cannot open the database at DB_PATH=${dir}`);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(`${dir}.keys`)).toBe(false);
  });
});
