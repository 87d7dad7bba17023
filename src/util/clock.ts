/**
 * Time, injected everywhere (server and browsers) so that code can be tested with fake timers and no
 * sleeps. Every timer returns its disposer.
 */
import type { Disposer } from './emitter.ts';

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): Disposer;
  setInterval(fn: () => void, ms: number): Disposer;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
  setInterval(fn, ms) {
    const t = setInterval(fn, ms);
    return () => clearInterval(t);
  },
};

/**
 * Runs an asynchronous `fn` every `ms`, one run at a time: a slow run (a database that takes its
 * time) skips the ticks that come meanwhile instead of piling them up. `fn` must not reject.
 */
export function everyOneAtATime(clock: Clock, ms: number, fn: () => Promise<unknown>): Disposer {
  let running = false;
  return clock.setInterval(() => {
    if (running) return;
    running = true;
    void fn().finally(() => (running = false));
  }, ms);
}
