/**
 * The counters: which clerk console is paired with which kiosk, each kiosk's session, and what travels
 * in it (text, drafts, pictograms, the card) among the kiosk, its clerk and its call's interpreter.
 */
import type {
  Ack,
  ChatMessage,
  CounterState,
  KioskInfo,
  PictogramMessage,
} from '../../src/protocol/index.ts';
import type { SessionEndedReason, SessionRole } from '../../src/protocol/index.ts';
import {
  KEEP_CHAT_MESSAGES,
  KEEP_PICTOGRAM_MESSAGES,
  PAIR_ATTEMPTS,
  PAIRING_CODE_TTL_MS,
} from '../../src/protocol/constants.ts';
import type { RequestCard } from '../../src/protocol/index.ts';
import { PAIRING, SESSION } from './tables.ts';
import {
  arm,
  canDrawCodes,
  clerkOf,
  kioskOf,
  log,
  move,
  newCode,
  newId,
  put,
  refuse,
  send,
  type Tx,
} from './tx.ts';
import type { ClientId, CoreState, KioskCallView, KioskClient, Session } from './types.ts';
import { callOf } from './calls.ts';
import { requestOf } from './requests.ts';

/** One timer for every kiosk's code: it fires at the earliest expiry (a timer per kiosk would bloat the state). */
export const CODE_SWEEP = 'codes:sweep';
export const NO_CALL: KioskCallView = { state: 'none', interpreterId: null, interpreterName: null };
const NOT_PAIRED = 'No kiosk of your office shows this code. Check the code on the kiosk screen.';

/** A fresh pairing code for a kiosk (single-use: replaced on pair, unpair, session end and expiry). */
export function freshCode(tx: Tx): { code: string; codeExpiresAt: number } {
  const inUse = new Set<string>();
  for (const c of [...tx.s.clients.values()]) if (c.kind === 'kiosk') inUse.add(c.code);
  return { code: newCode(tx, inUse), codeExpiresAt: tx.now + PAIRING_CODE_TTL_MS };
}

function rotateCode(tx: Tx, kiosk: KioskClient): KioskClient {
  const next = { ...kiosk, ...freshCode(tx) };
  put(tx, 'clients', kiosk.id, next);
  sweepBy(tx, next.codeExpiresAt);
  return next;
}

function sweepBy(tx: Tx, at: number): void {
  const armed = tx.s.timers.get(CODE_SWEEP);
  if (armed === undefined || at < armed) arm(tx, CODE_SWEEP, at);
}

/** Replaces every code that has expired, and arms the sweep for the next expiry. */
export function sweepCodes(tx: Tx): void {
  let next = Infinity;
  for (const c of [...tx.s.clients.values()]) {
    if (c.kind !== 'kiosk') continue;
    // A few per step, each from fresh randomness; the rest in the next steps, at once.
    const kiosk = c.codeExpiresAt <= tx.now && canDrawCodes(tx, 2) ? rotateCode(tx, c) : c;
    if (kiosk !== c) tellState(tx, kiosk);
    next = Math.min(next, kiosk.codeExpiresAt);
  }
  if (next !== Infinity) arm(tx, CODE_SWEEP, Math.max(next, tx.now));
}

export function joinKiosk(tx: Tx, kiosk: KioskClient): void {
  put(tx, 'clients', kiosk.id, kiosk);
  sweepBy(tx, kiosk.codeExpiresAt);
  tellState(tx, kiosk);
}

export function leaveKiosk(tx: Tx, kiosk: KioskClient): void {
  if (kiosk.session) endSession(tx, kiosk, 'kiosk_left');
  const clerk = kiosk.clerkId ? clerkOf(tx.s, kiosk.clerkId) : undefined;
  if (clerk) send(tx, clerk.id, 'session:state', stateFor(tx, null, true));
}

export function leaveClerk(tx: Tx, clerkId: ClientId): void {
  const paired = pairedKiosk(tx.s, clerkId);
  if (paired) tellState(tx, rotateCode(tx, { ...paired, clerkId: null }));
}

export function pairedKiosk(s: CoreState, clerkId: ClientId): KioskClient | undefined {
  for (const c of [...s.clients.values()]) if (c.kind === 'kiosk' && c.clerkId === clerkId) return c;
  return undefined;
}

/** The counter learns of its kiosk's call (derived from the requests and calls, told on a change). */
export function syncCallView(tx: Tx, kioskId: ClientId): void {
  const kiosk = kioskOf(tx.s, kioskId);
  if (!kiosk) return;
  const call = callOf(tx.s, kioskId);
  const interpreter = call?.interpreterId ? tx.s.clients.get(call.interpreterId) : undefined;
  const view: KioskCallView = call
    ? {
        state: 'in-call',
        interpreterId: interpreter?.id ?? null,
        interpreterName: interpreter?.kind === 'interpreter' ? interpreter.name : null,
        partnerId: call.partner?.interpreterId ?? null,
      }
    : { ...NO_CALL, state: requestOf(tx.s, kioskId) ? 'waiting' : 'none' };
  const before = kiosk.callView;
  const seeing = (v: KioskCallView) => [v.interpreterId, v.partnerId ?? null].filter((id) => id !== null);
  const had = seeing(before);
  const has = seeing(view);
  if (before.state === view.state && had.join() === has.join()) return;
  put(tx, 'clients', kiosk.id, { ...kiosk, callView: view });
  // The session goes with the call: an interpreter who leaves it stops seeing it, one who joins gets it.
  for (const id of had)
    if (!has.includes(id) && kiosk.session)
      send(tx, id, 'session:ended', { sessionId: kiosk.session.id, reason: 'done' });
  for (const id of has) if (!had.includes(id) && kiosk.session) sendSnapshot(tx, id, kiosk.session);
  tellState(tx, kioskOf(tx.s, kioskId)!);
}

export function pair(tx: Tx, clerkId: ClientId, code: string): Ack<{ kiosk: KioskInfo }> {
  const clerk = clerkOf(tx.s, clerkId);
  if (!clerk) return refuse(tx, 'forbidden', 'Only clerk consoles pair with kiosks.');
  if (clerk.office === null) return refuse(tx, 'forbidden', 'This account belongs to no office.');
  // The limit is per account, across its sockets and reconnects.
  const seen = tx.s.pairAttempts.get(clerk.accountId);
  const attempts = seen && tx.now - seen.since < PAIR_ATTEMPTS.windowMs ? seen : { count: 0, since: tx.now };
  if (attempts.count >= PAIR_ATTEMPTS.max)
    return refuse(tx, 'rate_limited', 'Too many pairing attempts. Wait a few minutes and try again.');
  put(tx, 'pairAttempts', clerk.accountId, { ...attempts, count: attempts.count + 1 });
  let kiosk: KioskClient | undefined;
  for (const c of [...tx.s.clients.values()]) if (c.kind === 'kiosk' && c.code === code) kiosk = c;
  // One answer for every code that does not pair: no oracle for other offices or busy kiosks.
  if (!kiosk || kiosk.office !== clerk.office || (kiosk.clerkId && kiosk.clerkId !== clerkId))
    return refuse(tx, 'not_found', NOT_PAIRED);
  put(tx, 'pairAttempts', clerk.accountId, undefined);
  const before = pairedKiosk(tx.s, clerkId);
  if (before && before.id !== kiosk.id) unpair(tx, clerkId);
  if (!move(tx, 'pairing', PAIRING, kiosk.clerkId ? 'paired' : 'unpaired', 'pair', { kioskId: kiosk.id }))
    return refuse(tx, 'not_found', NOT_PAIRED);
  const paired = rotateCode(tx, { ...kioskOf(tx.s, kiosk.id)!, clerkId });
  log(tx, 'info', 'paired', audit(clerk, kiosk));
  // A clerk who joins a running session sees what is said from now on, not what was said before.
  tellState(tx, paired);
  return { ok: true, kiosk: infoOf(paired) };
}

export function unpair(tx: Tx, clerkId: ClientId): Ack {
  const kiosk = pairedKiosk(tx.s, clerkId);
  if (!kiosk) return refuse(tx, 'not_found', 'This console is not paired with a kiosk.');
  move(tx, 'pairing', PAIRING, 'paired', 'unpair', { kioskId: kiosk.id });
  log(tx, 'info', 'unpaired', audit(clerkOf(tx.s, clerkId), kiosk));
  tellState(tx, rotateCode(tx, { ...kiosk, clerkId: null }));
  send(tx, clerkId, 'session:state', stateFor(tx, null, true));
  return { ok: true };
}

/** Who paired or unpaired with which kiosk, by socket and account (the audit trail). */
const audit = (clerk: { id: ClientId; accountId: string } | undefined, k: KioskClient) => {
  return { clerkId: clerk?.id, clerkAccount: clerk?.accountId, kioskId: k.id, kioskAccount: k.accountId };
};

/** The kiosk a kiosk, clerk or interpreter socket speaks for. */
function counterOf(s: CoreState, from: ClientId): KioskClient | undefined {
  const c = s.clients.get(from);
  if (c?.kind === 'kiosk') return c;
  if (c?.kind === 'clerk') return pairedKiosk(s, from);
  if (c?.kind === 'interpreter') {
    const call = callOf(s, from);
    return call ? kioskOf(s, call.kioskId) : undefined;
  }
  return undefined;
}

export function startSession(tx: Tx, from: ClientId): Ack<{ sessionId: string }> {
  const kiosk = counterOf(tx.s, from);
  if (!kiosk || tx.s.clients.get(from)?.kind === 'interpreter')
    return refuse(tx, 'not_found', 'Pair this console with a kiosk first.');
  if (kiosk.session) return { ok: true, sessionId: kiosk.session.id };
  move(tx, 'session', SESSION, 'none', 'start', { kioskId: kiosk.id });
  const session: Session = { id: newId(tx), card: null, messages: [], pictograms: [] };
  const next = { ...kiosk, session };
  put(tx, 'clients', kiosk.id, next);
  log(tx, 'info', 'session started', { kioskId: kiosk.id, sessionId: session.id });
  tellState(tx, next);
  return { ok: true, sessionId: session.id };
}

export function endSessionFrom(tx: Tx, from: ClientId, reason: 'done' | 'idle' | 'away'): Ack {
  const kiosk = counterOf(tx.s, from);
  if (!kiosk?.session || tx.s.clients.get(from)?.kind === 'interpreter')
    return refuse(tx, 'not_found', 'There is no session at this counter.');
  endSession(tx, kiosk, reason);
  return { ok: true };
}

function endSession(tx: Tx, kiosk: KioskClient, reason: SessionEndedReason): void {
  const session = kiosk.session;
  if (!session) return;
  move(tx, 'session', SESSION, 'active', 'end', { kioskId: kiosk.id });
  for (const to of members(tx.s, kiosk)) send(tx, to, 'session:ended', { sessionId: session.id, reason });
  log(tx, 'info', 'session ended', { kioskId: kiosk.id, sessionId: session.id, reason });
  if (reason === 'kiosk_left') return;
  tellState(tx, rotateCode(tx, { ...kiosk, session: null }));
}

type Found = { kiosk: KioskClient; session: Session; role: SessionRole };

function sessionOf(tx: Tx, from: ClientId): Found | ReturnType<typeof refuse> {
  const kiosk = counterOf(tx.s, from);
  if (!kiosk?.session) return refuse(tx, 'not_found', 'There is no session at this counter.');
  const role = tx.s.clients.get(from)!.kind as SessionRole;
  return { kiosk, session: kiosk.session, role };
}

const keep = <T>(list: T[], item: T, max: number) => [...list, item].slice(-max);

export function chat(tx: Tx, from: ClientId, text: string): Ack<{ id: string }> {
  const found = sessionOf(tx, from);
  if ('ok' in found) return found;
  const { kiosk, session, role } = found;
  const message: ChatMessage = { sessionId: session.id, id: newId(tx), from: role, text, at: tx.now };
  const messages = keep(session.messages, message, KEEP_CHAT_MESSAGES);
  put(tx, 'clients', kiosk.id, { ...kiosk, session: { ...session, messages } });
  for (const to of members(tx.s, kiosk)) send(tx, to, 'chat:message', message);
  return { ok: true, id: message.id };
}

export function draft(tx: Tx, from: ClientId, text: string): Ack {
  const found = sessionOf(tx, from);
  if ('ok' in found) return found;
  const payload = { sessionId: found.session.id, from: found.role, text };
  for (const to of members(tx.s, found.kiosk)) if (to !== from) send(tx, to, 'chat:draft', payload);
  return { ok: true };
}

export function pictograms(tx: Tx, from: ClientId, ids: string[]): Ack<{ id: string }> {
  const found = sessionOf(tx, from);
  if ('ok' in found) return found;
  const { kiosk, session, role } = found;
  const message: PictogramMessage = { sessionId: session.id, id: newId(tx), from: role, ids, at: tx.now };
  const kept = keep(session.pictograms, message, KEEP_PICTOGRAM_MESSAGES);
  put(tx, 'clients', kiosk.id, { ...kiosk, session: { ...session, pictograms: kept } });
  for (const to of members(tx.s, kiosk)) send(tx, to, 'pictogram:shown', message);
  return { ok: true, id: message.id };
}

export function shareCard(tx: Tx, from: ClientId, card: RequestCard): Ack {
  const kiosk = kioskOf(tx.s, from);
  if (!kiosk?.session) return refuse(tx, 'not_found', 'There is no session at this kiosk.');
  if (!tx.cfg.validCard(card))
    return refuse(
      tx,
      'bad_request',
      'Invalid request card: its answers are not a complete walk of a known service.',
    );
  put(tx, 'clients', kiosk.id, { ...kiosk, session: { ...kiosk.session, card } });
  const shared = { sessionId: kiosk.session.id, card };
  for (const to of members(tx.s, kiosk)) if (to !== from) send(tx, to, 'card:shared', shared);
  return { ok: true };
}

/** Who hears what is said in a kiosk's session: the kiosk, its clerk, and its call's interpreters. */
export function members(s: CoreState, kiosk: KioskClient): ClientId[] {
  const list = s.clients.get(kiosk.id) ? [kiosk.id] : [];
  if (kiosk.clerkId && s.clients.get(kiosk.clerkId)) list.push(kiosk.clerkId);
  const call = callOf(s, kiosk.id);
  if (call?.interpreterId) list.push(call.interpreterId);
  if (call?.partner) list.push(call.partner.interpreterId);
  return list;
}

function sendSnapshot(tx: Tx, to: ClientId, session: Session): void {
  const { id: sessionId, card, messages, pictograms } = session;
  send(tx, to, 'session:snapshot', { sessionId, card, messages, pictograms });
}

export function tellState(tx: Tx, kiosk: KioskClient): void {
  send(tx, kiosk.id, 'session:state', stateFor(tx, kiosk, false));
  if (kiosk.clerkId) send(tx, kiosk.clerkId, 'session:state', stateFor(tx, kiosk, true));
}

const infoOf = (k: KioskClient): KioskInfo => ({ name: k.name, office: k.office, counter: k.counter });

function stateFor(tx: Tx, kiosk: KioskClient | null, forClerk: boolean): CounterState {
  const clerk = kiosk?.clerkId ? clerkOf(tx.s, kiosk.clerkId) : undefined;
  return {
    sessionId: kiosk?.session?.id ?? null,
    pairingCode: forClerk || !kiosk ? null : kiosk.code,
    clerkName: forClerk ? null : (clerk?.name ?? null),
    kiosk: forClerk && kiosk ? infoOf(kiosk) : null,
    call: {
      state: kiosk?.callView.state ?? 'none',
      interpreterName: kiosk?.callView.interpreterName ?? null,
    },
    idle: tx.cfg.idle,
  };
}
