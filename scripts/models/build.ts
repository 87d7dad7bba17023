/** The three model files the kiosk needs, built in memory from the pinned sources. */
import { buildModelMetadata } from './metadata.ts';
import { METADATA, faceDetector, handLandmark, palmDetector } from './sources.ts';
import { addMetadata } from './tflite.ts';
import { storedZip } from './zip.ts';

export const METADATA_NAME = 'TFLITE_METADATA';

export function buildModels(): Record<string, Uint8Array> {
  const withMetadata = (model: Uint8Array, kind: keyof typeof METADATA) =>
    addMetadata(model, METADATA_NAME, buildModelMetadata(METADATA[kind]));
  const handTask = (variant: 'lite' | 'full') =>
    storedZip([
      { name: 'hand_detector.tflite', data: withMetadata(palmDetector(variant), 'palm') },
      { name: 'hand_landmarks_detector.tflite', data: withMetadata(handLandmark(variant), 'handLandmark') },
    ]);
  return {
    'face_detection_short_range_with_metadata.tflite': withMetadata(faceDetector(), 'face'),
    'hand_landmarker_lite.task': handTask('lite'),
    'hand_landmarker_full.task': handTask('full'),
  };
}
