/**
 * The sender policy's ladder (src/call/media-policy.ts): frame rate first at ordinary caps; under a
 * low cap the picture is held at 320×240 whatever the camera gives, and never scaled up.
 */
import { describe, expect, it } from 'vitest';
import {
  FLOOR_HEIGHT,
  LOW_RATE_KBPS,
  videoEncodingFor,
  withStartBitrate,
} from '../../src/call/media-policy.ts';

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

describe('the start bitrate in the SDP', () => {
  const SDP = [
    'v=0',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    'a=rtpmap:111 opus/48000/2',
    'a=fmtp:111 minptime=10;useinbandfec=1',
    'm=video 9 UDP/TLS/RTP/SAVPF 96 97 98',
    'a=rtpmap:96 VP8/90000',
    'a=rtpmap:97 rtx/90000',
    'a=fmtp:97 apt=96',
    'a=rtpmap:98 H264/90000',
    'a=fmtp:98 level-asymmetry-allowed=1;packetization-mode=1',
    '',
  ].join('\r\n');

  it('goes on every video codec, once, and on nothing else', () => {
    const out = withStartBitrate(SDP, 1000).split('\r\n');
    expect(out).toContain('a=fmtp:96 x-google-start-bitrate=1000');
    expect(out).toContain(
      'a=fmtp:98 level-asymmetry-allowed=1;packetization-mode=1;x-google-start-bitrate=1000',
    );
    expect(out).toContain('a=fmtp:111 minptime=10;useinbandfec=1');
    expect(out).toContain('a=fmtp:97 apt=96');
    // The added line follows its codec's rtpmap; nothing else moves.
    expect(out.indexOf('a=fmtp:96 x-google-start-bitrate=1000')).toBe(
      out.indexOf('a=rtpmap:96 VP8/90000') + 1,
    );
    expect(out).toHaveLength(SDP.split('\r\n').length + 1);
    // Applied twice, it changes nothing more (a renegotiation's SDP goes through it again).
    expect(withStartBitrate(withStartBitrate(SDP, 1000), 1000)).toBe(withStartBitrate(SDP, 1000));
  });
});
