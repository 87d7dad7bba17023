/**
 * The cluster's write-behind records (cluster/record-writer.ts, store/fenced-write.ts) on a real
 * PostgreSQL: the fence's mark on both dialects; a new leader writes what the last one journaled and
 * did not write, then its own, once each and in order; a deposed writer writes nothing; records wait
 * while PostgreSQL is away and are written when it is back; an entry the database refuses is
 * skipped, and those after it are written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { olderEntry } from '../../signaling-server/cluster/journal.ts';
import {
  RecordWriter,
  type Entry,
  type RecordWriterDeps,
} from '../../signaling-server/cluster/record-writer.ts';
import type { RecordOp } from '../../signaling-server/domain/types.ts';
import { openStore, type Store } from '../../signaling-server/store/db.ts';
import { claimFence, FencedOut, writeQueries } from '../../signaling-server/store/fenced-write.ts';
import { systemClock } from '../../src/util/clock.ts';
import { startPostgres, type Postgres } from '../helpers/services.ts';

let postgres: Postgres;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.stop());

const T0 = new Date('2026-12-07T09:00:00').getTime();
const requested = (id: string): RecordOp => ({
  op: 'requested',
  id,
  context: {
    kioskName: 'Kiosk 1',
    office: 'Riyadh',
    counter: '1',
    gender: 'any',
    language: 'sdl',
    skills: [],
    flow: null,
    requestedAt: T0,
  },
  requeuedFrom: null,
});
/** A leg of a request that does not exist: the database refuses it (a foreign key). */
const orphanLeg: RecordOp = {
  op: 'leg',
  requestId: 'nobody',
  leg: 'l-orphan',
  interpreterName: 'Huda',
  kind: 'first',
  reason: null,
  at: T0,
};

function quietLogger() {
  const lines: string[] = [];
  const log = (_: unknown, msg?: string) => void lines.push(msg ?? '');
  return { lines, logger: { error: log, warn: log, info: log } as unknown as RecordWriterDeps['logger'] };
}

function writer(store: Store, token: number, backlog: Entry[] = []) {
  const { lines, logger } = quietLogger();
  const written: string[] = [];
  let failures = 0;
  const w = new RecordWriter({
    store,
    token,
    clock: systemClock,
    logger,
    backlog: async (mark) => backlog.filter((e) => mark === '' || olderEntry(mark, e.id)),
    written: (ops) => void written.push(...ops.map((o) => (o.op === 'requested' ? o.id : o.op))),
    failed: () => void failures++,
  });
  w.start();
  return { w, written, lines, failures: () => failures };
}

const ids = async (store: Store) =>
  (await store.db.selectFrom('call_requests').select('id').orderBy('id').execute()).map((r) => r.id);
const mark = async (store: Store) =>
  (await store.db.selectFrom('leader_fence').select('journal').executeTakeFirstOrThrow()).journal;

describe('the fence and its journal mark', () => {
  it('moves the mark with a write, tells a new leader where to go on, and refuses an older token', async () => {
    for (const store of [
      await openStore(await postgres.createDatabase('mark')),
      await openStore(':memory:'),
    ]) {
      try {
        expect(await claimFence(store, 3)).toBe('');
        await writeQueries(store, [], { token: 3, mark: '1700000000000-4' });
        expect(await claimFence(store, 4)).toBe('1700000000000-4');
        // The deposed leader (token 3) can write nothing, with or without a mark, nor claim again.
        await expect(
          Promise.resolve().then(() => writeQueries(store, [], { token: 3 })),
        ).rejects.toBeInstanceOf(FencedOut);
        await expect(claimFence(store, 3)).rejects.toBeInstanceOf(FencedOut);
        expect(await mark(store)).toBe('1700000000000-4');
        // A mark is a stream entry id and nothing else.
        expect(() =>
          writeQueries(store, [], { token: 4, mark: "1-0'; DROP TABLE call_requests; --" }),
        ).toThrow(TypeError);
      } finally {
        await store.close();
      }
    }
  });
});

describe('records written behind the journal', () => {
  it('writes the backlog the last leader left, then its own, once each; a deposed writer writes nothing', async () => {
    const store = await openStore(await postgres.createDatabase('behind'));
    try {
      // The last leader wrote up to 10-0; 11-0 and 12-0 were journaled and not written.
      await writeQueries(store, [], { token: 1, mark: '10-0' });
      const backlog = [
        { id: '9-0', ops: [requested('r09')] },
        { id: '11-0', ops: [requested('r11')] },
        { id: '12-0', ops: [requested('r12')] },
      ];
      const first = writer(store, 2, backlog);
      first.w.push({ id: '13-0', ops: [requested('r13')] });
      first.w.push({ id: '14-0', ops: [] });
      await expect.poll(() => first.w.keepFrom()).toBeNull();
      expect(await ids(store)).toEqual(['r11', 'r12', 'r13']);
      expect(first.written).toEqual(['r11', 'r12', 'r13']);
      expect(await mark(store)).toBe('13-0');
      // A newer leader claims: the first one's next write is refused, and it stops.
      const second = writer(store, 3);
      await expect.poll(() => second.w.keepFrom()).toBeNull();
      first.w.push({ id: '15-0', ops: [requested('r15')] });
      await expect.poll(() => first.lines).toContain('records fenced out: another node leads');
      second.w.push({ id: '15-0', ops: [requested('r15b')] });
      await expect.poll(() => second.w.keepFrom()).toBeNull();
      expect(await ids(store)).toEqual(['r11', 'r12', 'r13', 'r15b']);
      second.w.stop();
    } finally {
      await store.close();
    }
  });

  it('keeps the records while PostgreSQL is away and writes them when it is back; skips one it refuses', async () => {
    const store = await openStore(await postgres.createDatabase('away'));
    const { w, lines, failures } = writer(store, 1);
    try {
      await expect.poll(() => w.keepFrom()).toBeNull();
      await postgres.halt();
      w.push({ id: '20-0', ops: [requested('r20')] });
      w.push({ id: '21-0', ops: [requested('r21')] });
      await expect.poll(() => w.failing).toBe(true);
      expect(w.keepFrom()).toBe('20-0');
      expect(w.behind).toBe(2);
      await new Promise((r) => setTimeout(r, 1500));
      await postgres.start();
      await expect.poll(() => w.keepFrom(), { timeout: 15_000 }).toBeNull();
      expect(w.failing).toBe(false);
      expect(failures()).toBeGreaterThan(0);
      expect(await ids(store)).toEqual(['r20', 'r21']);
      // An entry the database refuses (a leg of no request) is skipped; the next is written.
      w.push({ id: '22-0', ops: [requested('r22'), orphanLeg] });
      w.push({ id: '23-0', ops: [requested('r23')] });
      await expect.poll(() => w.keepFrom()).toBeNull();
      expect(await ids(store)).toEqual(['r20', 'r21', 'r23']);
      expect(lines).toContain('records refused by the database; skipped');
      expect(await mark(store)).toBe('23-0');
      // A leader that takes over while PostgreSQL is away claims when it is back, then writes.
      await postgres.halt();
      const next = writer(store, 2);
      next.w.push({ id: '24-0', ops: [requested('r24')] });
      await expect.poll(() => next.w.failing).toBe(true);
      expect(next.w.keepFrom()).toBe('0-0');
      await postgres.start();
      await expect.poll(() => next.w.keepFrom(), { timeout: 15_000 }).toBeNull();
      expect(await ids(store)).toEqual(['r20', 'r21', 'r23', 'r24']);
      next.w.stop();
    } finally {
      w.stop();
      await store.close();
    }
  }, 60_000);
});
