/** Interpreter presence: a table of allowed moves, changed only through transitionPresence(). */
import type { PresenceStatus } from '../../src/protocol/index.ts';
import { transition, type TransitionTable } from '../../src/util/transition.ts';

export const PRESENCE_TABLE: TransitionTable<PresenceStatus> = {
  // → in-call without ringing: a call resumed after a server restart (call:resume).
  offline: ['available', 'in-call'],
  available: ['offline', 'break', 'ringing', 'in-call'],
  break: ['available', 'offline', 'in-call'],
  ringing: ['available', 'in-call', 'break', 'offline'],
  'in-call': ['wrap-up', 'offline'],
  'wrap-up': ['available', 'break', 'offline'],
};

export class TransitionError extends Error {}

/** Returns `to`, or throws when the table does not allow the move: that is a bug in the switchboard. */
export function transitionPresence(
  from: PresenceStatus,
  to: PresenceStatus,
  log: (line: string) => void,
): PresenceStatus {
  const next = transition('presence', PRESENCE_TABLE, from, to, log);
  if (next === null) throw new TransitionError(`presence ${from} -> ${to} is not allowed`);
  return next;
}
