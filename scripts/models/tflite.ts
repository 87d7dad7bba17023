/**
 * Adds one metadata entry to a TFLite model without touching its bytes: a new root `Model` table is
 * written in front of the original file (shifted by a multiple of 64, so every alignment inside it
 * holds), reusing each of the original root's fields and appending one buffer (the metadata) and one
 * `metadata` entry that names it. Schema: tensorflow/lite/schema/schema.fbs, table Model:
 * 0 version, 1 operator_codes, 2 subgraphs, 3 description, 4 buffers, 5 metadata_buffer,
 * 6 metadata (table Metadata: 0 name, 1 buffer), 7 signature_defs. Table Buffer: 0 data.
 */
const BUFFERS = 4;
const METADATA = 6;
const ALIGN = 64;

/** Reads the root table of a flatbuffer: its position and, per field, the absolute position of its value. */
export function readRoot(bytes: Uint8Array): { root: number; fields: Array<number | null> } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const root = view.getUint32(0, true);
  const vtable = root - view.getInt32(root, true);
  const vtableSize = view.getUint16(vtable, true);
  const fields: Array<number | null> = [];
  for (let i = 0; 4 + 2 * i < vtableSize; i++) {
    const at = view.getUint16(vtable + 4 + 2 * i, true);
    fields.push(at === 0 ? null : root + at);
  }
  return { root, fields };
}

/** The absolute positions of the tables a vector-of-tables field points to. */
export function readTableVector(bytes: Uint8Array, fieldPos: number | null): number[] {
  if (fieldPos === null) return [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vector = fieldPos + view.getUint32(fieldPos, true);
  const n = view.getUint32(vector, true);
  return Array.from({ length: n }, (_, i) => {
    const slot = vector + 4 + 4 * i;
    return slot + view.getUint32(slot, true);
  });
}

class Writer {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }
  u16(at: number, v: number) {
    this.view.setUint16(at, v, true);
  }
  u32(at: number, v: number) {
    this.view.setUint32(at, v, true);
  }
  i32(at: number, v: number) {
    this.view.setInt32(at, v, true);
  }
  /** A uoffset at `at` pointing forward to `target`. */
  ref(at: number, target: number) {
    if (target <= at) throw new Error('flatbuffer offsets must point forward');
    this.u32(at, target - at);
  }
}

const up = (n: number, to: number) => Math.ceil(n / to) * to;

export function addMetadata(model: Uint8Array, name: string, metadata: Uint8Array): Uint8Array {
  const { fields } = readRoot(model);
  const fieldCount = Math.max(fields.length, METADATA + 1);
  const oldBuffers = readTableVector(model, fields[BUFFERS] ?? null);
  const oldMetadata = readTableVector(model, fields[METADATA] ?? null);
  const nameBytes = new TextEncoder().encode(name);

  // Lay out the front part: header, root vtable, root table, two vectors, two tables (each with a
  // vtable), the name string, the metadata bytes. Every reference points forward.
  let p = 8;
  const rootVtable = p;
  p += up(4 + 2 * fieldCount, 4);
  const rootTable = p;
  p += 4 + 4 * fieldCount;
  const buffersVector = p;
  p += 4 + 4 * (oldBuffers.length + 1);
  const metadataVector = p;
  p += 4 + 4 * (oldMetadata.length + 1);
  const bufferVtable = p; // Buffer: one field (data)
  p += 8;
  const metadataVtable = p; // Metadata: two fields (name, buffer)
  p += 8;
  const bufferTable = p;
  p += 8;
  const metadataTable = p;
  p += 12;
  const nameString = p;
  p += up(4 + nameBytes.length + 1, 4);
  const dataVector = up(p + 4, 16) - 4; // the metadata flatbuffer itself starts 16-aligned
  p = dataVector + 4 + metadata.length;
  const shift = up(p, ALIGN);

  const w = new Writer(shift + model.length);
  w.bytes.set(model, shift);
  const old = (pos: number) => shift + pos;
  w.u32(0, rootTable);
  w.bytes.set(new TextEncoder().encode('TFL3'), 4);

  w.u16(rootVtable, 4 + 2 * fieldCount);
  w.u16(rootVtable + 2, 4 + 4 * fieldCount);
  w.i32(rootTable, rootTable - rootVtable);
  const view = new DataView(model.buffer, model.byteOffset, model.byteLength);
  for (let i = 0; i < fieldCount; i++) {
    const slot = rootTable + 4 + 4 * i;
    w.u16(rootVtable + 4 + 2 * i, 4 + 4 * i);
    const at = fields[i] ?? null;
    if (i === BUFFERS) w.ref(slot, buffersVector);
    else if (i === METADATA) w.ref(slot, metadataVector);
    else if (at === null) w.u16(rootVtable + 4 + 2 * i, 0);
    else if (i === 0)
      w.u32(slot, view.getUint32(at, true)); // version: a scalar
    else w.ref(slot, old(at + view.getUint32(at, true))); // every other field is an offset
  }

  w.u32(buffersVector, oldBuffers.length + 1);
  oldBuffers.forEach((t, i) => w.ref(buffersVector + 4 + 4 * i, old(t)));
  w.ref(buffersVector + 4 + 4 * oldBuffers.length, bufferTable);
  w.u32(metadataVector, oldMetadata.length + 1);
  oldMetadata.forEach((t, i) => w.ref(metadataVector + 4 + 4 * i, old(t)));
  w.ref(metadataVector + 4 + 4 * oldMetadata.length, metadataTable);

  w.u16(bufferVtable, 6);
  w.u16(bufferVtable + 2, 8);
  w.u16(bufferVtable + 4, 4);
  w.u16(metadataVtable, 8);
  w.u16(metadataVtable + 2, 12);
  w.u16(metadataVtable + 4, 4);
  w.u16(metadataVtable + 6, 8);
  w.i32(bufferTable, bufferTable - bufferVtable);
  w.ref(bufferTable + 4, dataVector);
  w.i32(metadataTable, metadataTable - metadataVtable);
  w.ref(metadataTable + 4, nameString);
  w.u32(metadataTable + 8, oldBuffers.length); // index of the new buffer
  w.u32(nameString, nameBytes.length);
  w.bytes.set(nameBytes, nameString + 4);
  w.u32(dataVector, metadata.length);
  w.bytes.set(metadata, dataVector + 4);
  return w.bytes;
}
