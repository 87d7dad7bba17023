/**
 * The authorization matrix: every role (a supervisor may connect but send nothing yet; a socket
 * without a valid identity, or from another origin, is refused) × every event →
 * allowed or denied. The table is written out here, not derived from the code, so it fails when an
 * event is added without a row or a role is let in by mistake.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_EVENTS, type ClientEventName } from '../../src/protocol/index.ts';
import {
  clerkAuth,
  connectClient,
  connectWithCookie,
  refusal,
  emitRaw,
  interpreterAuth,
  kioskAuth,
  type TestSocket,
} from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

type Role = 'kiosk' | 'clerk' | 'interpreter' | 'supervisor';
const ID = 'aaaaaaaa-bbbb-cccc-dddd';

/** Who may send what, and a payload of the right shape for the check. */
const MATRIX: Record<ClientEventName, { allowed: Role[]; payload: object }> = {
  'presence:set': { allowed: ['interpreter'], payload: { status: 'break' } },
  'call:request': { allowed: ['kiosk'], payload: { gender: 'any' } },
  'call:cancel': { allowed: ['kiosk'], payload: { requestId: ID } },
  'call:relax': { allowed: ['kiosk'], payload: { requestId: ID } },
  'call:fallback': { allowed: ['kiosk'], payload: { requestId: ID } },
  'call:accept': { allowed: ['interpreter'], payload: { requestId: ID } },
  'call:decline': { allowed: ['interpreter'], payload: { requestId: ID } },
  'call:signal': {
    allowed: ['kiosk', 'interpreter'],
    payload: { callId: ID, data: { type: 'renegotiate', renegotiate: true } },
  },
  'offer:signal': {
    allowed: ['kiosk', 'interpreter'],
    payload: { requestId: ID, data: { type: 'renegotiate', renegotiate: true } },
  },
  'call:end': { allowed: ['kiosk', 'interpreter'], payload: { callId: ID } },
  'call:resume': {
    allowed: ['kiosk', 'interpreter'],
    payload: { callId: ID, requestId: ID, token: `${'a'.repeat(16)}.${'1'.repeat(13)}.${'a'.repeat(43)}` },
  },
  'call:quality': {
    allowed: ['interpreter'],
    payload: {
      callId: ID,
      summary: {
        fpsP50: 24,
        fpsP5: 15,
        heightP50: 480,
        seconds: { good: 50, usable: 5, poor: 1 },
        iceRestarts: 0,
        relayed: false,
      },
    },
  },
  'call:rate': { allowed: ['kiosk', 'interpreter'], payload: { callId: ID, rating: 3 } },
  'call:transfer': { allowed: ['interpreter'], payload: { callId: ID, reason: 'recusal' } },
  'call:invite': { allowed: ['interpreter'], payload: { callId: ID, deaf: false } },
  'call:join-cancel': { allowed: ['interpreter'], payload: { callId: ID } },
  'call:flowing': { allowed: ['interpreter'], payload: { callId: ID } },
  'call:leave': { allowed: ['interpreter'], payload: { callId: ID } },
  'call:active': { allowed: ['interpreter'], payload: { callId: ID, leg: ID } },
  'call:backchannel': { allowed: ['interpreter'], payload: { callId: ID, text: 'hello' } },
  'kiosk:self-test': { allowed: ['kiosk'], payload: { checks: [{ check: 'camera', status: 'pass' }] } },
  'session:pair': { allowed: ['clerk'], payload: { code: '999999x' } },
  'session:unpair': { allowed: ['clerk'], payload: {} },
  'session:start': { allowed: ['kiosk', 'clerk'], payload: {} },
  'session:end': { allowed: ['kiosk', 'clerk'], payload: { reason: 'done' } },
  'chat:send': { allowed: ['kiosk', 'clerk', 'interpreter'], payload: { text: 'hello' } },
  'chat:draft': { allowed: ['kiosk', 'clerk', 'interpreter'], payload: { text: 'hel' } },
  'pictogram:send': { allowed: ['kiosk', 'clerk', 'interpreter'], payload: { ids: ['yes'] } },
  'card:send': { allowed: ['kiosk'], payload: { card: { flow: 'birth', answers: [] } } },
  'client:rebind': {
    allowed: ['kiosk', 'clerk', 'interpreter'],
    payload: { previousId: 'AAAAAAAAAAAAAAAAAAAA' },
  },
};

let srv: TestServer;
const sockets = {} as Record<Role, TestSocket>;
beforeAll(async () => {
  srv = await startTestServer();
  sockets.kiosk = await connectClient(srv, kioskAuth('Matrix kiosk'));
  sockets.clerk = await connectClient(srv, clerkAuth('Matrix clerk'));
  sockets.interpreter = await connectClient(srv, interpreterAuth('Matrix interpreter'));
  sockets.supervisor = await connectClient(srv, { kind: 'supervisor', name: 'Matrix supervisor' });
});
afterAll(async () => {
  for (const s of Object.values(sockets)) s.disconnect();
  await srv.close();
});

it('has a row for every event of the protocol, and no other', () => {
  expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(CLIENT_EVENTS).sort());
  // The server's table agrees with this one.
  for (const [event, row] of Object.entries(MATRIX))
    expect([...CLIENT_EVENTS[event as ClientEventName].roles].sort(), event).toEqual([...row.allowed].sort());
});

describe.each(Object.entries(MATRIX))('%s', (event, row) => {
  it.each(['kiosk', 'clerk', 'interpreter', 'supervisor'] as const)('from a %s', async (role) => {
    const ack = (await emitRaw(sockets[role], event, row.payload)) as { ok: boolean; code?: string };
    if (row.allowed.includes(role)) expect(ack.code, `${role} may send ${event}`).not.toBe('forbidden');
    else expect(ack, `${role} may not send ${event}`).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

it('lets no socket in without a valid identity, so it can send nothing', async () => {
  expect(await refusal(srv.url, null)).toMatch(/^unauthorized/);
  expect(await refusal(srv.url, 'ashir_session=forged')).toMatch(/^unauthorized/);
  // A signed-out session no longer opens a socket.
  const token = (await srv.provision(interpreterAuth('Signed out'))).value;
  await srv.server.accounts.endSession(token);
  expect(await refusal(srv.url, `ashir_session=${token}`)).toMatch(/^unauthorized/);
});

it('refuses a page of another origin, even with a valid session', async () => {
  const cookie = await srv.cookieFor(interpreterAuth('Hijacked'));
  expect(await refusal(srv.url, cookie, { origin: 'https://evil.example' })).toMatch(
    /^forbidden: this origin/,
  );
  const own = await connectWithCookie(srv.url, cookie, { origin: srv.url });
  own.socket.disconnect();
});
