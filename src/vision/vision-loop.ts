/**
 * On-device vision for the kiosk, loaded lazily (its own chunk, after the first screen): MediaPipe's
 * face detector and hand landmarker, from this origin's /models and /vision/wasm, on a private video
 * element fed by the camera stream. Analysis runs at most 15 times a second and skips a turn when the
 * last one is still running, so the call's own frames come first. Nothing leaves the page.
 */
import { FaceDetector, FilesetResolver, HandLandmarker } from '@mediapipe/tasks-vision';
import { framingHint, type Box, type FramingHint } from './framing.ts';
import { classifyHandGesture, type HandGesture } from './gestures.ts';

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

export async function startVision(stream: MediaStream, options: VisionOptions): Promise<() => void> {
  const files = await FilesetResolver.forVisionTasks('/vision/wasm');
  const face = await FaceDetector.createFromOptions(files, {
    baseOptions: {
      modelAssetPath: '/models/face_detection_short_range_with_metadata.tflite',
      delegate: 'CPU',
    },
    runningMode: 'VIDEO',
  });
  const hands = await HandLandmarker.createFromOptions(files, {
    baseOptions: { modelAssetPath: '/models/hand_landmarker_lite.task', delegate: 'CPU' },
    runningMode: 'VIDEO',
    numHands: 2,
  }).catch((err: unknown) => {
    face.close(); // do not leave the first detector running when the second cannot load
    throw err;
  });
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  await video.play();
  const frame = document.createElement('canvas');
  const frameCtx = frame.getContext('2d')!;
  const canvas = document.createElement('canvas');
  canvas.width = 32;
  canvas.height = 24;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;

  const interval = 1000 / Math.min(15, options.maxHz ?? 15);
  let stopped = false;
  let tick = 0;
  let handBoxes: Box[] = [];
  let gesture: HandGesture = 'none';
  let brightness = 1;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const run = () => {
    if (stopped) return;
    const started = performance.now();
    if (video.videoWidth > 0 && video.videoHeight > 0) {
      const now = performance.now();
      // Both models take small inputs (128 and 192 px): a 320-px-wide copy of the frame is enough,
      // and converting it costs far less than the camera's full frame (measured: hands ~25 % faster).
      const w = ANALYSIS_WIDTH;
      const h = Math.round((ANALYSIS_WIDTH * video.videoHeight) / video.videoWidth);
      if (frame.width !== w || frame.height !== h) Object.assign(frame, { width: w, height: h });
      frameCtx.drawImage(video, 0, 0, w, h);
      const found = face.detectForVideo(frame, now).detections[0];
      const detection = found?.boundingBox;
      const faceBox = detection
        ? {
            x: detection.originX / w,
            y: detection.originY / h,
            width: detection.width / w,
            height: detection.height / h,
          }
        : null;
      options.onFace?.(faceBox ? (found?.categories[0]?.score ?? 0) : 0);
      // Hands cost about four times a face: every other turn is enough for a hint.
      if (tick % 2 === 0) {
        const found = hands.detectForVideo(frame, now + 1).landmarks;
        handBoxes = found.map(boxOf);
        gesture = found[0] ? classifyHandGesture(found[0]) : 'none';
      }
      options.onGesture?.(gesture);
      if (tick % 5 === 0) brightness = lumaOf(ctx, video);
      tick++;
      options.onHint(
        framingHint({ face: faceBox, hands: handBoxes, expectHands: options.expectHands(), brightness }),
      );
      // For measurement (npm run bench:vision); an event, so nothing accumulates over a long day.
      dispatchEvent(new Event('ashir:vision-turn'));
    }
    // The next turn no sooner than the interval allows after this one ended.
    timer = setTimeout(run, Math.max(0, interval - (performance.now() - started)));
  };
  run();

  return () => {
    stopped = true;
    clearTimeout(timer);
    video.srcObject = null;
    face.close();
    hands.close();
  };
}

function boxOf(points: Array<{ x: number; y: number }>): Box {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

function lumaOf(ctx: CanvasRenderingContext2D, video: HTMLVideoElement): number {
  ctx.drawImage(video, 0, 0, 32, 24);
  const data = ctx.getImageData(0, 0, 32, 24).data;
  let sum = 0;
  for (let i = 0; i < data.length; i += 4)
    sum += 0.2126 * data[i]! + 0.7152 * data[i + 1]! + 0.0722 * data[i + 2]!;
  return sum / (data.length / 4) / 255;
}
