/**
 * The models `npm run models` builds, run by the real @mediapipe/tasks-vision in Chromium (CPU
 * delegate), from the app's own origin under its CSP: a face in the astronaut picture and none in the
 * empty scene; a hand in hands_face_rock with landmarks within a few pixels of the reference models'
 * (../shared/mediapipe/models). The tasks-vision bundle itself is handed to the page by the test (the
 * app will bundle it with Vite when the camera side is built).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { buildModels } from '../../scripts/models/build.ts';
import { serverAndBrowser } from '../helpers/e2e.ts';
import { requireMediapipeData } from '../helpers/mediapipe-fixtures.ts';

const modelsDir = mkdtempSync(path.join(tmpdir(), 'ashir-models-'));
for (const [name, bytes] of Object.entries(buildModels())) writeFileSync(path.join(modelsDir, name), bytes);
const reference = requireMediapipeData('models');
const media = requireMediapipeData('media');
const bundle = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@mediapipe/tasks-vision')),
  'vision_bundle.mjs',
);

const ctx = serverAndBrowser({ MODELS_DIR: modelsDir });

type Result = { faces: Record<string, number>; hands: Array<Array<{ x: number; y: number }>> };

/** Runs in the page: load tasks-vision from this origin, detect faces and hands with the models at `base`. */
const IN_PAGE = `async (base) => {
  const vision = await import('/test/vision_bundle.mjs');
  const files = await vision.FilesetResolver.forVisionTasks('/vision/wasm');
  const image = async (name) => {
    const img = new Image();
    img.src = '/test/media/' + name;
    await img.decode();
    return img;
  };
  const face = await vision.FaceDetector.createFromOptions(files, {
    baseOptions: { modelAssetPath: base + '/face_detection_short_range_with_metadata.tflite', delegate: 'CPU' },
    runningMode: 'IMAGE',
  });
  const faces = {};
  for (const name of ['astronaut.png', 'empty_scene_coffee.png']) faces[name] = face.detect(await image(name)).detections.length;
  face.close();
  const hand = await vision.HandLandmarker.createFromOptions(files, {
    baseOptions: { modelAssetPath: base + '/hand_landmarker_lite.task', delegate: 'CPU' },
    runningMode: 'IMAGE',
    numHands: 2,
  });
  const hands = hand.detect(await image('hands_face_rock.jpg')).landmarks.map((h) => h.map((p) => ({ x: p.x, y: p.y })));
  hand.close();
  return { faces, hands };
}`;

async function runModels(modelBase: string): Promise<Result> {
  const page = await ctx.browser.newPage();
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(ctx.srv.url)) foreign.push(r.url());
  });
  await page.route('**/test/vision_bundle.mjs', (route) =>
    route.fulfill({ body: readFileSync(bundle), contentType: 'text/javascript' }),
  );
  await page.route('**/test/media/*', (route) =>
    route.fulfill({ body: readFileSync(path.join(media, path.basename(route.request().url()))) }),
  );
  await page.route('**/test/reference/*', (route) =>
    route.fulfill({ body: readFileSync(path.join(reference, path.basename(route.request().url()))) }),
  );
  await page.goto(`${ctx.srv.url}/kiosk/`);
  // A string, not a function: the test runner would rewrite a dynamic import() inside a function.
  const result = (await page.evaluate(`(${IN_PAGE})(${JSON.stringify(modelBase)})`)) as Result;
  // The page's CSP (connect-src 'self') keeps tasks-vision's usage logging from leaving the origin.
  expect(foreign).toEqual([]);
  await page.close();
  return result;
}

it('detects faces and hands with the built models as the reference models do', async () => {
  const ours = await runModels('/models');
  expect(ours.faces).toEqual({ 'astronaut.png': 1, 'empty_scene_coffee.png': 0 });
  expect(ours.hands.length).toBeGreaterThanOrEqual(1);

  const theirs = await runModels('/test/reference');
  expect(theirs.faces).toEqual(ours.faces);
  expect(theirs.hands.length).toBe(ours.hands.length);
  const first = (r: Result) => r.hands[0]!;
  const worst = Math.max(
    ...first(ours).map((p, i) => Math.hypot(p.x - first(theirs)[i]!.x, p.y - first(theirs)[i]!.y)),
  );
  expect(worst).toBeLessThan(0.005); // under ~3 px on a 640-px picture
});
