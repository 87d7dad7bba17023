/**
 * The kiosk's vision, off the page's main thread: MediaPipe's face detector and hand landmarker run
 * here, on frames the page hands over as small ImageBitmaps (transferred). Models and WASM come from
 * this origin (/models, /vision/wasm: the ES-module build, since this is a module worker), under the
 * same CSP as the page. Nothing leaves the worker but boxes, a score, a gesture and a brightness.
 */
import { FaceDetector, FilesetResolver, HandLandmarker } from '@mediapipe/tasks-vision';
import type { Box } from './framing.ts';
import { classifyHandGesture } from './gestures.ts';
import type { FromWorker, ToWorker } from './vision-protocol.ts';

const scope = self as unknown as {
  postMessage(message: FromWorker): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  close(): void;
};
const post = (message: FromWorker) => scope.postMessage(message);

async function load() {
  const files = await FilesetResolver.forVisionTasks('/vision/wasm', true);
  const face = await FaceDetector.createFromOptions(files, {
    baseOptions: {
      modelAssetPath: '/models/face_detection_short_range_with_metadata.tflite',
      delegate: 'CPU',
    },
    runningMode: 'VIDEO',
  });
  // tasks-vision loads its WASM loader with import() and takes the factory from self.ModuleFactory,
  // which it clears once a task is made. A second import() of the same module is answered from the
  // module map and runs nothing, so the second task would find no factory: put it back.
  const loader = (await import(/* @vite-ignore */ files.wasmLoaderPath)) as { default: unknown };
  (self as unknown as { ModuleFactory?: unknown }).ModuleFactory = loader.default;
  const hands = await HandLandmarker.createFromOptions(files, {
    baseOptions: { modelAssetPath: '/models/hand_landmarker_lite.task', delegate: 'CPU' },
    runningMode: 'VIDEO',
    numHands: 2,
  }).catch((err: unknown) => {
    face.close(); // do not leave the first detector running when the second cannot load
    throw err;
  });
  return { face, hands };
}

const luma = new OffscreenCanvas(32, 24);
const lumaCtx = luma.getContext('2d', { willReadFrequently: true })!;

function brightnessOf(bitmap: ImageBitmap): number {
  lumaCtx.drawImage(bitmap, 0, 0, 32, 24);
  const data = lumaCtx.getImageData(0, 0, 32, 24).data;
  let sum = 0;
  for (let i = 0; i < data.length; i += 4)
    sum += 0.2126 * data[i]! + 0.7152 * data[i + 1]! + 0.0722 * data[i + 2]!;
  return sum / (data.length / 4) / 255;
}

function boxOf(points: Array<{ x: number; y: number }>): Box {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

const loaded = load();
loaded.then(
  () => post({ type: 'ready' }),
  (err: unknown) => post({ type: 'failed', message: err instanceof Error ? err.message : String(err) }),
);

scope.onmessage = (e) => {
  const message = e.data;
  const drop = () => {
    if (message.type === 'frame') message.bitmap.close();
    else scope.close();
  };
  void loaded.then(({ face, hands }) => {
    if (message.type === 'close') {
      face.close();
      hands.close();
      scope.close();
      return;
    }
    const { bitmap } = message;
    try {
      const { width: w, height: h } = bitmap;
      const now = performance.now();
      const found = face.detectForVideo(bitmap, now).detections[0];
      const b = found?.boundingBox;
      const result: FromWorker = {
        type: 'result',
        face: b ? { x: b.originX / w, y: b.originY / h, width: b.width / w, height: b.height / h } : null,
        score: b ? (found?.categories[0]?.score ?? 0) : 0,
      };
      if (message.hands) {
        const landmarks = hands.detectForVideo(bitmap, now + 1).landmarks;
        result.hands = {
          boxes: landmarks.map(boxOf),
          gesture: landmarks[0] ? classifyHandGesture(landmarks[0]) : 'none',
        };
      }
      if (message.luma) result.brightness = brightnessOf(bitmap);
      post(result);
    } catch (err) {
      post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
    } finally {
      bitmap.close();
    }
  }, drop);
};
