/**
 * npm run bench:cluster — three nodes on a real Redis and PostgreSQL behind HAProxy; 1,000 simulated
 * kiosks and 200 interpreters (bench/crowd.ts) connect through HAProxy for 60 s; the leader is
 * SIGKILLed at 30 s. Its sockets reconnect through HAProxy to the other nodes and rebind.
 * `lost`: requests a kiosk was told of that are neither answered, cancelled, abandoned by the
 * simulation nor still waiting (checked against PostgreSQL); `duplicated`: rows no kiosk was told of
 * (a request made twice) and requests answered twice. `failover_ms`: from the kill to the first offer
 * that arrives afterwards. Offer latency outside the failover window (from the kill to 2 s after that
 * first offer), and after it. Prints one JSON line last.
 */
import { startCluster } from '../test/helpers/cluster.ts';
import { crowd, crowdAccounts } from './crowd.ts';
import { percentile } from './stats.ts';

const KIOSKS = Number(process.env.BENCH_KIOSKS ?? 1000);
const INTERPRETERS = Number(process.env.BENCH_INTERPRETERS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const NODES = 3;
const RECOVERY_MS = 15_000;

const cluster = await startCluster({
  nodes: NODES,
  haproxy: true,
  // A short recovery window, so that sockets the bench leaves held are let go before it counts.
  env: {
    RING_TIMEOUT_MS: '5000',
    WRAP_UP_MS: '500',
    LOG_LEVEL: 'info',
    RECOVERY_WINDOW_MS: String(RECOVERY_MS),
  },
});
try {
  const who = crowdAccounts(KIOSKS, INTERPRETERS);
  const made = await cluster.provision(who);
  const cookies = new Map(made.map((p, i) => [who[i]!.name, p.cookie]));
  await cluster.leader();
  const sim = crowd({ url: cluster.haproxy!.url, cookies, rebind: true });
  for (let i = 0; i < INTERPRETERS; i++) await sim.interpreter(i);
  for (let i = 0; i < KIOSKS; i++) await sim.kiosk(i);
  const started = Date.now();
  await new Promise((r) => setTimeout(r, (SECONDS * 1000) / 2));
  const leader = await cluster.leader();
  const killedAt = Date.now();
  await cluster.kill(leader);
  await new Promise((r) => setTimeout(r, Math.max(0, started + SECONDS * 1000 - Date.now())));
  sim.stop();
  // Let calls and requests in flight settle, then take the interpreters away.
  await new Promise((r) => setTimeout(r, 8000));
  sim.dropInterpreters();
  await new Promise((r) => setTimeout(r, 2000));

  const firstAfter = sim.offers.find((o) => o.at > killedAt + 100);
  const failoverMs = firstAfter ? firstAfter.at - killedAt : Number.NaN;
  const windowEnd = (firstAfter?.at ?? Infinity) + 2000;
  const outside = sim.offers
    .filter((o) => o.since < killedAt || o.since > windowEnd)
    .map((o) => o.at - o.since);
  const after = sim.offers.filter((o) => o.since > windowEnd).map((o) => o.at - o.since);
  const waiting = sim.waiting();
  sim.disconnectAll();
  // Every connection the kill left held (a request its page never heard of) is let go, and recorded.
  await new Promise((r) => setTimeout(r, RECOVERY_MS + 3000));

  const rows = await cluster.postgres.query<{
    id: string;
    outcome: string | null;
    end_reason: string | null;
  }>('SELECT id, outcome, end_reason FROM call_requests');
  const recorded = new Map(
    rows.flatMap((r) => [[r.id, r.outcome] as const, [`${r.id}:reason`, r.end_reason] as const]),
  );
  let lost = 0;
  for (const [id, state] of sim.requestState) {
    const outcome = recorded.get(id);
    // Still-waiting requests end 'abandoned' when their kiosks leave at the end.
    const expected = state === 'waiting' ? 'abandoned' : state;
    if (outcome === expected) continue;
    // A kiosk that left while its request was being answered: the record says so.
    if (
      state === 'abandoned' &&
      outcome === 'answered' &&
      recorded.get(`${id}:reason`) === 'peer_disconnected'
    )
      continue;
    lost++;
    console.error(`lost: request ${id} is ${state} at the kiosk but recorded as ${outcome}`);
  }
  let duplicated = sim.startedTwice.size;
  // A request the dead leader took but whose answer never reached its page (the page saw a timeout)
  // is closed all the same (failed, leader_lost; or abandoned when its page let go): a failed
  // attempt, counted apart. One still open at the end would be a leak, and counts as duplicated.
  let unacknowledged = 0;
  for (const row of rows) {
    if (sim.requestState.has(row.id)) continue;
    if (row.outcome !== null) {
      unacknowledged++;
      continue;
    }
    duplicated++;
    console.error('duplicated: the database has a request no kiosk knows of', row);
  }
  if (sim.stats.bad > 0) console.error(`${sim.stats.bad} acks timed out on connected sockets`);
  console.error(
    `waiting at the end: ${waiting}; sockets rebound ${sim.stats.rebound}, not rebound ${sim.stats.notRebound}`,
  );
  console.log(
    JSON.stringify({
      bench: 'cluster',
      nodes: NODES,
      requests: sim.stats.requests,
      lost,
      duplicated,
      failover_ms: failoverMs,
      offer_latency_ms: { p50: percentile(outside, 50), p99: percentile(outside, 99) },
      offer_latency_after_failover_ms: { p99: percentile(after, 99) },
      unacknowledged_closed: unacknowledged,
    }),
  );
} finally {
  await cluster.stop();
}
