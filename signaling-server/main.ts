/** Entry point: read the configuration, start the server, stop cleanly on SIGINT/SIGTERM. */
import { pino } from 'pino';
import { ConfigError, loadConfig } from './config.ts';
import { startServer } from './server.ts';
import { describeDemo, seedDemo } from './auth/demo.ts';
import { DatabaseOpenError } from './store/db.ts';
import { KeyFileError } from './auth/keys.ts';

try {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel, base: { service: 'ashir' } });
  const server = await startServer(config, logger);
  // A bug that escapes a listener or a promise is logged and counted (/healthz reports degraded when
  // errors repeat); the process keeps serving every other call.
  process.on('uncaughtException', (err) => {
    logger.error({ err }, 'uncaught exception');
    server.routing.noteError();
  });
  process.on('unhandledRejection', (err) => {
    logger.error({ err }, 'unhandled rejection');
    server.routing.noteError();
  });
  const base = `http://localhost:${server.port}`;
  // Demo accounts only for the embedded default: a cluster is a real deployment (npm run admin).
  const demo = config.redisUrl ? null : await seedDemo(server.accounts, config.routing.languages[0]);
  // Credentials go to the terminal once, never into the JSON log.
  if (demo) process.stderr.write(describeDemo(demo, base));
  logger.info(`Ashir is running: open ${base}/kiosk/, ${base}/clerk/ and ${base}/interpreter/`);
  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping');
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  // What a person must fix gets one clear sentence, not a stack.
  if (err instanceof ConfigError || err instanceof DatabaseOpenError || err instanceof KeyFileError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
