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
