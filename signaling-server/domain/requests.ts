/** Call requests and offers: the queue, ringing, declines and timeouts, and the citizen's choices. */
import type {
  Ack,
  ClientPayload,
  GenderPref,
  OfferWithdrawnReason,
  RequestContext,
  SignLanguage,
} from '../../src/protocol/index.ts';
import { REQUEST, type RequestEvent } from './tables.ts';
import {
  arm,
  cancel,
  interpreterOf,
  kioskOf,
  log,
  move,
  newId,
  put,
  record,
  refuse,
  send,
  set,
} from './tx.ts';
import type { Tx } from './tx.ts';
import type {
  ClientId,
  CoreState,
  InterpreterClient,
  KioskClient,
  OfferOutcome,
  Request,
  UnansweredOutcome,
} from './types.ts';
import { movePresence, movePresenceAndTell } from './presence.ts';
import { callOf } from './calls.ts';

export const ringTimer = (requestId: string) => `ring:${requestId}`;
export const genderTimer = (requestId: string) => `gender:${requestId}`;
export const fallbackTimer = (requestId: string) => `fallback:${requestId}`;

export const requestState = (r: Request) => (r.offer ? 'ringing' : 'queued');

export function requestOf(s: CoreState, kioskId: ClientId): Request | undefined {
  for (const id of s.queue) if (s.requests.get(id)!.kioskId === kioskId) return s.requests.get(id);
  return undefined;
}

/** The request ringing at this interpreter (the offer on the request is the one place that says so). */
export function ringingFor(s: CoreState, interpreterId: ClientId): Request | undefined {
  for (const id of s.queue)
    if (s.requests.get(id)!.offer?.interpreterId === interpreterId) return s.requests.get(id);
  return undefined;
}

export function matches(request: Request, i: InterpreterClient): boolean {
  return (
    !request.declinedBy.includes(i.accountId) &&
    i.languages.includes(request.language) &&
    (request.gender === 'any' || request.gender === i.gender)
  );
}

export function contextOf(request: Request, kiosk: KioskClient): RequestContext {
  return {
    kioskName: kiosk.name,
    office: kiosk.office,
    counter: kiosk.counter,
    gender: request.gender,
    language: request.language,
    requestedAt: request.requestedAt,
  };
}

/** Moves a request through its table; null (nothing changed) when the table refuses. */
function moveRequest(tx: Tx, r: Request, event: RequestEvent) {
  return move(tx, 'request', REQUEST, requestState(r), event, { requestId: r.id });
}

export function requestCall(
  tx: Tx,
  kioskId: ClientId,
  prefs: ClientPayload<'call:request'>,
): Ack<{ requestId: string; position: number }> {
  const kiosk = kioskOf(tx.s, kioskId);
  if (!kiosk) return refuse(tx, 'forbidden', 'Only kiosks request calls.');
  if (requestOf(tx.s, kioskId) || callOf(tx.s, kioskId))
    return refuse(tx, 'conflict', 'This kiosk already has a call or request.');
  const language = prefs.language ?? tx.cfg.routing.languages[0];
  if (!tx.cfg.routing.languages.includes(language))
    return refuse(tx, 'bad_request', 'This office does not offer that sign language.');
  const request = enqueue(tx, kiosk, prefs.gender, language, null, []);
  return { ok: true, requestId: request.id, position: tx.s.queue.indexOf(request.id) + 1 };
}

export function ownRequest(tx: Tx, kioskId: ClientId, requestId: string): Request | undefined {
  const r = tx.s.requests.get(requestId);
  return r?.kioskId === kioskId ? r : undefined;
}

export function cancelRequest(tx: Tx, kioskId: ClientId, requestId: string): Ack {
  if (!ownRequest(tx, kioskId, requestId)) return refuse(tx, 'not_found', 'No such request for this kiosk.');
  dropRequest(tx, requestId, 'cancelled', 'cancelled');
  return { ok: true };
}

/** The citizen agreed that an interpreter of any gender may take the call. */
export function relaxGender(tx: Tx, kioskId: ClientId, requestId: string): Ack {
  const r = ownRequest(tx, kioskId, requestId);
  if (!r) return refuse(tx, 'not_found', 'No such request for this kiosk.');
  moveRequest(tx, r, 'relax');
  put(tx, 'requests', r.id, { ...r, gender: 'any' });
  cancel(tx, genderTimer(r.id));
  return { ok: true };
}

/** The citizen goes on by text and pictograms while keeping their place in the queue. */
export function chooseFallback(tx: Tx, kioskId: ClientId, requestId: string): Ack {
  if (!ownRequest(tx, kioskId, requestId)) return refuse(tx, 'not_found', 'No such request for this kiosk.');
  record(tx, { op: 'fallback', requestId, at: tx.now });
  return { ok: true };
}

export function enqueue(
  tx: Tx,
  kiosk: KioskClient,
  gender: GenderPref,
  language: SignLanguage,
  requeuedFrom: string | null,
  declinedBy: string[],
): Request {
  const request: Request = {
    id: newId(tx),
    kioskId: kiosk.id,
    gender,
    language,
    requestedAt: tx.now,
    requeuedFrom,
    declinedBy,
    offer: null,
    askedAnyGender: false,
    lastStatus: '',
  };
  put(tx, 'requests', request.id, request);
  set(tx, 'queue', requeuedFrom ? [request.id, ...tx.s.queue] : [...tx.s.queue, request.id]);
  record(tx, { op: 'requested', id: request.id, context: contextOf(request, kiosk), requeuedFrom });
  const { genderFallbackMs, textFallbackMs } = tx.cfg.routing;
  if (gender !== 'any') arm(tx, genderTimer(request.id), tx.now + genderFallbackMs);
  arm(tx, fallbackTimer(request.id), tx.now + textFallbackMs);
  log(tx, 'debug', 'request queued', { requestId: request.id, kioskId: kiosk.id });
  tx.touched.add(kiosk.id);
  return request;
}

export function offer(tx: Tx, request: Request, who: InterpreterClient): void {
  const kiosk = kioskOf(tx.s, request.kioskId);
  if (!kiosk || !moveRequest(tx, request, 'offer') || !movePresence(tx, who, 'ring')) return;
  put(tx, 'requests', request.id, { ...request, offer: { interpreterId: who.id } });
  record(tx, { op: 'offered', requestId: request.id, interpreterName: who.name, at: tx.now });
  arm(tx, ringTimer(request.id), tx.now + tx.cfg.routing.ringTimeoutMs);
  log(tx, 'debug', 'offer', { requestId: request.id, interpreterId: who.id });
  send(tx, who.id, 'call:offer', {
    requestId: request.id,
    context: contextOf(request, kiosk),
    ringTimeoutMs: tx.cfg.routing.ringTimeoutMs,
  });
}

/** Closes the request's open offer (the record gets its outcome); the request stays queued. */
export function closeOffer(tx: Tx, request: Request, outcome: OfferOutcome): Request {
  if (!request.offer) return request;
  cancel(tx, ringTimer(request.id));
  record(tx, { op: 'offer-result', requestId: request.id, outcome, at: tx.now });
  const closed: Request = { ...request, offer: null };
  put(tx, 'requests', request.id, closed);
  return closed;
}

/**
 * Take back whatever is ringing at this interpreter; the request stays queued and is not offered to
 * them again. `notify` is the reason to tell them, if they did not cause it themselves. The caller
 * moves the interpreter's presence.
 */
export function withdrawFrom(
  tx: Tx,
  interpreterId: ClientId,
  outcome: OfferOutcome,
  notify: OfferWithdrawnReason | null,
): void {
  const request = ringingFor(tx.s, interpreterId);
  const who = interpreterOf(tx.s, interpreterId);
  if (!request || !who) return;
  const event = outcome === 'timeout' ? 'miss' : outcome === 'declined' ? 'decline' : 'withdraw';
  moveRequest(tx, request, event);
  const closed = closeOffer(tx, request, outcome);
  put(tx, 'requests', request.id, { ...closed, declinedBy: [...closed.declinedBy, who.accountId] });
  if (notify) send(tx, interpreterId, 'call:offer-withdrawn', { requestId: request.id, reason: notify });
}

export function decline(tx: Tx, interpreterId: ClientId, requestId: string): Ack {
  if (tx.s.requests.get(requestId)?.offer?.interpreterId !== interpreterId)
    return refuse(tx, 'not_found', 'This call is no longer offered to you.');
  withdrawFrom(tx, interpreterId, 'declined', null);
  movePresence(tx, interpreterOf(tx.s, interpreterId)!, 'decline');
  return { ok: true };
}

/** The ring timed out: whoever does not answer is probably not at their desk (a break until back). */
export function ringTimedOut(tx: Tx, requestId: string): void {
  const interpreterId = tx.s.requests.get(requestId)?.offer?.interpreterId;
  if (!interpreterId) return;
  send(tx, interpreterId, 'call:offer-withdrawn', { requestId, reason: 'timeout' });
  withdrawFrom(tx, interpreterId, 'timeout', null);
  movePresenceAndTell(tx, interpreterId, 'miss');
}

export function askAnyGender(tx: Tx, requestId: string): void {
  const r = tx.s.requests.get(requestId);
  // Someone of the preferred gender is ringing right now: the preference can be met.
  if (!r || r.gender === 'any' || r.askedAnyGender || r.offer) return;
  put(tx, 'requests', r.id, { ...r, askedAnyGender: true });
  send(tx, r.kioskId, 'call:ask-any-gender', { requestId });
}

export function offerFallback(tx: Tx, requestId: string): void {
  const r = tx.s.requests.get(requestId);
  if (!r) return;
  const waitedS = Math.round((tx.now - r.requestedAt) / 1000);
  send(tx, r.kioskId, 'call:fallback-offered', { requestId, waitedS });
}

export function dropRequest(
  tx: Tx,
  requestId: string,
  outcome: UnansweredOutcome,
  reason: OfferWithdrawnReason,
): void {
  const request = tx.s.requests.get(requestId);
  if (!request || !moveRequest(tx, request, outcome === 'cancelled' ? 'cancel' : 'abandon')) return;
  const ringing = request.offer?.interpreterId;
  if (ringing) {
    withdrawFrom(tx, ringing, 'withdrawn', reason);
    movePresenceAndTell(tx, ringing, 'withdrawn');
  }
  removeRequest(tx, requestId);
  record(tx, { op: 'unanswered', requestId, outcome, at: tx.now });
  log(tx, 'debug', 'request dropped', { requestId, outcome });
}

/** Takes a request out of the queue and the state, with its timers. */
export function removeRequest(tx: Tx, requestId: string): void {
  const r = tx.s.requests.get(requestId);
  if (!r) return;
  for (const t of [ringTimer, genderTimer, fallbackTimer]) cancel(tx, t(requestId));
  set(
    tx,
    'queue',
    tx.s.queue.filter((id) => id !== requestId),
  );
  put(tx, 'requests', requestId, undefined);
  tx.touched.add(r.kioskId);
}
