import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  callMember,
  connectClient,
  emitRaw,
  nextEvent,
  recordEvents,
  type TestSocket,
} from '../helpers/clients.ts';
import { startTestServer, type TestServer, routing } from '../helpers/server.ts';
import type { Who } from '../helpers/accounts.ts';

let srv: TestServer;
const sockets: TestSocket[] = [];
const connect = async (role: 'kiosk' | 'interpreter', name: string) => {
  const s = await connectClient(srv, callMember(role, name));
  sockets.push(s);
  return s;
};

beforeEach(async () => {
  srv = await startTestServer();
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await srv.close();
});

/** Kiosk requests, interpreter accepts: returns both sockets and the call id. */
async function establishCall() {
  const interpreter = await connect('interpreter', 'Huda');
  const kiosk = await connect('kiosk', 'Counter 3');
  expect(await emitRaw(interpreter, 'presence:set', { status: 'available' })).toEqual({
    ok: true,
    status: 'available',
  });
  const offered = nextEvent(interpreter, 'call:offer');
  const requested = (await emitRaw(kiosk, 'call:request', {})) as {
    ok: true;
    requestId: string;
    position: number;
  };
  expect(requested).toMatchObject({ ok: true, position: 1 });
  const offer = await offered;
  expect(offer).toMatchObject({
    requestId: requested.requestId,
    context: { kioskName: 'Counter 3', office: 'Riyadh', counter: '3', gender: 'any', language: 'sdl' },
  });
  const kioskStart = nextEvent(kiosk, 'call:start');
  const interpreterStart = nextEvent(interpreter, 'call:start');
  const accepted = (await emitRaw(interpreter, 'call:accept', { requestId: offer.requestId })) as {
    callId: string;
  };
  const [ks, is] = await Promise.all([kioskStart, interpreterStart]);
  expect(ks).toMatchObject({ callId: accepted.callId, initiator: true, peerName: 'Huda' });
  expect(is).toMatchObject({ callId: accepted.callId, initiator: false, peerName: 'Counter 3' });
  return { kiosk, interpreter, callId: accepted.callId };
}

describe('a whole call through a real server', () => {
  it('offers, accepts, relays signals both ways, and ends for both sides', async () => {
    const { kiosk, interpreter, callId } = await establishCall();

    const atInterpreter = nextEvent(interpreter, 'call:signal');
    const offerSdp = { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' };
    expect(await emitRaw(kiosk, 'call:signal', { callId, data: offerSdp })).toEqual({ ok: true });
    // The signal says whose leg it came from (a call of more than two is a mesh of pairs).
    const fromKiosk = await atInterpreter;
    expect(fromKiosk).toEqual({ callId, data: offerSdp, from: expect.any(String) });

    const atKiosk = nextEvent(kiosk, 'call:signal');
    const candidate = {
      type: 'candidate',
      candidate: {
        candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host',
        sdpMLineIndex: 0,
        sdpMid: '0',
      },
    };
    expect(await emitRaw(interpreter, 'call:signal', { callId, data: candidate })).toEqual({ ok: true });
    const fromInterpreter = await atKiosk;
    expect(fromInterpreter).toEqual({ callId, data: candidate, from: expect.any(String) });
    expect(fromInterpreter.from).not.toBe(fromKiosk.from);

    const ended = nextEvent(interpreter, 'call:ended');
    const backToAvailable = nextEvent(interpreter, 'presence:changed');
    expect(await emitRaw(kiosk, 'call:end', { callId })).toEqual({ ok: true });
    expect(await ended).toEqual({ callId, reason: 'peer_hangup' });
    expect(await backToAvailable).toMatchObject({ status: 'wrap-up' });
    // The call is gone: signals and a second end are refused.
    expect(await emitRaw(kiosk, 'call:signal', { callId, data: offerSdp })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await emitRaw(interpreter, 'call:end', { callId })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });

  it('a disconnect ends the call and tells the other side', async () => {
    const { kiosk, interpreter, callId } = await establishCall();
    const ended = nextEvent(kiosk, 'call:ended');
    interpreter.disconnect();
    expect(await ended).toMatchObject({ callId, reason: 'peer_disconnected', requeued: { position: 1 } });
    // The kiosk is back at the head of the queue, waiting for another interpreter.
    expect(routing(srv.server)).toEqual({ queued: 1, calls: 0, available: 0 });
  });

  it('a declined request goes to the next interpreter, and queues when nobody is left', async () => {
    const first = await connect('interpreter', 'First');
    await emitRaw(first, 'presence:set', { status: 'available' });
    const second = await connect('interpreter', 'Second');
    await emitRaw(second, 'presence:set', { status: 'available' });
    const kiosk = await connect('kiosk', 'Counter 1');

    const firstOffer = nextEvent(first, 'call:offer');
    await emitRaw(kiosk, 'call:request', {});
    const { requestId } = await firstOffer;
    const secondOffer = nextEvent(second, 'call:offer');
    expect(await emitRaw(first, 'call:decline', { requestId })).toEqual({ ok: true });
    expect((await secondOffer).requestId).toBe(requestId);

    const queued = nextEvent(kiosk, 'call:status');
    await emitRaw(second, 'call:decline', { requestId });
    expect(await queued).toEqual({ requestId, state: 'queued', position: 1, estimatedWaitS: null });
    // The first interpreter declined it once; it is not offered to them again.
    expect(routing(srv.server)).toEqual({ queued: 1, calls: 0, available: 2 });
  });

  it('a kiosk may cancel while the interpreter rings, and the interpreter is told', async () => {
    const interpreter = await connect('interpreter', 'Huda');
    await emitRaw(interpreter, 'presence:set', { status: 'available' });
    const kiosk = await connect('kiosk', 'Counter 1');
    const offered = nextEvent(interpreter, 'call:offer');
    await emitRaw(kiosk, 'call:request', {});
    const { requestId } = await offered;
    const withdrawn = nextEvent(interpreter, 'call:offer-withdrawn');
    expect(await emitRaw(kiosk, 'call:cancel', { requestId })).toEqual({ ok: true });
    expect(await withdrawn).toEqual({ requestId, reason: 'cancelled' });
    expect(await emitRaw(interpreter, 'call:accept', { requestId })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });

  it('serves /healthz (no live counts: those are for supervisors) and answers unknown paths with a JSON 404', async () => {
    const health = await fetch(`${srv.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, status: 'ok' });
    const supervisor = {
      headers: { cookie: await srv.cookieFor({ kind: 'supervisor', name: 'Supervisor' }) },
    };
    const status = await fetch(`${srv.url}/api/status`, supervisor);
    expect(await status.json()).toMatchObject({ ok: true, queued: 0, calls: 0, available: 0 });
    const nosy: Array<Who | null> = [
      null,
      { kind: 'interpreter', name: 'Nosy', gender: 'female', languages: ['sdl'] },
      { kind: 'clerk', name: 'Nosy' },
    ];
    for (const who of nosy) {
      const refused = await fetch(
        `${srv.url}/api/status`,
        who ? { headers: { cookie: await srv.cookieFor(who) } } : {},
      );
      expect(refused.status, JSON.stringify(who)).toBe(who ? 403 : 401);
      expect(JSON.stringify(await refused.json())).not.toMatch(/queued|calls|available/);
    }
    const stats = await fetch(`${srv.url}/api/stats`, {
      headers: { cookie: await srv.cookieFor({ kind: 'supervisor', name: 'Supervisor' }) },
    });
    expect(await stats.json()).toMatchObject({
      requests: 0,
      answered: 0,
      queueLength: 0,
      interpretersAvailable: 0,
    });
    expect(health.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const missing = await fetch(`${srv.url}/nope`);
    expect(missing.status).toBe(404);
  });
});

describe('isolation: a socket outside a call', () => {
  it('can neither receive nor inject the signals of a call it is not in', async () => {
    const { kiosk, interpreter, callId } = await establishCall();
    const intruderKiosk = await connect('kiosk', 'Mallory');
    const intruderInterpreter = await connect('interpreter', 'Eve');
    const heardByKiosk = recordEvents(intruderKiosk);
    const heardByInterpreter = recordEvents(intruderInterpreter);
    const kioskHeard = recordEvents(kiosk);
    const interpreterHeard = recordEvents(interpreter);

    const sdp = { type: 'offer', sdp: 'v=0\r\n' };
    for (const intruder of [intruderKiosk, intruderInterpreter]) {
      expect(await emitRaw(intruder, 'call:signal', { callId, data: sdp })).toMatchObject({
        ok: false,
        code: 'not_found',
      });
      expect(await emitRaw(intruder, 'call:end', { callId })).toMatchObject({ ok: false, code: 'not_found' });
    }
    // Real traffic of the call, to prove the intruders would have seen it if it leaked.
    const delivered = nextEvent(interpreter, 'call:signal');
    await emitRaw(kiosk, 'call:signal', { callId, data: sdp });
    await delivered;
    const roundTrip = nextEvent(kiosk, 'call:signal');
    await emitRaw(interpreter, 'call:signal', { callId, data: { type: 'answer', sdp: 'v=0\r\n' } });
    await roundTrip;

    expect(heardByKiosk).toEqual([]);
    expect(heardByInterpreter).toEqual([]);
    expect(kioskHeard.filter((e) => e.event !== 'call:signal')).toEqual([]);
    expect(interpreterHeard.filter((e) => e.event !== 'call:signal')).toEqual([]);
    expect(routing(srv.server).calls).toBe(1);
  });
});
