/**
 * A WebM file's structure, read without decoding: the EBML header's doc type, the tracks (type,
 * codec, size) and the blocks of the clusters (how many, key frames, the time span). Enough to tell
 * a real recorded clip from a file that only starts like one: a truncated file has an element that
 * runs past its end. Handles the unknown sizes MediaRecorder writes (a live segment and clusters).
 * Pure: the browser checks a take with it before upload, the server every upload and import.
 */

const ID = {
  EBML: 0x1a45dfa3,
  DocType: 0x4282,
  Segment: 0x18538067,
  Info: 0x1549a966,
  TimecodeScale: 0x2ad7b1,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackNumber: 0xd7,
  TrackType: 0x83,
  CodecID: 0x86,
  Video: 0xe0,
  PixelWidth: 0xb0,
  PixelHeight: 0xba,
  Cluster: 0x1f43b675,
  Timecode: 0xe7,
  SimpleBlock: 0xa3,
  BlockGroup: 0xa0,
  Block: 0xa1,
} as const;

/** Elements that sit directly in a segment: one of them ends a cluster of unknown size. */
const SEGMENT_CHILDREN = new Set([
  0x114d9b74, // SeekHead
  ID.Info,
  ID.Tracks,
  ID.Cluster,
  0x1c53bb6b, // Cues
  0x1941a469, // Attachments
  0x1043a770, // Chapters
  0x1254c367, // Tags
]);

export interface WebmTrack {
  number: number;
  type: 'video' | 'audio' | 'other';
  codec: string;
  width: number | null;
  height: number | null;
}

export interface WebmInfo {
  docType: string;
  tracks: WebmTrack[];
  /** Blocks of the video track(s), and how many are key frames. */
  videoBlocks: number;
  keyFrames: number;
  /** From the first block's time to the last's, in ms. */
  spanMs: number;
}

export type WebmResult =
  { ok: true; info: WebmInfo } | { ok: false; reason: 'not_webm' | 'truncated' | 'malformed' };

class Bad extends Error {
  constructor(readonly reason: 'not_webm' | 'truncated' | 'malformed') {
    super(reason);
  }
}

const UNKNOWN = -1;

/** An element id (its marker bits kept), at `pos`. */
function readId(b: Uint8Array, pos: number): [id: number, len: number] {
  if (pos >= b.length) throw new Bad('truncated');
  const first = b[pos]!;
  const len = first >= 0x80 ? 1 : first >= 0x40 ? 2 : first >= 0x20 ? 3 : first >= 0x10 ? 4 : 0;
  if (len === 0) throw new Bad('malformed');
  if (pos + len > b.length) throw new Bad('truncated');
  let id = 0;
  for (let i = 0; i < len; i++) id = id * 256 + b[pos + i]!;
  return [id, len];
}

/** A variable-length integer (an element's size, a block's track number); all ones: unknown. */
function readVint(b: Uint8Array, pos: number): [value: number, len: number] {
  if (pos >= b.length) throw new Bad('truncated');
  const first = b[pos]!;
  let len = 1;
  while (len <= 8 && !(first & (0x80 >> (len - 1)))) len++;
  if (len > 8) throw new Bad('malformed');
  if (pos + len > b.length) throw new Bad('truncated');
  let value = first & (0xff >> len);
  let allOnes = value === 0xff >> len;
  for (let i = 1; i < len; i++) {
    value = value * 256 + b[pos + i]!;
    if (b[pos + i] !== 0xff) allOnes = false;
  }
  if (allOnes) return [UNKNOWN, len];
  if (value > Number.MAX_SAFE_INTEGER) throw new Bad('malformed');
  return [value, len];
}

interface Element {
  id: number;
  /** Where its data starts, and ends (the end of what encloses it when its size is unknown). */
  start: number;
  end: number;
  unknown: boolean;
}

function readElement(b: Uint8Array, pos: number, parentEnd: number): Element {
  const [id, idLen] = readId(b, pos);
  const [size, sizeLen] = readVint(b, pos + idLen);
  const start = pos + idLen + sizeLen;
  if (size === UNKNOWN) return { id, start, end: parentEnd, unknown: true };
  const end = start + size;
  if (end > b.length) throw new Bad('truncated');
  if (end > parentEnd) throw new Bad('malformed');
  return { id, start, end, unknown: false };
}

function uint(b: Uint8Array, e: Element): number {
  if (e.end - e.start > 8) throw new Bad('malformed');
  let n = 0;
  for (let i = e.start; i < e.end; i++) n = n * 256 + b[i]!;
  return n;
}

const text = (b: Uint8Array, e: Element) =>
  String.fromCharCode(...b.subarray(e.start, e.end)).replace(/\0+$/, '');

/** Reads a WebM file's structure; never throws. */
export function inspectWebm(bytes: Uint8Array): WebmResult {
  try {
    return { ok: true, info: walk(bytes) };
  } catch (err) {
    if (err instanceof Bad) return { ok: false, reason: err.reason };
    throw err;
  }
}

function walk(b: Uint8Array): WebmInfo {
  if (b.length < 4 || readId(b, 0)[0] !== ID.EBML) throw new Bad('not_webm');
  const header = readElement(b, 0, b.length);
  let docType = '';
  for (let pos = header.start; pos < header.end;) {
    const e = readElement(b, pos, header.end);
    if (e.id === ID.DocType) docType = text(b, e);
    pos = e.end;
  }
  if (docType !== 'webm') throw new Bad('not_webm');
  const segment = readElement(b, header.end, b.length);
  if (segment.id !== ID.Segment) throw new Bad('malformed');
  const info: WebmInfo = { docType, tracks: [], videoBlocks: 0, keyFrames: 0, spanMs: 0 };
  let scaleNs = 1_000_000;
  const times = { first: Infinity, last: -Infinity };
  for (let pos = segment.start; pos < segment.end;) {
    const e = readElement(b, pos, segment.end);
    if (e.id === ID.Cluster) pos = cluster(b, e, info, times);
    else {
      if (e.unknown) throw new Bad('malformed');
      if (e.id === ID.Info) scaleNs = timecodeScale(b, e) ?? scaleNs;
      if (e.id === ID.Tracks) info.tracks = tracks(b, e);
      pos = e.end;
    }
  }
  if (info.videoBlocks > 0) info.spanMs = Math.round(((times.last - times.first) * scaleNs) / 1_000_000);
  return info;
}

function timecodeScale(b: Uint8Array, infoEl: Element): number | null {
  for (let pos = infoEl.start; pos < infoEl.end;) {
    const e = readElement(b, pos, infoEl.end);
    if (e.id === ID.TimecodeScale) return uint(b, e);
    pos = e.end;
  }
  return null;
}

function tracks(b: Uint8Array, tracksEl: Element): WebmTrack[] {
  const list: WebmTrack[] = [];
  for (let pos = tracksEl.start; pos < tracksEl.end;) {
    const entry = readElement(b, pos, tracksEl.end);
    pos = entry.end;
    if (entry.id !== ID.TrackEntry) continue;
    const track: WebmTrack = { number: 0, type: 'other', codec: '', width: null, height: null };
    for (let p = entry.start; p < entry.end;) {
      const e = readElement(b, p, entry.end);
      p = e.end;
      if (e.id === ID.TrackNumber) track.number = uint(b, e);
      else if (e.id === ID.TrackType) {
        const type = uint(b, e);
        track.type = type === 1 ? 'video' : type === 2 ? 'audio' : 'other';
      } else if (e.id === ID.CodecID) track.codec = text(b, e);
      else if (e.id === ID.Video)
        for (let q = e.start; q < e.end;) {
          const v = readElement(b, q, e.end);
          q = v.end;
          if (v.id === ID.PixelWidth) track.width = uint(b, v);
          if (v.id === ID.PixelHeight) track.height = uint(b, v);
        }
    }
    list.push(track);
  }
  return list;
}

/** Reads a cluster's blocks; returns where the next segment-level element starts. */
function cluster(b: Uint8Array, el: Element, info: WebmInfo, times: { first: number; last: number }): number {
  const video = new Set(info.tracks.filter((t) => t.type === 'video').map((t) => t.number));
  let base = 0;
  let pos = el.start;
  while (pos < el.end) {
    // A cluster of unknown size ends where an element of the segment begins.
    if (el.unknown && SEGMENT_CHILDREN.has(readId(b, pos)[0])) return pos;
    const e = readElement(b, pos, el.end);
    pos = e.end;
    if (e.unknown) throw new Bad('malformed');
    if (e.id === ID.Timecode) base = uint(b, e);
    else if (e.id === ID.SimpleBlock) block(b, e.start, e.end, true);
    else if (e.id === ID.BlockGroup)
      for (let p = e.start; p < e.end;) {
        const inner = readElement(b, p, e.end);
        p = inner.end;
        if (inner.id === ID.Block) block(b, inner.start, inner.end, false);
      }
  }
  return pos;

  function block(bytes: Uint8Array, start: number, end: number, simple: boolean): void {
    const [track, len] = readVint(bytes, start);
    if (start + len + 3 > end) throw new Bad('malformed');
    if (!video.has(track)) return;
    const rel = ((bytes[start + len]! << 24) >> 16) | bytes[start + len + 1]!;
    const at = base + rel;
    times.first = Math.min(times.first, at);
    times.last = Math.max(times.last, at);
    info.videoBlocks++;
    if (simple && bytes[start + len + 2]! & 0x80) info.keyFrames++;
  }
}
