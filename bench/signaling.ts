/**
 * npm run bench:signaling — one server process and 10,000 Socket.IO clients (real accounts: kiosks,
 * interpreters and clerks) connected from a separate process (bench/signaling-clients.ts); 500 calls
 * are set up (500 kiosks request, 500 interpreters accept), then 1,000 signaling messages a second
 * are relayed for 30 s between the members of those calls (`call:signal`, a trickle candidate each,
 * half each way). The server's heap (after a full GC, read through its own /metrics) and RSS with
 * every socket connected, the relay latency (sent → received, both ends in the client process) and
 * the errors (refused acks, lost relays). Both processes run with the open-file limit raised to the
 * hard limit. Prints one JSON line last.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { provisionInFile, type Who } from '../test/helpers/accounts.ts';
import { spawnServer } from '../test/helpers/server-process.ts';

const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 10_000);
const CALLS = Number(process.env.BENCH_CALLS ?? 500);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);

// Each process may open as many files as the system lets it (one socket is one file).
if (process.env.ASHIR_BENCH_ULIMIT !== '1') {
  const child = spawn(
    'bash',
    [
      '-c',
      'ulimit -n "$(ulimit -Hn)" && exec "$@"',
      'bash',
      process.execPath,
      ...process.execArgv,
      ...process.argv.slice(1),
    ],
    {
      stdio: 'inherit',
      env: { ...process.env, ASHIR_BENCH_ULIMIT: '1' },
    },
  );
  child.once('exit', (code) => process.exit(code ?? 1));
} else await main();

async function main(): Promise<void> {
  const idle = SOCKETS - 2 * CALLS;
  const who: Who[] = [
    ...Array.from({ length: CALLS }, (_, n): Who => ({
      kind: 'kiosk',
      name: `call-kiosk-${n}`,
      counter: `c${n}`,
    })),
    ...Array.from({ length: CALLS }, (_, n): Who => ({
      kind: 'interpreter',
      name: `call-interpreter-${n}`,
      gender: 'female',
      languages: ['sdl'],
    })),
    // The rest, connected and idle: half kiosks, a quarter each interpreters (offline) and clerks.
    ...Array.from({ length: idle }, (_, n): Who =>
      n % 4 < 2
        ? { kind: 'kiosk', name: `kiosk-${n}`, counter: `k${n}` }
        : n % 4 === 2
          ? { kind: 'interpreter', name: `interpreter-${n}`, gender: 'male', languages: ['sdl'] }
          : { kind: 'clerk', name: `clerk-${n}`, office: 'Riyadh' },
    ),
  ];
  const dbPath = path.join(mkdtempSync(path.join(tmpdir(), 'ashir-bench-')), 'ashir.sqlite');
  console.error(`provisioning ${who.length} accounts…`);
  const made = await provisionInFile(dbPath, [...who, { kind: 'supervisor', name: 'bench supervisor' }]);
  const supervisor = made.pop()!;
  // The server logs each collection (--trace-gc): the heap after a full one (Mark-Compact) is what
  // stays alive; reading heap used at random moments counts garbage not yet collected. A full
  // collection is made on SIGUSR2 (bench/gc-on-signal.ts).
  const server = await spawnServer(
    {
      RING_TIMEOUT_MS: '20000',
      MAX_UNAUTHENTICATED_PER_ADDRESS: '100000',
      METRICS_TOKEN: 'bench-metrics-token-0123456789',
    },
    dbPath,
    { nodeArgs: ['--trace-gc', '--expose-gc'], imports: ['./bench/gc-on-signal.ts'] },
  );
  try {
    const cookieFile = path.join(path.dirname(dbPath), 'cookies.json');
    writeFileSync(cookieFile, JSON.stringify(made.map((p) => p.cookie)), { mode: 0o600 });
    const clients = spawn(process.execPath, [...process.execArgv, 'bench/signaling-clients.ts'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        BENCH_URL: server.url,
        BENCH_CALLS: String(CALLS),
        BENCH_RATE: String(RATE),
        BENCH_SECONDS: String(SECONDS),
        // Too many for the environment: a file beside the database.
        BENCH_COOKIES_FILE: cookieFile,
      },
    });
    let out = '';
    clients.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      // The clients say when every socket is connected: the server's memory is read then.
      if (out.includes('"connected"') && !memoryRead) {
        memoryRead = true;
        connectedAt = server.logs.length;
        // A full collection once every socket is connected (bench/gc-on-signal.ts).
        setTimeout(() => process.kill(server.pid, 'SIGUSR2'), 3000);
        if (process.env.BENCH_HEAP_SNAPSHOT) setTimeout(() => process.kill(server.pid, 'SIGUSR1'), 5000);
        void memory(server.url).then((m) => (mem.value = m));
      }
    });
    let memoryRead = false;
    let connectedAt = Infinity;
    const mem: { value: { heapMb: number; rssMb: number } | null } = { value: null };
    await new Promise<void>((resolve, reject) =>
      clients.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`clients exited ${code}`)))),
    );
    const result = JSON.parse(out.trim().split('\n').pop()!) as {
      sockets: number;
      relay: { p50: number; p99: number };
      errors: number;
    };
    void supervisor;
    const liveMb = liveHeapMb(server.logs, connectedAt);
    console.log(
      JSON.stringify({
        bench: 'signaling',
        sockets: result.sockets,
        heap_mb: liveMb,
        rss_mb: mem.value?.rssMb ?? null,
        relay_ms: result.relay,
        errors: result.errors,
      }),
    );
  } finally {
    await server.stop();
  }
}

/**
 * The live heap with every socket connected: the smallest heap V8 reports after a full collection
 * (Mark-Compact) of the server's main isolate, from `--trace-gc` lines such as
 * `[pid:0x…]  1234 ms: Mark-Compact 210.3 (230.1) -> 150.2 (228.0) MB, …`. Null if none ran.
 */
function liveHeapMb(lines: string[], from: number): number | null {
  const gc = /^\[\d+:(0x[0-9a-f]+)\].*?(Scavenge|Mark-Compact)[^\d]*[\d.]+ \([\d.]+\) -> ([\d.]+) \(/;
  const heaps = lines.flatMap((line, index) => {
    const m = gc.exec(line);
    return m ? [{ isolate: m[1]!, full: m[2] === 'Mark-Compact', after: Number(m[3]), index }] : [];
  });
  // The main isolate holds the sockets: the one with the largest heap (tsx's loader has its own).
  const main = heaps.reduce((a, b) => (b.after > a.after ? b : a), heaps[0]!)?.isolate;
  const full = heaps.filter((h) => h.isolate === main && h.full && h.index >= from).map((h) => h.after);
  console.error(`full collections with every socket connected: ${full.length} (${full.join(', ')} MB after)`);
  return full.length ? Math.round(Math.min(...full)) : null;
}

/**
 * The server's heap and RSS from its own Prometheus metrics (Node's process metrics). Read every
 * second for 10 s with every socket connected and nothing else going on: the smallest heap seen is
 * the live heap after the collector's passes (no forced collection), the RSS is the largest seen.
 */
async function memory(url: string): Promise<{ heapMb: number; rssMb: number }> {
  const headers = { authorization: 'Bearer bench-metrics-token-0123456789' };
  let heap = Infinity;
  let rss = 0;
  for (let i = 0; i < 10; i++) {
    const text = await (await fetch(`${url}/metrics`, { headers })).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? NaN);
    heap = Math.min(heap, value('nodejs_heap_size_used_bytes'));
    rss = Math.max(rss, value('process_resident_memory_bytes'));
    await new Promise((r) => setTimeout(r, 1000));
  }
  return { heapMb: Math.round(heap / 1e6), rssMb: Math.round(rss / 1e6) };
}
