/**
 * Redis for cluster mode (ioredis): the keys the nodes share, and the Lua scripts that make the
 * leader's lease and its writes atomic. Every write of the leader (journal, snapshot) checks in the
 * same script that the lease is still its own: a node whose lease lapsed writes nothing.
 */
import { Redis } from 'ioredis';

export interface Keys {
  leader: string;
  fence: string;
  journal: string;
  snapshot: string;
  inbox: string;
  reply: (node: string) => string;
  node: (node: string) => string;
}

export function keys(prefix = 'ashir'): Keys {
  return {
    leader: `${prefix}:leader`,
    fence: `${prefix}:fence`,
    journal: `${prefix}:journal`,
    snapshot: `${prefix}:snapshot`,
    inbox: `${prefix}:inbox`,
    reply: (node) => `${prefix}:reply:${node}`,
    node: (node) => `${prefix}:node:${node}`,
  };
}

const SCRIPTS = {
  /** Take the lease if nobody holds it; a new fencing token comes with it (0: taken). */
  acquire: {
    numberOfKeys: 2,
    lua: `if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
            return redis.call('INCR', KEYS[2]) end
          return 0`,
  },
  /** Extend the lease if it is still ours (1) or say it is not (0). */
  renew: {
    numberOfKeys: 1,
    lua: `if redis.call('GET', KEYS[1]) == ARGV[1] then
            redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
          return 0`,
  },
  release: {
    numberOfKeys: 1,
    lua: `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end
          return 0`,
  },
  /** Append one committed batch (its inputs, its records) to the journal, only while the lease is ours. */
  append: {
    numberOfKeys: 2,
    lua: `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return redis.error_reply('NOTLEADER') end
          return redis.call('XADD', KEYS[2], '*', 'd', ARGV[2], 'r', ARGV[3])`,
  },
  /**
   * Store a snapshot and drop the journal entries before ARGV[2]: the snapshot's own entry, or an
   * older one whose records are not written yet (cluster/record-writer.ts).
   */
  snapshot: {
    numberOfKeys: 3,
    lua: `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return redis.error_reply('NOTLEADER') end
          redis.call('SET', KEYS[2], ARGV[3])
          redis.call('XTRIM', KEYS[3], 'MINID', ARGV[2])
          return 1`,
  },
} as const;

export type ClusterRedis = Redis & {
  acquire(leader: string, fence: string, value: string, ms: number): Promise<number>;
  renew(leader: string, value: string, ms: number): Promise<number>;
  release(leader: string, value: string): Promise<number>;
  append(leader: string, journal: string, value: string, data: string, records: string): Promise<string>;
  snapshot(
    leader: string,
    snapshot: string,
    journal: string,
    value: string,
    keepFrom: string,
    data: string,
  ): Promise<number>;
};

/**
 * A connection that fails fast while Redis is away (no queue of commands to replay later: the lease
 * must know at once) and reconnects by itself.
 */
export function connectRedis(url: string, name: string): ClusterRedis {
  const redis = new Redis(url, {
    connectionName: name,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  });
  // Errors are seen where commands fail; the connection's own reports would only repeat them.
  redis.on('error', () => {});
  for (const [command, { numberOfKeys, lua }] of Object.entries(SCRIPTS))
    redis.defineCommand(command, { numberOfKeys, lua });
  return redis as ClusterRedis;
}

/** Resolves when the connection is ready (or rejects after `ms`). */
export function ready(redis: Redis, ms = 10_000): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Redis did not answer')), ms);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
