/**
 * The sign clip checks: a real recording (test/fixtures/media/sign-clip.webm, recorded by Chromium's
 * MediaRecorder from its fake camera) passes; a file cut anywhere is refused or is a shorter real
 * clip, never an exception; other files, sound, other codecs and odd sizes are refused by name.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clipProblem, MAX_CLIP_BYTES } from '../../src/clips/rules.ts';
import { CLIP_TARGETS, CLIP_TARGETS_BY_ID } from '../../src/clips/targets.ts';
import { inspectWebm } from '../../src/clips/webm.ts';
import { FLOWS } from '../../src/flows/definitions.ts';
import { PICTOGRAMS } from '../../src/pictograms/catalog.ts';
import { FIXTURES_DIR } from '../helpers/fixtures.ts';

const CLIP = readFileSync(path.join(FIXTURES_DIR, 'media/sign-clip.webm'));

/** The fixture with one run of bytes replaced (same length). */
function patched(find: string | number[], replace: string | number[]): Buffer {
  const from = Buffer.from(find as never);
  const at = CLIP.indexOf(from);
  expect(at, `the fixture holds ${String(find)}`).toBeGreaterThan(0);
  const copy = Buffer.from(CLIP);
  Buffer.from(replace as never).copy(copy, at);
  return copy;
}

describe('a recorded sign clip', () => {
  it('is read as one VP8 video track with its blocks, key frame and time span', () => {
    const read = inspectWebm(CLIP);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.info.docType).toBe('webm');
    expect(read.info.tracks).toEqual([{ number: 1, type: 'video', codec: 'V_VP8', width: 320, height: 240 }]);
    expect(read.info.keyFrames).toBeGreaterThanOrEqual(1);
    expect(read.info.videoBlocks).toBeGreaterThan(10);
    expect(read.info.spanMs).toBeGreaterThan(1000);
    expect(read.info.spanMs).toBeLessThan(2000);
    expect(clipProblem(CLIP)).toBeNull();
  });

  it('is refused when cut short anywhere, and no cut throws', () => {
    let truncated = 0;
    for (let n = 0; n < CLIP.length; n += 37) {
      const problem = clipProblem(CLIP.subarray(0, n));
      if (problem === null) continue; // cut exactly between two elements: a shorter real clip
      expect(['truncated', 'not_webm', 'too_short', 'malformed']).toContain(problem);
      if (problem === 'truncated') truncated++;
    }
    expect(truncated).toBeGreaterThan(100);
  });

  it('refuses what is not a sign clip, saying why', () => {
    expect(clipProblem(readFileSync(path.join(FIXTURES_DIR, 'media/astronaut.png')))).toBe('not_webm');
    expect(clipProblem(Buffer.from('{"not":"a video"}'))).toBe('not_webm');
    expect(clipProblem(new Uint8Array(0))).toBe('not_webm');
    // Matroska that is not WebM.
    expect(clipProblem(patched('webm', 'mkvx'))).toBe('not_webm');
    // A sound track (the track's type 1 → 2), another codec, a picture size no camera makes.
    expect(clipProblem(patched([0x83, 0x81, 0x01], [0x83, 0x81, 0x02]))).toBe('has_audio');
    expect(clipProblem(patched('V_VP8', 'V_XYZ'))).toBe('codec');
    expect(clipProblem(patched([0xba, 0x81, 0xf0], [0xba, 0x81, 0x08]))).toBe('size');
    expect(clipProblem(new Uint8Array(MAX_CLIP_BYTES + 1))).toBe('too_big');
  });

  it('never throws on random bytes, or on the clip with random bytes changed', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 300; i++) {
      const junk = new Uint8Array(Math.floor(rand() * 400)).map(() => Math.floor(rand() * 256));
      expect(() => clipProblem(junk)).not.toThrow();
      const copy = Buffer.from(CLIP);
      for (let k = 0; k < 4; k++) copy[Math.floor(rand() * copy.length)] = Math.floor(rand() * 256);
      expect(() => clipProblem(copy)).not.toThrow();
    }
  });
});

describe('sign library targets', () => {
  it('are every flow step, every answer and every pictogram, once each', () => {
    const steps = FLOWS.reduce((n, f) => n + f.steps.length, 0);
    const answers = FLOWS.reduce((n, f) => n + f.steps.reduce((m, s) => m + s.answers.length, 0), 0);
    expect(CLIP_TARGETS.length).toBe(steps + answers + PICTOGRAMS.length);
    expect(CLIP_TARGETS_BY_ID.size).toBe(CLIP_TARGETS.length);
    const first = FLOWS[0]!.steps[0]!;
    expect(CLIP_TARGETS_BY_ID.get(`step:${FLOWS[0]!.id}.${first.id}`)?.text).toEqual(first.text);
    expect(CLIP_TARGETS.every((t) => /^(step|answer|pictogram):[a-z0-9.-]+$/.test(t.id))).toBe(true);
  });
});
