import { describe, expect, it } from 'vitest';
import { PresenceWatch } from '../../src/vision/presence.ts';

/** Feed one detection per 100 ms turn (about the kiosk's analysis rate) and collect the events. */
function run(watch: PresenceWatch, from: number, to: number, face: boolean): Array<[number, string]> {
  const events: Array<[number, string]> = [];
  for (let t = from; t <= to; t += 100) {
    const e = watch.update(face, t);
    if (e) events.push([t, e]);
  }
  return events;
}

describe('presence', () => {
  it('wakes once a face has been seen for a whole second, once', () => {
    const watch = new PresenceWatch({ wakeMs: 1000, awayMs: 60_000 }, 0);
    expect(run(watch, 0, 5000, true)).toEqual([[1000, 'wake']]);
  });

  it('does not wake on a face that flickers in and out', () => {
    const watch = new PresenceWatch({ wakeMs: 1000, awayMs: 60_000 }, 0);
    for (let t = 0; t < 5000; t += 100) expect(watch.update(Math.floor(t / 500) % 2 === 0, t)).toBeNull();
  });

  it('goes away even when the detector flickers a false face every other turn', () => {
    const watch = new PresenceWatch({ wakeMs: 1000, awayMs: 5000 }, 0);
    const events: Array<[number, string]> = [];
    for (let t = 0; t <= 8000; t += 100) {
      const e = watch.update(t % 200 === 0, t);
      if (e) events.push([t, e]);
    }
    expect(events).toEqual([[5100, 'away']]); // the first turn without the flicker after 5 s
  });

  it('goes away after the configured time without a face, once, and wakes again later', () => {
    const watch = new PresenceWatch({ wakeMs: 1000, awayMs: 5000 }, 0);
    expect(run(watch, 0, 2000, true)).toEqual([[1000, 'wake']]);
    expect(run(watch, 2100, 20_000, false)).toEqual([[7000, 'away']]);
    expect(run(watch, 20_100, 22_000, true)).toEqual([[21_100, 'wake']]);
  });

  it('counts absence from a reset (a session started by touch with nobody in view)', () => {
    const watch = new PresenceWatch({ wakeMs: 1000, awayMs: 5000 }, 0);
    expect(run(watch, 0, 3000, false)).toEqual([]);
    watch.reset(3000);
    expect(run(watch, 3100, 10_000, false)).toEqual([[8000, 'away']]);
  });
});
