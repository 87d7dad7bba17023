/**
 * Bad input gets a clear error and changes nothing: every client event, sent garbage by a socket of a
 * role allowed to send it, while a real call is in progress on the same server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { CLIENT_EVENTS, type ClientEventName } from '../../src/protocol/index.ts';
import {
  connectClient,
  connectWithState,
  emitRaw,
  clerkAuth,
  interpreterAuth,
  kioskAuth,
  nextEvent,
  refusal,
  type TestSocket,
} from '../helpers/clients.ts';
import { startTestServer, type TestServer, routing, counters } from '../helpers/server.ts';

const deep = (n: number): unknown => (n === 0 ? {} : { a: deep(n - 1) });

/** Payloads that no event accepts. */
const GARBAGE: Array<[string, unknown]> = [
  ['null', null],
  ['a number', 42],
  ['a string', 'call:end'],
  ['an array', [1, 2, 3]],
  ['a boolean', true],
  ['deep nesting', deep(200)],
  ['a huge string field', { requestId: 'x'.repeat(60_000), callId: 'x'.repeat(100) }],
  ['__proto__ keys', JSON.parse('{"__proto__": {"polluted": true}, "callId": 1}')],
  ['constructor keys', { constructor: { prototype: { polluted: true } } }],
  ['odd unicode ids', { requestId: '\u202e\u0000\ud800', callId: '\ud83d\ude00'.repeat(20) }],
];

/** Per event: payloads of the right outer shape but wrong inside. */
const WRONG_INSIDE: Record<ClientEventName, unknown[]> = {
  'presence:set': [{}, { status: 'busy' }, { status: 'in-call' }, { status: 'available', extra: 1 }],
  'call:request': [
    { extra: true },
    { prefs: 'x' },
    { gender: 'other' },
    { language: 'xx' },
    { gender: null },
    { flow: 'Not A Flow!' },
    { flow: 'x'.repeat(41) },
    { flow: ['birth'] },
  ],
  'call:cancel': [{}, { requestId: 12345678 }, { requestId: 'short' }],
  'call:relax': [
    {},
    { requestId: true },
    { requestId: 'aaaaaaaa-bbbb', drop: 'everything' },
    { requestId: 'aaaaaaaa-bbbb', drop: null },
  ],
  'call:fallback': [{}, { requestId: { $ne: null } }],
  'call:accept': [{}, { requestId: null }, { requestId: '../../etc/passwd' }],
  'call:decline': [{}, { requestId: ['a'] }],
  'offer:signal': [
    {},
    { requestId: 'aaaaaaaa-bbbb' },
    { requestId: 'aaaaaaaa-bbbb', data: { type: 'offer' } },
    { requestId: 'aaaaaaaa-bbbb', data: { type: 'candidate', candidate: 7 } },
    { requestId: 'x'.repeat(500), data: { type: 'renegotiate', renegotiate: true } },
    { requestId: 'aaaaaaaa-bbbb', data: { type: 'renegotiate', renegotiate: true }, callId: 'x' },
  ],
  'call:signal': [
    {},
    { callId: 'aaaaaaaa-bbbb' },
    { callId: 'aaaaaaaa-bbbb', data: { type: 'offer' } },
    { callId: 'aaaaaaaa-bbbb', data: { type: 'offer', sdp: 'x'.repeat(40_000) } },
    { callId: 'aaaaaaaa-bbbb', data: { type: 'candidate', candidate: 'not-an-object' } },
    { callId: 'aaaaaaaa-bbbb', data: { type: 'evil', payload: 1 } },
  ],
  'call:end': [{}, { callId: 7 }, { callId: 'aaaaaaaa-bbbb', reason: 'x' }],
  'call:resume': [
    {},
    { callId: 'aaaaaaaa-bbbb' },
    { callId: 'aaaaaaaa-bbbb', requestId: 'aaaaaaaa-bbbb', token: 'short' },
    { callId: 'aaaaaaaa-bbbb', requestId: 'aaaaaaaa-bbbb', token: 'a'.repeat(43), extra: 1 },
  ],
  'call:quality': [
    {},
    { callId: 'aaaaaaaa-bbbb' },
    { callId: 'aaaaaaaa-bbbb', summary: {} },
    {
      callId: 'aaaaaaaa-bbbb',
      summary: {
        fpsP50: 1e9,
        fpsP5: 1,
        heightP50: 1,
        seconds: { good: 1, usable: 1, poor: 1 },
        iceRestarts: 0,
        relayed: null,
      },
    },
    {
      callId: 'aaaaaaaa-bbbb',
      summary: {
        fpsP50: 1,
        fpsP5: 1,
        heightP50: 1,
        seconds: { good: -1, usable: 1, poor: 1 },
        iceRestarts: 0,
        relayed: null,
      },
    },
  ],
  'call:rate': [
    {},
    { callId: 'aaaaaaaa-bbbb' },
    { callId: 'aaaaaaaa-bbbb', rating: 5 },
    { callId: 'aaaaaaaa-bbbb', rating: '3' },
  ],
  'call:transfer': [
    {},
    { callId: 'aaaaaaaa-bbbb' },
    { callId: 'aaaaaaaa-bbbb', reason: 'bored' },
    { callId: 'aaaaaaaa-bbbb', reason: 'recusal', note: 'x'.repeat(301) },
    { callId: 'aaaaaaaa-bbbb', reason: 'recusal', note: '   ' },
    { callId: 'aaaaaaaa-bbbb', reason: 'recusal', language: 'ase' },
    { callId: 'aaaaaaaa-bbbb', reason: 'language', language: 'xx' },
    { callId: 'aaaaaaaa-bbbb', reason: 'specialty', skills: [] },
    { callId: 'aaaaaaaa-bbbb', reason: 'gender_requested', skills: ['legal'] },
  ],
  'call:invite': [{}, { callId: 'aaaaaaaa-bbbb' }, { callId: 'aaaaaaaa-bbbb', deaf: 'yes' }],
  'call:join-cancel': [{}, { callId: 1 }],
  'kiosk:self-test': [
    {},
    { checks: [] },
    { checks: [{ check: 'coffee', status: 'pass' }] },
    { checks: [{ check: 'camera', status: 'maybe' }] },
    { checks: [{ check: 'camera', status: 'fail', detail: 'x'.repeat(121) }] },
    {
      checks: [
        { check: 'camera', status: 'pass' },
        { check: 'camera', status: 'fail' },
      ],
    },
    { checks: [{ check: 'camera', status: 'pass', image: 'data:image/png;base64,AAAA' }] },
  ],
  'call:flowing': [{}, { callId: null }],
  'call:leave': [{}, { callId: 'aaaaaaaa-bbbb', why: 'x' }],
  'call:active': [{}, { callId: 'aaaaaaaa-bbbb' }, { callId: 'aaaaaaaa-bbbb', leg: '' }],
  'call:backchannel': [
    {},
    { callId: 'aaaaaaaa-bbbb', text: '' },
    { callId: 'aaaaaaaa-bbbb', text: 'x'.repeat(501) },
    { callId: 'aaaaaaaa-bbbb', text: 7 },
  ],
  'session:pair': [{}, { code: '' }, { code: '   ' }, { code: 'x'.repeat(41) }, { code: 123456 }],
  'session:unpair': [{ kioskId: 'x' }],
  'session:start': [{ sessionId: 'aaaaaaaa-bbbb' }],
  'session:end': [{}, { reason: 'bored' }, { reason: 'done', sessionId: 'x' }],
  'chat:send': [{}, { text: '' }, { text: '   ' }, { text: 'x'.repeat(501) }, { text: 5 }, { text: ['hi'] }],
  'chat:draft': [{}, { text: 'x'.repeat(501) }, { text: null }],
  'pictogram:send': [
    {},
    { ids: [] },
    { ids: ['unicorn'] },
    { ids: Array(7).fill('yes') },
    { ids: 'yes' },
    { ids: [{ id: 'yes' }] },
  ],
  'card:send': [
    {},
    { card: { flow: 'birth' } },
    { card: { flow: 'Birth!', answers: [] } },
    { card: { flow: 'birth', answers: Array(13).fill({ step: 'where', choice: 'inside' }) } },
    // The right shape, but not a complete walk of the flow: the desk refuses it.
    { card: { flow: 'birth', answers: [{ step: 'where', choice: 'inside' }] } },
    { card: { flow: 'no-such-flow', answers: [] } },
  ],
  'client:rebind': [{}, { previousId: 'short' }, { previousId: 'a/b'.repeat(8) }, { previousId: 7 }],
};

let srv: TestServer;
let kiosk: TestSocket;
let interpreter: TestSocket;
let clerk: TestSocket;
let callId: string;
const extra: TestSocket[] = [];

const connectKiosk = async () => {
  const connected = await connectWithState(srv, kioskAuth('Counter 1'));
  kiosk = connected.socket;
  return connected.state;
};
const everything = () => ({ ...routing(srv.server), ...counters(srv.server) });

beforeAll(async () => {
  // This file sends thousands of messages on purpose; the rate limit has its own test (limits.test.ts).
  // RECOVERY_WINDOW_MS 0: the socket this file's oversized message drops is forgotten at once.
  srv = await startTestServer({
    RATE_LIMIT_PER_S: '10000',
    RATE_LIMIT_BURST: '10000',
    RECOVERY_WINDOW_MS: '0',
  });
  interpreter = await connectClient(srv, interpreterAuth('Huda'));
  const counter = await connectKiosk();
  clerk = await connectClient(srv, clerkAuth('Sara'));
  await emitRaw(clerk, 'session:pair', { code: (await counter).pairingCode });
  await emitRaw(clerk, 'session:start', {});
  await emitRaw(interpreter, 'presence:set', { status: 'available' });
  const offered = nextEvent(interpreter, 'call:offer');
  await emitRaw(kiosk, 'call:request', {});
  const { requestId } = await offered;
  callId = ((await emitRaw(interpreter, 'call:accept', { requestId })) as { callId: string }).callId;
});
afterAll(async () => {
  for (const s of [kiosk, interpreter, clerk, ...extra]) s.disconnect();
  await srv.close();
});

const senders = (event: ClientEventName) =>
  (CLIENT_EVENTS[event].roles as readonly string[]).map((role) =>
    role === 'kiosk' ? kiosk : role === 'clerk' ? clerk : interpreter,
  );

describe.each(Object.keys(CLIENT_EVENTS) as ClientEventName[])('%s', (event) => {
  it('answers garbage with bad_request and changes nothing', async () => {
    const before = everything();
    for (const socket of senders(event)) {
      for (const [label, payload] of [
        ...GARBAGE,
        ...WRONG_INSIDE[event].map((p) => ['wrong inside', p] as const),
      ]) {
        const ack = await emitRaw(socket, event, payload);
        expect(ack, `${event} with ${label}`).toMatchObject({ ok: false, code: 'bad_request' });
        expect((ack as { message: string }).message.length).toBeLessThanOrEqual(320);
      }
      expect(await emitRaw(socket, event), `${event} with no payload`).toMatchObject({ code: 'bad_request' });
      expect(await emitRaw(socket, event, {}, {}), `${event} with two payloads`).toMatchObject({
        code: 'bad_request',
      });
      (socket as unknown as Socket).emit(event, {}); // no ack at all: must not throw on the server
    }
    expect(everything()).toEqual(before);
  });

  it('is refused to a role that may not send it, and only to that role', async () => {
    const allowed = CLIENT_EVENTS[event].roles as readonly string[];
    for (const [role, socket] of [
      ['kiosk', kiosk],
      ['interpreter', interpreter],
      ['clerk', clerk],
    ] as const) {
      const ack = (await emitRaw(socket, event, { status: 'nonsense', gender: 'nonsense' })) as {
        code?: string;
      };
      if (allowed.includes(role)) expect(ack.code, `${role} may send ${event}`).toBe('bad_request');
      else expect(ack, `${role} may not send ${event}`).toMatchObject({ ok: false, code: 'forbidden' });
    }
  });
});

describe('outside the event map', () => {
  it('answers an unknown event with unknown_event', async () => {
    expect(await emitRaw(kiosk, 'admin:drop-all', {})).toMatchObject({ ok: false, code: 'unknown_event' });
    expect(await emitRaw(kiosk, '__proto__', {})).toMatchObject({ ok: false, code: 'unknown_event' });
  });

  it('logs a 60,000-character event name as a short one', async () => {
    const before = srv.logs.join('\n').length;
    const name = 'x'.repeat(60_000);
    const ack = (await emitRaw(kiosk, name, {})) as { code: string; message: string };
    expect(ack.code).toBe('unknown_event');
    expect(ack.message.length).toBeLessThan(100);
    expect(srv.logs.join('\n').length - before).toBeLessThan(2_000);
  });

  it('refuses a socket without a valid credential, with a clear reason', async () => {
    for (const cookie of [
      null,
      'ashir_session=not-a-token',
      'ashir_device=not-a-credential',
      `ashir_session=${'x'.repeat(300)}`,
      'ashir_session=; ashir_device=',
      'other=1',
    ])
      expect(await refusal(srv.url, cookie), String(cookie)).toMatch(/^unauthorized: sign in first/);
  });

  it('drops a message larger than 64 KB without harming anyone else', async () => {
    const big = await connectClient(srv, kioskAuth('Big'));
    extra.push(big);
    const closed = new Promise((resolve) => big.once('disconnect', resolve));
    (big as unknown as Socket).emit('call:request', { blob: 'x'.repeat(100_000) });
    expect(await closed).toBe('transport close');
  });

  it('keeps the existing call working after all of the above', async () => {
    const delivered = nextEvent(interpreter, 'call:signal');
    expect(await emitRaw(kiosk, 'call:signal', { callId, data: { type: 'offer', sdp: 'v=0\r\n' } })).toEqual({
      ok: true,
    });
    expect((await delivered).callId).toBe(callId);
    await expect
      .poll(everything)
      .toEqual({ queued: 0, calls: 1, available: 0, kiosks: 1, clerks: 1, sessions: 1 });
  });
});
