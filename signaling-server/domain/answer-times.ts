/** Recent speed of answer, for the wait a kiosk is shown. */
export class AnswerTimes {
  private readonly recent: number[] = [];

  constructor(private readonly window = 20) {}

  add(ms: number): void {
    this.recent.push(ms);
    if (this.recent.length > this.window) this.recent.shift();
  }

  /**
   * Seconds a request at `position` may expect to wait: the recent mean answer time for each "turn",
   * where `servers` interpreters take one request each per turn. Null until anything was answered.
   */
  estimateS(position: number, servers: number): number | null {
    if (this.recent.length === 0) return null;
    const meanMs = this.recent.reduce((a, b) => a + b, 0) / this.recent.length;
    const turns = Math.ceil(position / Math.max(1, servers));
    const seconds = (meanMs * turns) / 1000;
    // A rough figure, rounded so that it does not flicker (and is not resent) at every answer.
    const step = seconds < 60 ? 5 : 30;
    return Math.max(step, Math.round(seconds / step) * step);
  }
}
