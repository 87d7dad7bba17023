/**
 * Extra ways to notice an incoming call, on top of the banner that is always shown: a sound (off
 * until the interpreter turns it on) and a system notification (when the browser grants it).
 */
import { signal } from '@preact/signals';
import type { Disposer } from '../util/emitter.ts';
import { systemClock, type Clock } from '../util/clock.ts';

export const soundOn = signal(false);
export const notifyPermission = signal<NotificationPermission | 'unsupported'>(
  typeof Notification === 'undefined' ? 'unsupported' : Notification.permission,
);

export async function askNotificationPermission(): Promise<void> {
  if (typeof Notification === 'undefined') return;
  notifyPermission.value = await Notification.requestPermission();
}

/** Starts the optional alerts for one offer; the returned disposer stops them. */
export function alertIncoming(title: string, body: string, clock: Clock = systemClock): Disposer {
  const stops: Disposer[] = [];
  if (soundOn.value) stops.push(chime(clock));
  if (notifyPermission.value === 'granted' && document.hidden) {
    const n = new Notification(title, { body, tag: 'ashir-offer', requireInteraction: true });
    n.onclick = () => {
      focus();
      n.close();
    };
    stops.push(() => n.close());
  }
  return () => stops.forEach((s) => s());
}

/** Two short tones every 1.5 s until stopped. */
function chime(clock: Clock): Disposer {
  const ctx = new AudioContext();
  const ring = () => {
    for (const [at, freq] of [
      [0, 880],
      [0.25, 660],
    ] as const) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.2, ctx.currentTime + at);
      gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + at + 0.2);
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + at);
      osc.stop(ctx.currentTime + at + 0.22);
    }
  };
  ring();
  const stop = clock.setInterval(ring, 1500);
  return () => {
    stop();
    void ctx.close();
  };
}
