/**
 * After a call, its members report on it: the interpreter's page sends the received video's quality,
 * each member may rate the call once. Only the call's own members, each thing once, and the answers
 * give nothing away; what they send reaches the record and the wallboard's service level.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  connectClient,
  emitRaw,
  interpreterAuth,
  kioskAuth,
  nextEvent,
  type TestSocket,
} from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { serviceLevelQuery } from '../../signaling-server/store/service-level.ts';

let srv: TestServer;
const sockets: TestSocket[] = [];
beforeEach(async () => {
  srv = await startTestServer({ WRAP_UP_MS: '0' });
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await srv.close();
});

const SUMMARY = {
  fpsP50: 24,
  fpsP5: 14.5,
  heightP50: 480,
  seconds: { good: 45, usable: 10, poor: 5 },
  iceRestarts: 1,
  relayed: false,
};

async function endedCall() {
  const interpreter = await connectClient(srv, interpreterAuth('Huda'));
  const kiosk = await connectClient(srv, kioskAuth('Counter 3'));
  const stranger = await connectClient(srv, interpreterAuth('Stranger'));
  const otherKiosk = await connectClient(srv, kioskAuth('Counter 4'));
  sockets.push(interpreter, kiosk, stranger, otherKiosk);
  await emitRaw(interpreter, 'presence:set', { status: 'available' });
  const offered = nextEvent(interpreter, 'call:offer');
  const started = nextEvent(kiosk, 'call:start');
  const { requestId } = (await emitRaw(kiosk, 'call:request', {})) as { requestId: string };
  await emitRaw(interpreter, 'call:accept', { requestId: (await offered).requestId });
  const { callId } = await started;
  const ended = nextEvent(interpreter, 'call:ended');
  await emitRaw(kiosk, 'call:end', { callId });
  await ended;
  return { interpreter, kiosk, stranger, otherKiosk, callId, requestId };
}

const row = (id: string) =>
  srv.server.store
    .raw!.prepare(
      'SELECT q_fps_p50, q_good_s, q_poor_s, q_ice_restarts, q_relayed, rating_kiosk, rating_interpreter FROM call_requests WHERE id = ?',
    )
    .get(id);

it('takes the quality from the call interpreter only, once, and stores it', async () => {
  const { interpreter, kiosk, stranger, callId, requestId } = await endedCall();
  const live = { callId: 'no-such-call-1', summary: SUMMARY };
  expect(await emitRaw(interpreter, 'call:quality', live)).toMatchObject({ ok: false, code: 'not_found' });
  expect(await emitRaw(stranger, 'call:quality', { callId, summary: SUMMARY })).toMatchObject({
    ok: false,
    code: 'not_found',
  });
  expect(await emitRaw(kiosk, 'call:quality', { callId, summary: SUMMARY })).toMatchObject({
    ok: false,
    code: 'forbidden',
  });
  expect(await emitRaw(interpreter, 'call:quality', { callId, summary: SUMMARY })).toEqual({ ok: true });
  expect(
    await emitRaw(interpreter, 'call:quality', { callId, summary: { ...SUMMARY, iceRestarts: 9 } }),
  ).toMatchObject({
    ok: false,
    code: 'conflict',
  });
  expect(row(requestId)).toMatchObject({
    q_fps_p50: 24,
    q_good_s: 45,
    q_poor_s: 5,
    q_ice_restarts: 1,
    q_relayed: 0,
  });
});

it('takes one rating from each member, none from anyone else, and the service level shows them', async () => {
  const { interpreter, kiosk, stranger, otherKiosk, callId, requestId } = await endedCall();
  for (const s of [stranger, otherKiosk])
    expect(await emitRaw(s, 'call:rate', { callId, rating: 1 })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  expect(await emitRaw(kiosk, 'call:rate', { callId, rating: 3 })).toEqual({ ok: true });
  expect(await emitRaw(kiosk, 'call:rate', { callId, rating: 1 })).toMatchObject({
    ok: false,
    code: 'conflict',
  });
  expect(await emitRaw(interpreter, 'call:rate', { callId, rating: 2 })).toEqual({ ok: true });
  expect(await emitRaw(interpreter, 'call:quality', { callId, summary: SUMMARY })).toEqual({ ok: true });
  expect(row(requestId)).toMatchObject({ rating_kiosk: 3, rating_interpreter: 2 });
  const level = await serviceLevelQuery(srv.server.store.db)(Date.now(), null);
  expect(level).toMatchObject({ citizenRating: 3, connectionRating: 2, goodVideoShare: 0.75 });
});
