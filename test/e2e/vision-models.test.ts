/**
 * The models `npm run models` builds, run by the real @mediapipe/tasks-vision in Chromium (CPU
 * delegate), from the app's own origin under its CSP: a face in the astronaut picture and none in the
 * empty scene (test/fixtures/media), and the hand of a real photo (hands_face_rock.jpg, read from
 * ../shared/mediapipe/media: it may not be shipped, so without it that test is skipped and says why).
 * The tasks-vision bundle itself is handed to the page by the test.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { buildModels } from '../../scripts/models/build.ts';
import { serverAndBrowser } from '../helpers/e2e.ts';
import { FIXTURES_DIR, sharedMedia } from '../helpers/fixtures.ts';

const modelsDir = mkdtempSync(path.join(tmpdir(), 'ashir-models-'));
for (const [name, bytes] of Object.entries(buildModels())) writeFileSync(path.join(modelsDir, name), bytes);
const rock = sharedMedia('hands_face_rock.jpg');
const mediaFile = (name: string) =>
  name === 'hands_face_rock.jpg' && rock.file ? rock.file : path.join(FIXTURES_DIR, 'media', name);
const bundle = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@mediapipe/tasks-vision')),
  'vision_bundle.mjs',
);

const ctx = serverAndBrowser({ MODELS_DIR: modelsDir });

type Result = { faces: Record<string, number>; hands: Array<Array<{ x: number; y: number }>> };

/** Runs in the page: load tasks-vision from this origin, detect faces and hands with the models at `base`. */
const IN_PAGE = `async ([base, withHands]) => {
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
  const hands = !withHands ? [] : hand.detect(await image('hands_face_rock.jpg')).landmarks.map((h) => h.map((p) => ({ x: p.x, y: p.y })));
  hand.close();
  return { faces, hands };
}`;

async function runModels(modelBase: string, withHands: boolean): Promise<Result> {
  const page = await ctx.browser.newPage();
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(ctx.srv.url)) foreign.push(r.url());
  });
  await page.route('**/test/vision_bundle.mjs', (route) =>
    route.fulfill({ body: readFileSync(bundle), contentType: 'text/javascript' }),
  );
  await page.route('**/test/media/*', (route) =>
    route.fulfill({ body: readFileSync(mediaFile(path.basename(route.request().url()))) }),
  );
  await page.goto(`${ctx.srv.url}/kiosk/`);
  // A string, not a function: the test runner would rewrite a dynamic import() inside a function.
  const args = JSON.stringify([modelBase, withHands]);
  const result = (await page.evaluate(`(${IN_PAGE})(${args})`)) as Result;
  // The page's CSP (connect-src 'self') keeps tasks-vision's usage logging from leaving the origin.
  expect(foreign).toEqual([]);
  await page.close();
  return result;
}

it('finds the face in a picture of a person and none in an empty scene, with the built models', async () => {
  const ours = await runModels('/models', false);
  expect(ours.faces).toEqual({ 'astronaut.png': 1, 'empty_scene_coffee.png': 0 });
});

it('finds the raised hand in a real photo, with all 21 landmarks in the picture', async (t) => {
  if (rock.missing) return t.skip(rock.missing);
  const ours = await runModels('/models', true);
  expect(ours.hands.length).toBeGreaterThanOrEqual(1);
  for (const p of ours.hands[0]!) {
    expect(p.x).toBeGreaterThan(0);
    expect(p.x).toBeLessThan(1);
    expect(p.y).toBeGreaterThan(0);
    expect(p.y).toBeLessThan(1);
  }
  expect(ours.hands[0]).toHaveLength(21);
});
