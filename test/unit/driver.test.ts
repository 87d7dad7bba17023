/**
 * The routing shell: a throw inside the core (here: a timer whose step throws) is logged at error
 * with the event, never escapes a timer, and the server keeps serving; repeated errors make the
 * health degraded. A failing record write changes neither the state nor the records.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Database from 'better-sqlite3';
import { createCore, initialState } from '../../signaling-server/domain/core.ts';
import { Driver } from '../../signaling-server/shell/driver.ts';
import { DEGRADED_WINDOW_MS } from '../../signaling-server/shell/error-window.ts';
import { recorder } from '../../signaling-server/store/call-records.ts';
import { openStore } from '../../signaling-server/store/db.ts';
import { systemClock } from '../../src/util/clock.ts';
import { DisposerBag } from '../../src/util/emitter.ts';
import { CONFIG, counterRand } from '../helpers/core.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

async function driverWith(step: ReturnType<typeof createCore>['step'], dbPath = ':memory:') {
  const logs: string[] = [];
  const line = (level: string) => (fields: object, msg: string) =>
    void logs.push(`${level} ${msg} ${JSON.stringify(fields)}`);
  const store = await openStore(dbPath);
  const db = store.raw!;
  const driver = new Driver({
    core: { step },
    state: initialState(),
    clock: systemClock,
    outbox: { send: () => {} },
    records: recorder(store),
    rand: counterRand(),
    logger: { error: line('error'), warn: line('warn'), info: line('info'), debug: line('debug') } as never,
    callStart: () => ({}) as never,
  });
  return { driver, logs, db };
}

const kiosk = { type: 'connect', id: 'k1', identity: { role: 'kiosk', name: 'K', accountId: 'ak' } } as const;
const request = { type: 'client', from: 'k1', event: 'call:request', payload: { gender: 'any' } } as const;

describe('the driver', () => {
  it('survives a throw in a timer step, logs it with the event, and reports degraded health', async () => {
    const core = createCore(CONFIG);
    const { driver, logs } = await driverWith((s, input, now) => {
      if (input.type === 'timer') throw new Error('a bug in a timer');
      return core.step(s, input, now);
    });
    void driver.dispatch(kiosk);
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
    const throwing = await driverWith(() => {
      throw new Error('bug');
    });
    for (let i = 0; i < 3; i++)
      expect(throwing.driver.dispatch(request)).toMatchObject({ ok: false, code: 'internal' });
    expect(throwing.driver.health()).toEqual({ degraded: true, errors: 3 });
    // Once the errors stop, the health clears by itself; the count stays for five minutes.
    vi.advanceTimersByTime(DEGRADED_WINDOW_MS + 1);
    expect(throwing.driver.health()).toEqual({ degraded: false, errors: 3 });
    vi.advanceTimersByTime(5 * 60_000);
    expect(throwing.driver.health()).toEqual({ degraded: false, errors: 0 });
  });

  it('changes nothing when the records cannot be written (a locked database)', async () => {
    vi.useRealTimers();
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'ashir-driver-')), 'db.sqlite');
    const { driver, db } = await driverWith(createCore(CONFIG).step, file);
    db.pragma('busy_timeout = 0');
    void driver.dispatch(kiosk);
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

describe('the driver with an asynchronous write (PostgreSQL, the cluster journal)', () => {
  /** The real SQLite recorder behind a gate: each write waits until the test lets it through. */
  async function gated() {
    const store = await openStore(':memory:');
    const real = recorder(store);
    const writes: Array<{ ops: number; release: (fail?: Error) => void }> = [];
    const records = {
      resumeFacts: real.resumeFacts,
      apply: (ops: Parameters<typeof real.apply>[0]) =>
        new Promise<void>((resolve, reject) =>
          writes.push({
            ops: ops.length,
            release: (fail) => (fail ? reject(fail) : resolve(real.apply(ops))),
          }),
        ),
    };
    const sent: string[] = [];
    const driver = new Driver({
      core: createCore(CONFIG),
      state: initialState(),
      clock: systemClock,
      outbox: { send: (to, event) => void sent.push(`${to} ${event}`) },
      records,
      rand: counterRand(),
      logger: { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} } as never,
      callStart: () => ({}) as never,
    });
    return { driver, writes, sent, db: store.raw! };
  }
  const kioskN = (n: number) =>
    ({
      type: 'connect',
      id: `k${n}`,
      identity: { role: 'kiosk', name: `K${n}`, accountId: `a${n}` },
    }) as const;
  const requestN = (n: number) =>
    ({ type: 'client', from: `k${n}`, event: 'call:request', payload: { gender: 'any' } }) as const;

  it('answers after the write, and the events that came meanwhile go through in one write', async () => {
    vi.useRealTimers();
    const { driver, writes, sent, db } = await gated();
    for (const n of [1, 2, 3]) void driver.dispatch(kioskN(n));
    const first = driver.dispatch(requestN(1));
    expect(first).toBeInstanceOf(Promise);
    // Nothing is sent before the write is done.
    expect(sent.filter((s) => s.includes('call:status'))).toEqual([]);
    const second = driver.dispatch(requestN(2));
    const third = driver.dispatch(requestN(3));
    expect(writes.map((w) => w.ops)).toEqual([1]);
    writes[0]!.release();
    expect(await first).toMatchObject({ ok: true, position: 1 });
    // The two that waited: one batch, one write with both requests.
    await vi.waitFor(() => expect(writes.length).toBe(2));
    expect(writes[1]!.ops).toBe(2);
    writes[1]!.release();
    expect(await second).toMatchObject({ ok: true, position: 2 });
    expect(await third).toMatchObject({ ok: true, position: 3 });
    expect(db.prepare('SELECT count(*) AS n FROM call_requests').get()).toEqual({ n: 3 });
    driver.dispose();
  });

  it('changes nothing and answers every event of a batch whose write failed', async () => {
    vi.useRealTimers();
    const { driver, writes, db } = await gated();
    for (const n of [1, 2]) void driver.dispatch(kioskN(n));
    const first = driver.dispatch(requestN(1));
    const second = driver.dispatch(requestN(2));
    writes[0]!.release(new Error('the database went away'));
    expect(await first).toMatchObject({ ok: false, code: 'internal' });
    await vi.waitFor(() => expect(writes.length).toBe(2));
    writes[1]!.release(new Error('still away'));
    expect(await second).toMatchObject({ ok: false, code: 'internal' });
    expect(driver.state.requests.size).toBe(0);
    // Back again: the next request is the first.
    const again = driver.dispatch(requestN(1));
    await vi.waitFor(() => expect(writes.length).toBe(3));
    writes[2]!.release();
    expect(await again).toMatchObject({ ok: true, position: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM call_requests').get()).toEqual({ n: 1 });
    driver.dispose();
  });
});

describe('a disposer bag', () => {
  it('disposes what is added after it was disposed at once', async () => {
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
