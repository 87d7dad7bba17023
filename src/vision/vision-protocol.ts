/**
 * The messages between the page and its vision worker (vision-worker.ts): one frame in, one result
 * out. A frame is a small ImageBitmap, transferred (never copied).
 */
import type { Box } from './framing.ts';
import type { HandGesture } from './gestures.ts';

export type ToWorker =
  { type: 'frame'; bitmap: ImageBitmap; hands: boolean; luma: boolean } | { type: 'close' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | {
      type: 'result';
      face: Box | null;
      score: number;
      /** Present on turns that looked for hands. */
      hands?: { boxes: Box[]; gesture: HandGesture };
      /** Present on turns that measured the light (0 dark – 1 bright). */
      brightness?: number;
    };
