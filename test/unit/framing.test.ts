import { describe, expect, it } from 'vitest';
import { framingHint, type Box, type FrameFacts } from '../../src/vision/framing.ts';

/** A face of width `w` centred at (cx, cy); height follows a portrait-ish face box. */
const face = (cx: number, cy: number, w = 0.2): Box => ({
  x: cx - w / 2,
  y: cy - w * 0.6,
  width: w,
  height: w * 1.2,
});
const hand: Box = { x: 0.1, y: 0.6, width: 0.1, height: 0.12 };
const facts = (over: Partial<FrameFacts> = {}): FrameFacts => ({
  face: face(0.5, 0.35),
  hands: [hand, { ...hand, x: 0.8 }],
  expectHands: true,
  brightness: 0.5,
  ...over,
});

describe('framingHint', () => {
  it('is good for a centred face at arm’s length with both hands in view', () => {
    expect(framingHint(facts())).toBe('good');
  });

  it('asks for light first, then for a face', () => {
    expect(framingHint(facts({ brightness: 0.1, face: null }))).toBe('too_dark');
    expect(framingHint(facts({ face: null }))).toBe('no_face');
  });

  it('judges distance from the face size', () => {
    expect(framingHint(facts({ face: face(0.5, 0.35, 0.45) }))).toBe('too_close');
    expect(framingHint(facts({ face: face(0.5, 0.35, 0.06) }))).toBe('too_far');
    expect(framingHint(facts({ face: face(0.5, 0.35, 0.3) }))).toBe('good');
  });

  it('guides the face back to the middle', () => {
    expect(framingHint(facts({ face: face(0.2, 0.35) }))).toBe('move_left');
    expect(framingHint(facts({ face: face(0.8, 0.35) }))).toBe('move_right');
    expect(framingHint(facts({ face: face(0.5, 0.12) }))).toBe('move_down');
    expect(framingHint(facts({ face: face(0.5, 0.62) }))).toBe('move_up');
  });

  it('asks for both hands only while signing is expected', () => {
    expect(framingHint(facts({ hands: [hand] }))).toBe('show_hands');
    expect(framingHint(facts({ hands: [] }))).toBe('show_hands');
    expect(framingHint(facts({ hands: [], expectHands: false }))).toBe('good');
  });
});
