/**
 * On-device vision for the kiosk, loaded lazily (its own chunk, after the first screen). MediaPipe's
 * face detector and hand landmarker run in a dedicated worker (vision-worker.ts), so the page's main
 * thread only makes each turn's small frame and draws the hint. Each turn the page copies the
 * camera's frame at 320 px wide into an ImageBitmap (createImageBitmap scales it off the main
 * thread) and transfers it to the worker; the worker answers with boxes, a score, a gesture and the
 * light. Analysis runs at most 15 times a second and skips a turn while the last one is still in
 * the worker, so the call's own frames come first. Nothing leaves the page.
 */
import { framingHint, type Box, type FramingHint } from './framing.ts';
import type { HandGesture } from './gestures.ts';
import type { FromWorker, ToWorker } from './vision-protocol.ts';

/** The width of the copy of each frame the detectors see. */
export const ANALYSIS_WIDTH = 320;

export interface VisionOptions {
  maxHz?: number;
  expectHands: () => boolean;
  onHint: (hint: FramingHint) => void;
  /** The face detector's score this turn, 0 without a face (presence: wake, and notice a departure). */
  onFace?: (score: number) => void;
  /** The gesture of the first hand seen (for touchless yes/no). */
  onGesture?: (gesture: HandGesture) => void;
}

/** Starts the worker and resolves once its models are loaded (rejects when they cannot be). */
function startWorker(): Promise<Worker> {
  const worker = new Worker(new URL('./vision-worker.ts', import.meta.url), {
    type: 'module',
    name: 'ashir-vision',
  });
  return new Promise((resolve, reject) => {
    const fail = (message: string) => {
      worker.terminate();
      reject(new Error(`vision did not start: ${message}`));
    };
    worker.onerror = (e) => fail(e.message || 'the worker failed');
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      if (e.data.type === 'ready') resolve(worker);
      else if (e.data.type === 'failed') fail(e.data.message);
    };
  });
}

export async function startVision(stream: MediaStream, options: VisionOptions): Promise<() => void> {
  const worker = await startWorker();
  const send = (message: ToWorker, transfer: Transferable[] = []) => worker.postMessage(message, transfer);
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  try {
    await video.play();
  } catch (err) {
    worker.terminate();
    throw err;
  }

  const interval = 1000 / Math.min(15, options.maxHz ?? 15);
  let stopped = false;
  let tick = 0;
  let handBoxes: Box[] = [];
  let gesture: HandGesture = 'none';
  let brightness = 1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let started = 0;

  /** The next turn no sooner than the interval allows after this one began. */
  const next = () => {
    if (!stopped) timer = setTimeout(run, Math.max(0, interval - (performance.now() - started)));
  };

  worker.onmessage = (e: MessageEvent<FromWorker>) => {
    const result = e.data;
    if (stopped) return;
    if (result.type === 'failed') {
      console.warn('vision stopped', result.message);
      return;
    }
    if (result.type !== 'result') return;
    options.onFace?.(result.score);
    if (result.hands) ({ boxes: handBoxes, gesture } = result.hands);
    options.onGesture?.(gesture);
    if (result.brightness !== undefined) brightness = result.brightness;
    options.onHint(
      framingHint({ face: result.face, hands: handBoxes, expectHands: options.expectHands(), brightness }),
    );
    // For measurement (npm run bench:vision); an event, so nothing accumulates over a long day.
    dispatchEvent(new Event('ashir:vision-turn'));
    next();
  };

  const run = () => {
    if (stopped) return;
    started = performance.now();
    if (video.videoWidth === 0 || video.videoHeight === 0) return next();
    // Both models take small inputs (128 and 192 px): a 320-px-wide copy of the frame is enough.
    const w = ANALYSIS_WIDTH;
    const h = Math.round((ANALYSIS_WIDTH * video.videoHeight) / video.videoWidth);
    createImageBitmap(video, { resizeWidth: w, resizeHeight: h, resizeQuality: 'low' }).then(
      (bitmap) => {
        if (stopped) return bitmap.close();
        // Hands cost about four times a face: every other turn is enough for a hint.
        send({ type: 'frame', bitmap, hands: tick % 2 === 0, luma: tick % 5 === 0 }, [bitmap]);
        tick++;
      },
      () => next(), // no frame this turn (the camera between frames): try at the next
    );
  };
  run();

  return () => {
    stopped = true;
    clearTimeout(timer);
    video.srcObject = null;
    send({ type: 'close' });
    // The worker closes its detectors and itself; if it is stuck, it goes anyway.
    setTimeout(() => worker.terminate(), 1000);
  };
}
