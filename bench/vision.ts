/**
 * npm run bench:vision — on-device vision in headless Chromium with the models `npm run models` makes
 * and a real face on the fake camera (a clip made from test/fixtures/media/astronaut.png, 30 fps):
 * - face_ms_p50 / hands_ms_p50: per-frame time of each model (60 frames each) on a 320×240 copy of
 *   the frame, then detectForVideo (the copy is part of the time), on the page's thread (the kiosk
 *   runs the same models in its vision worker, on a 320-px ImageBitmap);
 * - analysis_hz: turns per second of the kiosk's own framing-guide loop;
 * - call_fps_without_vision / call_fps_with_vision: frames per second the interpreter receives from
 *   the kiosk in a call, with the kiosk's vision off (no models served) and on.
 * Prints one JSON line last.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { buildModels } from '../scripts/models/build.ts';
import { launchChromium } from '../test/helpers/browser.ts';
import { cameraClip } from '../test/helpers/fixtures.ts';
import { startTestServer } from '../test/helpers/server.ts';
import { readyPair } from './pages.ts';
import { percentile } from './stats.ts';

const clip = await cameraClip('astronaut.png');
const modelsDir = mkdtempSync(path.join(tmpdir(), 'ashir-models-'));
for (const [name, bytes] of Object.entries(buildModels())) writeFileSync(path.join(modelsDir, name), bytes);
const noModels = mkdtempSync(path.join(tmpdir(), 'ashir-no-models-'));
const bundle = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@mediapipe/tasks-vision')),
  'vision_bundle.mjs',
);
const MEASURE_MS = 8000;

await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
const browser = await launchChromium([`--use-file-for-fake-video-capture=${clip}`]);

/** Inference times per model, measured in a page of the app (same origin, same CSP). */
async function inferenceTimes(base: string): Promise<{ face: number[]; hands: number[] }> {
  const page = await browser.newPage();
  await page.route('**/bench/vision_bundle.mjs', (r) =>
    r.fulfill({ body: readFileSync(bundle), contentType: 'text/javascript' }),
  );
  // The app's plain index page: same origin and CSP, but no kiosk running its own vision beside us.
  await page.goto(`${base}/index.html`);
  const script = `(async () => {
    const vision = await import('/bench/vision_bundle.mjs');
    const files = await vision.FilesetResolver.forVisionTasks('/vision/wasm');
    const video = document.createElement('video');
    video.muted = true;
    video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
    await video.play();
    const face = await vision.FaceDetector.createFromOptions(files, { baseOptions: { modelAssetPath: '/models/face_detection_short_range_with_metadata.tflite', delegate: 'CPU' }, runningMode: 'VIDEO' });
    const hands = await vision.HandLandmarker.createFromOptions(files, { baseOptions: { modelAssetPath: '/models/hand_landmarker_lite.task', delegate: 'CPU' }, runningMode: 'VIDEO', numHands: 2 });
    const time = (f) => { const t = performance.now(); f(); return performance.now() - t; };
    // As the kiosk does it (src/vision/vision-loop.ts): a 320-px-wide copy of the frame, timed with it.
    const frame = document.createElement('canvas');
    frame.width = 320; frame.height = 240;
    const ctx = frame.getContext('2d', { willReadFrequently: true });
    const copy = () => { ctx.drawImage(video, 0, 0, 320, 240); return frame; };
    const out = { face: [], hands: [] };
    let ts = performance.now();
    for (let i = 0; i < 60; i++) {
      await new Promise((r) => video.requestVideoFrameCallback(r));
      out.face.push(time(() => face.detectForVideo(copy(), ++ts)));
      out.hands.push(time(() => hands.detectForVideo(copy(), ++ts)));
    }
    face.close(); hands.close();
    return out;
  })()`;
  const result = (await page.evaluate(script)) as { face: number[]; hands: number[] };
  await page.close();
  return result;
}

/** Received fps at the interpreter during a call; and the kiosk's vision turns per second. */
async function callFps(modelsPath: string): Promise<{ fps: number; hz: number }> {
  const srv = await startTestServer({ LOG_LEVEL: 'warn', MODELS_DIR: modelsPath });
  try {
    const { kiosk, interpreter } = await readyPair(browser, srv);
    await kiosk.evaluate(() => {
      const w = window as unknown as { __turns: number };
      w.__turns = 0;
      addEventListener('ashir:vision-turn', () => w.__turns++);
    });
    await kiosk.getByTestId('call-button').click();
    await interpreter.getByTestId('accept').click();
    await kiosk.waitForFunction(
      () => document.querySelector('[data-testid=kiosk-status]')?.getAttribute('data-state') === 'connected',
    );
    await new Promise((r) => setTimeout(r, 3000));
    const frames = () =>
      interpreter.evaluate(async () => {
        const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.filter(
          (p) => p.connectionState === 'connected',
        );
        let n = 0;
        (await pcs.at(-1)!.getStats()).forEach((r: Record<string, unknown>) => {
          if (r.type === 'inbound-rtp' && r.kind === 'video') n = Number(r.framesDecoded ?? 0);
        });
        return n;
      });
    const turns = () => kiosk.evaluate(() => (window as unknown as { __turns: number }).__turns);
    const [f0, t0, start] = [await frames(), await turns(), Date.now()];
    await new Promise((r) => setTimeout(r, MEASURE_MS));
    const [f1, t1, seconds] = [await frames(), await turns(), (Date.now() - start) / 1000];
    await kiosk.context().close();
    await interpreter.context().close();
    return { fps: (f1 - f0) / seconds, hz: (t1 - t0) / seconds };
  } finally {
    await srv.close();
  }
}

let result: Record<string, unknown>;
try {
  const srv = await startTestServer({ LOG_LEVEL: 'warn', MODELS_DIR: modelsDir });
  const times = await inferenceTimes(srv.url);
  await srv.close();
  const without = await callFps(noModels);
  const withVision = await callFps(modelsDir);
  const round = (n: number) => Math.round(n * 10) / 10;
  result = {
    bench: 'vision',
    face_ms_p50: round(percentile(times.face, 50)),
    hands_ms_p50: round(percentile(times.hands, 50)),
    analysis_hz: round(withVision.hz),
    call_fps_without_vision: round(without.fps),
    call_fps_with_vision: round(withVision.fps),
  };
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
