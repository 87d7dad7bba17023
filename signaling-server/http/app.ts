/** HTTP: security headers, /healthz and the built front-end. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import type { SignLanguage } from '../../src/protocol/index.ts';
import type { Stats } from '../store/stats.ts';
import { securityHeaders } from './security-headers.ts';

export interface HttpDeps {
  staticDir: string;
  health: () => Record<string, unknown>;
  stats: () => Stats;
  signLanguages: readonly SignLanguage[];
}

export function createHttpApp(deps: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders);
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true, ...deps.health() });
  });
  app.get('/api/stats', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(deps.stats());
  });
  app.get('/api/sign-languages', (_req, res) => {
    res.json({ languages: deps.signLanguages });
  });
  const root = path.resolve(deps.staticDir);
  if (existsSync(root)) {
    app.get('/', (_req, res) => res.redirect(302, '/kiosk/'));
    app.use(
      express.static(root, {
        index: 'index.html',
        redirect: true,
        // Pages must pick up a new deployment at once; hashed assets never change.
        setHeaders: (res, filePath) =>
          res.setHeader(
            'Cache-Control',
            filePath.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
          ),
      }),
    );
  }
  app.use((_req, res) => {
    res.status(404).json({ ok: false, code: 'not_found', message: 'Not found.' });
  });
  return app;
}
