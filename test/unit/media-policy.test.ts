/**
 * The sender policy's ladder (src/call/media-policy.ts): frame rate first at ordinary caps; under a
 * low cap the picture is held at 320×240 whatever the camera gives, and never scaled up.
 */
import { describe, expect, it } from 'vitest';
import { FLOOR_HEIGHT, LOW_RATE_KBPS, videoEncodingFor } from '../../src/call/media-policy.ts';

describe('the video sender for a cap', () => {
  it('keeps the frame rate and the camera picture at ordinary caps', () => {
    for (const cap of [LOW_RATE_KBPS, 300, 1500])
      expect(videoEncodingFor(cap, 480)).toEqual({
        degradationPreference: 'maintain-framerate',
        maxBitrate: cap * 1000,
        scaleResolutionDownBy: 1,
      });
  });

  it('holds 320×240 under a low cap, from any camera, and never scales a small picture up', () => {
    expect(videoEncodingFor(60, 480)).toEqual({
      degradationPreference: 'maintain-resolution',
      maxBitrate: 60_000,
      scaleResolutionDownBy: 2,
    });
    expect(videoEncodingFor(100, 720).scaleResolutionDownBy).toBe(3);
    expect(videoEncodingFor(LOW_RATE_KBPS - 1, 1080).scaleResolutionDownBy).toBe(1080 / FLOOR_HEIGHT);
    expect(videoEncodingFor(60, 240).scaleResolutionDownBy).toBe(1);
    expect(videoEncodingFor(60, 180).scaleResolutionDownBy).toBe(1);
  });
});
