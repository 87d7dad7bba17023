/** The kiosk's watchdog: long offline or a heap that keeps growing asks for a reload; nothing else does. */
import { describe, expect, it } from 'vitest';
import { Watchdog } from '../../src/kiosk/watchdog.ts';

const policy = { downMs: 60_000, heapBytes: 100, growth: 3 };

describe('the kiosk watchdog', () => {
  it('asks for a reload after the socket is down long enough, and forgets a short outage', () => {
    const w = new Watchdog(policy);
    w.connection(false, 0);
    expect(w.reason(59_999)).toBeNull();
    w.connection(true, 30_000);
    w.connection(false, 40_000);
    expect(w.reason(99_999)).toBeNull();
    expect(w.reason(100_000)).toBe('offline');
    w.connection(false, 100_001); // still down: the outage started at 40 s
    expect(w.reason(100_001)).toBe('offline');
  });

  it('asks for a reload when the heap grew past the limit and several times over', () => {
    const w = new Watchdog(policy);
    w.heap(40);
    w.heap(110);
    expect(w.reason(0)).toBeNull(); // above the limit, but not three times the first
    w.heap(120);
    expect(w.reason(0)).toBe('memory');
    const big = new Watchdog(policy);
    big.heap(200);
    big.heap(250);
    expect(big.reason(0)).toBeNull(); // a large but steady heap is not a leak
  });
});
