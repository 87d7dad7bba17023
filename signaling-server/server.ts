/** Composition: HTTP app + Socket.IO + switchboard + SQLite on one port. Used by main.ts and the tests. */
import { readFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { randomInt, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { systemClock, type Clock } from './domain/clock.ts';
import { Switchboard } from './domain/switchboard.ts';
import { CounterDesk } from './domain/counter-desk.ts';
import { viewCard } from '../src/flows/engine.ts';
import { FLOWS_BY_ID } from '../src/flows/definitions.ts';
import { createHttpApp } from './http/app.ts';
import { domainHandlers } from './realtime/handlers.ts';
import { iceServersFor } from './realtime/ice-servers.ts';
import { createSocketServer, routeEvents, socketOutbox } from './realtime/socket-server.ts';
import { closeOrphanedRequests, sqliteRecorder } from './store/call-records.ts';
import { openDatabase, serverKey, type Db } from './store/db.ts';
import { resumeTokens } from './realtime/resume-tokens.ts';
import { statsQuery } from './store/stats.ts';
import { Accounts } from './store/accounts.ts';
import { SignInThrottle } from './auth/throttle.ts';

export interface AshirServer {
  port: number;
  httpServer: HttpServer;
  switchboard: Switchboard;
  desk: CounterDesk;
  db: Db;
  accounts: Accounts;
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  logger: Logger,
  clock: Clock = systemClock,
): Promise<AshirServer> {
  const db = openDatabase(config.dbPath);
  const orphans = closeOrphanedRequests(db, clock.now());
  if (orphans > 0) logger.warn({ orphans }, 'closed requests left open by the previous run as failed');
  const stats = statsQuery(db);
  const accounts = new Accounts(db, () => clock.now());

  // The HTTP app must be in place before Socket.IO wraps the server's request listener.
  const app = createHttpApp({
    staticDir: config.staticDir,
    modelsDir: config.modelsDir,
    health: () => sb.snapshot(),
    stats: () => {
      const live = sb.snapshot();
      return stats(clock.now(), { available: live.available, queued: live.queued });
    },
    signLanguages: config.routing.languages,
    accounts,
    throttle: new SignInThrottle(() => clock.now()),
    allowedOrigins: config.allowedOrigins,
    secure: config.tls !== null,
  });
  // HTTPS when a certificate is configured: browsers give the camera only to secure pages (or localhost).
  const httpServer: HttpServer = config.tls
    ? createHttpsServer(
        { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) },
        app,
      )
    : createServer(app);
  const io = createSocketServer(httpServer, {
    accounts,
    offeredLanguages: config.routing.languages,
    allowedOrigins: config.allowedOrigins,
    limits: config.limits,
    recoveryWindowMs: config.recoveryWindowMs,
  });
  const resume = resumeTokens(serverKey(db, 'call-resume'));
  const outbox = socketOutbox(io);
  const log = (level: 'info' | 'debug', msg: string, fields?: Record<string, unknown>) =>
    logger[level](fields ?? {}, msg);
  const desk = new CounterDesk({
    clock,
    outbox,
    newId: randomUUID,
    newPairingCode: () => String(randomInt(0, 1_000_000)).padStart(6, '0'),
    validCard: (card) => viewCard(FLOWS_BY_ID, card) !== null,
    idle: config.idle,
    log,
  });
  const sb = new Switchboard({
    clock,
    outbox,
    records: sqliteRecorder(db),
    newId: randomUUID,
    policy: config.routing,
    iceServers: (callId) => iceServersFor(config.ice, callId, clock.now()),
    media: config.media,
    kioskCallChanged: (kioskId, call) => desk.kioskCallChanged(kioskId, call),
    resume: { ...resume, windowMs: config.recoveryWindowMs },
    log,
  });
  const handlers = domainHandlers(sb, desk);

  // A socket that drops for network reasons keeps its calls, requests and session for the recovery
  // window (Socket.IO replays what it missed when it comes back); one that leaves on purpose goes now.
  const leaving = new Map<string, () => void>();
  const drop = (id: string) => {
    leaving.delete(id);
    sb.disconnect(id);
    desk.disconnect(id);
  };
  io.on('connection', (socket) => {
    if (socket.recovered) {
      leaving.get(socket.id)?.();
      leaving.delete(socket.id);
      logger.info({ socketId: socket.id, role: socket.data.role }, 'recovered');
    } else {
      sb.connect(socket.id, socket.data);
      desk.connect(socket.id, socket.data);
      logger.info({ socketId: socket.id, role: socket.data.role }, 'connected');
    }
    routeEvents(socket, handlers, logger, config.limits.rate, () => clock.now());
    socket.on('disconnect', (reason) => {
      logger.info({ socketId: socket.id, reason }, 'disconnected');
      if (reason === 'transport close' || reason === 'ping timeout' || reason === 'transport error')
        leaving.set(
          socket.id,
          clock.setTimeout(() => drop(socket.id), config.recoveryWindowMs),
        );
      else drop(socket.id);
    });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  logger.info({ port, host: config.host }, 'listening');

  return {
    port,
    httpServer,
    switchboard: sb,
    desk,
    db,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const cancel of leaving.values()) cancel();
        void io.close(() => {
          sb.dispose();
          db.close();
          resolve();
        });
      }),
  };
}
