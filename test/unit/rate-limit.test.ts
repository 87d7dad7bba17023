import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../signaling-server/realtime/rate-limit.ts';

describe('token bucket', () => {
  it('allows a burst of 50, then 20 a second', () => {
    const bucket = new TokenBucket({ ratePerS: 20, burst: 50 }, 0);
    let allowed = 0;
    for (let i = 0; i < 80; i++) if (bucket.take(0)) allowed++;
    expect(allowed).toBe(50);
    expect(bucket.take(10)).toBe(false); // 10 ms: a fifth of a token
    expect(bucket.take(60)).toBe(true); // 60 ms: more than one token since the burst
    let inASecond = 0;
    for (let t = 100; t < 1100; t += 10) if (bucket.take(t)) inASecond++;
    expect(inASecond).toBeGreaterThanOrEqual(19);
    expect(inASecond).toBeLessThanOrEqual(21);
  });

  it('never holds more than the burst, however long it was idle', () => {
    const bucket = new TokenBucket({ ratePerS: 20, burst: 50 }, 0);
    let allowed = 0;
    for (let i = 0; i < 100; i++) if (bucket.take(3_600_000)) allowed++;
    expect(allowed).toBe(50);
  });
});
