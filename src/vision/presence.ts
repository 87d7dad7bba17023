/**
 * Presence at the kiosk from face detections, one per analysis turn: `wake` once a face has been
 * seen continuously for `wakeMs` (the welcome screen starts a session), `away` once no steady face has
 * been seen for `awayMs` (a session with no call ends through its normal end, which wipes). A face
 * counts as there only after `steadyMs` of unbroken detections: the detector's one-turn false
 * positives (measured on Chromium's test pattern: a "face" every other turn) must not keep an empty
 * counter's session alive. Each event fires once per stretch of presence or absence. Pure.
 */
export type PresenceEvent = 'wake' | 'away' | null;

/**
 * The face score presence needs (framing uses every detection). Measured with the built model in
 * headless Chromium: a real face (the astronaut clip) scores 0.81 every turn; Chromium's test pattern
 * gets false faces of 0.54–0.58 on about half the turns.
 */
export const PRESENCE_MIN_SCORE = 0.7;

export class PresenceWatch {
  private faceSince: number | null = null;
  private lastFaceAt: number;
  private woke = false;
  private wentAway = false;

  constructor(
    private readonly opts: { wakeMs: number; awayMs: number; steadyMs?: number },
    now: number,
  ) {
    this.lastFaceAt = now;
  }

  update(faceSeen: boolean, now: number): PresenceEvent {
    if (faceSeen) {
      this.faceSince ??= now;
      if (now - this.faceSince < (this.opts.steadyMs ?? 500)) return null;
      this.lastFaceAt = now;
      this.wentAway = false;
      if (!this.woke && now - this.faceSince >= this.opts.wakeMs) {
        this.woke = true;
        return 'wake';
      }
      return null;
    }
    this.faceSince = null;
    this.woke = false;
    if (!this.wentAway && now - this.lastFaceAt >= this.opts.awayMs) {
      this.wentAway = true;
      return 'away';
    }
    return null;
  }

  /** Start counting absence from now (a session just started by touch, or a call just ended). */
  reset(now: number): void {
    this.lastFaceAt = now;
    this.wentAway = false;
  }
}
