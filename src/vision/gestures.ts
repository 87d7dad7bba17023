/**
 * Hand gestures from the 21 MediaPipe hand landmarks, by rules (no gesture model can be built
 * offline). Finger shapes are judged on the hand itself — angles at the joints and distances scaled
 * by the palm — so in-plane rotation, left or right hand, mirroring and distance do not matter.
 * Thumb up and down are judged by the thumb's direction in the upright image (within about 60° of vertical);
 * a thumb out that points sideways is neither, and not a fist either (a fist folds its thumb): 'none'.
 * Landmarks: 0 wrist; thumb 1–4; index 5–8; middle 9–12; ring 13–16; pinky 17–20 (MCP, PIP, DIP, tip).
 */
export interface Landmark {
  x: number;
  y: number;
  z?: number | null;
}

export type HandGesture =
  'thumb_up' | 'thumb_down' | 'open_palm' | 'fist' | 'pointing_up' | 'victory' | 'none';

const FINGERS = [
  [5, 6, 7, 8],
  [9, 10, 11, 12],
  [13, 14, 15, 16],
  [17, 18, 19, 20],
] as const;

/**
 * Straightness of a finger: the distance from its base knuckle to its tip over the length along its
 * bones (1 when straight). A ratio of lengths is steadier under landmark jitter than joint angles.
 */
const STRAIGHT_RATIO = 0.88;
/** Below this the finger is curled; between the two it is neither (→ 'none'). */
const CURLED_RATIO = 0.7;
/**
 * Thumb up/down: the thumb points within this many degrees of straight up or down in the image. "About
 * 60°": MediaPipe's own rotated thumb-up sample points 58° from vertical, so 65° leaves room for jitter.
 */
const THUMB_VERTICAL_DEG = 65;

type P = { x: number; y: number };

const sub = (a: P, b: P): P => ({ x: a.x - b.x, y: a.y - b.y });
const len = (v: P) => Math.hypot(v.x, v.y);
const dist = (a: P, b: P) => len(sub(a, b));

/** Angle between two vectors, degrees (0 = same direction). */
function angle(u: P, v: P): number {
  const d = len(u) * len(v);
  if (d === 0) return 0;
  const cos = Math.min(1, Math.max(-1, (u.x * v.x + u.y * v.y) / d));
  return (Math.acos(cos) * 180) / Math.PI;
}

/** Total bend of a chain of points: the sum of the turns at each inner joint. */
function bend(points: readonly P[]): number {
  let total = 0;
  for (let i = 1; i < points.length - 1; i++)
    total += angle(sub(points[i]!, points[i - 1]!), sub(points[i + 1]!, points[i]!));
  return total;
}

type FingerState = 'straight' | 'curled' | 'unclear';

function fingerState(
  lm: readonly P[],
  [mcp, pip, dip, tip]: readonly [number, number, number, number],
): FingerState {
  const wrist = lm[0]!;
  const bones = dist(lm[mcp]!, lm[pip]!) + dist(lm[pip]!, lm[dip]!) + dist(lm[dip]!, lm[tip]!);
  const ratio = dist(lm[mcp]!, lm[tip]!) / bones;
  // A finger folded at its base knuckle can be straight in itself: its tip then comes back towards the wrist.
  const reach = dist(wrist, lm[tip]!) / dist(wrist, lm[pip]!);
  if (ratio > STRAIGHT_RATIO && reach > 1.15) return 'straight';
  if (ratio < CURLED_RATIO || reach < 1.0) return 'curled';
  return 'unclear';
}

function thumbExtended(lm: readonly P[]): boolean {
  const palm = dist(lm[0]!, lm[9]!);
  const straight = bend([lm[1]!, lm[2]!, lm[3]!, lm[4]!]) < 70;
  // Away from the palm: the tip is well clear of the index finger's base knuckle.
  return straight && dist(lm[4]!, lm[5]!) > 0.6 * palm;
}

export function classifyHandGesture(landmarks: readonly Landmark[]): HandGesture {
  if (landmarks.length !== 21) return 'none';
  const lm = landmarks.map((l) => ({ x: l.x, y: l.y }));
  if (dist(lm[0]!, lm[9]!) === 0) return 'none';
  const [index, middle, ring, pinky] = FINGERS.map((f) => fingerState(lm, f)) as [
    FingerState,
    FingerState,
    FingerState,
    FingerState,
  ];
  const curled = (f: FingerState) => f === 'curled';
  const straight = (f: FingerState) => f === 'straight';

  if ([index, middle, ring, pinky].every(curled)) {
    // A fist has its thumb folded; a thumb out that points sideways is no answer at all.
    if (!thumbExtended(lm)) return 'fist';
    // Image y grows downwards: "up" is the direction (0, -1).
    const direction = sub(lm[4]!, lm[2]!);
    if (angle(direction, { x: 0, y: -1 }) <= THUMB_VERTICAL_DEG) return 'thumb_up';
    if (angle(direction, { x: 0, y: 1 }) <= THUMB_VERTICAL_DEG) return 'thumb_down';
    return 'none';
  }
  if ([index, middle, ring, pinky].every(straight)) return 'open_palm';
  if (straight(index) && curled(middle) && curled(ring) && curled(pinky)) return 'pointing_up';
  if (straight(index) && straight(middle) && curled(ring) && curled(pinky)) return 'victory';
  return 'none';
}
