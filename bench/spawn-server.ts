/** Starts the real server as its own process on port 0 and reads the port from its JSON log. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface ServerProcess {
  url: string;
  pid: number;
  dbPath: string;
  stop(): Promise<void>;
}

export async function spawnServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  const dbPath = path.join(mkdtempSync(path.join(tmpdir(), 'ashir-bench-')), 'ashir.sqlite');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'signaling-server/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DB_PATH: dbPath, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
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
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Peak resident memory of a process, in MB (Linux). */
export async function peakRssMb(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return Math.round(kb / 1024);
}
