/**
 * Where the models come from: Apache-2.0 MediaPipe weights shipped in npm packages, pinned by sha256
 * (the same values MediaPipe pins for these files). The palm detectors sit inside the hands
 * package's packed assets, at the byte ranges its loader lists.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { InputMetadata } from './metadata.ts';

const require = createRequire(import.meta.url);
const packageFile = (pkg: string, file: string) => require.resolve(`${pkg}/${file}`);

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function pinned(bytes: Uint8Array, expected: string, what: string): Uint8Array {
  const actual = sha256(bytes);
  if (actual !== expected)
    throw new Error(`${what}: sha256 ${actual}, expected ${expected}. Refusing to build from it.`);
  return bytes;
}

export function faceDetector(): Uint8Array {
  const file = packageFile('@mediapipe/face_detection', 'face_detection_short_range.tflite');
  return pinned(readFileSync(file), '3bc182eb9f33925d9e58b5c8d59308a760f4adea8f282370e428c51212c26633', file);
}

export function handLandmark(variant: 'lite' | 'full'): Uint8Array {
  const file = packageFile('@mediapipe/hands', `hand_landmark_${variant}.tflite`);
  const sums = {
    lite: 'd7fde8ac11f8ce03f8663775bfc323f4fc9f2a38062b4f4efa142874ef5b2a48',
    full: '8c026882c9ec059ce0f8e75266bee5a9a23c341a40e0000df755374d3d1b9b68',
  };
  return pinned(readFileSync(file), sums[variant], file);
}

export function palmDetector(variant: 'lite' | 'full'): Uint8Array {
  const loader = readFileSync(
    packageFile('@mediapipe/hands', 'hands_solution_packed_assets_loader.js'),
    'utf8',
  );
  const name = `palm_detection_${variant}.tflite`;
  const match = new RegExp(`"filename":\\s*"[^"]*/${name}",\\s*"start":\\s*(\\d+),\\s*"end":\\s*(\\d+)`).exec(
    loader,
  );
  if (!match) throw new Error(`${name} is not listed in hands_solution_packed_assets_loader.js`);
  const data = readFileSync(packageFile('@mediapipe/hands', 'hands_solution_packed_assets.data'));
  const sums = {
    lite: 'e9a4aaddf90dda56a87235303cf00e4c2d3fb28725f68fd88772997dac905c18',
    full: '2f25e740121983f68ffc05f99991d524dc0ea812134f6316a26125816941ee85',
  };
  return pinned(data.subarray(Number(match[1]), Number(match[2])), sums[variant], name);
}

/** Input normalization per model: the face model takes −1..1, the hand models 0..1. */
export const METADATA: Record<'face' | 'palm' | 'handLandmark', InputMetadata> = {
  face: {
    name: 'face_detection_short_range',
    description: 'MediaPipe short-range face detector + input metadata (built by Ashir)',
    inputName: 'input',
    outputNames: ['regressors', 'classificators'],
    mean: 127.5,
    std: 127.5,
    min: -1,
    max: 1,
  },
  palm: {
    name: 'palm_detection',
    description: 'MediaPipe palm detector + input metadata (built by Ashir)',
    inputName: 'input_1',
    outputNames: ['Identity', 'Identity_1'],
    mean: 0,
    std: 255,
    min: 0,
    max: 1,
  },
  handLandmark: {
    name: 'hand_landmark',
    description: 'MediaPipe hand landmark + input metadata (built by Ashir)',
    inputName: 'input_1',
    outputNames: ['Identity', 'Identity_1', 'Identity_2', 'Identity_3'],
    mean: 0,
    std: 255,
    min: 0,
    max: 1,
  },
};
