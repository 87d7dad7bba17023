/**
 * Sign-in throttling: after 5 failed attempts for a name (or from an address) within 15 minutes,
 * further attempts are refused until the window passes. In memory: a restart forgets it, which is
 * acceptable for a single counter office (an attacker gains 5 tries per restart).
 */
const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60 * 1000;

export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds to wait before another attempt with any of these keys, or 0. */
  waitMs(keys: string[]): number {
    let wait = 0;
    for (const key of keys) {
      const recent = this.recent(key);
      if (recent.length >= MAX_FAILURES) wait = Math.max(wait, recent[0]! + WINDOW_MS - this.now());
    }
    return wait;
  }

  failed(keys: string[]): void {
    for (const key of keys) this.failures.set(key, [...this.recent(key), this.now()]);
    // Many different names must not grow this without bound: drop whatever has expired.
    if (this.failures.size > 10_000) for (const key of [...this.failures.keys()]) this.recent(key);
  }

  succeeded(keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - WINDOW_MS;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }
}
