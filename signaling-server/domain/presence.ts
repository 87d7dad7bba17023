/** Interpreter presence: joining, the presence machine, wrap-up after a call, and who is free. */
import type { Ack, PresenceStatus } from '../../src/protocol/index.ts';
import { PRESENCE, type PresenceEvent } from './tables.ts';
import { arm, cancel, interpreterOf, move, put, refuse, send, type Later, type Tx } from './tx.ts';
import type { ClientId, CoreState, InterpreterClient } from './types.ts';
import { withdrawFrom } from './requests.ts';

export const wrapUpTimer = (id: ClientId) => `wrapup:${id}`;

/**
 * Moves an interpreter through the presence table. Returns the new record, or null when the table
 * refuses the move (nothing changed).
 */
export function movePresence(tx: Tx, who: InterpreterClient, event: PresenceEvent): InterpreterClient | null {
  const to = move(tx, 'presence', PRESENCE, who.status, event, { interpreterId: who.id });
  if (to === null) return null;
  if (to === who.status) return who;
  if (who.status === 'wrap-up') cancel(tx, wrapUpTimer(who.id));
  const next: InterpreterClient = {
    ...who,
    status: to,
    idleSince: to === 'available' ? tx.now : who.idleSince,
    statusSince: tx.now,
    wrapUpEndsAt: to === 'wrap-up' ? tx.now + tx.cfg.routing.wrapUpMs : null,
  };
  if (to === 'wrap-up') arm(tx, wrapUpTimer(who.id), next.wrapUpEndsAt!);
  put(tx, 'clients', who.id, next);
  return next;
}

/** Moves and tells the interpreter (for moves the interpreter did not ask for themselves). */
export function movePresenceAndTell(tx: Tx, id: ClientId, event: PresenceEvent): void {
  const who = interpreterOf(tx.s, id);
  const moved = who && movePresence(tx, who, event);
  if (moved && moved.status !== who.status) tellPresence(tx, moved);
}

export function tellPresence(tx: Tx, who: InterpreterClient): void {
  send(tx, who.id, 'presence:changed', { status: who.status, wrapUpEndsAt: who.wrapUpEndsAt });
}

export function setPresence(
  tx: Tx,
  id: ClientId,
  wanted: 'available' | 'break' | 'offline',
): Ack<{ status: PresenceStatus }> | Later {
  const who = interpreterOf(tx.s, id);
  if (!who) return refuse(tx, 'forbidden', 'Only interpreters have a presence.');
  const event = `set-${wanted}` as const;
  if (who.status === 'in-call') return refuse(tx, 'conflict', 'End the call first.');
  if (!PRESENCE[who.status][event]) return refuse(tx, 'conflict', 'That presence is not possible now.');
  // A break or going offline while ringing gives the request back (not offered to them again).
  if (who.status === 'ringing' && wanted !== 'available')
    withdrawFrom(tx, id, wanted === 'offline' ? 'offline' : 'declined', null);
  movePresence(tx, interpreterOf(tx.s, id)!, event);
  // The status the whole step left: going available may ring at once.
  return () => ({ ok: true, status: interpreterOf(tx.s, id)!.status });
}

export function wrapUpDone(tx: Tx, id: ClientId): void {
  movePresenceAndTell(tx, id, 'wrap-up-done');
}

/** The available interpreters, longest idle first. */
/**
 * Interpreters who may be offered a call now: available, and connected (not held after a drop), the
 * longest idle first. Remembered per version of the clients and held tables (they are persistent:
 * the same objects mean the same answer), so a step that changes neither — a relayed signal, most
 * of them — does not walk every client again (with 10,000 sockets that walk was most of a relay's
 * cost).
 */
export function availableInterpreters(s: CoreState): readonly InterpreterClient[] {
  const known = FREE.get(s.clients);
  if (known?.held === s.held) return known.free;
  const free: InterpreterClient[] = [];
  for (const c of s.clients.values())
    if (c.kind === 'interpreter' && c.status === 'available' && !s.held.has(c.id)) free.push(c);
  free.sort((a, b) => a.idleSince - b.idleSince);
  FREE.set(s.clients, { held: s.held, free });
  return free;
}
const FREE = new WeakMap<
  CoreState['clients'],
  { held: CoreState['held']; free: readonly InterpreterClient[] }
>();

/** Interpreters who are working (not offline or on a break): they share the queue between them. */
export function workingCount(s: CoreState): number {
  const known = WORKING.get(s.clients);
  if (known !== undefined) return known;
  let n = 0;
  for (const c of s.clients.values())
    if (c.kind === 'interpreter' && c.status !== 'offline' && c.status !== 'break') n++;
  WORKING.set(s.clients, n);
  return n;
}
const WORKING = new WeakMap<CoreState['clients'], number>();
