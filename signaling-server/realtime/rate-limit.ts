/**
 * A token bucket per socket: `ratePerS` messages a second on average, up to `burst` at once (a call's
 * set-up sends a burst of ICE candidates). Pure: time is passed in.
 */
export interface RateLimit {
  ratePerS: number;
  burst: number;
}

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly limit: RateLimit,
    now: number,
  ) {
    this.tokens = limit.burst;
    this.last = now;
  }

  /** Takes one token if there is one. */
  take(now: number): boolean {
    const elapsedS = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.limit.burst, this.tokens + elapsedS * this.limit.ratePerS);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * How many warning lines one account may cause per minute, across all its sockets: a client sending
 * garbage in a loop fills no disk. Past the budget, lines are counted, and the first line of the next
 * minute says how many were left out. Pure: time is passed in.
 */
export class LogBudget {
  private readonly spent = new Map<string, { since: number; lines: number; dropped: number }>();

  constructor(
    private readonly linesPerMinute = 20,
    private readonly windowMs = 60_000,
  ) {}

  /** Whether to write this line; `dropped`: how many were left out before it (to say so once). */
  take(account: string, now: number): { write: boolean; dropped: number } {
    let entry = this.spent.get(account);
    let dropped = 0;
    if (!entry || now - entry.since >= this.windowMs) {
      dropped = entry?.dropped ?? 0;
      entry = { since: now, lines: 0, dropped: 0 };
      this.spent.set(account, entry);
      if (this.spent.size > 10_000) this.forgetBefore(now - this.windowMs);
    }
    if (entry.lines >= this.linesPerMinute) {
      entry.dropped++;
      return { write: false, dropped: 0 };
    }
    entry.lines++;
    return { write: true, dropped };
  }

  private forgetBefore(t: number): void {
    for (const [k, e] of this.spent) if (e.since < t && e.dropped === 0) this.spent.delete(k);
  }
}
