/**
 * The counter session on a real server: a clerk console pairs with a kiosk, the session carries text,
 * real-time drafts, pictograms and the request card between the kiosk, the clerk and the interpreter
 * of the kiosk's call, and nothing of it reaches anyone else or outlives the session.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  clerkAuth,
  connectClient,
  connectWithCookie,
  connectWithState,
  emitRaw,
  interpreterAuth,
  kioskAuth,
  nextEvent,
  recordEvents,
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
  for (const s of sockets.splice(0)) s.disconnect();
  await srv.close();
});

const CARD = {
  flow: 'replace-lost',
  answers: [
    { step: 'document', choice: 'national-id' },
    { step: 'reported', choice: 'yes' },
    { step: 'photo', choice: 'no' },
    { step: 'fee', choice: 'no' },
  ],
};

async function counter(name = 'Counter 3', kioskId?: string) {
  const { socket: kiosk, state } = await connectWithState(
    srv,
    kioskAuth(name, { office: 'Riyadh', counter: '3', ...(kioskId ? { kioskId } : {}) }),
  );
  track(kiosk);
  const first = await state;
  expect(first).toMatchObject({ sessionId: null, clerkName: null, kiosk: null, call: { state: 'none' } });
  expect(first.pairingCode).toMatch(/^\d{6}$/);
  expect(first.idle).toEqual({ idleS: 120, warningS: 30, awayS: 60 });
  const clerk = track(await connectClient(srv, clerkAuth('Sara', { office: 'Riyadh' })));
  return { kiosk, clerk, code: first.pairingCode! };
}

async function pairedSession() {
  const c = await counter();
  const kioskState = nextEvent(c.kiosk, 'session:state');
  expect(await emitRaw(c.clerk, 'session:pair', { code: c.code })).toEqual({
    ok: true,
    kiosk: { name: 'Counter 3', office: 'Riyadh', counter: '3' },
  });
  expect(await kioskState).toMatchObject({ clerkName: 'Sara', sessionId: null });
  const started = nextEvent(c.kiosk, 'session:state');
  const ack = (await emitRaw(c.clerk, 'session:start', {})) as { ok: true; sessionId: string };
  expect((await started).sessionId).toBe(ack.sessionId);
  return { ...c, sessionId: ack.sessionId };
}

async function callInto(kiosk: TestSocket, clerk: TestSocket) {
  const interpreter = track(await connectClient(srv, interpreterAuth('Huda')));
  await emitRaw(interpreter, 'presence:set', { status: 'available' });
  const offered = nextEvent(interpreter, 'call:offer');
  const waiting = nextEvent(clerk, 'session:state');
  await emitRaw(kiosk, 'call:request', {});
  expect((await waiting).call).toEqual({ state: 'waiting', interpreterName: null });
  const { requestId } = await offered;
  const snapshot = nextEvent(interpreter, 'session:snapshot');
  const inCall = nextEvent(clerk, 'session:state');
  await emitRaw(interpreter, 'call:accept', { requestId });
  expect((await inCall).call).toEqual({ state: 'in-call', interpreterName: 'Huda' });
  return { interpreter, snapshot: await snapshot };
}

describe('pairing', () => {
  it('pairs by the code the kiosk shows, never by its configured id, and never twice', async () => {
    const { kiosk, clerk, code } = await counter('Counter 3', 'riyadh-03');
    const wrong = code === '000000' ? '000001' : '000000';
    expect(await emitRaw(clerk, 'session:pair', { code: wrong })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    // The kiosk's configured id is printed on the device: it is no key to the counter.
    expect(await emitRaw(clerk, 'session:pair', { code: 'riyadh-03' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    const rotated = nextEvent(kiosk, 'session:state');
    expect(await emitRaw(clerk, 'session:pair', { code })).toMatchObject({ ok: true });
    // The code is single-use: pairing replaced it on the kiosk's screen.
    const next = (await rotated).pairingCode!;
    expect(next).toMatch(/^\d{6}$/);
    expect(next).not.toBe(code);
    const other = track(await connectClient(srv, clerkAuth('Omar', { office: 'Riyadh' })));
    // A busy kiosk answers like a wrong code: no oracle.
    expect(await emitRaw(other, 'session:pair', { code: next })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    const afterUnpair = nextEvent(kiosk, 'session:state');
    expect(await emitRaw(clerk, 'session:unpair', {})).toEqual({ ok: true });
    const fresh = (await afterUnpair).pairingCode!;
    expect(fresh).not.toBe(next);
    expect(await emitRaw(other, 'session:pair', { code: next })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await emitRaw(other, 'session:pair', { code: fresh })).toMatchObject({ ok: true });
  });

  it("keeps a clerk of one office away from another office's kiosks, with the same answer", async () => {
    const { code } = await counter();
    const elsewhere = track(await connectClient(srv, clerkAuth('Jeddah clerk', { office: 'Jeddah' })));
    const answer = await emitRaw(elsewhere, 'session:pair', { code });
    const wrong = await emitRaw(elsewhere, 'session:pair', { code: code === '999999' ? '999998' : '999999' });
    expect(answer).toMatchObject({ ok: false, code: 'not_found' });
    expect(answer).toEqual(wrong);
    const sameOffice = track(await connectClient(srv, clerkAuth('Riyadh clerk', { office: 'Riyadh' })));
    expect(await emitRaw(sameOffice, 'session:pair', { code })).toMatchObject({ ok: true });
  });

  it('limits pairing attempts per account, across its sockets and reconnects', async () => {
    const { code } = await counter();
    const who = clerkAuth('Guesser', { office: 'Riyadh' });
    const cookie = await srv.cookieFor(who);
    const wrong = code === '000000' ? '000001' : '000000';
    let limited = 0;
    for (let round = 0; round < 4; round++) {
      // A new socket each round: the limit must not reset with the connection.
      const { socket } = await connectWithCookie(srv.url, cookie);
      track(socket);
      for (let i = 0; i < 4; i++) {
        const ack = (await emitRaw(socket, 'session:pair', { code: wrong })) as { code?: string };
        if (ack.code === 'rate_limited') limited++;
      }
      socket.disconnect();
    }
    expect(limited).toBeGreaterThan(0);
    // Even the right code is refused while the account is limited.
    const { socket } = await connectWithCookie(srv.url, cookie);
    track(socket);
    expect(await emitRaw(socket, 'session:pair', { code })).toMatchObject({ code: 'rate_limited' });
  });

  it('lets the citizen start a session without a clerk; a clerk who pairs later gets no history', async () => {
    const { kiosk, clerk, code } = await counter();
    const { sessionId } = (await emitRaw(kiosk, 'session:start', {})) as { sessionId: string };
    await emitRaw(kiosk, 'chat:send', { text: 'رقم هويتي 1234567890' });
    const heard = recordEvents(clerk);
    const state = nextEvent(clerk, 'session:state');
    const kioskState = nextEvent(kiosk, 'session:state');
    await emitRaw(clerk, 'session:pair', { code });
    expect((await state).sessionId).toBe(sessionId);
    // The kiosk always shows which clerk is paired.
    expect((await kioskState).clerkName).toBe('Sara');
    expect(await emitRaw(clerk, 'session:start', {})).toEqual({ ok: true, sessionId });
    expect(heard.filter((e) => e.event === 'session:snapshot')).toEqual([]);
    const line = nextEvent(clerk, 'chat:message');
    await emitRaw(kiosk, 'chat:send', { text: 'مرحبا' });
    expect((await line).text).toBe('مرحبا');
  });

  it('tells the clerk when the kiosk leaves, and ends its session', async () => {
    const { kiosk, clerk, sessionId } = await pairedSession();
    const ended = nextEvent(clerk, 'session:ended');
    const state = nextEvent(clerk, 'session:state');
    kiosk.disconnect();
    expect(await ended).toEqual({ sessionId, reason: 'kiosk_left' });
    expect(await state).toMatchObject({ kiosk: null, sessionId: null });
  });
});

describe('a session', () => {
  it('carries text, drafts, pictograms and the card among kiosk, clerk and interpreter only', async () => {
    const { kiosk, clerk, sessionId } = await pairedSession();
    const bystanders = await counter('Counter 4');
    await emitRaw(bystanders.clerk, 'session:pair', { code: bystanders.code });
    await emitRaw(bystanders.kiosk, 'session:start', {});
    const overheard = [...recordEvents(bystanders.kiosk), ...recordEvents(bystanders.clerk)];

    const draft = nextEvent(clerk, 'chat:draft');
    await emitRaw(kiosk, 'chat:draft', { text: 'فقدت' });
    expect(await draft).toEqual({ sessionId, from: 'kiosk', text: 'فقدت' });

    const atClerk = nextEvent(clerk, 'chat:message');
    const atKiosk = nextEvent(kiosk, 'chat:message');
    expect(await emitRaw(kiosk, 'chat:send', { text: '  فقدت هويتي  ' })).toMatchObject({ ok: true });
    expect(await atClerk).toMatchObject({ sessionId, from: 'kiosk', text: 'فقدت هويتي' });
    expect((await atKiosk).text).toBe('فقدت هويتي');

    const card = nextEvent(clerk, 'card:shared');
    expect(await emitRaw(kiosk, 'card:send', { card: CARD })).toEqual({ ok: true });
    expect(await card).toEqual({ sessionId, card: CARD });

    const shown = nextEvent(kiosk, 'pictogram:shown');
    await emitRaw(clerk, 'pictogram:send', { ids: ['photo', 'fee'] });
    expect(await shown).toMatchObject({ sessionId, from: 'clerk', ids: ['photo', 'fee'] });

    // The interpreter who answers the kiosk's call joins the session with what was said so far.
    const { interpreter, snapshot } = await callInto(kiosk, clerk);
    expect(snapshot).toMatchObject({
      sessionId,
      card: CARD,
      messages: [{ from: 'kiosk', text: 'فقدت هويتي' }],
      pictograms: [{ from: 'clerk', ids: ['photo', 'fee'] }],
    });
    const toKiosk = nextEvent(kiosk, 'chat:message');
    const toClerk = nextEvent(clerk, 'chat:message');
    await emitRaw(interpreter, 'chat:send', { text: 'مرحبا، أنا المترجمة' });
    expect((await toKiosk).from).toBe('interpreter');
    expect((await toClerk).text).toBe('مرحبا، أنا المترجمة');

    expect(overheard.filter((e) => !['session:state'].includes(e.event))).toEqual([]);
  });

  it('is forgotten when it ends: everyone is told, and nothing of it is left', async () => {
    const { kiosk, clerk, sessionId } = await pairedSession();
    await emitRaw(kiosk, 'chat:send', { text: 'رقم هويتي 1234567890' });
    const { interpreter } = await callInto(kiosk, clerk);
    const ended = [kiosk, clerk, interpreter].map((s) => nextEvent(s, 'session:ended'));
    expect(await emitRaw(clerk, 'session:end', { reason: 'done' })).toEqual({ ok: true });
    for (const e of await Promise.all(ended)) expect(e).toEqual({ sessionId, reason: 'done' });
    expect(await emitRaw(kiosk, 'chat:send', { text: 'hello' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await emitRaw(interpreter, 'pictogram:send', { ids: ['yes'] })).toMatchObject({
      code: 'not_found',
    });

    // A new session at the same counter starts empty.
    const fresh = (await emitRaw(kiosk, 'session:start', {})) as { sessionId: string };
    expect(fresh.sessionId).not.toBe(sessionId);
    const unpaired = nextEvent(kiosk, 'session:state');
    await emitRaw(clerk, 'session:unpair', {});
    const { pairingCode } = await unpaired;
    const heard = recordEvents(clerk);
    const state = nextEvent(clerk, 'session:state');
    await emitRaw(clerk, 'session:pair', { code: pairingCode });
    expect((await state).sessionId).toBe(fresh.sessionId);
    // A clerk who pairs during a session is sent no history (and the old session has none to send).
    expect(heard.filter((e) => e.event === 'session:snapshot')).toEqual([]);
    expect(srv.logs.join('\n')).not.toContain('1234567890');
  });

  it('refuses text, pictograms and cards from anyone not at a session', async () => {
    const { kiosk, clerk } = await counter();
    const stranger = track(await connectClient(srv, interpreterAuth('Eve')));
    expect(await emitRaw(kiosk, 'chat:send', { text: 'hi' })).toMatchObject({ code: 'not_found' });
    expect(await emitRaw(clerk, 'chat:send', { text: 'hi' })).toMatchObject({ code: 'not_found' });
    expect(await emitRaw(clerk, 'session:start', {})).toMatchObject({ code: 'not_found' });
    expect(await emitRaw(stranger, 'chat:send', { text: 'hi' })).toMatchObject({ code: 'not_found' });
    expect(await emitRaw(kiosk, 'card:send', { card: CARD })).toMatchObject({ code: 'not_found' });
  });
});
