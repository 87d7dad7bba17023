/**
 * A local cluster for tests and benchmarks: a real Redis and PostgreSQL, N server processes (nodes)
 * on free ports sharing them, and optionally HAProxy in front. Everything is stopped by `stop()`.
 */
import { provisionInFile, type Provisioned, type Who } from './accounts.ts';
import { spawnServer, type ServerProcess } from './server-process.ts';
import {
  startHaproxy,
  startPostgres,
  startRedis,
  type Haproxy,
  type Postgres,
  type Redis,
} from './services.ts';

export interface Cluster {
  redis: Redis;
  postgres: Postgres;
  nodes: Array<ServerProcess | null>;
  haproxy: Haproxy | null;
  /** Accounts made in the cluster's database. */
  provision(list: Who[]): Promise<Provisioned[]>;
  /** The index of the node that leads now (waits for one). */
  leader(timeoutMs?: number): Promise<number>;
  /** SIGKILL a node (as a power cut would). */
  kill(index: number): Promise<void>;
  /** Starts the killed nodes again, with their names (on new ports: not behind HAProxy). */
  revive(): Promise<void>;
  stop(): Promise<void>;
}

export async function startCluster(
  opts: { nodes?: number; haproxy?: boolean; port?: number; env?: Record<string, string> } = {},
): Promise<Cluster> {
  const redis = await startRedis();
  const postgres = await startPostgres().catch(async (err: unknown) => {
    await redis.stop();
    throw err;
  });
  const nodes: Array<ServerProcess | null> = [];
  // Whatever started is stopped again if a later part fails to start.
  const undo = async (err: unknown): Promise<never> => {
    for (const n of nodes) await n?.stop();
    await redis.stop();
    await postgres.stop();
    throw err;
  };
  const env = {
    REDIS_URL: redis.url,
    DATABASE_URL: postgres.url,
    LEASE_MS: '2000',
    ...opts.env,
  };
  for (let i = 0; i < (opts.nodes ?? 3); i++)
    nodes.push(await spawnServer({ ...env, NODE_ID: `node-${i}` }).catch(undo));
  const backends = nodes.map((n, i) => ({ name: `node-${i}`, port: Number(new URL(n!.url).port) }));
  const haproxy = opts.haproxy ? await startHaproxy(backends, opts.port).catch(undo) : null;
  const cluster: Cluster = {
    redis,
    postgres,
    nodes,
    haproxy,
    provision: (list) => provisionInFile(postgres.url, list),
    async leader(timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = nodes.findIndex((n) => n !== null && leads(n));
        if (found >= 0) return found;
        if (Date.now() > until) throw new Error('no node leads');
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async kill(index) {
      await nodes[index]?.kill();
      nodes[index] = null;
    },
    async revive() {
      for (let i = 0; i < nodes.length; i++)
        if (nodes[i] === null) nodes[i] = await spawnServer({ ...env, NODE_ID: `node-${i}` });
    },
    async stop() {
      await haproxy?.stop();
      for (const n of nodes) await n?.stop();
      await redis.stop();
      await postgres.stop();
    },
  };
  return cluster;
}

/** A node leads when its last word on it was "leading". */
function leads(node: ServerProcess): boolean {
  for (let i = node.logs.length - 1; i >= 0; i--) {
    const line = node.logs[i]!;
    if (line.includes('"msg":"leading"')) return true;
    if (line.includes('"msg":"no longer leading"')) return false;
  }
  return false;
}
