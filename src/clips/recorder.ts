/**
 * Recording a sign clip in the browser: the camera at 640×480 and 30 fps with no microphone,
 * MediaRecorder to WebM (VP9 when the browser has it, else VP8), at most 15 s; a trim made by
 * playing the take's chosen part into a second recorder (so nothing outside it is ever uploaded);
 * and the check before upload: the clip rules on its bytes, then a real decode (a frame is shown).
 */
import { CLIP_MIME, CLIP_SIZE, clipProblem, MAX_CLIP_MS, type ClipProblem } from './rules.ts';

const BITRATE = 1_000_000; // 15 s ≈ 1.9 MB, under the 4 MB cap

export function clipMimeType(): string {
  for (const type of ['video/webm;codecs=vp9', 'video/webm;codecs=vp8'])
    if (MediaRecorder.isTypeSupported(type)) return type;
  return CLIP_MIME;
}

export function openClipCamera(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    audio: false,
    video: {
      width: { ideal: CLIP_SIZE.width },
      height: { ideal: CLIP_SIZE.height },
      frameRate: { ideal: CLIP_SIZE.frameRate },
    },
  });
}

export interface Recording {
  /** Resolves with the take when stopped, or at MAX_CLIP_MS. */
  done: Promise<Blob>;
  stop(): void;
}

/** Records the stream's video (any sound track is left out). */
export function recordClip(stream: MediaStream, maxMs = MAX_CLIP_MS): Recording {
  const video = new MediaStream(stream.getVideoTracks());
  const recorder = new MediaRecorder(video, { mimeType: clipMimeType(), videoBitsPerSecond: BITRATE });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => e.data.size > 0 && chunks.push(e.data);
  const done = new Promise<Blob>((resolve, reject) => {
    recorder.onstop = () => resolve(new Blob(chunks, { type: CLIP_MIME }));
    recorder.onerror = () => reject(new Error('recording failed'));
  });
  recorder.start(250);
  const limit = setTimeout(() => stop(), maxMs);
  const stop = () => {
    clearTimeout(limit);
    if (recorder.state !== 'inactive') recorder.stop();
  };
  return { done, stop };
}

/** Loads a take into a video element, resolving once its first frame is decoded. */
export async function loadTake(
  blob: Blob,
): Promise<{ video: HTMLVideoElement; url: string; durationS: number }> {
  const url = URL.createObjectURL(blob);
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.preload = 'auto';
  video.src = url;
  try {
    await new Promise<void>((resolve, reject) => {
      video.onloadeddata = () => resolve();
      video.onerror = () => reject(new Error('decode'));
    });
    if (video.videoWidth === 0) throw new Error('decode');
    // A recorder's WebM states no duration: seeking far makes the browser find its end.
    let durationS = video.duration;
    if (!Number.isFinite(durationS)) {
      await seek(video, 1e6);
      durationS = video.duration;
      await seek(video, 0);
    }
    return { video, url, durationS: Number.isFinite(durationS) ? durationS : 0 };
  } catch (err) {
    URL.revokeObjectURL(url);
    throw err;
  }
}

function seek(video: HTMLVideoElement, t: number): Promise<void> {
  return new Promise((resolve) => {
    video.onseeked = () => resolve();
    video.currentTime = t;
  });
}

/** The part of a take from `startS` to `endS`, recorded again as it plays (in real time). */
export async function trimTake(blob: Blob, startS: number, endS: number): Promise<Blob> {
  const { video, url } = await loadTake(blob);
  try {
    await seek(video, startS);
    const capture = (video as HTMLVideoElement & { captureStream(): MediaStream }).captureStream();
    await video.play();
    const recording = recordClip(capture, Math.max(100, (endS - startS) * 1000));
    const watch = () => {
      if (video.currentTime >= endS || video.ended) recording.stop();
      else requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
    video.onended = () => recording.stop();
    const out = await recording.done;
    video.pause();
    return out;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Why a take may not be sent (the clip rules, then a real decode), or null. */
export async function takeProblem(blob: Blob): Promise<ClipProblem | 'decode' | null> {
  const problem = clipProblem(new Uint8Array(await blob.arrayBuffer()));
  if (problem) return problem;
  try {
    const { url } = await loadTake(blob);
    URL.revokeObjectURL(url);
    return null;
  } catch {
    return 'decode';
  }
}
