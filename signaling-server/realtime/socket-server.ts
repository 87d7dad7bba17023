/**
 * Socket.IO wiring: the handshake sets identity in socket.data, every event is checked for role and
 * schema before a handler sees it, and the switchboard's output goes back out as emits.
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import * as v from 'valibot';
import type { Logger } from 'pino';
import {
  fail,
  type ClientEventTable,
  type AckError,
  type ClientEventName,
  type HandshakeErrorCode,
  type HandshakeErrorData,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SignLanguage,
  type SocketData,
} from '../../src/protocol/index.ts';
import type { Outbox } from '../shell/driver.ts';
import type { Handlers } from './handlers.ts';
import { TokenBucket, type LogBudget, type RateLimit } from './rate-limit.ts';
import { identify, type CookieNames } from '../auth/identity.ts';
import { originAllowed } from '../http/origin.ts';
import { clientAddress } from '../http/client-address.ts';
import { securityHeaderList } from '../http/security-headers.ts';
import type { Accounts } from '../store/accounts.ts';

type AshirServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type AshirSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export const MAX_MESSAGE_BYTES = 64 * 1024;

export interface SocketLimits {
  rate: RateLimit;
  /** Sockets one identity may have open at once (a reloading page briefly has two). */
  maxSocketsPerIdentity: number;
  /** Connections one address may hold open before it has authenticated (a proxy: all its clients). */
  maxUnauthenticatedPerAddress: number;
}

/** How long a new connection may take to authenticate before it is closed. */
export const CONNECT_TIMEOUT_MS = 10_000;
/** Events nobody needs replayed after a drop: not kept in the recovery buffer. */
const VOLATILE_EVENTS: ReadonlySet<string> = new Set(['chat:draft', 'queue:summary']);

export interface HandshakeDeps {
  accounts: Accounts;
  /** Socket.IO connection state recovery: a socket back within this time keeps its id and state. */
  recoveryWindowMs: number;
  offeredLanguages: readonly SignLanguage[];
  allowedOrigins: readonly string[];
  limits: SocketLimits;
  cookies: CookieNames;
  trustProxy: number;
  /** Cluster mode: the Redis Streams adapter (emits and recovery across nodes). */
  adapter?: ServerOptions['adapter'];
}

/** The room every socket of one account is in (disconnecting an account reaches every node). */
export const accountRoom = (accountId: string) => `account:${accountId}`;

export function createSocketServer(httpServer: HttpServer, deps: HandshakeDeps): AshirServer {
  const { limits, offeredLanguages } = deps;
  const open = new Map<string, number>();
  const unauthenticated = new Map<string, number>();
  const io: AshirServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    connectTimeout: CONNECT_TIMEOUT_MS,
    // Counted before anything else: one address cannot hold many connections it never authenticates.
    allowRequest: (req, callback) => {
      const address = clientAddress(req, deps.trustProxy);
      callback(null, (unauthenticated.get(address) ?? 0) < limits.maxUnauthenticatedPerAddress);
    },
    // A recovered socket is authenticated and origin-checked again (a signed-out cookie or a foreign
    // page does not get a dropped socket back).
    connectionStateRecovery: { maxDisconnectionDuration: deps.recoveryWindowMs, skipMiddlewares: false },
    serveClient: false,
    cors: { origin: false },
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
  });
  // Socket.IO's own HTTP answers (the handshake, polling) carry the same security headers as the app.
  const headerList = securityHeaderList(deps.cookies.secure);
  const addHeaders = (headers: Record<string, string>) => {
    for (const [name, value] of headerList) headers[name] = value;
  };
  io.engine.on('initial_headers', addHeaders);
  io.engine.on('headers', addHeaders);
  // A connection counts as unauthenticated from its first request until a socket joins on it.
  const authenticated = new WeakMap<object, () => void>();
  io.engine.on('connection', (conn: { request: IncomingMessage; once(e: string, f: () => void): void }) => {
    const address = clientAddress(conn.request, deps.trustProxy);
    unauthenticated.set(address, (unauthenticated.get(address) ?? 0) + 1);
    let counted = true;
    const uncount = () => {
      if (!counted) return;
      counted = false;
      const left = (unauthenticated.get(address) ?? 1) - 1;
      if (left > 0) unauthenticated.set(address, left);
      else unauthenticated.delete(address);
    };
    conn.once('close', uncount);
    // Kept beside the connection, not on it: a property added to Engine.IO's object costs memory on
    // every socket (its hidden class changes), and the listener goes once it has counted.
    authenticated.set(conn, () => {
      uncount();
      (conn as unknown as { off(e: string, f: () => void): void }).off('close', uncount);
    });
  });
  // The handshake authenticates: identity comes from a session or device cookie, never from `auth`.
  // A refused handshake gets its typed error and then its connection is closed.
  io.use(async (socket, next) => {
    let refusal: Error | true;
    try {
      refusal = await authenticate(socket);
    } catch {
      // The database did not answer: the page retries, as after any refused connection.
      refusal = handshakeError('unavailable', 'the server could not check the credential; try again');
    }
    if (typeof refusal === 'object') {
      next(refusal);
      process.nextTick(() => socket.conn.close());
      return;
    }
    authenticated.get(socket.conn)?.();
    authenticated.delete(socket.conn);
    next();
  });
  const authenticate = async (socket: AshirSocket): Promise<Error | true> => {
    const { headers } = socket.handshake;
    if (!originAllowed(headers.origin, headers.host, deps.allowedOrigins))
      return handshakeError('forbidden', 'this origin may not connect');
    const identity = await identify(deps.accounts, headers.cookie, deps.cookies);
    if (!identity)
      return handshakeError('unauthorized', 'sign in first (no valid session or kiosk credential)');
    if (identity.role === 'interpreter' && !identity.languages.some((l) => offeredLanguages.includes(l)))
      return handshakeError(
        'bad_request',
        `None of your sign languages is offered here (${offeredLanguages.join(', ')}).`,
      );
    if ((open.get(identity.accountId) ?? 0) >= limits.maxSocketsPerIdentity)
      return handshakeError(
        'too_many_connections',
        `At most ${limits.maxSocketsPerIdentity} connections for one account.`,
      );
    socket.data = identity;
    return true;
  };
  // Counted per connection (a recovered socket skips the middleware but is connected again).
  io.on('connection', (socket) => {
    // Memory: after the handshake, the raw HTTP request (its socket, parser and raw headers) is not
    // needed (Socket.IO's performance guide), nor any header but the cookie, which the credential
    // sweep checks again (auth/credential-sweep.ts). About 5 KB a socket.
    const conn = socket.conn as unknown as { request: IncomingMessage | null };
    if (conn.request) forgetHeaders(conn.request);
    conn.request = null;
    const h = socket.handshake;
    (socket as { handshake: typeof h }).handshake = {
      ...h,
      headers: { cookie: h.headers.cookie },
      time: '',
      url: '',
      query: {},
      auth: {},
    };
    const key = socket.data.accountId;
    void socket.join(accountRoom(key));
    open.set(key, (open.get(key) ?? 0) + 1);
    socket.once('disconnect', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    });
  });
  return io;
}

/**
 * A refused handshake: the client reads `err.data.code` (typed) and shows its own text for it; the
 * message is for logs and developers, never shown to a person.
 */
function handshakeError(code: HandshakeErrorCode, message: string): Error & { data: HandshakeErrorData } {
  return Object.assign(new Error(`${code}: ${message}`), { data: { code } });
}

export function socketOutbox(io: AshirServer): Outbox {
  return {
    send(to, event, payload) {
      // Every socket is in the room named by its id; the emit is typed by Outbox's signature.
      const target = VOLATILE_EVENTS.has(event) ? io.to(to).volatile : io.to(to);
      (target.emit as (e: string, ...a: unknown[]) => boolean)(event, payload);
    },
  };
}

/** Validate and route every event of one socket. Nothing a client sends can throw out of here. */
export function routeEvents(
  socket: AshirSocket,
  events: ClientEventTable,
  handlers: Handlers,
  logger: Logger,
  rate: RateLimit,
  now: () => number,
  budget: LogBudget,
): void {
  // Made when first needed: most sockets never log a line, and 10,000 child loggers are memory.
  let child: Logger | null = null;
  const log = () => (child ??= logger.child({ socketId: socket.id, role: socket.data.role }));
  const account = socket.data.accountId;
  const warn = (fields: Record<string, unknown>, msg: string) => {
    const { write, dropped } = budget.take(account, now());
    if (write)
      log().warn({ ...fields, accountId: account, ...(dropped ? { suppressedBefore: dropped } : {}) }, msg);
  };
  const bucket = new TokenBucket(rate, now());
  let limitedSince: number | null = null;
  socket.onAny((rawEvent: string, ...args: unknown[]) => {
    // A name is logged at most 40 characters long, whatever a client sends.
    const event = String(rawEvent).slice(0, 40);
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as (r: unknown) => void) : null;
    const reply = (result: unknown) => {
      if (ack) ack(result);
    };
    if (!bucket.take(now())) {
      // One log line per stretch of flooding, not one per message.
      if (limitedSince === null) warn({ event }, 'rate limited');
      limitedSince ??= now();
      reply(fail('rate_limited', `Too many messages: at most ${rate.ratePerS} a second. Nothing was done.`));
      return;
    }
    limitedSince = null;
    const spec = Object.hasOwn(events, rawEvent) ? events[rawEvent as ClientEventName] : undefined;
    if (!spec) {
      warn({ event }, 'unknown event');
      reply(fail('unknown_event', `Unknown event "${event}".`));
      return;
    }
    const checked = checkPayload(spec, socket.data.role, args);
    if (!checked.ok) {
      warn({ event, code: checked.code }, 'event rejected');
      reply(checked);
      return;
    }
    if (!ack) {
      warn({ event }, 'event without ack');
      return;
    }
    const failed = (err: unknown) => {
      log().error({ event, err }, 'handler failed');
      reply(fail('internal', 'The server could not do that. Please try again.'));
    };
    try {
      const handler = handlers[event as ClientEventName] as (from: string, payload: unknown) => unknown;
      const result = handler(socket.id, checked.payload);
      // Synchronous in the embedded mode; a promise while a write is under way or in a cluster.
      if (result instanceof Promise) result.then(reply, failed);
      else reply(result);
      if (logger.isLevelEnabled('debug')) log().debug({ event }, 'event handled');
    } catch (err) {
      failed(err);
    }
  });
}

function checkPayload(
  spec: ClientEventTable[ClientEventName],
  role: SocketData['role'],
  args: unknown[],
): { ok: true; payload: unknown } | AckError {
  if (!(spec.roles as readonly string[]).includes(role))
    return fail('forbidden', `A ${role} may not send this.`);
  if (args.length !== 1) return fail('bad_request', 'Send exactly one payload object and an ack.');
  const parsed = v.safeParse(spec.schema, args[0]);
  if (!parsed.success) return fail('bad_request', `Invalid payload: ${describeIssues(parsed.issues)}`);
  return { ok: true, payload: parsed.output };
}

/** A short, single-line description of what was wrong, for the client (never logged with values). */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((i) => `${v.getDotPath(i) ?? 'payload'}: ${i.expected ? `expected ${i.expected}` : i.message}`)
    .join('; ')
    .slice(0, 300);
}

/**
 * Engine.IO keeps a WebSocket's upgrade request alive for the connection's life (the response
 * object it makes for middlewares listens for the socket's close), so dropping our reference frees
 * nothing: its headers (an object and a raw list, with the user agent, keys and origin) are let go
 * instead. Nothing reads them after the handshake.
 */
function forgetHeaders(req: IncomingMessage): void {
  req.headers = {};
  req.rawHeaders = [];
  req.rawTrailers = [];
}
