/**
 * One take in the sign library: the camera (no microphone), a 3-2-1 countdown, recording (at most
 * 15 s), review with a trim, and the upload. Its lifecycle is a table (src/util/machine.ts); the
 * framing guide runs the kiosk's on-device vision on the preview when the models are there. The
 * camera stops when the recorder is closed; the take lives only in this page until it is sent.
 */
import { signal } from '@preact/signals';
import { MAX_CLIP_MS } from '../clips/rules.ts';
import {
  loadTake,
  openClipCamera,
  recordClip,
  takeProblem,
  trimTake,
  type Recording,
} from '../clips/recorder.ts';
import type { SignLanguage } from '../protocol/index.ts';
import type { Clock } from '../util/clock.ts';
import { next, type Machine } from '../util/machine.ts';
import type { FramingHint } from '../vision/framing.ts';

export type TakeState = 'preview' | 'countdown' | 'recording' | 'review' | 'working' | 'sent';
type TakeEvent = 'start' | 'go' | 'stop' | 'recorded' | 'again' | 'submit' | 'failed' | 'sent';

const TAKE: Machine<TakeState, TakeEvent> = {
  preview: { start: 'countdown' },
  countdown: { go: 'recording', again: 'preview' },
  recording: { stop: 'recording', recorded: 'review', failed: 'preview' },
  review: { again: 'preview', submit: 'working' },
  working: { sent: 'sent', failed: 'review' },
  sent: {},
};

export type TakeProblem = string | null;

export function createClipRecorder(opts: {
  target: string;
  language: SignLanguage;
  clock: Clock;
  onSent: () => void;
}) {
  const state = signal<TakeState>('preview');
  const stream = signal<MediaStream | null>(null);
  const cameraFailed = signal(false);
  const countdown = signal(3);
  const elapsedS = signal(0);
  const take = signal<{ blob: Blob; url: string; durationS: number } | null>(null);
  const trim = signal<{ startS: number; endS: number }>({ startS: 0, endS: 0 });
  const consent = signal(false);
  /** An i18n key (clips.recorder.*) or a server message, shown after a failed step. */
  const problem = signal<{ key: string; message?: string } | null>(null);
  const framing = signal<FramingHint | null>(null);
  const stops: Array<() => void> = [];
  let recording: Recording | null = null;
  let disposed = false;

  const move = (event: TakeEvent) => {
    const to = next('clip-take', TAKE, state.value, event, (line) => console.debug(line));
    if (to) state.value = to;
    return to !== null;
  };

  async function open(): Promise<void> {
    try {
      const s = await openClipCamera();
      if (disposed) return s.getTracks().forEach((t) => t.stop());
      stream.value = s;
      stops.push(() => s.getTracks().forEach((t) => t.stop()));
      // The framing guide, when this installation has the vision models (optional: no guide otherwise).
      void import('../vision/vision-loop.ts')
        .then(({ startVision }) =>
          startVision(s, { expectHands: () => true, onHint: (h) => (framing.value = h) }),
        )
        .then((stop) => (disposed ? stop() : stops.push(stop)))
        .catch(() => (framing.value = null));
    } catch {
      cameraFailed.value = true;
    }
  }

  function start(): void {
    if (!stream.value || !move('start')) return;
    problem.value = null;
    countdown.value = 3;
    const tick = () => {
      if (state.value !== 'countdown') return;
      if (countdown.value > 1) {
        countdown.value--;
        stops.push(opts.clock.setTimeout(tick, 1000));
      } else begin();
    };
    stops.push(opts.clock.setTimeout(tick, 1000));
  }

  function begin(): void {
    if (!stream.value || !move('go')) return;
    const startedAt = opts.clock.now();
    elapsedS.value = 0;
    const timer = opts.clock.setInterval(() => {
      elapsedS.value = Math.min(MAX_CLIP_MS, opts.clock.now() - startedAt) / 1000;
    }, 250);
    recording = recordClip(stream.value);
    recording.done
      .then(async (blob) => {
        timer();
        const loaded = await loadTake(blob);
        loaded.video.removeAttribute('src');
        if (disposed) return URL.revokeObjectURL(loaded.url);
        setTake(blob, loaded.url, loaded.durationS);
        move('recorded');
      })
      .catch(() => {
        timer();
        problem.value = { key: 'decode' };
        move('failed');
      });
  }

  function setTake(blob: Blob, url: string, durationS: number): void {
    if (take.value) URL.revokeObjectURL(take.value.url);
    take.value = { blob, url, durationS };
    trim.value = { startS: 0, endS: Math.round(durationS * 10) / 10 };
  }

  function stop(): void {
    if (state.value === 'recording') recording?.stop();
  }

  function again(): void {
    if (!move('again')) return;
    if (take.value) URL.revokeObjectURL(take.value.url);
    take.value = null;
    problem.value = null;
  }

  async function submit(): Promise<void> {
    const current = take.value;
    if (!current || !consent.value || !move('submit')) return;
    problem.value = null;
    try {
      const { startS, endS } = trim.value;
      const trimmed = startS > 0.05 || endS < current.durationS - 0.05;
      const blob = trimmed ? await trimTake(current.blob, startS, endS) : current.blob;
      const why = await takeProblem(blob);
      if (why) {
        problem.value = { key: why === 'decode' ? 'decode' : `problems.${why}` };
        move('failed');
        return;
      }
      const query = new URLSearchParams({ target: opts.target, language: opts.language, consent: '1' });
      const res = await fetch(`/api/clips?${query.toString()}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'video/webm' },
        body: blob,
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { message?: string };
        problem.value = { key: 'refused', message: body.message ?? String(res.status) };
        move('failed');
        return;
      }
      move('sent');
      opts.onSent();
    } catch {
      problem.value = { key: 'decode' };
      move('failed');
    }
  }

  function dispose(): void {
    disposed = true;
    recording?.stop();
    for (const s of stops.splice(0)) s();
    if (take.value) URL.revokeObjectURL(take.value.url);
    take.value = null;
    stream.value = null;
  }

  void open();
  return {
    state,
    stream,
    cameraFailed,
    countdown,
    elapsedS,
    take,
    trim,
    consent,
    problem,
    framing,
    start,
    stop,
    again,
    submit,
    dispose,
  };
}

export type ClipRecorder = ReturnType<typeof createClipRecorder>;
