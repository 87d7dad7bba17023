/**
 * The routing core runs on exactly one node: the holder of a lease in Redis (`SET NX PX`, renewed
 * every quarter of its length by a script that checks it is still ours). Taking the lease brings a
 * new fencing token (INCR), checked by every record write in the database, so a node that lost the
 * lease without knowing it (a long pause) cannot write over its successor. A node that cannot renew
 * steps down before its lease could have lapsed for the others.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../src/util/clock.ts';
import type { Disposer } from '../../src/util/emitter.ts';
import type { ClusterRedis, Keys } from './redis.ts';

export interface LeaseEvents {
  /** This node now leads, with this fencing token (asynchronous: it restores the core first). */
  gained(token: number): Promise<void>;
  /** This node no longer leads. */
  lost(): void;
}

export class Lease {
  readonly value: string;
  private token: number | null = null;
  private lastRenewed = 0;
  private lastTried = 0;
  private busy = false;
  private stopTimer: Disposer | null = null;

  constructor(
    private readonly redis: ClusterRedis,
    private readonly keys: Keys,
    nodeId: string,
    private readonly clock: Clock,
    private readonly ms: number,
    private readonly events: LeaseEvents,
  ) {
    this.value = `${nodeId}:${randomBytes(6).toString('base64url')}`;
  }

  get fencingToken(): number | null {
    return this.token;
  }

  get leading(): boolean {
    return this.token !== null;
  }

  start(): void {
    // A follower tries to take a lapsed lease every 100 ms (a failover is the lease plus at most this);
    // the leader renews every quarter of the lease.
    this.stopTimer = this.clock.setInterval(() => void this.tick(), Math.min(100, Math.floor(this.ms / 4)));
    void this.tick();
  }

  /** Stops renewing and lets the lease go at once (a clean shutdown: another node takes over now). */
  async stop(): Promise<void> {
    this.stopTimer?.();
    this.stopTimer = null;
    if (this.token === null) return;
    this.stepDown();
    await this.redis.release(this.keys.leader, this.value).catch(() => 0);
  }

  private async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      if (this.token === null) await this.acquire();
      else if (this.clock.now() - this.lastTried >= this.ms / 4) await this.renew();
    } finally {
      this.busy = false;
    }
  }

  private async acquire(): Promise<void> {
    let token = 0;
    try {
      token = await this.redis.acquire(this.keys.leader, this.keys.fence, this.value, this.ms);
    } catch {
      return; // Redis is away: nobody can lead until it is back
    }
    if (!token || !this.stopTimer) return;
    this.token = token;
    this.lastRenewed = this.clock.now();
    try {
      await this.events.gained(token);
    } catch {
      // Could not restore the core: let another node try.
      this.stepDown();
      await this.redis.release(this.keys.leader, this.value).catch(() => 0);
    }
  }

  private async renew(): Promise<void> {
    const started = this.clock.now();
    this.lastTried = started;
    try {
      const still = await this.redis.renew(this.keys.leader, this.value, this.ms);
      if (still === 1) {
        this.lastRenewed = started;
        return;
      }
      this.stepDown();
    } catch {
      // Renewals failing: step down before the lease could lapse for the others.
      if (this.clock.now() - this.lastRenewed > this.ms * 0.6) this.stepDown();
    }
  }

  private stepDown(): void {
    if (this.token === null) return;
    this.token = null;
    this.events.lost();
  }
}
