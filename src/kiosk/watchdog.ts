/**
 * Years in a public hall: a kiosk page that lost its server for long, or whose memory keeps growing,
 * is reloaded — but only at the welcome screen, never with a citizen in front of it. The decision is
 * a pure function of what was observed (injected time; the page feeds it samples).
 */
export interface WatchdogPolicy {
  /** The socket down this long (ms) asks for a reload. */
  downMs: number;
  /** The JS heap above this many bytes, and at least `growth` times the first sample, asks for one. */
  heapBytes: number;
  growth: number;
}

export const DEFAULT_WATCHDOG: WatchdogPolicy = {
  downMs: 10 * 60_000,
  heapBytes: 512 * 1024 * 1024,
  growth: 3,
};

export class Watchdog {
  private downSince: number | null = null;
  private firstHeap: number | null = null;
  private lastHeap: number | null = null;

  constructor(private readonly policy: WatchdogPolicy = DEFAULT_WATCHDOG) {}

  connection(online: boolean, now: number): void {
    if (online) this.downSince = null;
    else this.downSince ??= now;
  }

  heap(bytes: number): void {
    this.firstHeap ??= bytes;
    this.lastHeap = bytes;
  }

  /** Why the page should be reloaded now, or null. */
  reason(now: number): 'offline' | 'memory' | null {
    if (this.downSince !== null && now - this.downSince >= this.policy.downMs) return 'offline';
    const { firstHeap, lastHeap } = this;
    if (
      firstHeap !== null &&
      lastHeap !== null &&
      lastHeap >= this.policy.heapBytes &&
      lastHeap >= firstHeap * this.policy.growth
    )
      return 'memory';
    return null;
  }
}
