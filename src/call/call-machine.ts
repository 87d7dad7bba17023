/** The kiosk's side of one interpreter call, as a table `state × event → next state`. */
import type { Machine } from '../util/machine.ts';

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

/**
 * request: the citizen asks; queued / ringing: the server's status; start: call:start arrived;
 * connected / reconnecting: the media; requeued: the interpreter dropped and the server put the
 * citizen back at the head of the queue; ended / failed: the call is over; reset: cancel, hang-up or
 * the next citizen.
 */
export type KioskCallEvent =
  | 'request'
  | 'queued'
  | 'ringing'
  | 'start'
  | 'connected'
  | 'reconnecting'
  | 'requeued'
  | 'ended'
  | 'failed'
  | 'reset';

const waiting = {
  queued: 'queued',
  ringing: 'ringing',
  start: 'connecting',
  failed: 'failed',
  reset: 'idle',
} as const;
const inCall = { requeued: 'queued', ended: 'ended', failed: 'failed', reset: 'idle' } as const;

export const KIOSK_CALL_TABLE: Machine<KioskCallState, KioskCallEvent> = {
  idle: { request: 'requesting' },
  requesting: waiting,
  queued: waiting,
  ringing: waiting,
  connecting: { ...inCall, connected: 'connected' },
  connected: { ...inCall, reconnecting: 'reconnecting', connected: 'connected' },
  reconnecting: { ...inCall, connected: 'connected', reconnecting: 'reconnecting' },
  ended: { reset: 'idle', request: 'requesting' },
  failed: { reset: 'idle', request: 'requesting' },
};

/** States in which the kiosk is waiting for an interpreter (and may cancel). */
export const WAITING_STATES: readonly KioskCallState[] = ['requesting', 'queued', 'ringing'];
/** States in which a call exists (and may be ended). */
export const IN_CALL_STATES: readonly KioskCallState[] = ['connecting', 'connected', 'reconnecting'];
