/**
 * Errors seen lately, for /healthz and /metrics: a node is `degraded` while errors repeat (three or
 * more within `DEGRADED_WINDOW_MS`), and clears by itself once they stop (a database that comes back
 * is not reported as broken for minutes after). The count covers the last five minutes.
 */
const COUNT_WINDOW_MS = 5 * 60_000;
export const DEGRADED_WINDOW_MS = 15_000;
const DEGRADED_AFTER = 3;

export class ErrorWindow {
  private times: number[] = [];

  constructor(private readonly now: () => number) {}

  note(): void {
    this.times.push(this.now());
  }

  read(): { degraded: boolean; errors: number } {
    const now = this.now();
    this.times = this.times.filter((t) => t >= now - COUNT_WINDOW_MS);
    const lately = this.times.filter((t) => t >= now - DEGRADED_WINDOW_MS).length;
    return { degraded: lately >= DEGRADED_AFTER, errors: this.times.length };
  }
}
