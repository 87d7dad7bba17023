/**
 * The server's lifecycles as tables (state × event → next state). docs/ARCHITECTURE.md shows them as
 * they are here; the browser's tables are in src/call/call-machine.ts and src/kiosk/session-machine.ts.
 */
import type { PresenceStatus } from '../../src/protocol/index.ts';
import type { Machine } from '../../src/util/machine.ts';

export type PresenceEvent =
  | 'set-available'
  | 'set-break'
  | 'set-offline'
  | 'ring'
  | 'accept'
  | 'decline'
  | 'miss'
  | 'withdrawn'
  | 'hang-up'
  | 'wrap-up-done'
  | 'resume';

const settable = { 'set-available': 'available', 'set-break': 'break', 'set-offline': 'offline' } as const;

export const PRESENCE: Machine<PresenceStatus, PresenceEvent> = {
  // → in-call without ringing: a call resumed after a server restart (call:resume).
  offline: { ...settable, resume: 'in-call' },
  available: { ...settable, ring: 'ringing', resume: 'in-call' },
  break: { ...settable, resume: 'in-call' },
  // Asking to be available while ringing keeps the ring; a break or going offline withdraws it.
  ringing: {
    ...settable,
    'set-available': 'ringing',
    accept: 'in-call',
    decline: 'available',
    miss: 'break',
    withdrawn: 'available',
  },
  'in-call': { 'hang-up': 'wrap-up' },
  'wrap-up': { ...settable, 'wrap-up-done': 'available' },
};

export type RequestState = 'queued' | 'ringing' | 'answered' | 'cancelled' | 'abandoned';
export type RequestEvent =
  'offer' | 'accept' | 'decline' | 'miss' | 'withdraw' | 'cancel' | 'abandon' | 'relax' | 'fallback';

export const REQUEST: Machine<RequestState, RequestEvent> = {
  queued: {
    offer: 'ringing',
    cancel: 'cancelled',
    abandon: 'abandoned',
    relax: 'queued',
    fallback: 'queued',
  },
  ringing: {
    accept: 'answered',
    decline: 'queued',
    miss: 'queued',
    withdraw: 'queued',
    cancel: 'cancelled',
    abandon: 'abandoned',
    relax: 'ringing',
    fallback: 'ringing',
  },
  answered: {},
  cancelled: {},
  abandoned: {},
};

export type CallState = 'resuming' | 'live' | 'ended';
export type CallEvent = 'member-back' | 'hang-up' | 'drop' | 'resume-timeout';

export const CALL: Machine<CallState, CallEvent> = {
  // A call the server rebuilt after a restart, waiting for its other member.
  resuming: { 'member-back': 'live', 'hang-up': 'ended', drop: 'ended', 'resume-timeout': 'ended' },
  live: { 'hang-up': 'ended', drop: 'ended' },
  ended: {},
};

export type SessionState = 'none' | 'active';
export type SessionEvent = 'start' | 'end';

export const SESSION: Machine<SessionState, SessionEvent> = {
  none: { start: 'active' },
  active: { start: 'active', end: 'none' },
};

export type PairingState = 'unpaired' | 'paired';
export type PairingEvent = 'pair' | 'unpair';

export const PAIRING: Machine<PairingState, PairingEvent> = {
  unpaired: { pair: 'paired' },
  paired: { unpair: 'unpaired' },
};
