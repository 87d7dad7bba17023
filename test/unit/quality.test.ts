import { describe, expect, it } from 'vitest';
import { classifyVideo, poorStreak, readStats } from '../../src/call/quality.ts';
import { QualityTally } from '../../src/call/quality-summary.ts';
import { HANGOVER_MS, SPEECH_LEVEL, SpeechDetector } from '../../src/call/speech.ts';

describe('classifyVideo (EN 301 549 §6.5)', () => {
  it('is good from 20 fps at CIF, usable from 12 fps at QCIF, poor below', () => {
    expect(classifyVideo(30, 640, 480)).toBe('good');
    expect(classifyVideo(20, 352, 288)).toBe('good');
    expect(classifyVideo(19.9, 640, 480)).toBe('usable');
    expect(classifyVideo(30, 320, 240)).toBe('usable');
    expect(classifyVideo(12, 176, 144)).toBe('usable');
    expect(classifyVideo(11, 640, 480)).toBe('poor');
    expect(classifyVideo(30, 160, 120)).toBe('poor');
    expect(classifyVideo(null, 640, 480)).toBe('poor');
  });

  it('judges portrait video by its long and short sides', () => {
    expect(classifyVideo(25, 288, 352)).toBe('good');
    expect(classifyVideo(25, 144, 176)).toBe('usable');
  });
});

describe('readStats', () => {
  const report = (lost: number, received: number) => [
    { id: 'T', type: 'transport', selectedCandidatePairId: 'P' },
    { id: 'P', type: 'candidate-pair', currentRoundTripTime: 0.042, availableOutgoingBitrate: 812_000 },
    {
      id: 'I',
      type: 'inbound-rtp',
      kind: 'video',
      framesPerSecond: 29,
      frameWidth: 640,
      frameHeight: 480,
      packetsLost: lost,
      packetsReceived: received,
      jitter: 0.0031,
    },
    { id: 'O', type: 'outbound-rtp', kind: 'video', framesPerSecond: 30, frameWidth: 320, frameHeight: 240 },
    { id: 'A', type: 'inbound-rtp', kind: 'audio', packetsLost: 999, packetsReceived: 1 },
  ];

  it('reads fps, resolution, rtt, jitter and bitrate of the selected pair and the video streams', () => {
    const { sample } = readStats(report(0, 100), null);
    expect(sample).toEqual({
      inFps: 29,
      inWidth: 640,
      inHeight: 480,
      outFps: 30,
      outWidth: 320,
      outHeight: 240,
      rttMs: 42,
      lossRatio: null,
      jitterMs: 3,
      availableOutKbps: 812,
      relayed: null,
    });
  });

  it('says whether the selected pair goes through a TURN relay', () => {
    const withPair = (local: string, remote: string) => [
      ...report(0, 10).map((s) =>
        s.id === 'P' ? { ...s, localCandidateId: 'L', remoteCandidateId: 'R' } : s,
      ),
      { id: 'L', type: 'local-candidate', candidateType: local },
      { id: 'R', type: 'remote-candidate', candidateType: remote },
    ];
    expect(readStats(withPair('relay', 'host'), null).sample.relayed).toBe(true);
    expect(readStats(withPair('srflx', 'relay'), null).sample.relayed).toBe(true);
    expect(readStats(withPair('host', 'host'), null).sample.relayed).toBe(false);
  });

  it('computes video packet loss between two samples', () => {
    const first = readStats(report(10, 1000), null);
    const second = readStats(report(20, 1090), first.counters);
    expect(second.sample.lossRatio).toBeCloseTo(10 / 100);
  });

  it('counts a streak of poor seconds and resets it', () => {
    let streak = 0;
    for (const level of ['poor', 'poor', 'usable', 'poor'] as const) streak = poorStreak(streak, level);
    expect(streak).toBe(1);
  });
});

describe('QualityTally', () => {
  const sample = (inFps: number | null, inHeight: number | null, relayed: boolean | null = false) => ({
    inFps,
    inWidth: inHeight === null ? null : Math.round((inHeight * 4) / 3),
    inHeight,
    outFps: null,
    outWidth: null,
    outHeight: null,
    rttMs: null,
    lossRatio: null,
    jitterMs: null,
    availableOutKbps: null,
    relayed,
  });

  it('sums a call up: fps median and 5th percentile, median height, seconds per level, restarts, relay', () => {
    const tally = new QualityTally();
    for (let i = 0; i < 18; i++) tally.add(sample(25 + (i % 3), 480), 'good');
    tally.add(sample(8, 240, true), 'poor');
    tally.add(sample(null, null, null), 'poor');
    tally.restarted();
    expect(tally.summary()).toEqual({
      fpsP50: 26,
      fpsP5: 8,
      heightP50: 480,
      seconds: { good: 18, usable: 0, poor: 2 },
      iceRestarts: 1,
      relayed: true,
    });
    expect(new QualityTally().summary()).toEqual({
      fpsP50: null,
      fpsP5: null,
      heightP50: null,
      seconds: { good: 0, usable: 0, poor: 0 },
      iceRestarts: 0,
      relayed: null,
    });
  });
});

describe('SpeechDetector', () => {
  it('is on from the first loud sample, stays on through short pauses, and goes off after the hangover', () => {
    const d = new SpeechDetector();
    expect(d.update(0, 0)).toBe(false);
    expect(d.update(SPEECH_LEVEL / 2, 100)).toBe(false);
    expect(d.update(SPEECH_LEVEL, 200)).toBe(true);
    expect(d.update(0, 200 + HANGOVER_MS)).toBe(true);
    expect(d.update(0, 201 + HANGOVER_MS)).toBe(false);
    expect(d.update(0.5, 2000)).toBe(true);
  });
});
