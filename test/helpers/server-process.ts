/** The real server as its own process on port 0 (the port read from its JSON log): for benchmarks, kills and restarts. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface ServerProcess {
  url: string;
  pid: number;
  dbPath: string;
  /** Every line the server logged (JSON). */
  logs: string[];
  stop(): Promise<void>;
  /** SIGKILL: no shutdown code runs, as in a power cut or an OOM kill. */
  kill(): Promise<void>;
}

/** `BENCH_SERVER_PROFILE=dir` writes the server's CPU profile there (`node --cpu-prof`) when it exits. */
function profileArgs(): string[] {
  const dir = process.env.BENCH_SERVER_PROFILE;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

export interface SpawnOptions {
  /** Node's own flags for the server (a benchmark's `--trace-gc`). */
  nodeArgs?: string[];
  /** Modules loaded into the server after tsx (so they may be TypeScript). */
  imports?: string[];
}

/** `dbPath` to reuse a database (a restart); otherwise a fresh one in a temporary folder. */
export async function spawnServer(
  env: Record<string, string> = {},
  dbPath?: string,
  options: SpawnOptions = {},
): Promise<ServerProcess> {
  dbPath ??= path.join(mkdtempSync(path.join(tmpdir(), 'ashir-server-')), 'ashir.sqlite');
  const logs: string[] = [];
  if (env.LOG_LEVEL && !['info', 'debug', 'trace'].includes(env.LOG_LEVEL))
    throw new Error('spawnServer reads the port from the "listening" info line: LOG_LEVEL must show info');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...profileArgs(),
      ...(options.nodeArgs ?? []),
      '--import',
      'tsx',
      ...(options.imports ?? []).flatMap((m) => ['--import', m]),
      'signaling-server/main.ts',
    ],
    {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DB_PATH: dbPath, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      logs.push(line);
      if (process.env.BENCH_SERVER_ERRORS && /"level":(40|50|60)/.test(line))
        console.error(`[server] ${line}`);
      if (!line.includes('"listening"')) return;
      resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    dbPath,
    logs,
    stop: () => exit(child, 'SIGTERM'),
    kill: () => exit(child, 'SIGKILL'),
  };
}

function exit(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** Peak resident memory of a process, in MB (Linux). */
export async function peakRssMb(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return Math.round(kb / 1024);
}
