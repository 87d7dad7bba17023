/**
 * Runs `fn` at once when it has not run for `intervalMs`, otherwise once at the end of the interval,
 * however often it was asked for in between. Keeps fan-out (every waiting kiosk, every interpreter)
 * bounded when changes come in bursts.
 */
import type { Clock } from './clock.ts';

export class Throttle {
  private pending: (() => void) | null = null;
  private lastRunAt = -Infinity;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly fn: () => void,
  ) {}

  request(): void {
    if (this.pending) return;
    const wait = this.lastRunAt + this.intervalMs - this.clock.now();
    if (wait <= 0) this.run();
    else
      this.pending = this.clock.setTimeout(() => {
        this.pending = null;
        this.run();
      }, wait);
  }

  dispose(): void {
    this.pending?.();
    this.pending = null;
  }

  private run(): void {
    this.lastRunAt = this.clock.now();
    this.fn();
  }
}
