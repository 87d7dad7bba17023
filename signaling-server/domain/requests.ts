/** Call requests and offers: the queue, ringing, declines and timeouts, and the citizen's choices. */
import type {
  Ack,
  ClientPayload,
  GenderPref,
  OfferWithdrawnReason,
  RequestContext,
  SignLanguage,
  Skill,
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
  OfficeRouting,
  Request,
  UnansweredOutcome,
} from './types.ts';
import { movePresence, movePresenceAndTell } from './presence.ts';
import { callOf } from './calls.ts';

export const ringTimer = (requestId: string) => `ring:${requestId}`;
export const genderTimer = (requestId: string) => `gender:${requestId}`;
export const fallbackTimer = (requestId: string) => `fallback:${requestId}`;
export const skillTimer = (requestId: string) => `skill:${requestId}`;

export const requestState = (r: Request) => (r.offer ? 'ringing' : 'queued');

/** The citizen's own request of this kiosk (an invitation into its call is not theirs). */
export function requestOf(s: CoreState, kioskId: ClientId): Request | undefined {
  for (const id of s.queue) {
    const r = s.requests.get(id)!;
    if (r.kioskId === kioskId && !r.join) return r;
  }
  return undefined;
}

/** The request ringing at this interpreter (the offer on the request is the one place that says so). */
export function ringingFor(s: CoreState, interpreterId: ClientId): Request | undefined {
  for (const id of s.queue)
    if (s.requests.get(id)!.offer?.interpreterId === interpreterId) return s.requests.get(id);
  return undefined;
}

/** Whether `i` may be offered `request`: not someone who let it go, the language, gender and skills, not blocked by the office. */
export function matches(request: Request, i: InterpreterClient, office?: OfficeRouting): boolean {
  return (
    !request.declinedBy.includes(i.accountId) &&
    i.languages.includes(request.language) &&
    (request.gender === 'any' || request.gender === i.gender) &&
    request.skills.every((skill) => i.skills.includes(skill)) &&
    !office?.blocked.includes(i.accountId)
  );
}

/** The office's routing choices for a kiosk's requests (undefined: none set). */
export function officeRouting(s: CoreState, kioskId: ClientId): OfficeRouting | undefined {
  const kiosk = s.clients.get(kioskId);
  return kiosk?.kind === 'kiosk' && kiosk.office !== null ? s.offices.get(kiosk.office) : undefined;
}

/** The skills a service needs at this office: the office's choice for the flow, else the flow's own. */
export function skillsFor(tx: Tx, kiosk: KioskClient, flow: string | null): Skill[] {
  if (flow === null) return [];
  const office = kiosk.office !== null ? tx.s.offices.get(kiosk.office) : undefined;
  return [...(office?.flowSkills[flow] ?? tx.cfg.flowSkills(flow) ?? [])];
}

export function contextOf(request: Request, kiosk: KioskClient): RequestContext {
  return {
    kioskName: kiosk.name,
    office: kiosk.office,
    counter: kiosk.counter,
    gender: request.gender,
    language: request.language,
    skills: request.skills,
    flow: request.flow,
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
  if (prefs.flow !== undefined && tx.cfg.flowSkills(prefs.flow) === null)
    return refuse(tx, 'bad_request', 'There is no such service.');
  // The service: the one the citizen is in (the page says), else the card they shared.
  const flow = prefs.flow ?? kiosk.session?.card?.flow ?? null;
  const wants = { gender: prefs.gender, language, flow, skills: skillsFor(tx, kiosk, flow) };
  const request = enqueue(tx, kiosk, wants, null, []);
  return { ok: true, requestId: request.id, position: tx.s.queue.indexOf(request.id) + 1 };
}

export function ownRequest(tx: Tx, kioskId: ClientId, requestId: string): Request | undefined {
  const r = tx.s.requests.get(requestId);
  return r?.kioskId === kioskId && !r.join ? r : undefined;
}

export function cancelRequest(tx: Tx, kioskId: ClientId, requestId: string): Ack {
  if (!ownRequest(tx, kioskId, requestId)) return refuse(tx, 'not_found', 'No such request for this kiosk.');
  dropRequest(tx, requestId, 'cancelled', 'cancelled');
  return { ok: true };
}

/** The citizen agreed that an interpreter of any gender, or without the service's skills, may take the call. */
export function relax(tx: Tx, kioskId: ClientId, requestId: string, drop: 'gender' | 'skills'): Ack {
  const r = ownRequest(tx, kioskId, requestId);
  if (!r) return refuse(tx, 'not_found', 'No such request for this kiosk.');
  moveRequest(tx, r, 'relax');
  if (drop === 'gender') {
    put(tx, 'requests', r.id, { ...r, gender: 'any' });
    cancel(tx, genderTimer(r.id));
  } else if (r.skills.length > 0) {
    put(tx, 'requests', r.id, { ...r, skills: [] });
    cancel(tx, skillTimer(r.id));
    record(tx, { op: 'skills-relaxed', requestId, at: tx.now });
  }
  return { ok: true };
}

/** The citizen goes on by text and pictograms while keeping their place in the queue. */
export function chooseFallback(tx: Tx, kioskId: ClientId, requestId: string): Ack {
  if (!ownRequest(tx, kioskId, requestId)) return refuse(tx, 'not_found', 'No such request for this kiosk.');
  record(tx, { op: 'fallback', requestId, at: tx.now });
  return { ok: true };
}

/** What a citizen asks of the interpreter. */
export interface Wants {
  gender: GenderPref;
  language: SignLanguage;
  flow: string | null;
  skills: Skill[];
}

export function enqueue(
  tx: Tx,
  kiosk: KioskClient,
  wants: Wants,
  requeuedFrom: string | null,
  declinedBy: string[],
): Request {
  const { gender, skills } = wants;
  const request: Request = {
    id: newId(tx),
    kioskId: kiosk.id,
    ...wants,
    requestedAt: tx.now,
    requeuedFrom,
    declinedBy,
    offer: null,
    askedAnyGender: false,
    askedAnySkill: false,
    lastStatus: '',
  };
  put(tx, 'requests', request.id, request);
  set(tx, 'queue', requeuedFrom ? [request.id, ...tx.s.queue] : [...tx.s.queue, request.id]);
  const context = contextOf(request, kiosk);
  record(tx, { op: 'requested', id: request.id, context, requeuedFrom });
  const { genderFallbackMs, skillFallbackMs, textFallbackMs } = tx.cfg.routing;
  if (gender !== 'any') arm(tx, genderTimer(request.id), tx.now + genderFallbackMs);
  if (skills.length > 0) arm(tx, skillTimer(request.id), tx.now + skillFallbackMs);
  arm(tx, fallbackTimer(request.id), tx.now + textFallbackMs);
  log(tx, 'debug', 'request queued', { requestId: request.id, kioskId: kiosk.id });
  tx.touched.add(kiosk.id);
  return request;
}

export function offer(tx: Tx, request: Request, who: InterpreterClient): void {
  const kiosk = kioskOf(tx.s, request.kioskId);
  if (!kiosk || !moveRequest(tx, request, 'offer') || !movePresence(tx, who, 'ring')) return;
  put(tx, 'requests', request.id, { ...request, offer: { interpreterId: who.id } });
  // An invitation into a call is no row of its own: its answer is recorded as a leg of the call.
  if (!request.join)
    record(tx, { op: 'offered', requestId: request.id, interpreterName: who.name, at: tx.now });
  arm(tx, ringTimer(request.id), tx.now + tx.cfg.routing.ringTimeoutMs);
  log(tx, 'debug', 'offer', { requestId: request.id, interpreterId: who.id });
  const join = request.join;
  send(tx, who.id, 'call:offer', {
    requestId: request.id,
    context: contextOf(request, kiosk),
    ringTimeoutMs: tx.cfg.routing.ringTimeoutMs,
    ...(join ? { join: { kind: join.kind, reason: join.reason, note: join.note, from: join.from } } : {}),
  });
  // A citizen's call (not an invitation into one) connects while it rings: the kiosk offers.
  if (!join)
    tx.effects.push(
      { type: 'preconnect', to: kiosk.id, requestId: request.id, initiator: true },
      { type: 'preconnect', to: who.id, requestId: request.id, initiator: false },
    );
}

/** Closes the request's open offer (the record gets its outcome); the request stays queued. */
export function closeOffer(tx: Tx, request: Request, outcome: OfferOutcome): Request {
  if (!request.offer) return request;
  cancel(tx, ringTimer(request.id));
  if (!request.join) record(tx, { op: 'offer-result', requestId: request.id, outcome, at: tx.now });
  // The connection made while it rang goes at once (the interpreter's page closes it on its own).
  if (!request.join && outcome !== 'accepted')
    send(tx, request.kioskId, 'call:preconnect-end', { requestId: request.id });
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

export function askAnySkill(tx: Tx, requestId: string): void {
  const r = tx.s.requests.get(requestId);
  // Someone with the skills is ringing right now: the need can be met.
  if (!r || r.skills.length === 0 || r.askedAnySkill || r.offer) return;
  put(tx, 'requests', r.id, { ...r, askedAnySkill: true });
  send(tx, r.kioskId, 'call:ask-any-skill', { requestId, skills: r.skills });
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
  for (const t of [ringTimer, genderTimer, skillTimer, fallbackTimer]) cancel(tx, t(requestId));
  set(
    tx,
    'queue',
    tx.s.queue.filter((id) => id !== requestId),
  );
  put(tx, 'requests', requestId, undefined);
  tx.touched.add(r.kioskId);
}
