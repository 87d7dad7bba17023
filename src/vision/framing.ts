/**
 * The signer framing guide's rules: can an interpreter read this citizen? Face found and roughly
 * centred, at a distance where face and signing space both fit, hands visible when raised, enough
 * light. Pure: boxes in normalized image coordinates (0..1, y down) in, one hint out (the most
 * important problem first), so the rules are tested without a camera.
 */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FrameFacts {
  /** The most confident face, or null. */
  face: Box | null;
  /** Hands found (0–2). */
  hands: readonly Box[];
  /** Whether the citizen is signing (hands expected), e.g. during a call. */
  expectHands: boolean;
  /** Mean luma of the frame, 0..1. */
  brightness: number;
}

export type FramingHint =
  | 'too_dark'
  | 'no_face'
  | 'too_close'
  | 'too_far'
  | 'move_left'
  | 'move_right'
  | 'move_up'
  | 'move_down'
  | 'show_hands'
  | 'good';

/** Thresholds, as fractions of the picture; tuned for a counter kiosk's camera at arm's length. */
export const FRAMING = {
  minBrightness: 0.18,
  /** Face width: bigger leaves no room for the signing space, smaller loses hand shapes. */
  maxFaceWidth: 0.35,
  minFaceWidth: 0.1,
  /** How far the face centre may sit from the middle (x), and the band it should sit in (y). */
  maxOffCentreX: 0.15,
  faceCentreY: [0.2, 0.5] as const,
};

export function framingHint(f: FrameFacts): FramingHint {
  if (f.brightness < FRAMING.minBrightness) return 'too_dark';
  if (!f.face) return 'no_face';
  if (f.face.width > FRAMING.maxFaceWidth) return 'too_close';
  if (f.face.width < FRAMING.minFaceWidth) return 'too_far';
  const cx = f.face.x + f.face.width / 2;
  const cy = f.face.y + f.face.height / 2;
  // Directions as the citizen sees the mirrored self view: a face left of centre in the camera
  // image appears on the right of the mirror, so the citizen should move to their left.
  if (cx < 0.5 - FRAMING.maxOffCentreX) return 'move_left';
  if (cx > 0.5 + FRAMING.maxOffCentreX) return 'move_right';
  if (cy < FRAMING.faceCentreY[0]) return 'move_down';
  if (cy > FRAMING.faceCentreY[1]) return 'move_up';
  if (f.expectHands && f.hands.length < 2) return 'show_hands';
  return 'good';
}
