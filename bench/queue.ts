/**
 * npm run bench:queue — one server process; 1,000 simulated kiosks and 200 simulated interpreters
 * (socket.io-client, no media) for 60 s. Calls last 1–5 s; interpreters decline 10 % of offers;
 * 2 % of calls drop the interpreter (who comes back a second later), 2 % drop the kiosk; 5 % of
 * citizens cancel while waiting. Offer latency: from the moment a request and an interpreter are
 * both free (request sent, requeued, declined or missed; interpreter free again) to the offer's
 * arrival. `lost`: requests neither answered, cancelled nor still queued at the end, checked against
 * the server's own queue and its SQLite records. Prints one JSON line last.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { io, type Socket } from 'socket.io-client';
import { provisionInFile, type Who } from '../test/helpers/accounts.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/protocol/index.ts';
import { peakRssMb, spawnServer } from '../test/helpers/server-process.ts';
import { percentile } from './stats.ts';

const KIOSKS = Number(process.env.BENCH_KIOSKS ?? 1000);
const INTERPRETERS = Number(process.env.BENCH_INTERPRETERS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
type Sock = Socket<ServerToClientEvents, ClientToServerEvents>;

let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const between = (a: number, b: number) => a + random() * (b - a);

// Every simulated kiosk and interpreter is a real account (kiosk credential or interpreter session).
const dbPath = path.join(mkdtempSync(path.join(tmpdir(), 'ashir-bench-')), 'ashir.sqlite');
const who: Who[] = [
  ...Array.from({ length: INTERPRETERS }, (_, n): Who => ({
    kind: 'interpreter',
    name: `interpreter-${n}`,
    gender: n % 2 ? 'male' : 'female',
    languages: ['sdl'],
  })),
  ...Array.from({ length: KIOSKS }, (_, n): Who => ({
    kind: 'kiosk',
    name: `kiosk-${n}`,
    counter: String(n),
  })),
];
const cookies = new Map((await provisionInFile(dbPath, who)).map((p, i) => [who[i]!.name, p.cookie]));
// The live counts are for supervisors (/api/status); /healthz says only ok or degraded.
const [supervisor] = await provisionInFile(dbPath, [{ kind: 'supervisor', name: 'bench supervisor' }]);
const server = await spawnServer({ RING_TIMEOUT_MS: '5000', WRAP_UP_MS: '500' }, dbPath);
let running = true;
const sockets = new Set<Sock>();
const interpreterSockets = new Set<Sock>();
const latencies: number[] = [];
/** When each request last became offerable (sent, requeued, declined or missed). */
const offerableAt = new Map<string, number>();
const requestState = new Map<string, 'waiting' | 'answered' | 'cancelled' | 'abandoned'>();
/** Per kiosk name, the time its current request was sent (the id is known only after the ack). */
const sentAt = new Map<string, number>();
let requests = 0;
let bad = 0;

function connect(name: string): Promise<Sock> {
  const s: Sock = io(server.url, {
    extraHeaders: { cookie: cookies.get(name)! },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  sockets.add(s);
  s.on('disconnect', () => sockets.delete(s));
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}
function ack<T>(s: Sock, event: string, payload: object): Promise<T> {
  const withTimeout = s.timeout(10_000);
  const emit = withTimeout.emitWithAck.bind(withTimeout) as (e: string, p: object) => Promise<T>;
  return emit(event, payload).catch(() => {
    // Expected only for acks in flight on a socket the simulation itself dropped.
    if (s.connected) bad++;
    console.error(`no ack for ${event} (socket ${s.connected ? 'connected' : 'dropped'})`);
    return { ok: false } as T;
  });
}

async function interpreter(n: number): Promise<void> {
  const name = `interpreter-${n}`;
  const s = await connect(name);
  interpreterSockets.add(s);
  s.on('disconnect', () => interpreterSockets.delete(s));
  let freeAt = Date.now();
  s.on('call:offer', (offer) => {
    const now = Date.now();
    const since = Math.max(
      offerableAt.get(offer.requestId) ?? sentAt.get(offer.context.kioskName) ?? now,
      freeAt,
    );
    latencies.push(now - since);
    if (random() < 0.1) {
      freeAt = Date.now();
      offerableAt.set(offer.requestId, freeAt);
      void ack(s, 'call:decline', { requestId: offer.requestId });
    } else void ack(s, 'call:accept', { requestId: offer.requestId });
  });
  s.on('call:offer-withdrawn', (p) => {
    freeAt = Date.now();
    if (p.reason === 'timeout') offerableAt.set(p.requestId, freeAt);
  });
  s.on('call:start', () => {
    if (random() < 0.02)
      setTimeout(
        () => {
          s.disconnect();
          setTimeout(() => running && void interpreter(n), 1000);
        },
        between(200, 1500),
      );
  });
  s.on('presence:changed', (p) => {
    if (p.status === 'available') freeAt = Date.now();
    if (p.status === 'break')
      void ack(s, 'presence:set', { status: 'available' }).then(() => (freeAt = Date.now()));
  });
  await ack(s, 'presence:set', { status: 'available' });
  freeAt = Date.now();
}

async function kiosk(n: number): Promise<void> {
  const name = `kiosk-${n}`;
  const s = await connect(name);
  let current: string | null = null;
  const ask = async () => {
    if (!running || !s.connected) return;
    sentAt.set(name, Date.now());
    const r = await ack<{ ok: boolean; requestId: string }>(s, 'call:request', {});
    if (!r.ok) return;
    requests++;
    // In Node, frames that arrive together are handled before this continuation: call:start may be first.
    if (requestState.has(r.requestId)) return;
    current = r.requestId;
    requestState.set(r.requestId, 'waiting');
    if (random() < 0.05)
      setTimeout(
        async () => {
          const id = current;
          if (!id || requestState.get(id) !== 'waiting') return;
          const c = await ack<{ ok: boolean }>(s, 'call:cancel', { requestId: id });
          if (c.ok) {
            requestState.set(id, 'cancelled');
            setTimeout(() => void ask(), between(0, 3000));
          }
        },
        between(100, 3000),
      );
  };
  s.on('call:start', (start) => {
    requestState.set(start.requestId, 'answered');
    current = null;
    if (random() < 0.02) {
      setTimeout(
        () => {
          // A kiosk that leaves abandons whatever it was waiting for (it may have been requeued meanwhile).
          if (current && requestState.get(current) === 'waiting') requestState.set(current, 'abandoned');
          s.disconnect();
          setTimeout(() => running && void kiosk(n), 1000);
        },
        between(200, 1500),
      );
      return;
    }
    setTimeout(
      async () => {
        await ack(s, 'call:end', { callId: start.callId });
        setTimeout(() => void ask(), between(0, 3000));
      },
      between(1000, 5000),
    );
  });
  s.on('call:ended', (e) => {
    if (!e.requeued) {
      setTimeout(() => void ask(), between(0, 3000));
      return;
    }
    requests++;
    current = e.requeued.requestId;
    offerableAt.set(current, Date.now());
    requestState.set(current, 'waiting');
  });
  setTimeout(() => void ask(), between(0, 2000));
}

for (let i = 0; i < INTERPRETERS; i++) await interpreter(i);
for (let i = 0; i < KIOSKS; i++) await kiosk(i);
await new Promise((r) => setTimeout(r, SECONDS * 1000));
running = false;
// No new requests from here on. Let calls and requests in flight settle, then take the interpreters
// away (their calls go back to the queue) so that nothing changes while the queue is compared.
await new Promise((r) => setTimeout(r, 7000));
for (const s of interpreterSockets) s.disconnect();
await new Promise((r) => setTimeout(r, 1000));

const health = (await (
  await fetch(`${server.url}/api/status`, { headers: { cookie: supervisor!.cookie } })
).json()) as {
  queued: number;
  calls: number;
  available: number;
};
const rss = await peakRssMb(server.pid);
const waiting = [...requestState.values()].filter((s) => s === 'waiting').length;
for (const s of sockets) s.disconnect();
await server.stop();

const db = new Database(server.dbPath, { readonly: true });
const rows = db.prepare('SELECT * FROM call_requests').all() as Array<{ id: string; outcome: string | null }>;
db.close();
const recorded = new Map(rows.map((r) => [r.id, r.outcome]));
// Requests the server holds that no kiosk waits for (or the other way round) count as lost too.
let lost = Math.abs(waiting - health.queued);
for (const [id, state] of requestState) {
  const outcome = recorded.get(id);
  // Still-waiting requests were closed by the shutdown as 'abandoned' (their kiosks disconnected).
  const expected = state === 'waiting' ? 'abandoned' : state;
  if (outcome !== expected) {
    lost++;
    console.error(
      `lost: request ${id} is ${state} at the kiosk but recorded as ${outcome}`,
      rows.find((r) => r.id === id),
    );
  }
}
for (const row of rows) {
  if (requestState.has(row.id)) continue;
  lost++;
  console.error('lost: the server recorded a request no kiosk knows of', row);
}
if (bad > 0) console.error(`${bad} acks timed out on connected sockets`);
if (waiting !== health.queued)
  console.error(`the kiosks wait for ${waiting} requests, the server has ${health.queued} queued`);
console.log(
  JSON.stringify({
    bench: 'queue',
    kiosks: KIOSKS,
    interpreters: INTERPRETERS,
    seconds: SECONDS,
    requests,
    lost,
    still_queued: health.queued,
    offer_latency_ms: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
    server_rss_mb: rss,
  }),
);
