/**
 * Real MediaPipe data shared beside the project (../shared/mediapipe, see its README). It is not
 * committed here; a test that needs it fails loudly when it is missing, it is never skipped.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { HandGesture, Landmark } from '../../src/vision/gestures.ts';

export const MEDIAPIPE_DIR = path.resolve(import.meta.dirname, '../../../shared/mediapipe');

export function requireMediapipeData(sub: string): string {
  const dir = path.join(MEDIAPIPE_DIR, sub);
  if (!existsSync(dir))
    throw new Error(
      `Missing ${dir}: the MediaPipe fixtures (landmarks, models, clips) must be at ../shared/mediapipe ` +
        'beside the project checkout. These tests need real data and do not run without it.',
    );
  return dir;
}

export interface HandFixture {
  file: string;
  expected: HandGesture;
  landmarks: Landmark[];
}

/** Every hand in every landmark file; a file without a gesture shows open hands (see the README). */
export function handFixtures(): HandFixture[] {
  const dir = requireMediapipeData('landmarks');
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
