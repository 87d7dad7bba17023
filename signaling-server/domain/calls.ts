/** Calls: accepting an offer, relaying signals, ending, requeueing after a drop, and resuming. */
import type { Ack, CallEndReason, ClientPayload, SignalData } from '../../src/protocol/index.ts';
import { CALL, PRESENCE, REQUEST, type CallEvent } from './tables.ts';
import { allows } from '../../src/util/machine.ts';
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
import type { Call, ClientId, CoreState, ResumeFacts } from './types.ts';
import { closeOffer, contextOf, enqueue, removeRequest, requestOf, ringingFor } from './requests.ts';
import { movePresence, movePresenceAndTell, tellPresence } from './presence.ts';
import { rememberEnded } from './reports.ts';
import {
  acceptJoin,
  dropJoin,
  leaveCall,
  legOf,
  memberIds,
  memberOnLeg,
  membersOf,
  pendingJoin,
} from './team.ts';

export const resumeTimer = (callId: string) => `resume:${callId}`;
const ANSWER_TIMES_KEPT = 20;

/** The call a kiosk or interpreter socket is in (as its kiosk, lead or partner). */
export function callOf(s: CoreState, member: ClientId): Call | undefined {
  for (const c of s.calls.values())
    if (c.kioskId === member || c.interpreterId === member || c.partner?.interpreterId === member) return c;
  return undefined;
}

/** A signal without a leg goes to the kiosk, or from the kiosk to the lead (a call of two). */
export function otherMember(call: Call, member: ClientId): ClientId | null {
  if (call.kioskId === member) return call.interpreterId || null;
  if (call.interpreterId === member || call.partner?.interpreterId === member) return call.kioskId || null;
  return null;
}

export function accept(tx: Tx, interpreterId: ClientId, requestId: string): Ack<{ callId: string }> {
  const request = tx.s.requests.get(requestId);
  const who = interpreterOf(tx.s, interpreterId);
  if (!who || request?.offer?.interpreterId !== interpreterId)
    return refuse(tx, 'not_found', 'This call is no longer offered to you.');
  if (request.join) return acceptJoin(tx, who, request);
  const kiosk = kioskOf(tx.s, request.kioskId);
  if (!kiosk) return refuse(tx, 'not_found', 'The kiosk has left.');
  move(tx, 'request', REQUEST, 'ringing', 'accept', { requestId });
  closeOffer(tx, request, 'accepted');
  removeRequest(tx, requestId);
  record(tx, { op: 'answered', requestId, interpreterName: who.name, at: tx.now });
  set(tx, 'answerTimes', [...tx.s.answerTimes, tx.now - request.requestedAt].slice(-ANSWER_TIMES_KEPT));
  movePresence(tx, who, 'accept');

  const call: Call = {
    id: newId(tx),
    requestId,
    kioskId: kiosk.id,
    interpreterId,
    context: contextOf(request, kiosk),
    declinedBy: request.declinedBy,
    state: 'live',
    startedAt: tx.now,
    kioskLeg: newId(tx),
    interpreterLeg: newId(tx),
    interpreterOrder: 1,
    partner: null,
    active: null,
  };
  put(tx, 'calls', call.id, call);
  record(tx, {
    op: 'leg',
    requestId,
    leg: call.interpreterLeg!,
    interpreterName: who.name,
    kind: 'first',
    reason: null,
    at: tx.now,
  });
  tx.touched.add(kiosk.id);
  log(tx, 'info', 'call started', {
    callId: call.id,
    requestId,
    kioskId: kiosk.id,
    kioskAccount: kiosk.accountId,
    interpreterId,
    interpreterAccount: who.accountId,
  });
  const members = membersOf(tx.s, call);
  const start = { callId: call.id, requestId, context: call.context, members } as const;
  // The kiosk initiates: its camera is already open, and the interpreter's answer follows.
  tx.effects.push(
    {
      type: 'start-call',
      to: kiosk.id,
      accountId: kiosk.accountId,
      role: 'kiosk',
      initiator: true,
      peerName: who.name,
      leg: call.kioskLeg!,
      ...start,
    },
    {
      type: 'start-call',
      to: interpreterId,
      accountId: who.accountId,
      role: 'interpreter',
      initiator: false,
      peerName: kiosk.name,
      leg: call.interpreterLeg!,
      ...start,
    },
  );
  return { ok: true, callId: call.id };
}

export function relaySignal(tx: Tx, from: ClientId, callId: string, data: SignalData, leg?: string): Ack {
  const call = tx.s.calls.get(callId);
  const member = call !== undefined && memberIds(call).includes(from);
  const to = member ? (leg === undefined ? otherMember(call, from) : memberOnLeg(call, leg)) : null;
  if (!call || !to || to === from) return refuse(tx, 'not_found', 'You are not in this call.');
  const mine = legOf(call, from);
  send(tx, to, 'call:signal', mine ? { callId, data, from: mine } : { callId, data });
  return { ok: true };
}

export function endCall(tx: Tx, from: ClientId, callId: string): Ack {
  const call = tx.s.calls.get(callId);
  if (!call || (call.kioskId !== from && call.interpreterId !== from && call.partner?.interpreterId !== from))
    return refuse(tx, 'not_found', 'You are not in this call.');
  // An interpreter with a teammate hands off: the citizen keeps the other one.
  if (call.partner && from !== call.kioskId) return leaveCall(tx, from, callId);
  finishCall(tx, callId, from, 'peer_hangup');
  return { ok: true };
}

/**
 * Ends a call. `endedBy` is the member who hung up or dropped ('' for one who never came back after a
 * restart). An interpreter's drop is not the citizen's doing: they go back to the head of the queue
 * with the same preferences and time, and the request is not offered to that interpreter again.
 */
export function finishCall(tx: Tx, callId: string, endedBy: ClientId, reason: CallEndReason): void {
  const call = tx.s.calls.get(callId);
  if (!call) return;
  const event: CallEvent = reason === 'peer_hangup' ? 'hang-up' : endedBy ? 'drop' : 'resume-timeout';
  if (!move(tx, 'call', CALL, call.state, event, { callId })) return;
  put(tx, 'calls', callId, undefined);
  cancel(tx, resumeTimer(callId));
  const interpreterDropped = reason === 'peer_disconnected' && endedBy === call.interpreterId;
  const endReason =
    reason === 'peer_hangup' ? 'hangup' : interpreterDropped ? 'interpreter_dropped' : 'kiosk_dropped';
  record(tx, { op: 'ended', requestId: call.requestId, reason: endReason, at: tx.now });
  const kioskAccount = tx.s.clients.get(call.kioskId)?.accountId;
  const interpreterAccount = tx.s.clients.get(call.interpreterId)?.accountId;
  if (kioskAccount && interpreterAccount)
    rememberEnded(tx, call, { kioskAccount, interpreterAccount }, reason);
  log(tx, 'info', 'call ended', { callId, reason: endReason });
  const kiosk = kioskOf(tx.s, call.kioskId);
  if (kiosk) tx.touched.add(kiosk.id);
  if (call.interpreterId && !interpreterDropped) movePresenceAndTell(tx, call.interpreterId, 'hang-up');
  // A teammate (only the kiosk ends a call that has one) and an invitation still ringing end with it.
  const join = pendingJoin(tx.s, callId);
  if (join) dropJoin(tx, join);
  const partner = call.partner?.interpreterId;
  if (partner && partner !== endedBy) {
    movePresenceAndTell(tx, partner, 'hang-up');
    send(tx, partner, 'call:ended', { callId, reason });
  }
  // After a restart, '' is the member who never came back: the one who did is told, as after a drop.
  const other =
    endedBy === call.kioskId ? call.interpreterId : endedBy === call.interpreterId ? call.kioskId : '';
  if (!other) return;
  if (interpreterDropped && kiosk) {
    const declinedBy = [...call.declinedBy];
    const dropped = tx.s.clients.get(call.interpreterId)?.accountId;
    if (dropped && !declinedBy.includes(dropped)) declinedBy.push(dropped);
    const { gender, language, skills, flow } = call.context;
    const request = enqueue(tx, kiosk, { gender, language, skills, flow }, call.requestId, declinedBy);
    send(tx, kiosk.id, 'call:ended', { callId, reason, requeued: { requestId: request.id, position: 1 } });
    return;
  }
  send(tx, other, 'call:ended', { callId, reason });
}

/**
 * A member re-attaches to a call the server forgot (it restarted), with the token it got at
 * call:start (verified by the edge); the media never stopped. Only a call the last restart closed is
 * rebuilt, from its record (real preferences and times); each member comes back once. When only one
 * member is back, the call waits for the other for the recovery window, then ends as a drop.
 */
export function resumeCall(
  tx: Tx,
  from: ClientId,
  p: ClientPayload<'call:resume'>,
  facts: ResumeFacts | undefined,
): Ack {
  const kiosk = kioskOf(tx.s, from);
  const who = interpreterOf(tx.s, from);
  if (!kiosk && !who) return refuse(tx, 'forbidden', 'Only call members may resume a call.');
  const role = kiosk ? 'kiosk' : 'interpreter';
  const known = tx.s.calls.get(p.callId);
  if (known && (known.kioskId === from || known.interpreterId === from)) return { ok: true };
  if (known && known.requestId !== p.requestId) return refuse(tx, 'not_found', 'No such call to resume.');
  if (kiosk && (callOf(tx.s, from) || requestOf(tx.s, from)))
    return refuse(tx, 'conflict', 'This kiosk already has a call or request.');
  if (who && (callOf(tx.s, from) || ringingFor(tx.s, from)))
    return refuse(tx, 'conflict', 'End the call or offer you have first.');
  // Everything is checked before anything changes.
  const row = facts?.row;
  // Only a call the last restart closed can be rebuilt (not one that ended, nor a replay).
  if (!known && (!row || row.endReason !== 'server_restart'))
    return refuse(tx, 'not_found', 'No such call to resume.');
  if (known && (role === 'kiosk' ? known.kioskId : known.interpreterId))
    return refuse(tx, 'conflict', `Another ${role} holds this call.`);
  if (who && !allows(PRESENCE, who.status, 'resume'))
    return refuse(tx, 'conflict', 'End the call or offer you have first.');
  if (who) movePresence(tx, who, 'resume');
  let call = known;
  if (!call) {
    const { kioskName, office, counter, gender, language, skills, flow, requestedAt } = row!;
    const context = { kioskName, office, counter, gender, language, skills, flow, requestedAt };
    call = {
      id: p.callId,
      requestId: p.requestId,
      kioskId: '',
      interpreterId: '',
      context,
      declinedBy: [],
      state: 'resuming',
      startedAt: tx.now,
      kioskLeg: newId(tx),
      interpreterLeg: newId(tx),
      interpreterOrder: 1,
      partner: null,
      active: null,
    };
    record(tx, { op: 'resumed', requestId: p.requestId });
    arm(tx, resumeTimer(call.id), tx.now + tx.cfg.recoveryWindowMs);
  }
  call =
    role === 'kiosk'
      ? { ...call, kioskId: from, context: { ...call.context, kioskName: kiosk!.name } }
      : { ...call, interpreterId: from };
  if (call.kioskId && call.interpreterId) {
    if (move(tx, 'call', CALL, call.state, 'member-back', { callId: call.id }))
      call = { ...call, state: 'live' };
    cancel(tx, resumeTimer(call.id));
  }
  put(tx, 'calls', call.id, call);
  if (call.kioskId) tx.touched.add(call.kioskId);
  if (who) tellPresence(tx, interpreterOf(tx.s, from)!);
  log(tx, 'info', 'call resumed', { callId: call.id, role, account: tx.s.clients.get(from)?.accountId });
  return { ok: true };
}

export function resumeTimedOut(tx: Tx, callId: string): void {
  const call = tx.s.calls.get(callId);
  if (call?.state === 'resuming') finishCall(tx, callId, '', 'peer_disconnected');
}
