/**
 * Real PostgreSQL and Redis for tests (Debian's packages), each on 127.0.0.1 and a free port, in a
 * temporary directory, started by the test that needs it and stopped by it. PostgreSQL refuses to
 * run as root, so as root it runs as the `postgres` user the package made (spawned with that uid,
 * like runuser, but as the direct child: a stop signal reaches PostgreSQL itself).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

const PG_BIN = '/usr/lib/postgresql/15/bin';
export const REDIS_SERVER = '/usr/bin/redis-server';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function waitForTcp(port: number, what: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const sock = createConnection({ host: '127.0.0.1', port }, () => {
        sock.end();
        resolve(true);
      });
      sock.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`${what} did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function need(file: string, pkg: string): void {
  if (!existsSync(file))
    throw new Error(
      `${pkg} is not installed (${file}). Install Debian's package: apt-get install -y --no-install-recommends ${pkg}. ` +
        '.ci/run and npm test (scripts/ensure-test-tools.sh) do this as root.',
    );
}

/** Spawn options to run as the `postgres` user when we are root (PostgreSQL will not run as root). */
const asPostgres = () => (process.getuid?.() === 0 ? { uid: uidOf('postgres'), gid: gidOf('postgres') } : {});

function stopChild(child: ChildProcess | null, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

export interface Postgres {
  /** postgres://… of a fresh database `ashir`. */
  url: string;
  /** A new, empty database on the same server (each test server its own). */
  createDatabase(name: string): Promise<string>;
  query<T extends pg.QueryResultRow>(sql: string, params?: unknown[], url?: string): Promise<T[]>;
  /** Stops the server and keeps its data (a test of PostgreSQL being away); start() brings it back. */
  halt(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<Postgres> {
  need(`${PG_BIN}/postgres`, 'postgresql');
  const dir = mkdtempSync(path.join(tmpdir(), 'ashir-pg-'));
  chmodSync(dir, 0o755);
  const data = path.join(dir, 'data');
  if (process.getuid?.() === 0) chownSync(dir, uidOf('postgres'), gidOf('postgres'));
  const made = spawnSync(`${PG_BIN}/initdb`, ['-D', data, '-A', 'trust', '-U', 'ashir', '--no-sync'], {
    encoding: 'utf8',
    cwd: dir,
    ...asPostgres(),
  });
  if (made.status !== 0) throw new Error(`initdb failed: ${made.stderr || made.stdout}`);
  const port = await freePort();
  const args = [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    // The test's database lives a few seconds: durability of PostgreSQL itself is not under test.
    '-c',
    'fsync=off',
    '-c',
    'max_connections=200',
  ];
  let child: ChildProcess | null = null;
  const run = async () => {
    const started = spawn(`${PG_BIN}/postgres`, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      cwd: dir,
      ...asPostgres(),
    });
    child = started;
    let stderr = '';
    started.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    try {
      await waitForTcp(port, 'PostgreSQL');
    } catch (err) {
      started.kill('SIGKILL');
      throw new Error(`${(err as Error).message}: ${stderr}`);
    }
  };
  await run();
  const base = `postgres://ashir@127.0.0.1:${port}`;
  const query = async <T extends pg.QueryResultRow>(
    sql: string,
    params: unknown[] = [],
    url = `${base}/ashir`,
  ) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  // The server may still be starting up when the port opens.
  for (let i = 0; ; i++) {
    try {
      await query('CREATE DATABASE ashir', [], `${base}/postgres`);
      break;
    } catch (err) {
      if (i > 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url: `${base}/ashir`,
    async createDatabase(name) {
      await query(`CREATE DATABASE ${name.replace(/[^a-z0-9_]/g, '_')}`, [], `${base}/postgres`);
      return `${base}/${name}`;
    },
    query,
    async halt() {
      await stopChild(child, 'SIGINT');
      child = null;
    },
    start: run,
    async stop() {
      // SIGINT: PostgreSQL's fast shutdown (ends sessions, no waiting for clients).
      await stopChild(child, 'SIGINT');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Redis {
  url: string;
  port: number;
  /** Stops the server (a test of Redis being away); start() brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startRedis(): Promise<Redis> {
  need(REDIS_SERVER, 'redis-server');
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'ashir-redis-'));
  let child: ChildProcess | null = null;
  const redis: Redis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      child = spawn(
        REDIS_SERVER,
        // Durable as production should be (docs/OPERATIONS.md): a restart keeps the journal and lease.
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--save',
          '',
          '--appendonly',
          'yes',
          '--appendfsync',
          'always',
          '--dir',
          dir,
        ],
        { stdio: 'ignore' },
      );
      await waitForTcp(port, 'redis-server');
    },
    async stop() {
      await stopChild(child);
      child = null;
    },
  };
  await redis.start();
  return redis;
}

export const HAPROXY = '/usr/sbin/haproxy';

export interface Haproxy {
  url: string;
  stop(): Promise<void>;
}

/**
 * HAProxy in front of the nodes: WebSocket only (the pages never poll), so no stickiness is needed;
 * a node is taken out when /healthz says draining or it does not answer, and put back when it does.
 */
export async function startHaproxy(
  backends: Array<{ name: string; port: number }>,
  port?: number,
): Promise<Haproxy> {
  need(HAPROXY, 'haproxy');
  port ??= await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'ashir-haproxy-'));
  const config = path.join(dir, 'haproxy.cfg');
  writeFileSync(config, haproxyConfig(port, backends));
  const child = spawn(HAPROXY, ['-db', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  try {
    await waitForTcp(port, 'HAProxy');
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}: ${stderr}`);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await stopChild(child, 'SIGUSR1');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The same configuration as deploy/haproxy.cfg, on test ports. */
export function haproxyConfig(port: number, backends: Array<{ name: string; port: number }>): string {
  return [
    'global',
    // Two descriptors a connection, within the usual open-file limit.
    '  maxconn 8000',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout tunnel 1h',
    '  option redispatch',
    '  retries 2',
    'frontend ashir',
    `  bind 127.0.0.1:${port}`,
    '  default_backend nodes',
    'backend nodes',
    '  balance leastconn',
    '  option httpchk GET /healthz',
    // Degraded (no leader for a moment) still serves sockets; draining or silent does not.
    '  http-check expect rstring \'"status":"(ok|degraded)"\'',
    '  default-server inter 500 fall 2 rise 2',
    ...backends.map((b) => `  server ${b.name} 127.0.0.1:${b.port} check`),
    '',
  ].join('\n');
}

function uidOf(user: string): number {
  return Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim());
}
function gidOf(user: string): number {
  return Number(spawnSync('id', ['-g', user], { encoding: 'utf8' }).stdout.trim());
}
