import path from 'node:path';
/** One typed, validated configuration, read from the environment once at start-up. */
import * as v from 'valibot';
import { SignLanguageSchema, type IdlePolicy, type MediaPolicy } from '../src/protocol/index.ts';
import type { IceConfig } from './realtime/ice-servers.ts';
import type { SocketLimits } from './realtime/socket-server.ts';
import type { RoutingPolicy } from './domain/types.ts';

const IntFromEnv = (min: number, max: number) =>
  v.pipe(
    v.string(),
    v.regex(/^\d+$/, 'must be a whole number'),
    v.transform(Number),
    v.minValue(min),
    v.maxValue(max),
  );

const IceServersSchema = v.pipe(
  v.string(),
  v.parseJson(),
  v.array(
    v.object({
      urls: v.union([v.string(), v.array(v.string())]),
      username: v.optional(v.string()),
      credential: v.optional(v.string()),
    }),
  ),
);

/** A comma-separated list (empty for none) whose items must match `pattern`. */
const CommaListSchema = (pattern: RegExp, message: string) =>
  v.pipe(
    v.string(),
    v.transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    ),
    v.array(v.pipe(v.string(), v.regex(pattern, message))),
  );

/** Comma-separated stun:/turn:/turns: URLs (empty for none). */
const UrlListSchema = (scheme: 'stun' | 'turn') =>
  CommaListSchema(scheme === 'stun' ? /^stuns?:/ : /^turns?:/, `must start with ${scheme}:`);

const LanguagesSchema = v.pipe(
  v.string(),
  v.transform((s) => s.split(',').map((x) => x.trim())),
  v.tupleWithRest([SignLanguageSchema], SignLanguageSchema),
);

const EnvSchema = v.object({
  PORT: v.optional(IntFromEnv(0, 65535), '8080'),
  HOST: v.optional(v.string(), '127.0.0.1'),
  LOG_LEVEL: v.optional(v.picklist(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
  STATIC_DIR: v.optional(v.string(), 'dist'),
  DB_PATH: v.optional(v.string(), 'data/ashir.sqlite'),
  DATABASE_URL: v.optional(
    v.pipe(v.string(), v.regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// URL')),
  ),
  REDIS_URL: v.optional(v.pipe(v.string(), v.regex(/^rediss?:\/\/\S+$/, 'must be a redis:// URL'))),
  LEASE_MS: v.optional(IntFromEnv(500, 60_000), '2000'),
  NODE_ID: v.optional(
    v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1–40 letters, digits, - or _')),
  ),
  MODELS_DIR: v.optional(v.string(), 'assets/models'),
  /** The sign library's files (default: clips/ beside the database file). */
  CLIPS_DIR: v.optional(v.pipe(v.string(), v.minLength(1))),
  RING_TIMEOUT_MS: v.optional(IntFromEnv(1000, 600_000), '20000'),
  WRAP_UP_MS: v.optional(IntFromEnv(0, 600_000), '10000'),
  GENDER_FALLBACK_MS: v.optional(IntFromEnv(1000, 3_600_000), '60000'),
  TEXT_FALLBACK_MS: v.optional(IntFromEnv(1000, 3_600_000), '45000'),
  SKILL_FALLBACK_MS: v.optional(IntFromEnv(1000, 3_600_000), '60000'),
  // Minutes, possibly fractional (a test waits seconds, not minutes).
  SELF_TEST_HOURS: v.optional(IntFromEnv(1, 168), '6'),
  TEAM_PROMPT_MIN: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d+(\.\d+)?$/, 'must be a number of minutes'),
      v.transform(Number),
      v.minValue(0.01),
      v.maxValue(600),
    ),
    '20',
  ),
  SIGN_LANGUAGES: v.optional(LanguagesSchema, 'sdl'),
  ICE_SERVERS: v.optional(IceServersSchema, '[]'),
  STUN_URLS: v.optional(UrlListSchema('stun'), ''),
  TURN_URLS: v.optional(UrlListSchema('turn'), ''),
  TURN_SECRET: v.optional(v.pipe(v.string(), v.minLength(16, 'must be at least 16 characters'))),
  TURN_TTL_S: v.optional(IntFromEnv(60, 3600), '3600'),
  ICE_TRANSPORT_POLICY: v.optional(v.picklist(['all', 'relay']), 'all'),
  VIDEO_MAX_KBPS: v.optional(IntFromEnv(50, 20_000), '1500'),
  VIDEO_CODEC: v.optional(v.picklist(['VP8', 'VP9', 'H264', 'AV1']), 'VP8'),
  KIOSK_IDLE_S: v.optional(IntFromEnv(10, 3600), '120'),
  KIOSK_IDLE_WARNING_S: v.optional(IntFromEnv(5, 600), '30'),
  KIOSK_AWAY_S: v.optional(IntFromEnv(5, 3600), '60'),
  RATE_LIMIT_PER_S: v.optional(IntFromEnv(1, 10_000), '20'),
  RATE_LIMIT_BURST: v.optional(IntFromEnv(1, 10_000), '50'),
  MAX_SOCKETS_PER_IDENTITY: v.optional(IntFromEnv(1, 1000), '3'),
  MAX_UNAUTHENTICATED_PER_ADDRESS: v.optional(IntFromEnv(1, 100_000), '20'),
  TRUST_PROXY: v.optional(IntFromEnv(0, 10), '0'),
  KEY_FILE: v.optional(v.pipe(v.string(), v.minLength(1))),
  CREDENTIAL_CHECK_MS: v.optional(IntFromEnv(100, 3_600_000), '30000'),
  METRICS_TOKEN: v.optional(v.pipe(v.string(), v.minLength(16, 'must be at least 16 characters'))),
  RECOVERY_WINDOW_MS: v.optional(IntFromEnv(0, 600_000), '120000'),
  TLS_CERT_FILE: v.optional(v.pipe(v.string(), v.minLength(1))),
  TLS_KEY_FILE: v.optional(v.pipe(v.string(), v.minLength(1))),
  ALLOWED_ORIGINS: v.optional(
    CommaListSchema(/^https?:\/\/[^/\s]+$/, 'must be origins like https://kiosk.example.org'),
    '',
  ),
});

export interface Config {
  port: number;
  host: string;
  logLevel: string;
  staticDir: string;
  dbPath: string;
  /** PostgreSQL instead of SQLite (cluster mode); null: the embedded SQLite file at dbPath. */
  databaseUrl: string | null;
  /** Cluster mode: Redis for Socket.IO across nodes and the routing core's lease and journal. */
  redisUrl: string | null;
  /** This node's name in a cluster (logs, the lease, /healthz). */
  nodeId: string;
  /** How long the leader's lease lasts unrenewed (failover takes about this long). */
  leaseMs: number;
  modelsDir: string;
  /** The sign library's files; null: a fresh temporary folder (an in-memory database). */
  clipsDir: string | null;
  routing: RoutingPolicy;
  ice: IceConfig;
  media: MediaPolicy;
  idle: IdlePolicy;
  limits: SocketLimits;
  /** Origins besides the server's own that may use it from a browser. */
  allowedOrigins: string[];
  /** How long a dropped socket keeps its state, and a resumed call waits for its other member. */
  recoveryWindowMs: number;
  /** After this long alone in a call, an interpreter's console suggests inviting a teammate. */
  teamPromptMs: number;
  /** A kiosk checks itself this often while idle (and at boot). */
  selfTestHours: number;
  /** Serve HTTPS with this certificate and key (PEM files); null: plain HTTP. */
  tls: { certFile: string; keyFile: string } | null;
  /** How many reverse proxies stand in front (their X-Forwarded-For is believed that far). */
  trustProxy: number;
  /** The server's secret keys (mode 0600); null with an in-memory database. */
  keyFile: string | null;
  /** How often open sockets' credentials are checked again (disabled, expired, signed out elsewhere). */
  credentialCheckMs: number;
  /** Bearer token for GET /metrics; null: loopback clients only. */
  metricsToken: string | null;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = v.safeParse(EnvSchema, env);
  if (!result.success) {
    const lines = result.issues.map((i) => `${v.getDotPath(i) ?? '?'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = result.output;
  if (e.REDIS_URL && !e.DATABASE_URL)
    throw new ConfigError(
      'Invalid configuration:\n  REDIS_URL (cluster mode) needs DATABASE_URL: every node shares one PostgreSQL',
    );
  if (Boolean(e.TLS_CERT_FILE) !== Boolean(e.TLS_KEY_FILE))
    throw new ConfigError(
      'Invalid configuration:\n  TLS_CERT_FILE and TLS_KEY_FILE go together: set both or neither',
    );
  return {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    staticDir: e.STATIC_DIR,
    dbPath: e.DB_PATH,
    databaseUrl: e.DATABASE_URL ?? null,
    redisUrl: e.REDIS_URL ?? null,
    nodeId: e.NODE_ID ?? 'node-1',
    leaseMs: e.LEASE_MS,
    modelsDir: e.MODELS_DIR,
    // An in-memory database (tests) gets a fresh folder of its own.
    clipsDir: e.CLIPS_DIR ?? (e.DB_PATH === ':memory:' ? null : path.join(path.dirname(e.DB_PATH), 'clips')),
    routing: {
      ringTimeoutMs: e.RING_TIMEOUT_MS,
      wrapUpMs: e.WRAP_UP_MS,
      genderFallbackMs: e.GENDER_FALLBACK_MS,
      skillFallbackMs: e.SKILL_FALLBACK_MS,
      textFallbackMs: e.TEXT_FALLBACK_MS,
      languages: e.SIGN_LANGUAGES,
      summaryIntervalMs: 1000,
      statusIntervalMs: 500,
    },
    ice: {
      stunUrls: e.STUN_URLS,
      turnUrls: e.TURN_URLS,
      turnSecret: e.TURN_SECRET ?? null,
      turnTtlS: e.TURN_TTL_S,
      extra: e.ICE_SERVERS.map((s) => ({
        urls: s.urls,
        ...(s.username === undefined ? {} : { username: s.username }),
        ...(s.credential === undefined ? {} : { credential: s.credential }),
      })),
    },
    media: {
      maxBitrateKbps: e.VIDEO_MAX_KBPS,
      codec: e.VIDEO_CODEC,
      iceTransportPolicy: e.ICE_TRANSPORT_POLICY,
    },
    idle: {
      idleS: e.KIOSK_IDLE_S,
      // The warning is at most the whole idle time (WCAG 2.2.1: at least 20 s to answer it by default).
      warningS: Math.min(e.KIOSK_IDLE_WARNING_S, e.KIOSK_IDLE_S),
      awayS: e.KIOSK_AWAY_S,
    },
    limits: {
      rate: { ratePerS: e.RATE_LIMIT_PER_S, burst: e.RATE_LIMIT_BURST },
      maxSocketsPerIdentity: e.MAX_SOCKETS_PER_IDENTITY,
      maxUnauthenticatedPerAddress: e.MAX_UNAUTHENTICATED_PER_ADDRESS,
    },
    allowedOrigins: e.ALLOWED_ORIGINS,
    recoveryWindowMs: e.RECOVERY_WINDOW_MS,
    teamPromptMs: Math.round(e.TEAM_PROMPT_MIN * 60_000),
    selfTestHours: e.SELF_TEST_HOURS,
    tls: e.TLS_CERT_FILE && e.TLS_KEY_FILE ? { certFile: e.TLS_CERT_FILE, keyFile: e.TLS_KEY_FILE } : null,
    trustProxy: e.TRUST_PROXY,
    keyFile: e.KEY_FILE ?? (e.DB_PATH === ':memory:' ? null : `${e.DB_PATH}.keys`),
    credentialCheckMs: e.CREDENTIAL_CHECK_MS,
    metricsToken: e.METRICS_TOKEN ?? null,
  };
}
