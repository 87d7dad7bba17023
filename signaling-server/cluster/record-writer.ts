/**
 * The cluster leader's record writes, behind its journal (write-behind). A batch of steps is durable
 * once its journal entry is in Redis, and is sent then; its records follow here, together with every
 * entry journaled since the last write, in one transaction that also moves the fence's mark to the
 * newest entry written (store/fenced-write.ts). A leader that takes over first raises the fence (a
 * deposed leader's late write fails from then on), then writes the records of every entry after the
 * mark, read back from the journal, before its own. So each entry's records are written exactly
 * once and in journal order, across failovers too. While the database is away the leader goes on
 * serving: the records wait, in memory and in the journal (not trimmed past the mark), and are
 * written when it is back.
 */
import type { Logger } from 'pino';
import type { Clock } from '../../src/util/clock.ts';
import type { Disposer } from '../../src/util/emitter.ts';
import type { RecordOp } from '../domain/types.ts';
import { queriesOf } from '../store/call-records.ts';
import type { Store } from '../store/db.ts';
import { claimFence, FencedOut, writeQueries } from '../store/fenced-write.ts';

/** One journal entry's records. */
export interface Entry {
  id: string;
  ops: RecordOp[];
}

export interface RecordWriterDeps {
  store: Store;
  token: number;
  clock: Clock;
  logger: Pick<Logger, 'error' | 'warn' | 'info'>;
  /** The journaled entries with records after `mark` ('' for all), up to what this leader restored. */
  backlog: (mark: string) => Promise<Entry[]>;
  /** Records are written (for /metrics). */
  written?: (ops: readonly RecordOp[]) => void;
  /** A write failed (counted for /healthz). */
  failed?: () => void;
}

/** At most this many entries go in one write. */
const MAX_ENTRIES = 500;
/** A failed write or claim is tried again after this long. */
const RETRY_MS = 500;

export class RecordWriter {
  private pending: Entry[] = [];
  private claimed = false;
  private writing = false;
  private stopped = false;
  /** After a failed write of several entries, they go one at a time until one is written. */
  private limit = MAX_ENTRIES;
  private waiting: Disposer | null = null;
  private failingSince: number | null = null;

  constructor(private readonly deps: RecordWriterDeps) {}

  start(): void {
    void this.claim();
  }

  /** A journaled entry's records, to be written after those before it. */
  push(entry: Entry): void {
    if (entry.ops.length === 0 || this.stopped) return;
    this.pending.push(entry);
    this.flush();
  }

  /**
   * The oldest journal entry that must be kept: the first whose records are not written ('0-0'
   * before the claim, when nothing is known yet); null when every record is written.
   */
  keepFrom(): string | null {
    if (!this.claimed) return '0-0';
    return this.pending[0]?.id ?? null;
  }

  /** Records are waiting because writes fail (the database is away). */
  get failing(): boolean {
    return this.failingSince !== null;
  }

  /** How many entries' records wait. */
  get behind(): number {
    return this.pending.length;
  }

  stop(): void {
    this.stopped = true;
    this.waiting?.();
    this.waiting = null;
  }

  private async claim(): Promise<void> {
    const { deps } = this;
    while (!this.stopped) {
      try {
        const mark = await claimFence(deps.store, deps.token);
        const backlog = await deps.backlog(mark);
        if (this.stopped) return;
        // The backlog was journaled before anything this leader pushed since.
        this.pending.unshift(...backlog.filter((e) => e.ops.length > 0));
        this.claimed = true;
        this.failingSince = null;
        deps.logger.info({ token: deps.token, mark, backlog: backlog.length }, 'records claimed');
        this.flush();
        return;
      } catch (err) {
        if (this.fencedOut(err)) return;
        this.noteFailure(err, 'records not claimed; trying again');
        await new Promise<void>((resolve) => {
          this.waiting = deps.clock.setTimeout(() => {
            this.waiting = null;
            resolve();
          }, RETRY_MS);
        });
      }
    }
  }

  private flush(): void {
    if (this.writing || this.stopped || !this.claimed || this.waiting || this.pending.length === 0) return;
    this.writing = true;
    const batch = this.pending.slice(0, this.limit);
    const ops = batch.flatMap((e) => e.ops);
    const { store, token } = this.deps;
    let done: void | Promise<void>;
    try {
      done = writeQueries(
        store,
        ops.flatMap((op) => queriesOf(store.db, op)),
        { token, mark: batch.at(-1)!.id },
      );
    } catch (err) {
      done = Promise.reject(err);
    }
    void Promise.resolve(done).then(
      () => this.settle(() => this.wrote(batch, ops)),
      (err: unknown) => this.settle(() => this.refused(batch, err)),
    );
  }

  private settle(then: () => void): void {
    this.writing = false;
    try {
      then();
    } catch (err) {
      // Our own bug after a write (a metrics hook): said and counted, never an unhandled rejection.
      this.deps.logger.error({ err }, 'record writer failed');
      this.deps.failed?.();
    } finally {
      this.flush();
    }
  }

  private wrote(batch: Entry[], ops: RecordOp[]): void {
    this.pending.splice(0, batch.length);
    this.limit = MAX_ENTRIES;
    this.failingSince = null;
    this.deps.written?.(ops);
  }

  private refused(batch: Entry[], err: unknown): void {
    if (this.fencedOut(err)) return;
    if (batch.length > 1) {
      // One entry may be what fails: try them one at a time (at once; a dead database fails the first).
      this.limit = 1;
      return;
    }
    if (isDataError(err)) {
      // This entry's records can never be written (a bug, not an outage): the others must not wait
      // behind it for ever. Said at `error` with its ids, and counted.
      this.deps.logger.error(
        { err, entry: batch[0]!.id, ops: batch[0]!.ops.map((o) => o.op) },
        'records refused by the database; skipped',
      );
      this.deps.failed?.();
      this.pending.splice(0, 1);
      return;
    }
    this.noteFailure(err, 'records not written; trying again');
    this.waiting = this.deps.clock.setTimeout(() => {
      this.waiting = null;
      this.flush();
    }, RETRY_MS);
  }

  private fencedOut(err: unknown): boolean {
    if (!(err instanceof FencedOut)) return false;
    this.deps.logger.warn({ token: this.deps.token }, 'records fenced out: another node leads');
    this.stop();
    return true;
  }

  private noteFailure(err: unknown, msg: string): void {
    const first = this.failingSince === null;
    this.failingSince ??= this.deps.clock.now();
    this.deps.failed?.();
    if (first) this.deps.logger.warn({ err }, msg);
  }
}

/** The database refused the data itself (a constraint, a bad value), not its connection. */
function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return code.startsWith('22') || code.startsWith('23') || code.startsWith('SQLITE_CONSTRAINT');
}
