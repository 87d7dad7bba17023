/**
 * Nothing acknowledged is lost: calls are driven against a server process, the process is killed
 * with SIGKILL in the middle of it, and after a restart on the same database every request, answer
 * and end the server had acknowledged is recorded. Run against both stores: the embedded SQLite file
 * (and `PRAGMA integrity_check` is ok) and a real PostgreSQL.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { provisionInFile } from '../helpers/accounts.ts';
import {
  connectWithCookie,
  emitRaw,
  interpreterAuth,
  kioskAuth,
  nextEvent,
  type TestSocket,
} from '../helpers/clients.ts';
import { spawnServer, type ServerProcess } from '../helpers/server-process.ts';
import { startPostgres, type Postgres } from '../helpers/services.ts';

const servers: ServerProcess[] = [];
const sockets: TestSocket[] = [];
let postgres: Postgres | null = null;
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  for (const s of servers) await s.kill();
  await postgres?.stop();
});

interface Acked {
  requested: Set<string>;
  answered: Set<string>;
  ended: Set<string>;
}

/** An interpreter that accepts whatever it is offered, and a kiosk that calls and hangs up, again and again. */
async function callLoop(url: string, cookies: [string, string], acked: Acked): Promise<void> {
  const interpreter = (await connectWithCookie(url, cookies[0])).socket;
  const kiosk = (await connectWithCookie(url, cookies[1])).socket;
  sockets.push(kiosk, interpreter);
  interpreter.on('call:offer', ({ requestId }) => {
    void emitRaw(interpreter, 'call:accept', { requestId })
      .then((ack) => (ack as { ok: boolean }).ok && acked.answered.add(requestId))
      .catch(() => undefined);
  });
  try {
    await emitRaw(interpreter, 'presence:set', { status: 'available' });
    for (;;) {
      const started = nextEvent(kiosk, 'call:start');
      started.catch(() => undefined); // if the server dies first, this loop ends at its next await

      const req = (await emitRaw(kiosk, 'call:request', {})) as { ok: boolean; requestId: string };
      if (!req.ok) return;
      acked.requested.add(req.requestId);
      const { callId, requestId } = await started;
      const end = (await emitRaw(kiosk, 'call:end', { callId })) as { ok: boolean };
      if (end.ok) acked.ended.add(requestId);
    }
  } catch {
    // The server was killed: whatever was acknowledged before is in `acked`.
  }
}

interface Row {
  id: string;
  answered_at: number | null;
  ended_at: number | null;
  outcome: string | null;
}

/** Drives calls, kills the server, restarts it on the same database; returns what was acknowledged. */
async function killAndRestart(target: string, env: Record<string, string>): Promise<Acked> {
  const pairs = [1, 2, 3, 4].map(
    (n) => [interpreterAuth(`Interpreter ${n}`), kioskAuth(`Kiosk ${n}`)] as const,
  );
  const cookies = (await provisionInFile(target, pairs.flat())).map((p) => p.cookie);
  const dbPath = env.DATABASE_URL ? undefined : target;
  const first = await spawnServer({ WRAP_UP_MS: '0', ...env }, dbPath);
  servers.push(first);
  const acked: Acked = { requested: new Set(), answered: new Set(), ended: new Set() };
  const loops = pairs.map((_, i) => callLoop(first.url, [cookies[2 * i]!, cookies[2 * i + 1]!], acked));
  await expect.poll(() => acked.ended.size, { timeout: 30_000 }).toBeGreaterThan(40);
  await first.kill();
  await Promise.all(loops);

  const second = await spawnServer(env, first.dbPath);
  servers.push(second);
  const health = await fetch(`${second.url}/healthz`);
  expect(health.ok).toBe(true);
  await second.stop();
  return acked;
}

function expectAllKept(acked: Acked, list: Row[]): void {
  const rows = new Map(list.map((r) => [r.id, r]));
  for (const id of acked.requested) expect(rows.has(id), `request ${id}`).toBe(true);
  for (const id of acked.answered) expect(rows.get(id)?.answered_at, `answer of ${id}`).not.toBeNull();
  for (const id of acked.ended) expect(rows.get(id)?.ended_at, `end of ${id}`).not.toBeNull();
  // The restart closed what the kill left open: nothing is left without an outcome.
  expect([...rows.values()].filter((r) => r.outcome === null)).toEqual([]);
}

const COLUMNS = 'SELECT id, answered_at, ended_at, outcome FROM call_requests';

it('keeps every acknowledged record through a SIGKILL and a restart (SQLite)', async () => {
  const dbPath = path.join(mkdtempSync(path.join(tmpdir(), 'ashir-durable-')), 'ashir.sqlite');
  const acked = await killAndRestart(dbPath, {});
  const db = new Database(dbPath, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expectAllKept(acked, db.prepare(COLUMNS).all() as Row[]);
  } finally {
    db.close();
  }
}, 90_000);

describe('on PostgreSQL', () => {
  beforeAll(async () => {
    postgres = await startPostgres();
  }, 60_000);

  it('keeps every acknowledged record through a SIGKILL and a restart', async () => {
    const url = postgres!.url;
    const acked = await killAndRestart(url, { DATABASE_URL: url });
    expectAllKept(acked, await postgres!.query<Row>(COLUMNS));
  }, 90_000);
});
