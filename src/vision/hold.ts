/**
 * Touchless yes/no: a thumb up (yes) or thumb down (no) held steadily for `holdMs` answers once. Any
 * other hand shape, or no hand, resets the hold; after an answer the hand must change before the next.
 * Pure: gestures and times in, progress and answers out (the kiosk draws the progress ring).
 */
import type { HandGesture } from './gestures.ts';

export type TouchlessAnswer = 'yes' | 'no';

export interface HoldState {
  holding: TouchlessAnswer | null;
  /** 0..1 of the hold time. */
  progress: number;
  /** Set on the one update at which the hold completed. */
  answered: TouchlessAnswer | null;
}

const answerOf = (g: HandGesture): TouchlessAnswer | null =>
  g === 'thumb_up' ? 'yes' : g === 'thumb_down' ? 'no' : null;

export class GestureHold {
  private since: number | null = null;
  private current: TouchlessAnswer | null = null;
  private spent = false;

  constructor(private readonly holdMs = 1000) {}

  update(gesture: HandGesture, now: number): HoldState {
    const answer = answerOf(gesture);
    if (answer !== this.current) {
      this.current = answer;
      this.since = answer ? now : null;
      this.spent = false;
    }
    if (!answer || this.since === null || this.spent) return { holding: null, progress: 0, answered: null };
    const progress = Math.min(1, (now - this.since) / this.holdMs);
    if (progress < 1) return { holding: answer, progress, answered: null };
    this.spent = true;
    return { holding: answer, progress: 1, answered: answer };
  }
}
