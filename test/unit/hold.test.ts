import { describe, expect, it } from 'vitest';
import { GestureHold } from '../../src/vision/hold.ts';

describe('GestureHold (touchless yes/no)', () => {
  it('answers yes after a thumb up held for a second, once', () => {
    const hold = new GestureHold(1000);
    expect(hold.update('thumb_up', 0)).toEqual({ holding: 'yes', progress: 0, answered: null });
    expect(hold.update('thumb_up', 500)).toEqual({ holding: 'yes', progress: 0.5, answered: null });
    expect(hold.update('thumb_up', 1000)).toEqual({ holding: 'yes', progress: 1, answered: 'yes' });
    expect(hold.update('thumb_up', 1500).answered).toBeNull(); // held on: no second answer
  });

  it('answers no for a thumb down', () => {
    const hold = new GestureHold(1000);
    hold.update('thumb_down', 0);
    expect(hold.update('thumb_down', 1200).answered).toBe('no');
  });

  it('starts again when the hand changes or goes away', () => {
    const hold = new GestureHold(1000);
    hold.update('thumb_up', 0);
    expect(hold.update('fist', 600)).toEqual({ holding: null, progress: 0, answered: null });
    hold.update('thumb_up', 700);
    expect(hold.update('thumb_up', 1600).answered).toBeNull();
    expect(hold.update('thumb_up', 1700).answered).toBe('yes');
    hold.update('none', 1800);
    hold.update('thumb_down', 1900);
    expect(hold.update('thumb_down', 2900).answered).toBe('no');
  });

  it('ignores shapes that are not yes or no', () => {
    const hold = new GestureHold(1000);
    for (const g of ['open_palm', 'victory', 'pointing_up', 'fist', 'none'] as const)
      expect(hold.update(g, 5000).holding).toBeNull();
  });
});
