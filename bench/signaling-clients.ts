/**
 * The client side of bench:signaling, in its own process: connects one socket.io-client per cookie
 * (BENCH_COOKIES_FILE: CALLS kiosks, CALLS interpreters, then idle accounts), says "connected" on stdout,
 * waits while the server's memory is read, sets up CALLS calls, then relays BENCH_RATE candidates a
 * second for BENCH_SECONDS between the calls' members and prints one JSON line: sockets connected,
 * relay latency p50/p99 (both ends are here: one clock), errors (connect failures, refused acks,
 * relays that never arrived, calls that did not start).
 */
import { readFileSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/protocol/index.ts';
import { percentile } from './stats.ts';

type Sock = Socket<ServerToClientEvents, ClientToServerEvents>;
const url = process.env.BENCH_URL!;
const CALLS = Number(process.env.BENCH_CALLS);
const RATE = Number(process.env.BENCH_RATE);
const SECONDS = Number(process.env.BENCH_SECONDS);
const cookies = JSON.parse(readFileSync(process.env.BENCH_COOKIES_FILE!, 'utf8')) as string[];
let errors = 0;
const why = { connect: 0, presence: 0, request: 0, notStarted: 0, refused: 0, lost: 0 };

function connect(cookie: string): Promise<Sock | null> {
  const s: Sock = io(url, {
    extraHeaders: { cookie },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 60_000,
  });
  return new Promise((resolve) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', () => {
      errors++;
      why.connect++;
      resolve(null);
    });
  });
}

const sockets: Array<Sock | null> = [];
for (let i = 0; i < cookies.length; i += 100)
  sockets.push(...(await Promise.all(cookies.slice(i, i + 100).map(connect))));
const connected = sockets.filter((s) => s !== null).length;
console.log(JSON.stringify({ connected }));
await new Promise((r) => setTimeout(r, 12_000)); // the server's memory is read meanwhile

const kiosks = sockets.slice(0, CALLS);
const interpreters = sockets.slice(CALLS, 2 * CALLS);
const emitAck = <T>(s: Sock, event: string, payload: object): Promise<T> =>
  (s.timeout(30_000).emitWithAck as (e: string, p: object) => Promise<T>)(event, payload).catch(
    () => ({ ok: false }) as T,
  );

// The calls: every interpreter available, every kiosk asks, every offer accepted.
const callOf = new Map<number, string>();
const started = new Promise<void>((resolve) => {
  kiosks.forEach((k, i) =>
    k?.on('call:start', (start) => {
      callOf.set(i, start.callId);
      if (callOf.size === CALLS) resolve();
    }),
  );
  setTimeout(resolve, 60_000);
});
/** Which interpreter is in which call (routing picks them: not the same index as the kiosk). */
const interpreterOf = new Map<string, Sock>();
for (const s of interpreters) {
  s?.on('call:start', (start) => interpreterOf.set(start.callId, s));
  s?.on('call:offer', (offer) => void emitAck(s, 'call:accept', { requestId: offer.requestId }));
  if (s && !(await emitAck<{ ok: boolean }>(s, 'presence:set', { status: 'available' })).ok) {
    errors++;
    why.presence++;
  }
}
await Promise.all(
  kiosks.map(async (k) => k && !(await emitAck<{ ok: boolean }>(k, 'call:request', {})).ok && errors++),
);
await started;
errors += CALLS - callOf.size;
why.notStarted = CALLS - callOf.size;

// The relay: a trickle candidate carries its number; the receiver looks up when it was sent.
const sentAt = new Map<number, number>();
const codes = new Map<string, number>();
const latencies: number[] = [];
const onSignal = (p: { data: { type: string; candidate?: { candidate: string } } }) => {
  const seq = Number(/^candidate:(\d+) /.exec(p.data.candidate?.candidate ?? '')?.[1]);
  const at = sentAt.get(seq);
  if (at === undefined) return;
  sentAt.delete(seq);
  latencies.push(performance.now() - at);
};
for (const s of [...kiosks, ...interpreters]) s?.on('call:signal', onSignal);
const calls = [...callOf.keys()];
let seq = 0;
const perTick = RATE / 100;
let owed = 0;
const tick = setInterval(() => {
  owed += perTick;
  for (; owed >= 1; owed--) {
    const n = seq++;
    const i = calls[n % calls.length]!;
    const from = Math.floor(n / calls.length) % 2 === 0 ? kiosks[i] : interpreterOf.get(callOf.get(i)!);
    if (!from) continue;
    sentAt.set(n, performance.now());
    const candidate = `candidate:${n} 1 udp 2122260223 192.0.2.1 ${10_000 + (n % 50_000)} typ host`;
    void emitAck<{ ok: boolean; code?: string }>(from, 'call:signal', {
      callId: callOf.get(i)!,
      data: { type: 'candidate', candidate: { candidate, sdpMid: '0', sdpMLineIndex: 0 } },
    }).then((r) => {
      if (r.ok) return;
      errors++;
      why.refused++;
      sentAt.delete(n); // refused: not also counted as never arrived
      codes.set(r.code ?? '?', (codes.get(r.code ?? '?') ?? 0) + 1);
    });
  }
}, 10);
await new Promise((r) => setTimeout(r, SECONDS * 1000));
clearInterval(tick);
await new Promise((r) => setTimeout(r, 3000));
errors += sentAt.size; // never arrived
why.lost = sentAt.size;
console.error('errors:', JSON.stringify(why), 'refused:', JSON.stringify([...codes]));
for (const s of sockets) s?.disconnect();
console.log(
  JSON.stringify({
    sockets: connected,
    sent: seq,
    relay: {
      p50: Math.round(percentile(latencies, 50) * 10) / 10,
      p99: Math.round(percentile(latencies, 99) * 10) / 10,
    },
    errors,
  }),
);
process.exit(0);
