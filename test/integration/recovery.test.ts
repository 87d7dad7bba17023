/**
 * Recovery on a real server: a socket that drops briefly comes back with its id, its call and what
 * it missed (Socket.IO connection state recovery); after a server restart both members re-attach to
 * their call with the resume tokens from call:start, and the call ends cleanly from either side.
 */
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import {
  clerkAuth,
  connectWithCookie,
  emitRaw,
  interpreterAuth,
  kioskAuth,
  nextEvent,
  type TestSocket,
} from '../helpers/clients.ts';
import { startTestServer, type TestServer, routing } from '../helpers/server.ts';
import { RESUME_TOKEN_PATTERN } from '../../src/protocol/index.ts';

const servers: TestServer[] = [];
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  for (const s of servers.splice(0)) await s.close().catch(() => undefined);
});

async function start(env: Record<string, string> = {}, dbPath?: string) {
  const srv = await startTestServer({ RECOVERY_WINDOW_MS: '2000', ...env }, dbPath);
  servers.push(srv);
  return srv;
}
async function connect(url: string, cookie: string) {
  const { socket } = await connectWithCookie(url, cookie, {}, true);
  sockets.push(socket);
  return socket;
}

/** A call between a kiosk and an interpreter; returns the sockets, cookies and both call:starts. */
async function call(srv: TestServer) {
  const cookies = {
    interpreter: await srv.cookieFor(interpreterAuth('Huda')),
    kiosk: await srv.cookieFor(kioskAuth('Counter 3')),
  };
  const interpreter = await connect(srv.url, cookies.interpreter);
  const kiosk = await connect(srv.url, cookies.kiosk);
  await emitRaw(interpreter, 'presence:set', { status: 'available' });
  const offered = nextEvent(interpreter, 'call:offer');
  await emitRaw(kiosk, 'call:request', {});
  const starts = [nextEvent(kiosk, 'call:start'), nextEvent(interpreter, 'call:start')];
  await emitRaw(interpreter, 'call:accept', { requestId: (await offered).requestId });
  const [ks, is] = await Promise.all(starts);
  return { kiosk, interpreter, cookies, ks: ks!, is: is! };
}

const offer = (callId: string) => ({ callId, data: { type: 'offer' as const, sdp: 'v=0\r\n' } });

describe('a brief drop', () => {
  it('gives the socket back its id, its call, and the signals it missed', async () => {
    const srv = await start();
    const { kiosk, interpreter, ks } = await call(srv);
    const id = kiosk.id;
    const back = new Promise<void>((resolve) => kiosk.once('connect', () => resolve()));
    kiosk.io.engine.close(); // the network drops: the client sees "transport close" and reconnects
    await emitRaw(interpreter, 'call:signal', offer(ks.callId)); // sent while the kiosk is away
    const missed = nextEvent(kiosk, 'call:signal');
    await back;
    expect(kiosk.recovered).toBe(true);
    expect(kiosk.id).toBe(id);
    expect((await missed).callId).toBe(ks.callId);
    expect(await emitRaw(kiosk, 'call:signal', offer(ks.callId))).toEqual({ ok: true });
    expect(routing(srv.server)).toMatchObject({ calls: 1 });
    expect(await emitRaw(kiosk, 'call:end', { callId: ks.callId })).toEqual({ ok: true });
  });
});

describe('authentication after a drop', () => {
  it('authenticates and origin-checks a recovering socket again', async () => {
    const srv = await start();
    const { kiosk } = await call(srv);
    const refused = new Promise<{ code?: string }>((resolve) =>
      kiosk.once('connect_error', (err) => resolve((err as Error & { data?: { code?: string } }).data ?? {})),
    );
    // The same socket comes back with no cookie, from another site's page.
    kiosk.io.opts.extraHeaders = { origin: 'http://evil.example' };
    kiosk.io.engine.close();
    expect((await refused).code).toBe('forbidden');
    expect(kiosk.connected).toBe(false);
    kiosk.io.opts.reconnection = false;
  });

  it('ends the open sockets of a person who signs out', async () => {
    const srv = await start();
    const cookie = await srv.cookieFor(clerkAuth('Sara'));
    const clerk = await connect(srv.url, cookie);
    const gone = new Promise<string>((resolve) => clerk.once('disconnect', (reason) => resolve(reason)));
    clerk.io.opts.reconnection = false;
    const out = await fetch(`${srv.url}/api/session`, {
      method: 'DELETE',
      headers: { cookie, origin: srv.url },
    });
    expect(out.status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    await expect(connectWithCookie(srv.url, cookie)).rejects.toMatchObject({
      data: { code: 'unauthorized' },
    });
  });
});

describe('a resume token', () => {
  it('cannot reopen a call that ended, and a replay changes no record', async () => {
    const srv = await start();
    const { kiosk, interpreter, ks, is } = await call(srv);
    expect(await emitRaw(interpreter, 'call:end', { callId: is.callId })).toEqual({ ok: true });
    const row = () =>
      srv.server.store
        .raw!.prepare('SELECT outcome, end_reason, ended_at FROM call_requests WHERE id = ?')
        .get(ks.requestId);
    const ended = row();
    for (const [socket, start] of [
      [kiosk, ks],
      [interpreter, is],
    ] as const)
      expect(
        await emitRaw(socket, 'call:resume', {
          callId: start.callId,
          requestId: start.requestId,
          token: start.resumeToken,
        }),
      ).toMatchObject({ ok: false, code: 'not_found' });
    expect(row()).toEqual(ended);
    // The interpreter was not put back in a call: presence works as after any call.
    expect(await emitRaw(interpreter, 'presence:set', { status: 'available' })).toMatchObject({ ok: true });
    expect(routing(srv.server).calls).toBe(0);
  });
});

describe('a server restart', () => {
  it('lets both members re-attach to their call, which then ends cleanly', async () => {
    const first = await start();
    const { cookies, ks, is } = await call(first);
    expect(ks.resumeToken).toMatch(RESUME_TOKEN_PATTERN);
    await first.close();
    servers.splice(0);

    const second = await start({}, first.dbPath);
    const kiosk = await connect(second.url, cookies.kiosk);
    const interpreter = await connect(second.url, cookies.interpreter);
    const resume = (s: TestSocket, st: typeof ks) =>
      emitRaw(s, 'call:resume', { callId: st.callId, requestId: st.requestId, token: st.resumeToken });
    // A token is bound to its member: the kiosk cannot use the interpreter's.
    expect(
      await emitRaw(kiosk, 'call:resume', {
        callId: is.callId,
        requestId: is.requestId,
        token: is.resumeToken,
      }),
    ).toMatchObject({
      code: 'not_found',
    });
    expect(await resume(kiosk, ks)).toEqual({ ok: true });
    expect(await resume(interpreter, is)).toEqual({ ok: true });
    const relayed = nextEvent(interpreter, 'call:signal');
    expect(await emitRaw(kiosk, 'call:signal', offer(ks.callId))).toEqual({ ok: true });
    expect((await relayed).callId).toBe(ks.callId);

    const ended = nextEvent(kiosk, 'call:ended');
    expect(await emitRaw(interpreter, 'call:end', { callId: is.callId })).toEqual({ ok: true });
    expect(await ended).toMatchObject({ callId: ks.callId, reason: 'peer_hangup' });
    await second.close();
    servers.splice(0);
    const db = new Database(first.dbPath, { readonly: true });
    const row = db.prepare('SELECT outcome, end_reason FROM call_requests WHERE id = ?').get(ks.requestId);
    db.close();
    expect(row).toEqual({ outcome: 'answered', end_reason: 'hangup' });
  });

  it('takes no token from before the last restart (a token names the run that issued it)', async () => {
    const first = await start();
    const { cookies, ks } = await call(first);
    await first.close();
    servers.splice(0);
    // A restart nobody resumed in, then another: the call's token is from two runs ago.
    await (await start({}, first.dbPath)).close();
    servers.splice(0);
    const third = await start({}, first.dbPath);
    const kiosk = await connect(third.url, cookies.kiosk);
    const token = { callId: ks.callId, requestId: ks.requestId, token: ks.resumeToken };
    expect(await emitRaw(kiosk, 'call:resume', token)).toMatchObject({ ok: false, code: 'not_found' });
    expect(routing(third.server).calls).toBe(0);
  });

  it('ends a resumed call whose other member never comes back', async () => {
    const first = await start();
    const { cookies, ks } = await call(first);
    await first.close();
    servers.splice(0);
    const second = await start({ RECOVERY_WINDOW_MS: '500' }, first.dbPath);
    const kiosk = await connect(second.url, cookies.kiosk);
    const ended = nextEvent(kiosk, 'call:ended');
    expect(
      await emitRaw(kiosk, 'call:resume', {
        callId: ks.callId,
        requestId: ks.requestId,
        token: ks.resumeToken,
      }),
    ).toEqual({
      ok: true,
    });
    // The interpreter never came back: the citizen is told and put back at the head of the queue.
    expect(await ended).toMatchObject({
      callId: ks.callId,
      reason: 'peer_disconnected',
      requeued: { position: 1 },
    });
  });
});
