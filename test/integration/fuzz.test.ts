/**
 * Fuzzing with fast-check: thousands of random and malformed payloads for every event from every role
 * (wrong types, missing and extra fields, huge strings, deep nesting, __proto__/constructor keys, odd
 * Unicode). The server stays up, answers each with an ack whose error code is one of the protocol's,
 * a call in progress beside it is untouched, and its memory does not keep growing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { CLIENT_EVENTS, ERROR_CODES, type ClientEventName } from '../../src/protocol/index.ts';
import {
  clerkAuth,
  connectClient,
  emitRaw,
  interpreterAuth,
  kioskAuth,
  nextEvent,
  type TestSocket,
} from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const EVENTS = Object.keys(CLIENT_EVENTS) as ClientEventName[];
const KEYS = [
  'requestId',
  'callId',
  'status',
  'gender',
  'language',
  'data',
  'code',
  'reason',
  'text',
  'ids',
  'card',
];

const oddString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('\u202e\u0000', '\ud800', '🙂'.repeat(30), '__proto__', 'constructor'),
);
/** One huge field (the whole message stays under the 64 KB limit, which has its own test). */
const huge = fc
  .tuple(fc.constantFrom(...KEYS), fc.integer({ min: 1000, max: 60_000 }))
  .map(([key, n]) => ({ [key]: 'ب'.repeat(n / 2) }));
const leaf = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), oddString);
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('tree'), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), oddString), tie('tree'), { maxKeys: 5 }),
}));
const deep = fc.integer({ min: 50, max: 400 }).map((n) => {
  let v: unknown = {};
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
});
const poisoned = fc.constantFrom(
  JSON.parse('{"__proto__": {"ok": true, "role": "interpreter"}}'),
  { constructor: { prototype: { polluted: true } } },
  JSON.parse('{"text": "x", "__proto__": {"text": "y"}}'),
);
/** Payloads of the right outer shape with something wrong inside: known keys, random values. */
const nearMiss = fc.dictionary(fc.constantFrom(...KEYS), tree, { minKeys: 1, maxKeys: 3 });
const payload = fc.oneof(tree, deep, poisoned, nearMiss, huge, fc.constant(undefined));

let srv: TestServer;
let fuzzers: Record<'kiosk' | 'clerk' | 'interpreter', TestSocket>;
let callKiosk: TestSocket;
let callInterpreter: TestSocket;
let callId: string;

beforeAll(async () => {
  srv = await startTestServer({ RATE_LIMIT_PER_S: '10000', RATE_LIMIT_BURST: '10000' });
  callInterpreter = await connectClient(srv, interpreterAuth('Bystander interpreter'));
  callKiosk = await connectClient(srv, kioskAuth('Bystander kiosk'));
  await emitRaw(callInterpreter, 'presence:set', { status: 'available' });
  const offered = nextEvent(callInterpreter, 'call:offer');
  await emitRaw(callKiosk, 'call:request', {});
  callId = (
    (await emitRaw(callInterpreter, 'call:accept', { requestId: (await offered).requestId })) as {
      callId: string;
    }
  ).callId;
  fuzzers = {
    kiosk: await connectClient(srv, kioskAuth('Fuzz kiosk')),
    clerk: await connectClient(srv, clerkAuth('Fuzz clerk')),
    interpreter: await connectClient(srv, interpreterAuth('Fuzz interpreter')),
  };
});
afterAll(async () => {
  for (const s of [callKiosk, callInterpreter, ...Object.values(fuzzers ?? {})]) s?.disconnect();
  await srv.close();
});

/** One round: `runs` random (event, role, payload) triples; every ack checked. */
async function round(runs: number): Promise<number> {
  let sent = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...EVENTS),
      fc.constantFrom('kiosk', 'clerk', 'interpreter' as const),
      payload,
      async (event, role, body) => {
        const ack = (await emitRaw(fuzzers[role], event, body)) as {
          ok: boolean;
          code?: string;
          message?: string;
        };
        sent++;
        if (ack.ok === true) return; // a random payload may be valid ({} starts a session)
        expect(ack.ok).toBe(false);
        expect(ERROR_CODES).toContain(ack.code);
        expect(typeof ack.message).toBe('string');
      },
    ),
    { numRuns: runs, endOnFailure: true },
  );
  return sent;
}

const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

it('answers thousands of random payloads with typed errors, and stays up, bounded', async () => {
  let sent = await round(1500); // warm-up: code paths, caches, the sockets' buffers
  const before = heapMb();
  for (let i = 0; i < 3; i++) sent += await round(1500);
  const after = heapMb();
  expect(sent).toBe(6000);
  // The server (in this process) and the test's clients together may not grow by more than a few MB.
  expect(after - before).toBeLessThan(8);

  // The call beside all this still relays, and the server still answers health checks.
  const delivered = nextEvent(callInterpreter, 'call:signal');
  expect(
    await emitRaw(callKiosk, 'call:signal', { callId, data: { type: 'offer', sdp: 'v=0\r\n' } }),
  ).toEqual({
    ok: true,
  });
  expect((await delivered).callId).toBe(callId);
  expect((await fetch(`${srv.url}/healthz`)).ok).toBe(true);
  expect(srv.logs.some((l) => l.includes('"level":50') || l.includes('handler failed'))).toBe(false);
}, 180_000);
