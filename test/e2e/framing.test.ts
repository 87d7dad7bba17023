/**
 * The framing guide on the kiosk with the real models (built by the model builder) and a real person
 * on the fake camera (a clip the set-up makes from test/fixtures/media/astronaut.png): vision loads after the first
 * screen, runs its detectors in a worker of their own, finds the face, shows a hint with a
 * pictogram, passes axe in both languages, and nothing leaves the origin, not even tasks-vision's usage logging (stopped by the CSP).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { buildModels } from '../../scripts/models/build.ts';
import { expectAccessibleInBothLanguages } from '../helpers/axe.ts';
import { serverAndBrowser } from '../helpers/e2e.ts';
import { cameraClip } from '../helpers/fixtures.ts';
import { foreignRequests, openKiosk, snap } from '../helpers/pages.ts';

const modelsDir = mkdtempSync(path.join(tmpdir(), 'ashir-models-'));
for (const [name, bytes] of Object.entries(buildModels())) writeFileSync(path.join(modelsDir, name), bytes);
const clip = await cameraClip('astronaut.png');

const ctx = serverAndBrowser({ MODELS_DIR: modelsDir }, [`--use-file-for-fake-video-capture=${clip}`]);

it('guides the citizen in front of the camera, privately', async () => {
  const kiosk = await openKiosk(ctx.browser, ctx.srv);
  const guide = kiosk.getByTestId('framing');
  await guide.waitFor({ timeout: 30_000 });
  await expect.poll(() => guide.getAttribute('data-hint'), { timeout: 20_000 }).not.toBe('no_face');
  expect(await guide.getAttribute('data-hint')).not.toBe('too_dark');
  // The vision code came as its own chunk, after the page's first script.
  const scripts = await kiosk.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  expect(scripts.some((s) => /vision-loop-.*\.js$/.test(s))).toBe(true);
  // The detectors run in a worker of their own: its script, MediaPipe's WASM and the models are the
  // worker's requests, none the page's (the page only hands it frames and draws the hint).
  const worker = kiosk.workers().find((w) => /vision-worker-.*\.js$/.test(w.url()));
  expect(worker, 'the vision worker').toBeDefined();
  const workerLoads = await worker!.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname),
  );
  expect(workerLoads).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^\/vision\/wasm\/vision_wasm_module_internal\.(js|wasm)$/),
      '/models/face_detection_short_range_with_metadata.tflite',
      '/models/hand_landmarker_lite.task',
    ]),
  );
  expect(scripts.filter((s) => /\/models\/|\/vision\/wasm\//.test(s))).toEqual([]);
  await snap(kiosk, 'kiosk-framing-ar');
  await expectAccessibleInBothLanguages(kiosk, 'kiosk with the framing guide');

  // Leaving the page closes the detectors, when tasks-vision would send its usage log.
  await kiosk.goto('about:blank');
  expect(foreignRequests(kiosk)).toEqual([]);
});
