/** HTTP: security headers, /healthz and the built front-end. */
import type { IceServer, OfficeRoutingSettings } from '../../src/protocol/index.ts';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { SignLanguage } from '../../src/protocol/index.ts';
import type { Stats } from '../store/stats.ts';
import { securityHeaders } from './security-headers.ts';
import { actorOfRequest, authRoutes, requireRole } from './auth-routes.ts';
import { originAllowed } from './origin.ts';
import type { AuthDeps } from './auth-routes.ts';
import { adminRoutes, staffOnly } from './admin-routes.ts';
import { officeRoutes } from './office-routes.ts';
import { recordsRoutes } from './records-routes.ts';
import { clipRoutes } from './clip-routes.ts';
import type { SignClips } from '../store/sign-clips.ts';
import type { ClipFiles } from '../clips/clip-files.ts';
import type { Db } from '../store/db.ts';
import type { AuditLog } from '../store/audit.ts';
import { KIOSK_SERVICE_WORKER } from '../../src/kiosk/service-worker-name.ts';

// The package exports only its bundles; its wasm/ folder sits beside them.
const TASKS_VISION_WASM = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@mediapipe/tasks-vision')),
  'wasm',
);

export interface HttpDeps {
  staticDir: string;
  /** Built MediaPipe models (npm run models), served at /models/. */
  modelsDir: string;
  /** Up, degraded or draining, for anyone (load balancers answer 503 as down): no counts. */
  health: () => { status: 'ok' } | { ok: false; status: 'degraded' | 'draining' };
  /** What the server is doing now (live counts, health), for supervisors only. */
  status: () => Record<string, unknown>;
  stats: () => Promise<Stats>;
  signLanguages: readonly SignLanguage[];
  allowedOrigins: readonly string[];
  /** GET /metrics (Prometheus), guarded by a token or loopback. */
  metrics: RequestHandler;
  /** The call records (read by /api/admin/records and /history). */
  db: Db;
  now: () => number;
  /** An admin renamed an office: its connected sockets and the routing core take the new name. */
  renameOffice: (from: string, to: string) => void;
  knownFlow: (flow: string) => boolean;
  /** Asks a kiosk (by account) to run its self-test. */
  askSelfTest: (kioskId: string) => void;
  kioskDevice: (kioskId: string) => { iceServers: IceServer[]; selfTestHours: number };
  routeOffice: (office: string, routing: OfficeRoutingSettings) => void;
  /** The administration audit log (written by /api/admin/*). */
  adminAudit: AuditLog;
  /** The sign library: its rows and its files. */
  signClips: SignClips;
  clipFiles: ClipFiles;
  /** How many reverse proxies stand in front (TRUST_PROXY); 0: `req.ip` is the socket's peer. */
  trustProxy: number;
}

export function createHttpApp(deps: HttpDeps & AuthDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Express's `trust proxy = n`; the Socket.IO handshake computes the same (http/client-address.ts).
  app.set('trust proxy', deps.trustProxy > 0 ? deps.trustProxy : false);
  app.use(securityHeaders(deps.cookies.secure));
  app.use((req, res, next) => {
    if (
      req.method === 'GET' ||
      req.method === 'HEAD' ||
      originAllowed(req.headers.origin, req.headers.host, deps.allowedOrigins)
    )
      return next();
    res.status(403).json({ ok: false, code: 'forbidden', message: 'This origin may not call this server.' });
  });
  app.get('/metrics', deps.metrics);
  app.get('/healthz', (_req, res) => {
    const health = { ok: true, ...deps.health() };
    res.status(health.ok ? 200 : 503).json(health);
  });
  // One edge for every supervisor route: who the actor is, checked once.
  app.use(
    '/api/admin',
    staffOnly(deps.accounts, deps.cookies),
    recordsRoutes({ db: deps.db, now: deps.now }),
    adminRoutes({ ...deps, audit: deps.adminAudit }),
    officeRoutes({ ...deps, audit: deps.adminAudit }),
  );
  app.use(
    clipRoutes({
      accounts: deps.accounts,
      cookies: deps.cookies,
      clips: deps.signClips,
      files: deps.clipFiles,
      audit: deps.adminAudit,
      now: deps.now,
    }),
  );
  app.use('/api', authRoutes(deps));
  app.get('/api/stats', requireRole(deps.accounts, deps.cookies, ['supervisor']), async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await deps.stats());
  });
  // An enrolled kiosk's device settings: ICE servers for its self-test's TURN check, and how often.
  app.get('/api/kiosk/device', requireRole(deps.accounts, deps.cookies, ['kiosk']), (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ ok: true, ...deps.kioskDevice(actorOfRequest(res)) });
  });
  app.get('/api/status', requireRole(deps.accounts, deps.cookies, ['supervisor']), (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ ok: true, ...deps.status() });
  });
  app.get('/api/sign-languages', (_req, res) => {
    res.json({ languages: deps.signLanguages });
  });
  // On-device vision: the models this installation built and the tasks-vision WASM, both from this
  // origin (no CDN), so that nothing the kiosk needs, and nothing it sends, leaves the office.
  const immutable = { maxAge: '1d', index: false, redirect: false };
  app.use('/models', express.static(path.resolve(deps.modelsDir), immutable));
  app.use('/vision/wasm', express.static(TASKS_VISION_WASM, immutable));
  const root = path.resolve(deps.staticDir);
  if (existsSync(root)) {
    app.get('/', (_req, res) => res.redirect(302, '/kiosk/'));
    app.use(
      express.static(root, {
        index: 'index.html',
        redirect: true,
        // Pages and the kiosk's service worker must pick up a new deployment at once; hashed assets
        // never change.
        setHeaders: (res, filePath) =>
          res.setHeader(
            'Cache-Control',
            filePath.endsWith('.html') || path.basename(filePath) === KIOSK_SERVICE_WORKER
              ? 'no-cache'
              : 'public, max-age=31536000, immutable',
          ),
      }),
    );
  }
  app.use((_req, res) => {
    res.status(404).json({ ok: false, code: 'not_found', message: 'Not found.' });
  });
  app.use(jsonErrors);
  return app;
}

/** Malformed or oversized bodies get the same JSON error shape as everything else, never a stack. */
const jsonErrors: ErrorRequestHandler = (err: { status?: number; type?: string }, _req, res, _next) => {
  const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
  res.status(status).json({
    ok: false,
    code: status === 500 ? 'internal' : 'bad_request',
    message:
      status === 413
        ? 'The body is too large.'
        : status === 500
          ? 'Server error.'
          : 'The body is not valid JSON.',
  });
};
