/**
 * More than one interpreter in a call. A lead interpreter may hand the call on (a warm transfer,
 * with a reason) or invite a teammate or a Deaf interpreter; either way an invitation (a request
 * with `join`) goes to the head of the queue and rings matching interpreters like a request, never
 * the ones already in the call. The one who accepts becomes the call's `partner`: every member is
 * told the members (`call:members`), and the lower of each pair by join order makes the WebRTC
 * offer. A transfer's first interpreter stays until the next one's media flows (`call:flowing`),
 * then leaves; a teammate stays until one of them hands off (`call:leave`). At most two
 * interpreters: a second invitation waits for the first to be answered or cancelled.
 */
import type { Ack, AckError, CallMember, ClientPayload, Skill } from '../../src/protocol/index.ts';
import { interpreterOf, kioskOf, log, newId, put, record, refuse, send, set, type Tx } from './tx.ts';
import type { Call, ClientId, CoreState, InterpreterClient, JoinSpec, Request } from './types.ts';
import { closeOffer, removeRequest, withdrawFrom } from './requests.ts';
import { movePresence, movePresenceAndTell } from './presence.ts';

/** The invitation waiting for this call, if any. */
export function pendingJoin(s: CoreState, callId: string): Request | undefined {
  for (const id of s.queue) if (s.requests.get(id)!.join?.callId === callId) return s.requests.get(id);
  return undefined;
}

/** Who is in the call, as every member is told. */
export function membersOf(s: CoreState, call: Call): CallMember[] {
  const members: CallMember[] = [];
  const name = (id: ClientId) => {
    const c = s.clients.get(id);
    return c && 'name' in c ? c.name : '';
  };
  if (call.kioskId && call.kioskLeg)
    members.push({ leg: call.kioskLeg, name: name(call.kioskId), role: 'kiosk', order: 0 });
  if (call.interpreterId && call.interpreterLeg)
    members.push({
      leg: call.interpreterLeg,
      name: name(call.interpreterId),
      role: 'interpreter',
      order: call.interpreterOrder ?? 1,
    });
  const p = call.partner;
  if (p) members.push({ leg: p.leg, name: name(p.interpreterId), role: 'interpreter', order: p.order });
  return members;
}

export function memberIds(call: Call): ClientId[] {
  return [call.kioskId, call.interpreterId, call.partner?.interpreterId ?? ''].filter((id) => id !== '');
}

/** The member on a leg of the call. */
export function memberOnLeg(call: Call, leg: string): ClientId | undefined {
  if (leg === call.kioskLeg) return call.kioskId || undefined;
  if (leg === call.interpreterLeg) return call.interpreterId || undefined;
  if (leg === call.partner?.leg) return call.partner.interpreterId;
  return undefined;
}

export function legOf(call: Call, member: ClientId): string | undefined {
  if (member === call.kioskId) return call.kioskLeg;
  if (member === call.interpreterId) return call.interpreterLeg;
  if (member === call.partner?.interpreterId) return call.partner.leg;
  return undefined;
}

/** Tells every member who is in the call, who signs now and whether another interpreter is coming. */
export function tellMembers(tx: Tx, call: Call): void {
  const join = pendingJoin(tx.s, call.id)?.join;
  const payload = {
    callId: call.id,
    members: membersOf(tx.s, call),
    active: call.active ?? call.interpreterLeg ?? null,
    joining: join?.kind ?? null,
  };
  for (const id of memberIds(call)) send(tx, id, 'call:members', payload);
  if (call.kioskId) tx.touched.add(call.kioskId);
}

/** The call `from` leads or partners in (an interpreter's), or a refusal. */
function interpreterCall(
  tx: Tx,
  from: ClientId,
  callId: string,
): { call: Call; who: InterpreterClient } | AckError {
  const call = tx.s.calls.get(callId);
  const who = interpreterOf(tx.s, from);
  if (!call || !who || (call.interpreterId !== from && call.partner?.interpreterId !== from))
    return refuse(tx, 'not_found', 'You are not in this call.');
  return { call, who };
}

/** Puts an invitation into the call at the head of the queue. */
function invitation(
  tx: Tx,
  call: Call,
  who: InterpreterClient,
  spec: Omit<JoinSpec, 'callId' | 'from'>,
  wants: { gender: Request['gender']; language: Request['language']; skills: Skill[] },
): Ack<{ requestId: string }> {
  if (call.partner || pendingJoin(tx.s, call.id))
    return refuse(tx, 'conflict', 'Another interpreter is already in or joining this call.');
  if (!kioskOf(tx.s, call.kioskId) || call.state !== 'live')
    return refuse(tx, 'conflict', 'The call is not live: try again in a moment.');
  const request: Request = {
    id: newId(tx),
    kioskId: call.kioskId,
    ...wants,
    flow: call.context.flow,
    requestedAt: tx.now,
    requeuedFrom: null,
    // Never the interpreters already in the call, nor anyone who let this citizen go before.
    declinedBy: [...new Set([...call.declinedBy, who.accountId])],
    offer: null,
    askedAnyGender: true,
    askedAnySkill: true,
    lastStatus: '',
    join: { ...spec, callId: call.id, from: who.name },
  };
  put(tx, 'requests', request.id, request);
  set(tx, 'queue', [request.id, ...tx.s.queue]);
  log(tx, 'info', 'join asked', {
    callId: call.id,
    requestId: request.id,
    kind: spec.kind,
    reason: spec.reason,
  });
  tellMembers(tx, call);
  return { ok: true, requestId: request.id };
}

export function transfer(
  tx: Tx,
  from: ClientId,
  p: ClientPayload<'call:transfer'>,
): Ack<{ requestId: string }> {
  const found = interpreterCall(tx, from, p.callId);
  if (!('call' in found)) return found;
  const { call, who } = found;
  if (call.interpreterId !== from)
    return refuse(tx, 'conflict', 'Only the interpreter leading the call hands it on.');
  const language = p.reason === 'language' ? p.language : call.context.language;
  if (!language || !tx.cfg.routing.languages.includes(language))
    return refuse(
      tx,
      'bad_request',
      'Say which sign language this office offers the next interpreter needs.',
    );
  if (p.reason === 'specialty' && !p.skills)
    return refuse(tx, 'bad_request', 'Say which skills the next interpreter needs.');
  const gender =
    p.reason === 'gender_requested' ? (who.gender === 'female' ? 'male' : 'female') : call.context.gender;
  const skills = p.reason === 'specialty' ? p.skills! : call.context.skills;
  return invitation(
    tx,
    call,
    who,
    { kind: 'transfer', reason: p.reason, note: p.note ?? null },
    { gender, language, skills },
  );
}

export function invite(tx: Tx, from: ClientId, p: ClientPayload<'call:invite'>): Ack<{ requestId: string }> {
  const found = interpreterCall(tx, from, p.callId);
  if (!('call' in found)) return found;
  const skills: Skill[] = p.deaf ? ['deaf_interpreter'] : [];
  return invitation(
    tx,
    found.call,
    found.who,
    { kind: 'team', reason: null, note: p.note ?? null },
    { gender: 'any', language: found.call.context.language, skills },
  );
}

/** Takes back this call's invitation (nobody answered it, or it is no longer needed). */
export function cancelJoin(tx: Tx, from: ClientId, callId: string): Ack {
  const found = interpreterCall(tx, from, callId);
  if (!('call' in found)) return found;
  const request = pendingJoin(tx.s, callId);
  if (!request) return refuse(tx, 'not_found', 'Nobody is being asked to join this call.');
  dropJoin(tx, request);
  tellMembers(tx, found.call);
  return { ok: true };
}

/** Removes an invitation; whoever it rings is told and is free again. */
export function dropJoin(tx: Tx, request: Request): void {
  const ringing = request.offer?.interpreterId;
  if (ringing) {
    withdrawFrom(tx, ringing, 'withdrawn', 'cancelled');
    movePresenceAndTell(tx, ringing, 'withdrawn');
  }
  removeRequest(tx, request.id);
  log(tx, 'info', 'join dropped', { callId: request.join?.callId, requestId: request.id });
}

/** An interpreter accepted an invitation: they join the call as its partner. */
export function acceptJoin(tx: Tx, who: InterpreterClient, request: Request): Ack<{ callId: string }> {
  const join = request.join!;
  const found = tx.s.calls.get(join.callId);
  const kiosk = found && kioskOf(tx.s, found.kioskId);
  if (!found || !kiosk || found.partner)
    return refuse(tx, 'not_found', 'This call is no longer offered to you.');
  closeOffer(tx, request, 'accepted');
  removeRequest(tx, request.id);
  movePresence(tx, who, 'accept');
  const call: Call = {
    ...found,
    kioskLeg: found.kioskLeg ?? newId(tx),
    interpreterLeg: found.interpreterLeg ?? newId(tx),
    partner: {
      interpreterId: who.id,
      leg: newId(tx),
      kind: join.kind,
      reason: join.reason,
      joinedAt: tx.now,
      order: (found.interpreterOrder ?? 1) + 1,
    },
  };
  put(tx, 'calls', call.id, call);
  const partner = call.partner!;
  record(tx, {
    op: 'leg',
    requestId: call.requestId,
    leg: partner.leg,
    interpreterName: who.name,
    kind: join.kind,
    reason: join.reason,
    at: tx.now,
  });
  log(tx, 'info', 'joined call', { callId: call.id, interpreterId: who.id, kind: join.kind });
  tx.effects.push({
    type: 'start-call',
    to: who.id,
    accountId: who.accountId,
    role: 'interpreter',
    initiator: false,
    peerName: kiosk.name,
    callId: call.id,
    requestId: call.requestId,
    context: call.context,
    leg: partner.leg,
    members: membersOf(tx.s, call),
    join: { kind: join.kind, reason: join.reason, note: join.note, from: join.from },
  });
  tellMembers(tx, call);
  return { ok: true, callId: call.id };
}

/** The joining interpreter's media with the kiosk flows: a transfer's first interpreter leaves now. */
export function flowing(tx: Tx, from: ClientId, callId: string): Ack {
  const call = tx.s.calls.get(callId);
  if (!call?.partner || call.partner.interpreterId !== from)
    return refuse(tx, 'not_found', 'You are not joining this call.');
  if (call.partner.kind === 'transfer') {
    const first = call.interpreterId;
    without(tx, call, first);
    send(tx, first, 'call:ended', { callId, reason: 'transferred' });
  }
  return { ok: true };
}

/** An interpreter hands off and leaves a call that has another interpreter. */
export function leaveCall(tx: Tx, from: ClientId, callId: string): Ack {
  const found = interpreterCall(tx, from, callId);
  if (!('call' in found)) return found;
  if (!found.call.partner)
    return refuse(tx, 'conflict', 'You are the only interpreter: end the call instead.');
  without(tx, found.call, from);
  return { ok: true };
}

/**
 * One of two interpreters leaves (hands off, is transferred away, or is gone): the other leads the
 * call alone. The one who left goes to wrap-up (unless they are gone).
 */
export function without(tx: Tx, call: Call, leaving: ClientId): void {
  const p = call.partner;
  if (!p) return;
  const lead = leaving === call.interpreterId;
  const leg = lead ? call.interpreterLeg : p.leg;
  const next: Call = lead
    ? {
        ...call,
        interpreterId: p.interpreterId,
        interpreterLeg: p.leg,
        interpreterOrder: p.order,
        partner: null,
        active: null,
      }
    : { ...call, partner: null, active: null };
  put(tx, 'calls', call.id, next);
  if (leg) record(tx, { op: 'leg-left', requestId: call.requestId, leg, at: tx.now });
  if (tx.s.clients.get(leaving)) movePresenceAndTell(tx, leaving, 'hang-up');
  log(tx, 'info', 'left call', { callId: call.id, interpreterId: leaving });
  tellMembers(tx, next);
}

/** Which interpreter signs now (they switch it between them): large on the kiosk. */
export function setActive(tx: Tx, from: ClientId, callId: string, leg: string): Ack {
  const found = interpreterCall(tx, from, callId);
  if (!('call' in found)) return found;
  const { call } = found;
  if (leg !== call.interpreterLeg && leg !== call.partner?.leg)
    return refuse(tx, 'not_found', 'No interpreter of this call is on that leg.');
  put(tx, 'calls', call.id, { ...call, active: leg });
  tellMembers(tx, { ...call, active: leg });
  return { ok: true };
}

/** A line between the two interpreters only (never the kiosk or the clerk; never logged or kept). */
export function backchannel(tx: Tx, from: ClientId, callId: string, text: string): Ack {
  const found = interpreterCall(tx, from, callId);
  if (!('call' in found)) return found;
  const { call, who } = found;
  const other = call.interpreterId === from ? call.partner?.interpreterId : call.interpreterId;
  if (!other) return refuse(tx, 'conflict', 'There is no other interpreter in this call.');
  send(tx, other, 'call:backchannel', { callId, text, from: who.name, at: tx.now });
  return { ok: true };
}
