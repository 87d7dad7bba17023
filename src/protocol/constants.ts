/**
 * Numbers the server and the pages must agree on. No DOM and no Node: shared by both sides.
 */
import type { IdlePolicy } from './server-schemas.ts';

/** How long a kiosk session may sit untouched, and how long the warning counts down (KIOSK_IDLE_*). */
export const DEFAULT_IDLE: IdlePolicy = { idleS: 120, warningS: 30, awayS: 60 };
/** Chat lines a session keeps for members who join late (and a page keeps on screen). */
export const KEEP_CHAT_MESSAGES = 200;
/** Pictogram messages a session keeps for members who join late. */
export const KEEP_PICTOGRAM_MESSAGES = 100;
/** A kiosk's pairing code is shown for at most this long before it is replaced. */
export const PAIRING_CODE_TTL_MS = 10 * 60_000;
/** Pairing attempts one clerk account may make per window, across all its sockets. */
export const PAIR_ATTEMPTS = { max: 10, windowMs: 10 * 60_000 } as const;
