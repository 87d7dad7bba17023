/** The kiosk's side of one interpreter call. */
import type { TransitionTable } from '../util/transition.ts';

export type KioskCallState =
  | 'idle'
  | 'requesting'
  | 'queued'
  | 'ringing'
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'ended'
  | 'failed';

export const KIOSK_CALL_TABLE: TransitionTable<KioskCallState> = {
  idle: ['requesting'],
  requesting: ['queued', 'ringing', 'connecting', 'failed', 'idle'],
  queued: ['ringing', 'connecting', 'failed', 'idle'],
  ringing: ['queued', 'connecting', 'failed', 'idle'],
  // → queued: the interpreter dropped and the server put the citizen back at the head of the queue.
  connecting: ['connected', 'queued', 'ended', 'failed', 'idle'],
  connected: ['reconnecting', 'queued', 'ended', 'failed', 'idle'],
  reconnecting: ['connected', 'queued', 'ended', 'failed', 'idle'],
  ended: ['idle', 'requesting'],
  failed: ['idle', 'requesting'],
};

/** States in which the kiosk is waiting for an interpreter (and may cancel). */
export const WAITING_STATES: readonly KioskCallState[] = ['requesting', 'queued', 'ringing'];
/** States in which a call exists (and may be ended). */
export const IN_CALL_STATES: readonly KioskCallState[] = ['connecting', 'connected', 'reconnecting'];
