/**
 * A real TURN server for tests: Debian's coturn on 127.0.0.1 and a free port, with a generated
 * `use-auth-secret` configuration. Stopped (and restartable) by the test that started it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { freePort, waitForTcp } from './services.ts';

export const TURNSERVER_PATH = '/usr/bin/turnserver';

export interface TurnServer {
  url: string;
  secret: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startTurn(): Promise<TurnServer> {
  if (!existsSync(TURNSERVER_PATH)) {
    throw new Error(
      `coturn is not installed (${TURNSERVER_PATH}). Install Debian's package: apt-get install -y --no-install-recommends coturn. ` +
        '.ci/run does this; the TURN tests cannot run without it.',
    );
  }
  const port = await freePort();
  const relayMin = 40_000 + Math.floor(Math.random() * 20_000);
  const secret = randomBytes(24).toString('hex');
  const args = [
    '-n',
    '--listening-ip=127.0.0.1',
    '--relay-ip=127.0.0.1',
    `--listening-port=${port}`,
    `--min-port=${relayMin}`,
    `--max-port=${relayMin + 200}`,
    '--use-auth-secret',
    `--static-auth-secret=${secret}`,
    '--realm=ashir.test',
    '--allow-loopback-peers',
    '--no-cli',
    '--no-tls',
    '--no-dtls',
    '--fingerprint',
    '--log-file=stdout',
    '--simple-log',
  ];
  let child: ChildProcess | null = null;
  const turn: TurnServer = {
    url: `turn:127.0.0.1:${port}?transport=udp`,
    secret,
    port,
    async start() {
      child = spawn(TURNSERVER_PATH, args, { stdio: 'ignore' });
      await waitForTcp(port, 'coturn');
    },
    async stop() {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        c.once('exit', () => resolve());
        c.kill('SIGKILL');
      });
    },
  };
  await turn.start();
  return turn;
}
