/**
 * The routing shell: a throw inside the core (here: a timer whose step throws) is logged at error
 * with the event, never escapes a timer, and the server keeps serving; repeated errors make the
 * health degraded. A failing record write changes neither the state nor the records.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Database from 'better-sqlite3';
import { createCore, initialState } from '../../signaling-server/domain/core.ts';
import { Driver } from '../../signaling-server/shell/driver.ts';
import { sqliteRecorder } from '../../signaling-server/store/call-records.ts';
import { openDatabase } from '../../signaling-server/store/db.ts';
import { systemClock } from '../../src/util/clock.ts';
import { DisposerBag } from '../../src/util/emitter.ts';
import { CONFIG, counterRand } from '../helpers/core.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function driverWith(step: ReturnType<typeof createCore>['step'], dbPath = ':memory:') {
  const logs: string[] = [];
  const line = (level: string) => (fields: object, msg: string) =>
    void logs.push(`${level} ${msg} ${JSON.stringify(fields)}`);
  const db = openDatabase(dbPath);
  const driver = new Driver({
    core: { step },
    state: initialState(),
    clock: systemClock,
    outbox: { send: () => {} },
    records: sqliteRecorder(db),
    rand: counterRand(),
    logger: { error: line('error'), warn: line('warn'), info: line('info'), debug: line('debug') } as never,
    callStart: () => ({}) as never,
  });
  return { driver, logs, db };
}

const kiosk = { type: 'connect', id: 'k1', identity: { role: 'kiosk', name: 'K', accountId: 'ak' } } as const;
const request = { type: 'client', from: 'k1', event: 'call:request', payload: { gender: 'any' } } as const;

describe('the driver', () => {
  it('survives a throw in a timer step, logs it with the event, and reports degraded health', () => {
    const core = createCore(CONFIG);
    const { driver, logs } = driverWith((s, input, now) => {
      if (input.type === 'timer') throw new Error('a bug in a timer');
      return core.step(s, input, now);
    });
    driver.dispatch(kiosk);
    expect(driver.dispatch(request)).toMatchObject({ ok: true });
    expect(driver.health().degraded).toBe(false);
    // The fallback timer and the pairing-code timer fire and throw; nothing escapes.
    expect(() => vi.advanceTimersByTime(15 * 60_000)).not.toThrow();
    expect(logs.filter((l) => l.startsWith('error routing step failed'))).not.toEqual([]);
    expect(logs.find((l) => l.startsWith('error'))).toContain('"type":"timer"');
    // Still serving: the kiosk can cancel its request.
    const requestId = [...driver.state.requests.keys()][0]!;
    expect(
      driver.dispatch({ type: 'client', from: 'k1', event: 'call:cancel', payload: { requestId } }),
    ).toEqual({
      ok: true,
    });
    const throwing = driverWith(() => {
      throw new Error('bug');
    });
    for (let i = 0; i < 3; i++)
      expect(throwing.driver.dispatch(request)).toMatchObject({ ok: false, code: 'internal' });
    expect(throwing.driver.health().degraded).toBe(true);
  });

  it('changes nothing when the records cannot be written (a locked database)', () => {
    vi.useRealTimers();
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'ashir-driver-')), 'db.sqlite');
    const { driver, db } = driverWith(createCore(CONFIG).step, file);
    db.pragma('busy_timeout = 0');
    driver.dispatch(kiosk);
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    const before = driver.state;
    expect(driver.dispatch(request)).toMatchObject({ ok: false, code: 'internal' });
    expect(driver.state).toBe(before);
    other.exec('ROLLBACK');
    other.close();
    // Once the lock is gone the same request succeeds, and nothing was half made before.
    expect(driver.dispatch(request)).toMatchObject({ ok: true, position: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM call_requests').get()).toEqual({ n: 1 });
    driver.dispose();
    db.close();
  });
});

describe('a disposer bag', () => {
  it('disposes what is added after it was disposed at once', () => {
    const bag = new DisposerBag();
    const early = vi.fn();
    bag.add(early);
    bag.dispose();
    expect(early).toHaveBeenCalledOnce();
    const late = vi.fn();
    bag.add(late);
    expect(late).toHaveBeenCalledOnce();
    bag.dispose();
    expect(early).toHaveBeenCalledOnce();
  });
});
