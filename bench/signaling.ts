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
  const server = await spawnServer(
    {
      RING_TIMEOUT_MS: '20000',
      MAX_UNAUTHENTICATED_PER_ADDRESS: '100000',
      METRICS_TOKEN: 'bench-metrics-token-0123456789',
    },
    dbPath,
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
        void memory(server.url).then((m) => (mem.value = m));
      }
    });
    let memoryRead = false;
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
    console.log(
      JSON.stringify({
        bench: 'signaling',
        sockets: result.sockets,
        heap_mb: mem.value?.heapMb ?? null,
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
