import { describe, expect, it } from 'vitest';
import { classifyHandGesture, type Landmark } from '../../src/vision/gestures.ts';
import { handFixtures } from '../helpers/fixtures.ts';

const fixtures = handFixtures();
const byGesture = (g: string) => fixtures.filter((f) => f.expected === g);

// Variants made from the real hands.
const mirror = (lm: Landmark[]) => lm.map((p) => ({ ...p, x: 1 - p.x }));
function rotate(lm: Landmark[], deg: number, about = lm[0]!): Landmark[] {
  const r = (deg * Math.PI) / 180;
  const [c, s] = [Math.cos(r), Math.sin(r)];
  return lm.map((p) => ({
    ...p,
    x: about.x + (p.x - about.x) * c - (p.y - about.y) * s,
    y: about.y + (p.x - about.x) * s + (p.y - about.y) * c,
  }));
}
const scale = (lm: Landmark[], k: number) =>
  lm.map((p) => ({ ...p, x: 0.5 + (p.x - 0.5) * k, y: 0.5 + (p.y - 0.5) * k }));
/** Jitter of `share` of the palm's length (landmark noise scales with the hand's size in the image). */
function noisy(lm: Landmark[], share: number, seed: number): Landmark[] {
  const amount = share * Math.hypot(lm[9]!.x - lm[0]!.x, lm[9]!.y - lm[0]!.y);
  let s = seed;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 2 * amount;
  return lm.map((p) => ({ ...p, x: p.x + rnd(), y: p.y + rnd() }));
}

describe('classifyHandGesture on real MediaPipe landmarks', () => {
  it('has fixtures for every gesture it names', () => {
    for (const g of ['thumb_up', 'open_palm', 'fist', 'pointing_up', 'victory'])
      expect(byGesture(g).length, g).toBeGreaterThan(0);
  });

  it.each(fixtures.map((f) => [f.file, f.expected, f.landmarks] as const))(
    '%s → %s',
    (_file, expected, lm) => {
      expect(classifyHandGesture(lm)).toBe(expected);
    },
  );

  it('gives the same answer for the mirrored hand (left for right)', () => {
    for (const f of fixtures) expect(classifyHandGesture(mirror(f.landmarks)), f.file).toBe(f.expected);
  });

  it('judges finger shapes whatever the in-plane rotation', () => {
    const shapes = fixtures.filter((f) => f.expected !== 'thumb_up');
    for (const f of shapes)
      for (const deg of [-150, -90, -45, 30, 90, 135, 180])
        expect(classifyHandGesture(rotate(f.landmarks, deg)), `${f.file} ${deg}°`).toBe(f.expected);
  });

  it('gives the same answer near and far, and with a little noise', () => {
    for (const f of fixtures) {
      expect(classifyHandGesture(scale(f.landmarks, 0.4)), `${f.file} far`).toBe(f.expected);
      expect(classifyHandGesture(scale(f.landmarks, 1.6)), `${f.file} near`).toBe(f.expected);
      for (const seed of [1, 2, 3])
        expect(classifyHandGesture(noisy(f.landmarks, 0.04, seed)), `${f.file} noise ${seed}`).toBe(
          f.expected,
        );
    }
  });

  it('reads thumb up and thumb down by the thumb in the upright image, within about 60° of vertical', () => {
    for (const f of byGesture('thumb_up')) {
      const thumb = (lm: Landmark[]) =>
        Math.atan2(lm[4]!.x - lm[2]!.x, -(lm[4]!.y - lm[2]!.y)) * (180 / Math.PI);
      // Turn the hand so the thumb points straight up, then tilt it.
      const upright = rotate(f.landmarks, -thumb(f.landmarks));
      for (const tilt of [-45, 0, 45])
        expect(classifyHandGesture(rotate(upright, tilt)), `${f.file} up ${tilt}°`).toBe('thumb_up');
      for (const tilt of [-45, 0, 45])
        expect(classifyHandGesture(rotate(upright, 180 + tilt)), `${f.file} down ${tilt}°`).toBe(
          'thumb_down',
        );
      // Turned 30°–150° from upright, either way, either hand: up inside the cone around vertical,
      // down inside the one below, and sideways neither — nor a fist, whose thumb is folded.
      for (let turn = 30; turn <= 150; turn += 10) {
        const expected = turn <= 60 ? 'thumb_up' : turn >= 120 ? 'thumb_down' : 'none';
        for (const side of [turn, -turn]) {
          const hand = rotate(upright, side);
          expect(classifyHandGesture(hand), `${f.file} turned ${side}°`).toBe(expected);
          expect(classifyHandGesture(mirror(hand)), `${f.file} mirrored, turned ${side}°`).toBe(expected);
        }
      }
      expect(classifyHandGesture(mirror(rotate(upright, 180))), `${f.file} mirrored down`).toBe('thumb_down');
    }
  });

  it('says none for anything that is not a hand', () => {
    expect(classifyHandGesture([])).toBe('none');
    expect(classifyHandGesture(Array.from({ length: 21 }, () => ({ x: 0.5, y: 0.5 })))).toBe('none');
  });
});
