/** Entry point: read the configuration, start the server, stop cleanly on SIGINT/SIGTERM. */
import { pino } from 'pino';
import { ConfigError, loadConfig } from './config.ts';
import { startServer } from './server.ts';

try {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel, base: { service: 'ashir' } });
  const server = await startServer(config, logger);
  logger.info(
    `Ashir is running: open http://localhost:${server.port}/kiosk/ and http://localhost:${server.port}/interpreter/`,
  );
  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping');
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
