/**
 * Sign-in backoff, not lockout. Failures are counted under keys, each with its own allowance:
 *
 * - the name from this address (`pair`): 5 free tries, then a wait that doubles from 1 s up to 15 min;
 * - the name from anywhere (`name`): 20 free tries in the window (a guess spread over many addresses);
 * - the address for any name (`address`): 50 free tries (one machine spraying many names).
 *
 * A browser where the person signed in before carries a known-console cookie for their name
 * (`knownConsoles`): it is exempt from the `name` and `address` waits, so a stranger failing on
 * purpose cannot keep an interpreter out of their own console. Failures are counted for names that
 * exist and names that do not alike, so the waits reveal nothing. In memory: a restart forgets them.
 */
const WINDOW_MS = 15 * 60 * 1000;
const MAX_WAIT_MS = WINDOW_MS;

/** A counter of failures: `allowance` free ones in the window; a success clears it if `clears`. */
export interface ThrottleKey {
  key: string;
  allowance: number;
  clears?: boolean;
}

/** The keys of one sign-in attempt; `known`: the browser showed a known-console cookie for the name. */
export function signInKeys(name: string, address: string, known: boolean): ThrottleKey[] {
  const n = name.toLowerCase();
  const pair = { key: `pair:${n}|${address}`, allowance: 5, clears: true };
  if (known) return [pair];
  return [pair, { key: `name:${n}`, allowance: 20 }, { key: `address:${address}`, allowance: 50 }];
}

/**
 * The keys of one enrollment attempt. Codes are 10 random digits, single-use and expire, so the
 * limits only bound guessing: 5 free tries per client address (behind a proxy, the address it
 * forwards when TRUST_PROXY says so), and 100 across all addresses in the window.
 */
export function enrollKeys(address: string): ThrottleKey[] {
  return [
    { key: `enroll:${address}`, allowance: 5 },
    { key: 'enroll:*', allowance: 100 },
  ];
}

export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds to wait before another attempt with any of these keys, or 0. */
  waitMs(keys: readonly ThrottleKey[]): number {
    let wait = 0;
    for (const { key, allowance } of keys) {
      const recent = this.recent(key);
      const over = recent.length - allowance;
      if (over < 0) continue;
      const backoff = Math.min(MAX_WAIT_MS, 1000 * 2 ** Math.min(over, 20));
      wait = Math.max(wait, recent.at(-1)! + backoff - this.now());
    }
    return Math.max(0, wait);
  }

  failed(keys: readonly ThrottleKey[]): void {
    for (const { key } of keys) this.failures.set(key, [...this.recent(key), this.now()].slice(-100));
    // Many different names must not grow this without bound: drop whatever has expired.
    if (this.failures.size > 10_000) for (const key of [...this.failures.keys()]) this.recent(key);
  }

  /** A success forgets the name's failures from this address (not the others: they may be an attack). */
  succeeded(keys: readonly ThrottleKey[]): void {
    for (const { key, clears } of keys) if (clears) this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - WINDOW_MS;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }
}
