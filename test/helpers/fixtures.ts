/**
 * Test fixtures: what may be redistributed is in test/fixtures (see its NOTICE.md); camera clips are
 * made from its pictures by the set-up; what may not be redistributed is read from
 * ../shared/mediapipe when it is there, and a test that needs it says why it is skipped otherwise.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { HandGesture, Landmark } from '../../src/vision/gestures.ts';
import { launchChromium } from './browser.ts';

export const FIXTURES_DIR = path.resolve(import.meta.dirname, '../fixtures');
const SHARED_MEDIA = path.resolve(import.meta.dirname, '../../../shared/mediapipe/media');

/** CI sets this: a test that would be skipped for want of ../shared fails instead. */
export const REQUIRE_SHARED = process.env.ASHIR_REQUIRE_SHARED_MEDIA === '1';

/**
 * A file of ../shared/mediapipe/media that may not be shipped, or why it is missing. With
 * ASHIR_REQUIRE_SHARED_MEDIA=1 a missing file throws (CI must run the test).
 */
export function sharedMedia(name: string): { file: string; missing: null } | { file: null; missing: string } {
  const file = path.join(SHARED_MEDIA, name);
  if (existsSync(file)) return { file, missing: null };
  const missing = `needs ${name} from ../shared/mediapipe/media (no verified licence, so not in the repository)`;
  if (REQUIRE_SHARED) throw new Error(`ASHIR_REQUIRE_SHARED_MEDIA=1 but this test ${missing}`);
  return { file: null, missing };
}

export interface HandFixture {
  file: string;
  expected: HandGesture;
  landmarks: Landmark[];
}

/** Every hand in every landmark file; a file without a gesture shows open hands (see NOTICE.md). */
export function handFixtures(): HandFixture[] {
  const dir = path.join(FIXTURES_DIR, 'landmarks');
  const out: HandFixture[] = [];
  for (const file of readdirSync(dir).sort()) {
    const data = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
      gesture?: HandGesture | null;
      hands?: Array<{ landmarks: Landmark[] }>;
    };
    for (const hand of data.hands ?? [])
      out.push({ file, expected: data.gesture ?? 'open_palm', landmarks: hand.landmarks });
  }
  return out;
}

const CLIP_FRAMES = 60;

/**
 * A fake-camera clip (MJPEG: JPEG frames one after another, which Chromium loops at 30 fps) of one
 * picture of test/fixtures/media, letterboxed to 640×480. Drawn and encoded by Chromium itself, so no
 * other tool is needed; cached by the picture's hash in the temporary folder.
 */
export async function cameraClip(picture: string): Promise<string> {
  const png = readFileSync(path.join(FIXTURES_DIR, 'media', picture));
  const hash = createHash('sha256').update(png).digest('hex').slice(0, 16);
  const dir = path.join(tmpdir(), 'ashir-clips');
  const file = path.join(dir, `${path.parse(picture).name}-${hash}.mjpeg`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const jpeg = (await page.evaluate(
      async (dataUrl: string) => {
        const img = new Image();
        img.src = dataUrl;
        await img.decode();
        const canvas = document.createElement('canvas');
        Object.assign(canvas, { width: 640, height: 480 });
        const ctx = canvas.getContext('2d')!;
        const scale = Math.min(640 / img.width, 480 / img.height);
        const [w, h] = [img.width * scale, img.height * scale];
        ctx.fillStyle = '#000';
        ctx.fillRect(0, 0, 640, 480);
        ctx.drawImage(img, (640 - w) / 2, (480 - h) / 2, w, h);
        return canvas.toDataURL('image/jpeg', 0.9).split(',')[1]!;
      },
      `data:image/png;base64,${png.toString('base64')}`,
    )) as string;
    const frame = Buffer.from(jpeg, 'base64');
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.concat(Array.from({ length: CLIP_FRAMES }, () => frame)));
    renameSync(tmp, file);
    return file;
  } finally {
    await browser.close();
  }
}
