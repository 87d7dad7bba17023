/**
 * The model builder's output, read back byte by byte: the original model untouched behind a new root,
 * one TFLITE_METADATA entry whose buffer is a ModelMetadata flatbuffer ("M001") with the input's
 * normalization, and .task bundles that are stored zips of the two hand models.
 */
import { describe, expect, it } from 'vitest';
import { buildModels, METADATA_NAME } from '../../scripts/models/build.ts';
import { faceDetector, handLandmark, palmDetector } from '../../scripts/models/sources.ts';
import { readRoot, readTableVector } from '../../scripts/models/tflite.ts';
import { crc32 } from '../../scripts/models/zip.ts';

const models = buildModels();
const dv = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** Absolute position of a table's field `slot`, or null when absent. */
function field(b: Uint8Array, table: number, slot: number): number | null {
  const v = dv(b);
  const vtable = table - v.getInt32(table, true);
  if (4 + 2 * slot >= v.getUint16(vtable, true)) return null;
  const at = v.getUint16(vtable + 4 + 2 * slot, true);
  return at === 0 ? null : table + at;
}
const deref = (b: Uint8Array, at: number) => at + dv(b).getUint32(at, true);
const vectorAt = (b: Uint8Array, table: number, slot: number) => deref(b, field(b, table, slot)!);
const str = (b: Uint8Array, at: number) => {
  const s = deref(b, at);
  return new TextDecoder().decode(b.subarray(s + 4, s + 4 + dv(b).getUint32(s, true)));
};
const firstTable = (b: Uint8Array, vector: number) => deref(b, vector + 4);

/** The metadata buffer of a patched model, and what it says about the input. */
function readMetadata(model: Uint8Array) {
  const { fields } = readRoot(model);
  const entries = readTableVector(model, fields[6] ?? null);
  const last = entries.at(-1)!;
  const name = str(model, field(model, last, 0)!);
  const index = dv(model).getUint32(field(model, last, 1)!, true);
  const buffer = readTableVector(model, fields[4] ?? null)[index]!;
  const data = deref(model, field(model, buffer, 0)!);
  const meta = model.subarray(data + 4, data + 4 + dv(model).getUint32(data, true));
  const root = dv(meta).getUint32(0, true);
  const subgraph = firstTable(meta, vectorAt(meta, root, 3));
  const input = firstTable(meta, vectorAt(meta, subgraph, 2));
  const content = deref(meta, field(meta, input, 3)!);
  const unit = firstTable(meta, vectorAt(meta, input, 4));
  const norm = deref(meta, field(meta, unit, 1)!);
  const float = (vector: number) => dv(meta).getFloat32(vector + 4, true);
  return {
    name,
    index,
    buffers: readTableVector(model, fields[4] ?? null).length,
    identifier: new TextDecoder().decode(meta.subarray(4, 8)),
    inputName: str(meta, field(meta, input, 0)!),
    contentType: meta[field(meta, content, 0)!],
    colorSpace: meta[field(meta, deref(meta, field(meta, content, 1)!), 0)!],
    optionsType: meta[field(meta, unit, 0)!],
    mean: float(vectorAt(meta, norm, 0)),
    std: float(vectorAt(meta, norm, 1)),
    alignedTo16: (model.byteOffset + data + 4) % 16 === 0,
  };
}

function unzip(zip: Uint8Array): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  let p = 0;
  while (dv(zip).getUint32(p, true) === 0x04034b50) {
    expect(dv(zip).getUint16(p + 8, true), 'stored, not compressed').toBe(0);
    const size = dv(zip).getUint32(p + 18, true);
    const nameLength = dv(zip).getUint16(p + 26, true);
    const name = new TextDecoder().decode(zip.subarray(p + 30, p + 30 + nameLength));
    const data = zip.subarray(p + 30 + nameLength, p + 30 + nameLength + size);
    expect(crc32(data), `${name} crc`).toBe(dv(zip).getUint32(p + 14, true));
    out[name] = data;
    p += 30 + nameLength + size;
  }
  return out;
}

describe('npm run models output', () => {
  it('keeps the original face model byte for byte behind a new root, shifted by a multiple of 64', () => {
    const original = faceDetector();
    const patched = models['face_detection_short_range_with_metadata.tflite']!;
    const shift = patched.length - original.length;
    expect(shift % 64).toBe(0);
    expect(Buffer.from(patched.subarray(shift)).equals(Buffer.from(original))).toBe(true);
    expect(new TextDecoder().decode(patched.subarray(4, 8))).toBe('TFL3');
    // Every field of the old root is still there, and the buffers grew by one.
    const before = readRoot(original).fields.map((f) => f !== null);
    const after = readRoot(patched).fields.map((f) => f !== null);
    before.forEach((present, i) => present && expect(after[i], `field ${i}`).toBe(true));
    expect(readTableVector(patched, readRoot(patched).fields[4]!).length).toBe(
      readTableVector(original, readRoot(original).fields[4]!).length + 1,
    );
  });

  it('describes the face model input as RGB normalized to −1..1', () => {
    const m = readMetadata(models['face_detection_short_range_with_metadata.tflite']!);
    expect(m).toMatchObject({
      name: METADATA_NAME,
      index: m.buffers - 1,
      identifier: 'M001',
      inputName: 'input',
    });
    expect(m).toMatchObject({
      contentType: 2,
      colorSpace: 1,
      optionsType: 1,
      mean: 127.5,
      std: 127.5,
      alignedTo16: true,
    });
  });

  it('packs each hand task as a stored zip of the palm detector and the landmark model, 0..1 input', () => {
    for (const variant of ['lite', 'full'] as const) {
      const entries = unzip(models[`hand_landmarker_${variant}.task`]!);
      expect(Object.keys(entries)).toEqual(['hand_detector.tflite', 'hand_landmarks_detector.tflite']);
      const palm = entries['hand_detector.tflite']!;
      const landmarks = entries['hand_landmarks_detector.tflite']!;
      expect(
        Buffer.from(palm.subarray(palm.length - palmDetector(variant).length)).equals(
          Buffer.from(palmDetector(variant)),
        ),
      ).toBe(true);
      expect(
        Buffer.from(landmarks.subarray(landmarks.length - handLandmark(variant).length)).equals(
          Buffer.from(handLandmark(variant)),
        ),
      ).toBe(true);
      for (const model of [palm, landmarks])
        expect(readMetadata(model)).toMatchObject({ identifier: 'M001', mean: 0, std: 255, colorSpace: 1 });
    }
  });

  it('is deterministic (so rebuilding changes nothing)', () => {
    const again = buildModels();
    for (const [name, bytes] of Object.entries(models))
      expect(Buffer.from(again[name]!).equals(Buffer.from(bytes)), name).toBe(true);
  });
});
