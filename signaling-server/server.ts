/** Composition: HTTP app + Socket.IO + switchboard + SQLite on one port. Used by main.ts and the tests. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Preconnect, StartCall } from './domain/types.ts';
import { systemClock, type Clock } from '../src/util/clock.ts';
import { createCore, initialState } from './domain/core.ts';
import { counts } from './domain/views.ts';
import { Driver } from './shell/driver.ts';
import { localRouting, type Routing } from './cluster/routing.ts';
import { ClusterNode } from './cluster/node.ts';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import { viewCard } from '../src/flows/engine.ts';
import { FLOWS_BY_ID } from '../src/flows/definitions.ts';
import { PICTOGRAM_IDS } from '../src/pictograms/catalog.ts';
import { clientEvents } from '../src/protocol/index.ts';
import { createHttpApp } from './http/app.ts';
import { ClipFiles } from './clips/clip-files.ts';
import { signClips } from './store/sign-clips.ts';
import { domainHandlers } from './realtime/handlers.ts';
import { iceServersFor } from './realtime/ice-servers.ts';
import { accountRoom, createSocketServer, routeEvents, socketOutbox } from './realtime/socket-server.ts';
import { LogBudget } from './realtime/rate-limit.ts';
import { closeOrphanedRequests, recorder } from './store/call-records.ts';
import { openStore, startRun, watchReachable, type Store } from './store/db.ts';
import { openKeyRing } from './auth/keys.ts';
import { cookieNames } from './auth/identity.ts';
import { knownConsoles } from './auth/known-console.ts';
import { sweepCredentials } from './auth/credential-sweep.ts';
import { auditLog } from './store/audit.ts';
import { createMetrics, metricsRoute } from './http/metrics.ts';
import { serviceLevelQuery } from './store/service-level.ts';
import { scopeOf, wallboardFeed } from './shell/wallboard-feed.ts';
import { resumeTokens } from './realtime/resume-tokens.ts';
import { statsQuery } from './store/stats.ts';
import { Accounts } from './store/accounts.ts';
import { offices } from './store/offices.ts';
import { SignInThrottle } from './auth/throttle.ts';

export interface AshirServer {
  port: number;
  httpServer: HttpServer;
  /** The routing core as this node reaches it (the local Driver, or the cluster's leader). */
  routing: Routing;
  /** Live counts: queued requests, calls, available interpreters, kiosks, clerks, sessions. */
  counts(): ReturnType<typeof counts>;
  store: Store;
  accounts: Accounts;
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  logger: Logger,
  clock: Clock = systemClock,
): Promise<AshirServer> {
  const store = await openStore(config.databaseUrl ?? config.dbPath);
  const { db } = store;
  const keys = await openKeyRing(config.keyFile, db, store.kind === 'postgres');
  const run = await startRun(db, clock.now());
  const cookies = cookieNames(config.tls !== null);
  const audit = logger.child({ audit: true });
  const closeOrphans = async () => {
    const orphans = await closeOrphanedRequests(db, clock.now());
    if (orphans > 0) logger.warn({ orphans }, 'closed requests left open by the previous run as failed');
  };
  // In a cluster the core outlives any one node: only a new cluster closes what was left open.
  if (!config.redisUrl) await closeOrphans();
  // Whether the database answers (checked every second): /healthz says degraded when it does not.
  const dbWatch = watchReachable(db, clock);
  const stats = statsQuery(db);
  const accounts = new Accounts(db, () => clock.now());
  const live = () => counts(routing.view());

  const metrics = createMetrics({
    state: () => routing.view(),
    sockets: () => io.of('/').sockets.values(),
    errors: () => routing.health().errors,
    now: () => clock.now(),
  });
  // The HTTP app must be in place before Socket.IO wraps the server's request listener.
  const clipFiles = new ClipFiles(config.clipsDir ?? mkdtempSync(path.join(tmpdir(), 'ashir-clips-')));
  await clipFiles.init();
  const app = createHttpApp({
    signClips: signClips(db),
    clipFiles,
    metrics: metricsRoute(metrics.registry, config.metricsToken, config.trustProxy),
    staticDir: config.staticDir,
    modelsDir: config.modelsDir,
    // Anyone may ask whether the server is up; only a supervisor sees what it is doing (/api/status).
    health: () => {
      const { status } = routing.health();
      if (status === 'ok' && !dbWatch.up()) return { ok: false, status: 'degraded' };
      return status === 'ok' ? { status } : { ok: false, status };
    },
    status: () => ({ ...live(), ...routing.health() }),
    stats: () => {
      const { queued, available } = live();
      return stats(clock.now(), { available, queued });
    },
    signLanguages: config.routing.languages,
    accounts,
    throttle: new SignInThrottle(() => clock.now()),
    allowedOrigins: config.allowedOrigins,
    trustProxy: config.trustProxy,
    cookies,
    adminAudit: auditLog(db, () => clock.now()),
    db,
    now: () => clock.now(),
    consoles: knownConsoles(keys.get('known-console')),
    audit: (event, fields) => audit.info(fields, event),
    renameOffice: (from, to) => {
      renameLocally(from, to);
      // Every other node renames its own sockets' office too (a single server has no others).
      if (adapterRedis) io.serverSideEmit('office-renamed', from, to);
      void routing.dispatch({ type: 'office-renamed', from, to });
    },
    knownFlow: (flow) => FLOWS_BY_ID.has(flow),
    askSelfTest: (kioskId) => void io.to(accountRoom(kioskId)).emit('kiosk:run-self-test', {}),
    kioskDevice: (kioskId) => ({
      iceServers: iceServersFor(config.ice, `self-test-${kioskId}`, clock.now()),
      selfTestHours: config.selfTestHours,
    }),
    routeOffice: (office, choices) =>
      void routing.dispatch({ type: 'office-routing', office, routing: choices }),
    // Every node: the account's sockets are in one room.
    disconnectAccount: (accountId) => io.in(accountRoom(accountId)).disconnectSockets(true),
  });
  const renameLocally = (from: string, to: string) => {
    for (const socket of io.of('/').sockets.values())
      if ('office' in socket.data && socket.data.office === from)
        socket.data = { ...socket.data, office: to };
  };
  // HTTPS when a certificate is configured: browsers give the camera only to secure pages (or localhost).
  const httpServer: HttpServer = config.tls
    ? createHttpsServer(
        { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) },
        app,
      )
    : createServer(app);
  const adapterRedis = config.redisUrl
    ? new Redis(config.redisUrl, { connectionName: `ashir-${config.nodeId}-io` })
    : null;
  adapterRedis?.on('error', () => {});
  const io = createSocketServer(httpServer, {
    ...(adapterRedis ? { adapter: createAdapter(adapterRedis, { maxLen: 100_000, readCount: 1000 }) } : {}),
    accounts,
    offeredLanguages: config.routing.languages,
    allowedOrigins: config.allowedOrigins,
    limits: config.limits,
    recoveryWindowMs: config.recoveryWindowMs,
    cookies,
    trustProxy: config.trustProxy,
  });
  const tokens = resumeTokens(keys.get('call-resume'), run.runId, run.previousRunId);
  // In a cluster every write of the leader carries its fencing token (a deposed leader writes nothing).
  const written = recorder(store, () => (routing instanceof ClusterNode ? routing.fencingToken : null));
  // Counted for /metrics once written (a failed step's records count nothing).
  const records = {
    ...written,
    apply: (ops: Parameters<typeof written.apply>[0]) => {
      const done = written.apply(ops);
      if (!(done instanceof Promise)) return metrics.observe(ops);
      return done.then(() => metrics.observe(ops));
    },
  };
  const core = createCore({
    routing: config.routing,
    idle: config.idle,
    recoveryWindowMs: config.recoveryWindowMs,
    validCard: (card) => viewCard(FLOWS_BY_ID, card) !== null,
    flowSkills: (flow) => {
      const known = FLOWS_BY_ID.get(flow);
      return known ? (known.skills ?? []) : null;
    },
  });
  const shell = {
    core,
    clock,
    outbox: socketOutbox(io),
    records,
    logger,
    callStart: ({ type: _t, to: _to, accountId, role, ...start }: StartCall) => ({
      ...start,
      iceServers: iceServersFor(config.ice, start.callId, clock.now()),
      media: config.media,
      ...(role === 'interpreter' ? { teamPromptMs: config.teamPromptMs } : {}),
      resumeToken: tokens.sign(
        { callId: start.callId, requestId: start.requestId, role, accountId },
        clock.now(),
      ),
    }),
    preconnect: ({ requestId, initiator }: Preconnect) => ({
      requestId,
      initiator,
      iceServers: iceServersFor(config.ice, requestId, clock.now()),
      media: config.media,
    }),
  };
  const routing: Routing = config.redisUrl
    ? new ClusterNode({
        ...shell,
        redisUrl: config.redisUrl,
        nodeId: config.nodeId,
        leaseMs: config.leaseMs,
        fresh: closeOrphans,
        store,
        recordsWritten: (ops) => metrics.observe(ops),
      })
    : localRouting(new Driver({ ...shell, state: initialState() }));
  if (routing instanceof ClusterNode) await routing.start();
  // The offices' routing choices, from the database (an admin's change is dispatched as it is made).
  for (const { office, routing: choices } of await offices(db).allRouting())
    await routing.dispatch({ type: 'office-routing', office, routing: choices });
  io.on('office-renamed' as never, renameLocally as never);
  const handlers = domainHandlers(
    routing,
    (id) => io.of('/').sockets.get(id)?.data,
    tokens,
    records,
    () => clock.now(),
  );
  const board = wallboardFeed({
    viewers: () => io.of('/').sockets.values(),
    state: () => routing.view(),
    accounts,
    level: serviceLevelQuery(db),
    clock,
    everyMs: 1000,
    onError: (err) => {
      logger.error({ err }, 'wallboard failed');
      routing.noteError();
    },
  });
  const stopSeen = clock.setInterval(() => {
    accounts.kiosks
      .flushSeen()
      .catch((err: unknown) => logger.error({ err }, 'could not write kiosks last seen'));
  }, 5000);
  const stopSweep = sweepCredentials({
    sockets: () => io.of('/').sockets.values(),
    accounts,
    cookies,
    clock,
    everyMs: config.credentialCheckMs,
    onRevoked: (s) =>
      audit.info({ accountId: s.data.accountId, socketId: s.id }, 'credential gone: disconnected'),
    onError: (err) => {
      logger.error({ err }, 'credential check failed');
      routing.noteError();
    },
  });
  const events = clientEvents({ pictogramIds: PICTOGRAM_IDS });
  const logBudget = new LogBudget();

  // A socket that drops for network reasons keeps its calls, requests and session for the recovery
  // window (Socket.IO replays what it missed when it comes back); one that leaves on purpose goes now.
  io.on('connection', (socket) => {
    if (socket.recovered) {
      void routing.dispatch({ type: 'recover', id: socket.id });
      logger.info(
        { socketId: socket.id, role: socket.data.role, accountId: socket.data.accountId },
        'recovered',
      );
    } else {
      void routing.dispatch({ type: 'connect', id: socket.id, identity: socket.data });
      logger.info(
        { socketId: socket.id, role: socket.data.role, accountId: socket.data.accountId },
        'connected',
      );
    }
    if (socket.data.role === 'kiosk') accounts.kiosks.seen(socket.data.accountId);
    if (scopeOf(socket.data) !== undefined) board.joined(socket);
    routeEvents(socket, events, handlers, logger, config.limits.rate, () => clock.now(), logBudget);
    socket.on('disconnect', (reason) => {
      logger.info({ socketId: socket.id, reason }, 'disconnected');
      // A node that stops in a cluster: its pages come back on another node, as after a drop.
      const network =
        reason === 'transport close' ||
        reason === 'ping timeout' ||
        reason === 'transport error' ||
        (reason === 'server shutting down' && config.redisUrl !== null);
      void routing.dispatch({ type: 'disconnect', id: socket.id, network });
      board.left(socket.id);
      if (socket.data.role === 'kiosk') accounts.kiosks.seen(socket.data.accountId);
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
    routing,
    counts: live,
    store,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        stopSweep();
        stopSeen();
        dbWatch.stop();
        board.dispose();
        routing.drain();
        // The core stops first: the disconnects of closing sockets change nothing (a single
        // server's calls stay open in the records, to be resumed after a restart; a cluster's
        // sockets are held by the leader when this node's heartbeat stops, and come back elsewhere).
        const stopped = routing.dispose();
        void io.close(() => {
          void accounts.kiosks
            .flushSeen()
            .catch((err: unknown) => logger.error({ err }, 'could not write kiosks last seen'))
            .then(() => stopped)
            .then(() => adapterRedis?.quit())
            .then(() => store.close())
            .then(resolve, resolve);
        });
      }),
  };
}
