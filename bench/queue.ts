/**
 * npm run bench:queue — one server process; 1,000 simulated kiosks and 200 simulated interpreters
 * (bench/crowd.ts: socket.io-client, no media) for 60 s. `lost`: requests neither answered,
 * cancelled nor still queued at the end, checked against the server's own queue and its SQLite
 * records. Prints one JSON line last.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { provisionInFile } from '../test/helpers/accounts.ts';
import { peakRssMb, spawnServer } from '../test/helpers/server-process.ts';
import { crowd, crowdAccounts } from './crowd.ts';
import { percentile } from './stats.ts';

const KIOSKS = Number(process.env.BENCH_KIOSKS ?? 1000);
const INTERPRETERS = Number(process.env.BENCH_INTERPRETERS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);

// Every simulated kiosk and interpreter is a real account (kiosk credential or interpreter session).
const dbPath = path.join(mkdtempSync(path.join(tmpdir(), 'ashir-bench-')), 'ashir.sqlite');
const who = crowdAccounts(KIOSKS, INTERPRETERS);
const cookies = new Map((await provisionInFile(dbPath, who)).map((p, i) => [who[i]!.name, p.cookie]));
// The live counts are for supervisors (/api/status); /healthz says only ok or degraded.
const [supervisor] = await provisionInFile(dbPath, [{ kind: 'supervisor', name: 'bench supervisor' }]);
const server = await spawnServer({ RING_TIMEOUT_MS: '5000', WRAP_UP_MS: '500' }, dbPath);
const sim = crowd({ url: server.url, cookies });

for (let i = 0; i < INTERPRETERS; i++) await sim.interpreter(i);
for (let i = 0; i < KIOSKS; i++) await sim.kiosk(i);
await new Promise((r) => setTimeout(r, SECONDS * 1000));
sim.stop();
// No new requests from here on. Let calls and requests in flight settle, then take the interpreters
// away (their calls go back to the queue) so that nothing changes while the queue is compared.
await new Promise((r) => setTimeout(r, 7000));
sim.dropInterpreters();
await new Promise((r) => setTimeout(r, 1000));
const latencies = sim.offers.map((o) => o.at - o.since);
const health = (await (
  await fetch(`${server.url}/api/status`, { headers: { cookie: supervisor!.cookie } })
).json()) as {
  queued: number;
  calls: number;
  available: number;
};
const rss = await peakRssMb(server.pid);
const waiting = sim.waiting();
sim.disconnectAll();
await server.stop();

const db = new Database(server.dbPath, { readonly: true });
const rows = db.prepare('SELECT * FROM call_requests').all() as Array<{ id: string; outcome: string | null }>;
db.close();
const recorded = new Map(rows.map((r) => [r.id, r.outcome]));
// Requests the server holds that no kiosk waits for (or the other way round) count as lost too.
let lost = Math.abs(waiting - health.queued);
for (const [id, state] of sim.requestState) {
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
for (const row of rows as Array<{ id: string; outcome: string | null; requeued_from: string | null }>) {
  if (sim.requestState.has(row.id)) continue;
  // A kiosk whose interpreter dropped is requeued under a new id (told in call:ended); a simulated
  // kiosk that left in that same moment never heard the id, and the server closed it as abandoned:
  // nothing is lost.
  if (row.requeued_from && sim.requestState.has(row.requeued_from) && row.outcome === 'abandoned') continue;
  lost++;
  console.error('lost: the server recorded a request no kiosk knows of', row);
}
if (sim.stats.bad > 0) console.error(`${sim.stats.bad} acks timed out on connected sockets`);
if (waiting !== health.queued)
  console.error(`the kiosks wait for ${waiting} requests, the server has ${health.queued} queued`);
console.log(
  JSON.stringify({
    bench: 'queue',
    kiosks: KIOSKS,
    interpreters: INTERPRETERS,
    seconds: SECONDS,
    requests: sim.stats.requests,
    lost,
    still_queued: health.queued,
    offer_latency_ms: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
    server_rss_mb: rss,
  }),
);
