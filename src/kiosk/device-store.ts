/**
 * The kiosk as a device: its self-test — at boot, every `selfTestHours` while nobody is at the
 * counter, when a supervisor asks (at the next welcome screen), and from the hidden staff gesture.
 * The result goes to the server (each check's pass, fail or skipped; nothing the camera saw).
 */
import { computed, signal } from '@preact/signals';
import { listen, request, type ClientSocket } from '../net/socket.ts';
import type { IceServer, SelfTestResult } from '../protocol/index.ts';
import type { Clock } from '../util/clock.ts';
import { DisposerBag } from '../util/emitter.ts';
import { runSelfTest } from './self-test.ts';

/** The files the kiosk's vision loads (src/vision/vision-loop.ts). */
export const VISION_MODELS = [
  '/models/face_detection_short_range_with_metadata.tflite',
  '/models/hand_landmarker_lite.task',
];

export interface DeviceDeps {
  socket: ClientSocket;
  clock: Clock;
  stream: () => MediaStream | null;
  /** Whether the counter is at its welcome screen (nobody is being served). */
  idle: () => boolean;
}

export function createDeviceStore(deps: DeviceDeps) {
  const results = signal<SelfTestResult[] | null>(null);
  const running = signal(false);
  const failed = computed(() => (results.value ?? []).filter((r) => r.status === 'fail').map((r) => r.check));
  const bag = new DisposerBag();
  let hours = 6;
  let lastRunAt = -Infinity;
  let asked = false;

  const device = async (): Promise<{ iceServers: IceServer[] } | null> => {
    try {
      const res = await fetch('/api/kiosk/device', { cache: 'no-store' });
      if (!res.ok) return null;
      const body = (await res.json()) as { iceServers: IceServer[]; selfTestHours: number };
      hours = body.selfTestHours;
      return body;
    } catch {
      return null;
    }
  };

  /** Sends the checks; one made right after another waits out the server's minimum gap, once. */
  const report = async (checks: SelfTestResult[], again = true): Promise<void> => {
    const ack = await request(deps.socket, 'kiosk:self-test', { checks });
    if (ack.ok) return;
    if (ack.code === 'rate_limited' && again)
      bag.add(deps.clock.setTimeout(() => void report(checks, false), 6000));
    else console.warn('self-test not reported', ack.code);
  };

  const run = async (): Promise<void> => {
    if (running.value) return;
    running.value = true;
    asked = false;
    lastRunAt = deps.clock.now();
    try {
      const checks = await runSelfTest({ stream: deps.stream(), device, models: VISION_MODELS });
      results.value = checks;
      await report(checks);
    } finally {
      running.value = false;
    }
  };

  bag.add(
    listen(deps.socket, 'kiosk:run-self-test', () => {
      asked = true;
      if (deps.idle()) void run();
    }),
  );
  // Once a minute: due (or asked) and nobody at the counter → check now.
  bag.add(
    deps.clock.setInterval(() => {
      const due = deps.clock.now() - lastRunAt >= hours * 3_600_000;
      if ((asked || due) && deps.idle()) void run();
    }, 60_000),
  );

  return { results, running, failed, run, dispose: () => bag.dispose() };
}
export type DeviceStore = ReturnType<typeof createDeviceStore>;
