/** A real Ashir server on 127.0.0.1, port 0, with its JSON log lines kept for assertions. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { loadConfig } from '../../signaling-server/config.ts';
import { startServer, type AshirServer } from '../../signaling-server/server.ts';
import { provision, type Provisioned, type Who } from './accounts.ts';

export interface TestServer {
  server: AshirServer;
  url: string;
  dbPath: string;
  logs: string[];
  close(): Promise<void>;
  /** Makes an account (user with a session, or an enrolled kiosk) and returns its cookie header. */
  cookieFor(who: Who): Promise<string>;
  /** The same, with the cookie's parts and the username (for signing in through a page). */
  provision(who: Who): Promise<Provisioned>;
}

/** `dbPath`: reuse a database (a restart of the same server); otherwise a fresh file. */
export async function startTestServer(
  env: Record<string, string> = {},
  dbPath = path.join(mkdtempSync(path.join(tmpdir(), 'ashir-test-')), 'ashir.sqlite'),
): Promise<TestServer> {
  // No vision models unless a test brings its own (MODELS_DIR): the kiosk then runs no vision, and no
  // presence timeout, the same here as on a fresh CI machine where assets/models was never built.
  const noModels = mkdtempSync(path.join(tmpdir(), 'ashir-no-models-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    STATIC_DIR: 'dist',
    DB_PATH: dbPath,
    MODELS_DIR: noModels,
    ...env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const server = await startServer(config, pino({ level: 'debug' }, sink));
  return {
    server,
    url: `http://127.0.0.1:${server.port}`,
    dbPath,
    logs,
    close: () => server.close(),
    cookieFor: async (who) => (await provision(server.accounts, who)).cookie,
    provision: (who) => provision(server.accounts, who),
  };
}

/** The routing counts the tests look at (queued requests, calls, available interpreters). */
export function routing(server: AshirServer) {
  const { queued, calls, available } = server.counts();
  return { queued, calls, available };
}

/** The counter counts the tests look at (kiosks, clerk consoles, sessions). */
export function counters(server: AshirServer) {
  const { kiosks, clerks, sessions } = server.counts();
  return { kiosks, clerks, sessions };
}
