/**
 * The switchboard: which kiosk waits, which interpreter rings, which calls exist, and the records of
 * it all. Pure logic: sockets come in as ids and validated values, go out through an injected outbox;
 * time comes from an injected clock. The realtime layer is the only place that knows Socket.IO.
 */
import {
  fail,
  type Ack,
  type CallEndReason,
  type ClientPayload,
  type Identity,
  type IceServer,
  type MediaPolicy,
  type OfferWithdrawnReason,
  type PresenceStatus,
  type RequestContext,
  type ServerToClientEvents,
  type SignLanguage,
  type SignalData,
} from '../../src/protocol/index.ts';
import { AnswerTimes } from './answer-times.ts';
import type { Clock } from './clock.ts';
import { InterpreterPool, type Interpreter } from './interpreters.ts';
import { RequestQueue, type QueuedRequest } from './queue.ts';
import { QueueSummary } from './queue-summary.ts';
import { Throttle } from './throttle.ts';
import type { CallRecorder, OfferOutcome, UnansweredOutcome } from './records.ts';

export type ClientId = string;

export interface Outbox {
  send<E extends keyof ServerToClientEvents>(
    to: ClientId,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void;
}

export interface RoutingPolicy {
  ringTimeoutMs: number;
  wrapUpMs: number;
  genderFallbackMs: number;
  textFallbackMs: number;
  /** The sign languages this office offers; the first is the default. */
  languages: readonly [SignLanguage, ...SignLanguage[]];
  summaryIntervalMs: number;
  /** Waiting kiosks hear about their place and estimate at most this often (the first change at once). */
  statusIntervalMs: number;
}

export interface SwitchboardDeps {
  clock: Clock;
  outbox: Outbox;
  records: CallRecorder;
  newId: () => string;
  policy: RoutingPolicy;
  /** ICE servers for one call (TURN credentials are made per call). */
  iceServers: (callId: string) => IceServer[];
  media: MediaPolicy;
  /** Call resume tokens (optional: without them a call cannot be resumed after a restart). */
  resume?: {
    sign: (claim: ResumeClaim) => string;
    verify: (token: string, claim: ResumeClaim) => boolean;
    /** How long a resumed call waits for its other member before it ends. */
    windowMs: number;
  };
  /** Told whenever a kiosk starts waiting, gets its call, or has neither any more (the counter shows it). */
  kioskCallChanged?: (kioskId: ClientId, call: KioskCall) => void;
  /** Logs ids and event names only, never names or content. Lifecycle of calls at info, the rest at debug. */
  log: (level: 'info' | 'debug', msg: string, fields?: Record<string, unknown>) => void;
}

/** What a call resume token vouches for. */
export interface ResumeClaim {
  callId: string;
  requestId: string;
  role: 'kiosk' | 'interpreter';
  accountId: string;
}

export interface KioskCall {
  state: 'none' | 'waiting' | 'in-call';
  interpreterId: ClientId | null;
  interpreterName: string | null;
}

interface Kiosk {
  id: ClientId;
  accountId: string;
  name: string;
  office: string | null;
  counter: string | null;
  requestId: string | null;
  callId: string | null;
}

interface Call {
  id: string;
  requestId: string;
  kioskId: ClientId;
  interpreterId: ClientId;
  context: RequestContext;
  /** Who declined or missed the request: if it is requeued, it is still not offered to them. */
  declinedBy: Set<ClientId>;
}

export class Switchboard {
  private readonly kiosks = new Map<ClientId, Kiosk>();
  private readonly queue = new RequestQueue();
  private readonly calls = new Map<string, Call>();
  private readonly interpreters: InterpreterPool;
  private readonly answerTimes = new AnswerTimes();
  private readonly summary: QueueSummary;
  private readonly positions: Throttle;
  /** Calls re-attached by one member after a restart, waiting for the other. */
  private readonly resumeTimers = new Map<string, () => void>();

  constructor(private readonly deps: SwitchboardDeps) {
    this.interpreters = new InterpreterPool((line, fields) => deps.log('debug', line, fields));
    this.summary = new QueueSummary(deps, () => ({
      waiting: this.queue.length,
      oldestRequestedAt: this.queue.oldestRequestedAt(),
      available: this.interpreters.availableCount(),
    }));
    this.positions = new Throttle(deps.clock, deps.policy.statusIntervalMs, () => this.sendPositions());
  }

  connect(id: ClientId, auth: Identity & { accountId?: string }): void {
    if (auth.role === 'kiosk') {
      this.kiosks.set(id, {
        id,
        accountId: auth.accountId ?? id,
        name: auth.name,
        office: auth.office ?? null,
        counter: auth.counter ?? null,
        requestId: null,
        callId: null,
      });
      return;
    }
    if (auth.role !== 'interpreter') return;
    this.interpreters.add({
      id,
      accountId: auth.accountId ?? id,
      name: auth.name,
      gender: auth.gender,
      languages: new Set(auth.languages),
      status: 'offline',
      idleSince: this.now(),
      ringingFor: null,
      callId: null,
      wrapUp: null,
    });
    this.summary.joined(id);
  }

  disconnect(id: ClientId): void {
    const kiosk = this.kiosks.get(id);
    if (kiosk) {
      if (kiosk.requestId) this.dropRequest(kiosk.requestId, 'abandoned', 'kiosk_disconnected');
      if (kiosk.callId) this.finishCall(kiosk.callId, id, 'peer_disconnected');
      this.kiosks.delete(id);
    }
    const interpreter = this.interpreters.get(id);
    if (interpreter) {
      this.withdrawFrom(interpreter, 'offline', null);
      if (interpreter.callId) this.finishCall(interpreter.callId, id, 'peer_disconnected');
      this.interpreters.setStatus(interpreter, 'offline', this.now());
      this.interpreters.remove(id);
      this.summary.left(id);
    }
    this.settle();
  }

  setPresence(id: ClientId, wanted: 'available' | 'break' | 'offline'): Ack<{ status: PresenceStatus }> {
    const interpreter = this.interpreters.get(id);
    if (!interpreter) return fail('forbidden', 'Only interpreters have a presence.');
    if (interpreter.status === 'in-call') return fail('conflict', 'End the call first.');
    if (interpreter.status === 'ringing') {
      if (wanted === 'available') return { ok: true, status: 'ringing' };
      this.withdrawFrom(interpreter, wanted === 'offline' ? 'offline' : 'declined', null);
    }
    this.interpreters.setStatus(interpreter, wanted, this.now());
    this.settle();
    return { ok: true, status: interpreter.status };
  }

  requestCall(
    kioskId: ClientId,
    prefs: ClientPayload<'call:request'>,
  ): Ack<{ requestId: string; position: number }> {
    const kiosk = this.kiosks.get(kioskId);
    if (!kiosk) return fail('forbidden', 'Only kiosks request calls.');
    if (kiosk.requestId || kiosk.callId) return fail('conflict', 'This kiosk already has a call or request.');
    const language = prefs.language ?? this.deps.policy.languages[0];
    if (!this.deps.policy.languages.includes(language))
      return fail('bad_request', 'This office does not offer that sign language.');
    const request = this.enqueue(kiosk, prefs.gender, language, null);
    this.settle();
    return { ok: true, requestId: request.id, position: this.queue.entries().indexOf(request) + 1 };
  }

  cancelRequest(kioskId: ClientId, requestId: string): Ack {
    if (!this.ownRequest(kioskId, requestId)) return fail('not_found', 'No such request for this kiosk.');
    this.dropRequest(requestId, 'cancelled', 'cancelled');
    this.settle();
    return { ok: true };
  }

  /** The citizen agreed that an interpreter of any gender may take the call. */
  relaxGender(kioskId: ClientId, requestId: string): Ack {
    const request = this.ownRequest(kioskId, requestId);
    if (!request) return fail('not_found', 'No such request for this kiosk.');
    request.gender = 'any';
    this.settle();
    return { ok: true };
  }

  /** The citizen goes on by text and pictograms while keeping their place in the queue. */
  chooseFallback(kioskId: ClientId, requestId: string): Ack {
    if (!this.ownRequest(kioskId, requestId)) return fail('not_found', 'No such request for this kiosk.');
    this.deps.records.fallbackChosen(requestId, this.now());
    return { ok: true };
  }

  accept(interpreterId: ClientId, requestId: string): Ack<{ callId: string }> {
    const interpreter = this.interpreters.get(interpreterId);
    const request = this.queue.get(requestId);
    if (!interpreter || !request?.offer || request.offer.interpreterId !== interpreterId)
      return fail('not_found', 'This call is no longer offered to you.');
    const kiosk = this.kiosks.get(request.kioskId);
    if (!kiosk) return fail('not_found', 'The kiosk has left.');
    const now = this.now();
    this.closeOffer(request, 'accepted');
    this.removeFromQueue(request);
    this.deps.records.answered(request.id, interpreter.name, now);
    this.answerTimes.add(now - request.requestedAt);

    const context = this.contextOf(request, kiosk);
    const call: Call = {
      id: this.deps.newId(),
      requestId,
      kioskId: kiosk.id,
      interpreterId,
      context,
      declinedBy: request.declinedBy,
    };
    this.calls.set(call.id, call);
    kiosk.requestId = null;
    kiosk.callId = call.id;
    interpreter.ringingFor = null;
    interpreter.callId = call.id;
    this.interpreters.setStatus(interpreter, 'in-call', now);
    this.deps.log('info', 'call started', { callId: call.id, requestId, kioskId: kiosk.id, interpreterId });

    const iceServers = this.deps.iceServers(call.id);
    const start = { callId: call.id, requestId, context, iceServers, media: this.deps.media };
    const token = (role: 'kiosk' | 'interpreter', accountId: string) =>
      this.deps.resume?.sign({ callId: call.id, requestId, role, accountId }) ?? '';
    // The kiosk initiates: its camera is already open, and the interpreter's answer follows.
    this.deps.outbox.send(kiosk.id, 'call:start', {
      ...start,
      initiator: true,
      peerName: interpreter.name,
      resumeToken: token('kiosk', kiosk.accountId),
    });
    this.deps.outbox.send(interpreterId, 'call:start', {
      ...start,
      initiator: false,
      peerName: kiosk.name,
      resumeToken: token('interpreter', interpreter.accountId),
    });
    this.tellKioskCall(kiosk);
    this.settle();
    return { ok: true, callId: call.id };
  }

  decline(interpreterId: ClientId, requestId: string): Ack {
    const request = this.queue.get(requestId);
    const interpreter = this.interpreters.get(interpreterId);
    if (!interpreter || request?.offer?.interpreterId !== interpreterId)
      return fail('not_found', 'This call is no longer offered to you.');
    this.withdrawFrom(interpreter, 'declined', null);
    this.interpreters.setStatus(interpreter, 'available', this.now());
    this.settle();
    return { ok: true };
  }

  relaySignal(fromId: ClientId, callId: string, data: SignalData): Ack {
    const call = this.calls.get(callId);
    const to = call && otherMember(call, fromId);
    if (!to) return fail('not_found', 'You are not in this call.');
    this.deps.outbox.send(to, 'call:signal', { callId, data });
    return { ok: true };
  }

  endCall(fromId: ClientId, callId: string): Ack {
    const call = this.calls.get(callId);
    if (!call || (call.kioskId !== fromId && call.interpreterId !== fromId))
      return fail('not_found', 'You are not in this call.');
    this.finishCall(callId, fromId, 'peer_hangup');
    this.settle();
    return { ok: true };
  }

  /**
   * A member re-attaches to a call the server forgot (it restarted) or still knows, with the token it
   * got at call:start; the media never stopped. When only one member has come back, the call waits
   * for the other for the recovery window, then ends as if the other had dropped.
   */
  resumeCall(from: ClientId, p: { callId: string; requestId: string; token: string }): Ack {
    const kiosk = this.kiosks.get(from);
    const interpreter = this.interpreters.get(from);
    const member = kiosk ?? interpreter;
    if (!member || !this.deps.resume) return fail('forbidden', 'Only call members may resume a call.');
    const role = kiosk ? 'kiosk' : 'interpreter';
    const claim = { callId: p.callId, requestId: p.requestId, role, accountId: member.accountId } as const;
    if (!this.deps.resume.verify(p.token, claim)) return fail('not_found', 'No such call to resume.');
    let call = this.calls.get(p.callId);
    if (call && (call.kioskId === from || call.interpreterId === from)) return { ok: true };
    if (kiosk && (kiosk.callId || kiosk.requestId))
      return fail('conflict', 'This kiosk already has a call or request.');
    if (interpreter && (interpreter.callId || interpreter.ringingFor))
      return fail('conflict', 'End the call or offer you have first.');
    if (!call) {
      const language = this.deps.policy.languages[0];
      call = {
        id: p.callId,
        requestId: p.requestId,
        kioskId: '',
        interpreterId: '',
        context: {
          kioskName: '',
          office: null,
          counter: null,
          gender: 'any',
          language,
          requestedAt: this.now(),
        },
        declinedBy: new Set(),
      };
      this.calls.set(call.id, call);
      const waiting = call;
      this.resumeTimers.set(
        call.id,
        this.deps.clock.setTimeout(() => {
          this.resumeTimers.delete(waiting.id);
          if (waiting.kioskId && waiting.interpreterId) return;
          // '' is the member who never came back: the one who did is told, as after a drop.
          this.finishCall(waiting.id, '', 'peer_disconnected');
          this.settle();
        }, this.deps.resume.windowMs),
      );
    }
    if (kiosk) {
      if (call.kioskId) return fail('conflict', 'Another kiosk holds this call.');
      call.kioskId = kiosk.id;
      call.context = { ...call.context, kioskName: kiosk.name, office: kiosk.office, counter: kiosk.counter };
      kiosk.callId = call.id;
      this.tellKioskCall(kiosk);
    } else if (interpreter) {
      if (call.interpreterId) return fail('conflict', 'Another interpreter holds this call.');
      call.interpreterId = interpreter.id;
      interpreter.callId = call.id;
      this.interpreters.setStatus(interpreter, 'in-call', this.now());
      this.tellPresence(interpreter);
    }
    if (call.kioskId && call.interpreterId) {
      this.resumeTimers.get(call.id)?.();
      this.resumeTimers.delete(call.id);
      const k = this.kiosks.get(call.kioskId);
      if (k) this.tellKioskCall(k);
    }
    this.deps.log('info', 'call resumed', { callId: call.id, role });
    this.settle();
    return { ok: true };
  }

  /** A read-only view for /healthz, /api/stats and tests. */
  snapshot(): { queued: number; calls: number; available: number } {
    return {
      queued: this.queue.length,
      calls: this.calls.size,
      available: this.interpreters.availableCount(),
    };
  }

  /** Stop every timer (server shutdown). */
  dispose(): void {
    for (const r of this.queue.entries()) this.cancelRequestTimers(r);
    for (const cancel of this.resumeTimers.values()) cancel();
    this.summary.dispose();
    this.positions.dispose();
  }

  // --- requests and offers ---

  private enqueue(
    kiosk: Kiosk,
    gender: QueuedRequest['gender'],
    language: SignLanguage,
    requeuedFrom: string | null,
  ) {
    const request: QueuedRequest = {
      id: this.deps.newId(),
      kioskId: kiosk.id,
      gender,
      language,
      requestedAt: this.now(),
      requeuedFrom,
      declinedBy: new Set(),
      offer: null,
      cancelTimers: [],
      askedAnyGender: false,
      lastStatus: '',
    };
    kiosk.requestId = request.id;
    this.queue.add(request, requeuedFrom !== null);
    this.deps.records.requested({
      id: request.id,
      kioskName: kiosk.name,
      office: kiosk.office,
      counter: kiosk.counter,
      gender,
      language,
      requestedAt: request.requestedAt,
      requeuedFrom,
    });
    const { genderFallbackMs, textFallbackMs } = this.deps.policy;
    if (gender !== 'any')
      request.cancelTimers.push(
        this.deps.clock.setTimeout(() => {
          // Someone of the preferred gender is ringing right now: the preference can be met.
          if (request.gender === 'any' || request.askedAnyGender || request.offer) return;
          request.askedAnyGender = true;
          this.deps.outbox.send(kiosk.id, 'call:ask-any-gender', { requestId: request.id });
        }, genderFallbackMs),
      );
    request.cancelTimers.push(
      this.deps.clock.setTimeout(() => {
        const waitedS = Math.round((this.now() - request.requestedAt) / 1000);
        this.deps.outbox.send(kiosk.id, 'call:fallback-offered', { requestId: request.id, waitedS });
      }, textFallbackMs),
    );
    this.deps.log('debug', 'request queued', { requestId: request.id, kioskId: kiosk.id });
    this.tellKioskCall(kiosk);
    return request;
  }

  private ownRequest(kioskId: ClientId, requestId: string): QueuedRequest | undefined {
    const request = this.queue.get(requestId);
    return request?.kioskId === kioskId ? request : undefined;
  }

  private offer(request: QueuedRequest, interpreter: Interpreter): void {
    const kiosk = this.kiosks.get(request.kioskId);
    if (!kiosk) return;
    const now = this.now();
    interpreter.ringingFor = request.id;
    this.interpreters.setStatus(interpreter, 'ringing', now);
    const offerId = this.deps.records.offered(request.id, interpreter.name, now);
    const cancelTimer = this.deps.clock.setTimeout(() => {
      this.deps.outbox.send(interpreter.id, 'call:offer-withdrawn', {
        requestId: request.id,
        reason: 'timeout',
      });
      this.withdrawFrom(interpreter, 'timeout', null);
      // Whoever does not answer is probably not at their desk: a break until they say they are back.
      this.interpreters.setStatus(interpreter, 'break', this.now());
      this.tellPresence(interpreter);
      this.settle();
    }, this.deps.policy.ringTimeoutMs);
    request.offer = { interpreterId: interpreter.id, offerId, cancelTimer };
    this.deps.log('debug', 'offer', { requestId: request.id, interpreterId: interpreter.id });
    this.deps.outbox.send(interpreter.id, 'call:offer', {
      requestId: request.id,
      context: this.contextOf(request, kiosk),
      ringTimeoutMs: this.deps.policy.ringTimeoutMs,
    });
  }

  private closeOffer(request: QueuedRequest, outcome: OfferOutcome): void {
    if (!request.offer) return;
    request.offer.cancelTimer();
    this.deps.records.offerResult(request.offer.offerId, outcome, this.now());
    request.offer = null;
  }

  /**
   * Take back whatever is ringing at this interpreter; the request stays queued and is not offered to
   * them again. `notify` is the reason to tell them, if they did not cause it themselves.
   */
  private withdrawFrom(
    interpreter: Interpreter,
    outcome: OfferOutcome,
    notify: OfferWithdrawnReason | null,
  ): void {
    const request = interpreter.ringingFor ? this.queue.get(interpreter.ringingFor) : undefined;
    interpreter.ringingFor = null;
    if (!request?.offer || request.offer.interpreterId !== interpreter.id) return;
    this.closeOffer(request, outcome);
    request.declinedBy.add(interpreter.id);
    if (notify)
      this.deps.outbox.send(interpreter.id, 'call:offer-withdrawn', {
        requestId: request.id,
        reason: notify,
      });
  }

  private dropRequest(requestId: string, outcome: UnansweredOutcome, reason: OfferWithdrawnReason): void {
    const request = this.queue.get(requestId);
    if (!request) return;
    const ringing = request.offer && this.interpreters.get(request.offer.interpreterId);
    if (ringing) {
      this.withdrawFrom(ringing, 'withdrawn', reason);
      this.interpreters.setStatus(ringing, 'available', this.now());
      this.tellPresence(ringing);
    }
    this.removeFromQueue(request);
    this.deps.records.unanswered(request.id, outcome, this.now());
    const kiosk = this.kiosks.get(request.kioskId);
    if (kiosk) {
      kiosk.requestId = null;
      this.tellKioskCall(kiosk);
    }
    this.deps.log('debug', 'request dropped', { requestId, outcome });
  }

  private removeFromQueue(request: QueuedRequest): void {
    this.cancelRequestTimers(request);
    this.queue.remove(request);
  }

  private cancelRequestTimers(request: QueuedRequest): void {
    for (const cancel of request.cancelTimers.splice(0)) cancel();
    request.offer?.cancelTimer();
  }

  // --- calls ---

  private finishCall(callId: string, endedBy: ClientId, reason: CallEndReason): void {
    const call = this.calls.get(callId);
    if (!call) return;
    this.calls.delete(callId);
    this.resumeTimers.get(callId)?.();
    this.resumeTimers.delete(callId);
    const now = this.now();
    const kiosk = this.kiosks.get(call.kioskId);
    const interpreter = this.interpreters.get(call.interpreterId);
    const interpreterDropped = reason === 'peer_disconnected' && endedBy === call.interpreterId;
    const endReason =
      reason === 'peer_hangup' ? 'hangup' : interpreterDropped ? 'interpreter_dropped' : 'kiosk_dropped';
    this.deps.records.ended(call.requestId, endReason, now);
    this.deps.log('info', 'call ended', { callId, reason: endReason });
    if (kiosk) {
      kiosk.callId = null;
      this.tellKioskCall(kiosk);
    }
    if (interpreter) {
      interpreter.callId = null;
      if (!interpreterDropped) this.startWrapUp(interpreter);
    }
    const other = otherMember(call, endedBy);
    if (!other) return;
    if (interpreterDropped && kiosk) {
      // Not the citizen's doing: they go back to the head of the queue, with the same preferences.
      const request = this.enqueue(kiosk, call.context.gender, call.context.language, call.requestId);
      for (const id of call.declinedBy) request.declinedBy.add(id);
      request.declinedBy.add(call.interpreterId);
      this.deps.outbox.send(kiosk.id, 'call:ended', {
        callId,
        reason,
        requeued: { requestId: request.id, position: 1 },
      });
      return;
    }
    this.deps.outbox.send(other, 'call:ended', { callId, reason });
  }

  private startWrapUp(interpreter: Interpreter): void {
    const now = this.now();
    this.interpreters.setStatus(interpreter, 'wrap-up', now);
    const cancel = this.deps.clock.setTimeout(() => {
      interpreter.wrapUp = null;
      this.interpreters.setStatus(interpreter, 'available', this.now());
      this.tellPresence(interpreter);
      this.settle();
    }, this.deps.policy.wrapUpMs);
    interpreter.wrapUp = { endsAt: now + this.deps.policy.wrapUpMs, cancel };
    this.tellPresence(interpreter);
  }

  private tellPresence(interpreter: Interpreter): void {
    this.deps.outbox.send(interpreter.id, 'presence:changed', {
      status: interpreter.status,
      wrapUpEndsAt: interpreter.wrapUp?.endsAt ?? null,
    });
  }

  // --- after every change ---

  /** Offer what can be offered, oldest request first; then tell kiosks and interpreters where things stand. */
  private settle(): void {
    if (this.interpreters.availableCount() > 0) {
      for (const request of this.queue.entries()) {
        if (request.offer) continue;
        const interpreter = this.interpreters.pickFor(request);
        if (interpreter) this.offer(request, interpreter);
        if (this.interpreters.availableCount() === 0) break;
      }
    }
    this.positions.request();
    this.summary.changed();
  }

  /** Tell each waiting kiosk where it stands, when that changed since it was last told. */
  private sendPositions(): void {
    const servers = this.interpreters.workingCount();
    this.queue.entries().forEach((request, index) => {
      const state = request.offer ? 'ringing' : 'queued';
      const position = index + 1;
      const estimatedWaitS = state === 'ringing' ? 0 : this.answerTimes.estimateS(position, servers);
      const status = `${state}:${position}:${estimatedWaitS}`;
      if (status === request.lastStatus) return;
      request.lastStatus = status;
      this.deps.outbox.send(request.kioskId, 'call:status', {
        requestId: request.id,
        state,
        position,
        estimatedWaitS,
      });
    });
  }

  private tellKioskCall(kiosk: Kiosk): void {
    const call = kiosk.callId ? this.calls.get(kiosk.callId) : undefined;
    const interpreter = call ? this.interpreters.get(call.interpreterId) : undefined;
    this.deps.kioskCallChanged?.(kiosk.id, {
      state: call ? 'in-call' : kiosk.requestId ? 'waiting' : 'none',
      interpreterId: interpreter?.id ?? null,
      interpreterName: interpreter?.name ?? null,
    });
  }

  private contextOf(request: QueuedRequest, kiosk: Kiosk): RequestContext {
    return {
      kioskName: kiosk.name,
      office: kiosk.office,
      counter: kiosk.counter,
      gender: request.gender,
      language: request.language,
      requestedAt: request.requestedAt,
    };
  }

  private now(): number {
    return this.deps.clock.now();
  }
}

function otherMember(call: Call, member: ClientId): ClientId | null {
  if (call.kioskId === member) return call.interpreterId;
  if (call.interpreterId === member) return call.kioskId;
  return null;
}
