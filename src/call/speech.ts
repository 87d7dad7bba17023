/**
 * Who is speaking, for the eyes (EN 301 549 clause 6: a visual indicator of audio activity). The
 * level of an audio track from a Web Audio analyser, and a detector that turns levels into
 * "speaking" with a short hangover so a voice does not flicker between syllables. Nothing is kept
 * or recorded: one number every 50 ms, read and dropped.
 */
import { effect, signal, type ReadonlySignal } from '@preact/signals';
import type { Clock } from '../util/clock.ts';
import type { Disposer } from '../util/emitter.ts';

/** RMS level (0–1) above which a track counts as sound; below it is room noise or silence. */
export const SPEECH_LEVEL = 0.02;
/** Speaking stays on this long after the last loud sample. */
export const HANGOVER_MS = 600;
/**
 * Read every 50 ms over a 2048-sample window (43 ms at 48 kHz): the windows cover the whole signal,
 * so even a short sound (Chromium's fake microphone beeps for 20 ms) is never missed.
 */
export const LEVEL_INTERVAL_MS = 50;

/** Pure: levels in, speaking out. */
export class SpeechDetector {
  private lastLoudAt = -Infinity;

  update(level: number, now: number): boolean {
    if (level >= SPEECH_LEVEL) this.lastLoudAt = now;
    return now - this.lastLoudAt <= HANGOVER_MS;
  }
}

/** Calls `onLevel` every LEVEL_INTERVAL_MS with the RMS level of `stream`'s audio (0 without one). */
export function watchAudioLevel(
  stream: MediaStream,
  onLevel: (level: number) => void,
  clock: Clock,
): Disposer {
  const track = stream.getAudioTracks()[0];
  if (!track || typeof AudioContext === 'undefined') return () => {};
  const ctx = new AudioContext();
  const source = ctx.createMediaStreamSource(new MediaStream([track]));
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 2048;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const stop = clock.setInterval(() => {
    // A disabled (muted) track is silence, whatever the analyser last held.
    if (!track.enabled || track.readyState !== 'live') return onLevel(0);
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const x of samples) sum += x * x;
    onLevel(Math.sqrt(sum / samples.length));
  }, LEVEL_INTERVAL_MS);
  // Once: a second call (an effect re-running after a dispose) must not close a closed context.
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    stop();
    source.disconnect();
    ctx.close().catch((err: unknown) => console.warn('audio level: close failed', err));
  };
}

/** Whether the stream in `stream` carries speech now, and its level, following the stream as it changes. */
export function speechOf(stream: ReadonlySignal<MediaStream | null>, clock: Clock) {
  const speaking = signal(false);
  const level = signal(0);
  let stopWatch: Disposer = () => {};
  const stopEffect = effect(() => {
    stopWatch();
    speaking.value = false;
    level.value = 0;
    const s = stream.value;
    if (!s) return;
    const detector = new SpeechDetector();
    stopWatch = watchAudioLevel(
      s,
      (l) => {
        level.value = l;
        speaking.value = detector.update(l, clock.now());
      },
      clock,
    );
  });
  return {
    speaking,
    level,
    dispose: () => {
      stopEffect();
      stopWatch();
    },
  };
}
