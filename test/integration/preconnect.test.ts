/**
 * The connection made while an offer rings (#19), on a real server: both ends are told to connect
 * (the kiosk offers, with TURN-less ICE servers here and the media policy), their signalling is
 * relayed only between the kiosk and the interpreter the offer rings at (anyone else, and any
 * request that is not ringing, gets the same "not found": no oracle), on into the call after the
 * accept, and the kiosk is told when the offer ends unanswered.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  callMember,
  connectClient,
  emitRaw,
  nextEvent,
  recordEvents,
  type TestSocket,
} from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let srv: TestServer;
const sockets: TestSocket[] = [];
const connect = async (role: 'kiosk' | 'interpreter', name: string) => {
  const s = await connectClient(srv, callMember(role, name, name));
  sockets.push(s);
  return s;
};
const CANDIDATE = {
  type: 'candidate',
  candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host', sdpMid: '0' },
};
const NOT_FOUND = { ok: false, code: 'not_found', message: 'This call is no longer offered.' };

beforeEach(async () => {
  srv = await startTestServer();
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await srv.close();
});

async function ringing() {
  const huda = await connect('interpreter', 'Huda');
  const kiosk = await connect('kiosk', 'K1');
  await emitRaw(huda, 'presence:set', { status: 'available' });
  const kioskPre = nextEvent(kiosk, 'call:preconnect');
  const hudaPre = nextEvent(huda, 'call:preconnect');
  const { requestId } = (await emitRaw(kiosk, 'call:request', {})) as { requestId: string };
  return { huda, kiosk, requestId, kioskPre: await kioskPre, hudaPre: await hudaPre };
}

it('tells both ends to connect and relays their signalling only between them', async () => {
  const { huda, kiosk, requestId, kioskPre, hudaPre } = await ringing();
  expect(kioskPre).toMatchObject({ requestId, initiator: true, iceServers: expect.any(Array) });
  expect(hudaPre).toMatchObject({ requestId, initiator: false, media: { codec: 'VP8' } });
  const toHuda = nextEvent(huda, 'offer:signal');
  expect(await emitRaw(kiosk, 'offer:signal', { requestId, data: CANDIDATE })).toEqual({ ok: true });
  expect(await toHuda).toEqual({ requestId, data: CANDIDATE });
  const toKiosk = nextEvent(kiosk, 'offer:signal');
  expect(await emitRaw(huda, 'offer:signal', { requestId, data: CANDIDATE })).toEqual({ ok: true });
  expect(await toKiosk).toEqual({ requestId, data: CANDIDATE });

  // Another kiosk, another interpreter, an unknown request: all the same answer, nothing relayed.
  const otherKiosk = await connect('kiosk', 'K2');
  const omar = await connect('interpreter', 'Omar');
  const seenByHuda = recordEvents(huda);
  const seenByKiosk = recordEvents(kiosk);
  expect(await emitRaw(otherKiosk, 'offer:signal', { requestId, data: CANDIDATE })).toEqual(NOT_FOUND);
  expect(await emitRaw(omar, 'offer:signal', { requestId, data: CANDIDATE })).toEqual(NOT_FOUND);
  const unknown = '00000000-0000-4000-8000-000000000000';
  expect(await emitRaw(kiosk, 'offer:signal', { requestId: unknown, data: CANDIDATE })).toEqual(NOT_FOUND);
  expect([...seenByHuda, ...seenByKiosk].filter((e) => e.event === 'offer:signal')).toEqual([]);

  // After the accept a late signal still reaches the other end, through the call.
  const started = nextEvent(kiosk, 'call:start');
  await emitRaw(huda, 'call:accept', { requestId });
  await started;
  const late = nextEvent(kiosk, 'offer:signal');
  expect(await emitRaw(huda, 'offer:signal', { requestId, data: CANDIDATE })).toEqual({ ok: true });
  expect(await late).toEqual({ requestId, data: CANDIDATE });
  expect(await emitRaw(omar, 'offer:signal', { requestId, data: CANDIDATE })).toEqual(NOT_FOUND);
});

it('tells the kiosk when the offer ends unanswered, and relays nothing for it after', async () => {
  const { huda, kiosk, requestId } = await ringing();
  const ended = nextEvent(kiosk, 'call:preconnect-end');
  expect(await emitRaw(huda, 'call:decline', { requestId })).toEqual({ ok: true });
  expect(await ended).toEqual({ requestId });
  expect(await emitRaw(kiosk, 'offer:signal', { requestId, data: CANDIDATE })).toEqual(NOT_FOUND);
  expect(await emitRaw(huda, 'offer:signal', { requestId, data: CANDIDATE })).toEqual(NOT_FOUND);
});
