/**
 * What a sign clip must be, checked in the interpreter's browser before upload and again by the
 * server on every upload and import: WebM, one video track (VP8 or VP9), no sound, a real picture
 * size, at least a key frame, at most 15 s (and a little for the last frame). Pure.
 */
import { inspectWebm, type WebmInfo } from './webm.ts';

export const MAX_CLIP_BYTES = 4 * 1024 * 1024;
export const MAX_CLIP_MS = 15_000;
export const CLIP_SIZE = { width: 640, height: 480, frameRate: 30 } as const;
export const CLIP_MIME = 'video/webm';

export type ClipProblem =
  | 'not_webm'
  | 'truncated'
  | 'malformed'
  | 'has_audio'
  | 'no_video'
  | 'codec'
  | 'size'
  | 'too_long'
  | 'too_short'
  | 'too_big';

export function clipProblem(bytes: Uint8Array): ClipProblem | null {
  if (bytes.length > MAX_CLIP_BYTES) return 'too_big';
  const read = inspectWebm(bytes);
  if (!read.ok) return read.reason;
  return infoProblem(read.info);
}

export function infoProblem(info: WebmInfo): ClipProblem | null {
  if (info.tracks.some((t) => t.type === 'audio')) return 'has_audio';
  const video = info.tracks.filter((t) => t.type === 'video');
  if (video.length !== 1 || info.tracks.length !== 1) return 'no_video';
  const track = video[0]!;
  if (track.codec !== 'V_VP8' && track.codec !== 'V_VP9') return 'codec';
  const { width, height } = track;
  if (width === null || height === null || width < 160 || height < 120 || width > 1280 || height > 960)
    return 'size';
  if (info.keyFrames === 0 || info.videoBlocks < 2) return 'too_short';
  if (info.spanMs > MAX_CLIP_MS + 500) return 'too_long';
  return null;
}
