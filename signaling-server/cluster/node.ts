/**
 * One node of a cluster (REDIS_URL and DATABASE_URL set). Every node serves sockets; the one that
 * holds the lease (lease.ts) runs the routing core's Driver. It restores the core from the journal
 * (journal.ts), reads the inbox the other nodes forward their events to (forward.ts), answers them,
 * appends every committed batch to the journal before anything is sent, writes the batches' records
 * to the database behind it (record-writer.ts), saves a snapshot every 2.5 s, and treats the sockets of a node that stopped beating (its heartbeat key expired) as
 * dropped for network reasons: they are held for the recovery window and may rebind elsewhere.
 * A follower keeps the leader's last snapshot as its read-only view.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { fail } from '../../src/protocol/index.ts';
import type { Clock } from '../../src/util/clock.ts';
import type { Disposer } from '../../src/util/emitter.ts';
import { initialState, type Core } from '../domain/core.ts';
import type { CoreState } from '../domain/types.ts';
import { Driver, type DriverDeps, type Dispatched, type Reply } from '../shell/driver.ts';
import { Forwarder } from './forward.ts';
import { Journal, track } from './journal.ts';
import { RecordWriter } from './record-writer.ts';
import type { RecordOp } from '../domain/types.ts';
import type { Store } from '../store/db.ts';
import { Lease } from './lease.ts';
import { connectRedis, keys as clusterKeys, ready, type ClusterRedis } from './redis.ts';
import { ErrorWindow } from '../shell/error-window.ts';
import type { Health, Routing } from './routing.ts';

export interface ClusterDeps extends Omit<DriverDeps, 'state' | 'journal' | 'recent'> {
  core: Core;
  redisUrl: string;
  nodeId: string;
  leaseMs: number;
  clock: Clock;
  logger: Logger;
  /** A new cluster (nothing journaled): close the records a previous incarnation left open. */
  fresh: () => Promise<void>;
  /** This node started or stopped leading (the wallboard runs where the state is). */
  onLeading?: (leading: boolean) => void;
  /** Where the leader writes the records, behind the journal. */
  store: Store;
  /** Records are written (for /metrics). */
  recordsWritten?: (ops: readonly RecordOp[]) => void;
}

const HEARTBEAT_MS = 1000;
/** A follower that is looked at reads the newest snapshot this often. */
const SNAPSHOT_MS = 1000;
/**
 * The leader saves one at most this often: serialising the whole core holds its event loop for a
 * while (tens of ms with a thousand kiosks), and the journal since the last one replays in moments.
 */
const SAVE_MS = 2500;
/** Longer than a forwarded client event is tried (forward.ts: 12 s). */
const RECONCILE_AFTER_MS = 15_000;
/** Calls started this long before a takeover are started again for their members. */
const RESYNC_MS = 10_000;

export class ClusterNode implements Routing {
  private readonly redis: ClusterRedis;
  private readonly sub: ClusterRedis;
  private readonly reader: ClusterRedis;
  private readonly keys = clusterKeys();
  private readonly lease: Lease;
  private readonly journal: Journal;
  private readonly forwarder: Forwarder;
  private driver: Driver | null = null;
  private writer: RecordWriter | null = null;
  private owners = new Map<string, string>();
  private inbox = '0-0';
  private last: { id: string; state: CoreState } | null = null;
  private savedId: string | null = null;
  private savedAt = -Infinity;
  private replica: { id: string; state: CoreState } | null = null;
  private leaderKnown = false;
  private redisUp = false;
  private draining = false;
  /** When the view was last read: a follower reads snapshots only while someone looks. */
  private viewedAt = -Infinity;
  private disposed = false;
  private readonly errors: ErrorWindow;
  private readonly stops: Disposer[] = [];

  constructor(private readonly deps: ClusterDeps) {
    this.errors = new ErrorWindow(() => deps.clock.now());
    this.redis = connectRedis(deps.redisUrl, `ashir-${deps.nodeId}`);
    this.sub = connectRedis(deps.redisUrl, `ashir-${deps.nodeId}-replies`);
    this.reader = connectRedis(deps.redisUrl, `ashir-${deps.nodeId}-inbox`);
    this.journal = new Journal(this.redis, this.keys, () => this.lease.value);
    this.forwarder = new Forwarder(this.redis, this.sub, this.keys, deps.nodeId, deps.clock);
    this.lease = new Lease(this.redis, this.keys, deps.nodeId, deps.clock, deps.leaseMs, {
      gained: (token) => this.lead(token),
      lost: () => this.follow(),
    });
  }

  async start(): Promise<void> {
    await Promise.all([ready(this.redis), ready(this.sub), ready(this.reader)]);
    await this.forwarder.start();
    const { clock } = this.deps;
    this.stops.push(clock.setInterval(() => void this.beat(), HEARTBEAT_MS));
    this.stops.push(clock.setInterval(() => void this.snapshotOrRead(), SNAPSHOT_MS));
    this.stops.push(clock.setInterval(() => void this.watchNodes(), HEARTBEAT_MS));
    await this.beat();
    this.lease.start();
  }

  get fencingToken(): number | null {
    return this.lease.fencingToken;
  }

  dispatch(event: Dispatched): Reply | Promise<Reply> {
    if (this.disposed)
      return event.type === 'client' ? fail('internal', 'The server is stopping.') : undefined;
    const envelope = {
      ...event,
      key: randomUUID(),
      rand: randomBytes(64).toString('hex'),
      node: this.deps.nodeId,
    };
    if (this.driver) return this.driver.dispatch(envelope);
    return this.forwarder.forward(envelope);
  }

  view(): CoreState {
    this.viewedAt = this.deps.clock.now();
    return this.driver?.state ?? this.replica?.state ?? initialState();
  }

  health(): Health {
    const mine = this.errors.read();
    const own = this.driver?.health();
    const errors = mine.errors + (own?.errors ?? 0);
    const degraded =
      !this.redisUp ||
      !this.leaderKnown ||
      own?.degraded === true ||
      mine.degraded ||
      this.writer?.failing === true;
    return {
      status: this.draining ? 'draining' : degraded ? 'degraded' : 'ok',
      errors,
      node: this.deps.nodeId,
      leader: this.driver !== null,
    };
  }

  noteError(): void {
    this.errors.note();
  }

  drain(): void {
    this.draining = true;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const stop of this.stops.splice(0)) stop();
    await this.lease.stop();
    this.follow();
    this.forwarder.dispose();
    await this.redis.del(this.keys.node(this.deps.nodeId)).catch(() => 0);
    for (const r of [this.redis, this.sub, this.reader]) r.disconnect();
  }

  /** Took the lease: restore the core, then serve as the leader. */
  private async lead(token: number): Promise<void> {
    const { deps } = this;
    const restored = await this.journal.load(deps.core, initialState());
    if (restored.fresh) await deps.fresh();
    if (this.lease.fencingToken !== token) return; // lost again meanwhile
    this.owners = restored.owners;
    this.inbox = restored.inbox;
    this.last = restored.last ? { id: restored.last, state: restored.state } : null;
    this.savedId = null;
    // Records go to the database behind the journal: first those the last leader journaled and did
    // not write (up to what was restored here), then this leader's.
    const writer = new RecordWriter({
      store: deps.store,
      token,
      clock: deps.clock,
      logger: deps.logger,
      backlog: (mark) => this.journal.records(mark, restored.last),
      ...(deps.recordsWritten ? { written: deps.recordsWritten } : {}),
      failed: () => this.errors.note(),
    });
    this.writer = writer;
    writer.start();
    this.driver = new Driver({
      ...deps,
      state: restored.state,
      recent: restored.recent,
      journal: async (batch) => {
        const id = await this.journal.append(batch.inputs, batch.records);
        this.last = { id, state: batch.state };
        for (const s of batch.inputs) track(this.owners, s);
        writer.push({ id, ops: batch.records });
      },
    });
    deps.logger.info({ node: deps.nodeId, token, replayedFrom: restored.last }, 'leading');
    deps.onLeading?.(true);
    // What the last leader committed just before it died may not have been sent: say it again.
    if (!restored.fresh)
      void this.driver.dispatch({
        type: 'resync',
        since: deps.clock.now() - RESYNC_MS,
        key: `resync:${token}`,
      });
    void this.readInbox(token);
    // Once the events the last leader left unanswered have been sent again (or given up on), close
    // the records of requests it wrote and died before journaling: nobody will ever answer them.
    const driver = this.driver;
    this.stops.push(
      deps.clock.setTimeout(() => {
        if (this.driver === driver) void driver.dispatch({ type: 'reconcile', key: `reconcile:${token}` });
      }, RECONCILE_AFTER_MS),
    );
  }

  private follow(): void {
    this.writer?.stop();
    this.writer = null;
    if (!this.driver) return;
    this.driver.dispose();
    this.driver = null;
    this.deps.logger.warn({ node: this.deps.nodeId }, 'no longer leading');
    this.deps.onLeading?.(false);
  }

  /** The leader applies what the other nodes forwarded, in order, and answers each. */
  private async readInbox(token: number): Promise<void> {
    while (this.driver && this.lease.fencingToken === token) {
      let entries: Array<[string, string[]]> = [];
      try {
        const read = (await this.reader.xread(
          'COUNT',
          500,
          'BLOCK',
          250,
          'STREAMS',
          this.keys.inbox,
          this.inbox,
        )) as Array<[string, Array<[string, string[]]>]> | null;
        entries = read?.[0]?.[1] ?? [];
      } catch {
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      const driver = this.driver;
      if (!driver || this.lease.fencingToken !== token) return;
      for (const [id, fields] of entries) {
        this.inbox = id;
        let event: Dispatched & { key: string; node: string };
        try {
          event = JSON.parse(fields[1] ?? '') as typeof event;
        } catch {
          continue;
        }
        void Promise.resolve(driver.dispatch({ ...event, inbox: id })).then((reply) => {
          // A leader that stepped down meanwhile answers nothing: the event is sent again, with its
          // key, to the next leader (which applies it, or answers it from the journal).
          if (this.driver === driver) this.forwarder.reply(event.node, event.key, reply);
        });
      }
    }
  }

  private async beat(): Promise<void> {
    try {
      await this.redis.set(
        this.keys.node(this.deps.nodeId),
        String(this.deps.clock.now()),
        'PX',
        HEARTBEAT_MS * 3,
      );
      this.leaderKnown = (await this.redis.exists(this.keys.leader)) === 1;
      this.redisUp = true;
    } catch {
      this.redisUp = false;
    }
  }

  /** Leader: save a snapshot when something changed. Follower: keep the newest one as the view. */
  private async snapshotOrRead(): Promise<void> {
    try {
      if (this.driver) {
        const last = this.last;
        if (!last || last.id === this.savedId || this.deps.clock.now() - this.savedAt < SAVE_MS) return;
        this.savedAt = this.deps.clock.now();
        const shell = {
          recent: [...this.driver.recentAnswers()].map(([k, r]) => [k, r ?? null] as [string, Reply | null]),
          owners: [...this.owners],
          inbox: this.inbox,
        };
        await this.journal.save(last.id, last.state, shell, this.writer?.keepFrom() ?? '0-0');
        this.savedId = last.id;
      } else {
        // Reading and restoring a snapshot costs CPU: only while a wallboard, /api/status or
        // /metrics on this node reads the view.
        if (this.deps.clock.now() - this.viewedAt > 5000) return;
        const latest = await this.journal.latest();
        if (latest && latest.id !== this.replica?.id) this.replica = latest;
      }
    } catch (err) {
      this.deps.logger.warn({ err }, 'snapshot not saved or read');
    }
  }

  /** Leader: the sockets of a node whose heartbeat expired are dropped (held for recovery). */
  private async watchNodes(): Promise<void> {
    const driver = this.driver;
    if (!driver) return;
    const others = new Set([...this.owners.values()].filter((n) => n !== this.deps.nodeId));
    for (const node of others) {
      let alive = true;
      try {
        alive = (await this.redis.exists(this.keys.node(node))) === 1;
      } catch {
        return; // Redis away: no verdict on anyone
      }
      if (alive || this.driver !== driver) continue;
      const sockets = [...this.owners].filter(([, n]) => n === node).map(([id]) => id);
      this.deps.logger.warn({ node, sockets: sockets.length }, 'node gone: its sockets are held');
      for (const id of sockets) {
        this.owners.delete(id);
        if (driver.state.clients.has(id) && !driver.state.held.has(id))
          void driver.dispatch({ type: 'disconnect', id, network: true, key: `gone:${id}`, node });
      }
    }
    // Sockets the core no longer knows need no owner.
    for (const id of [...this.owners.keys()]) if (!driver.state.clients.has(id)) this.owners.delete(id);
  }
}
