/**
 * The switchboard: who is connected, which kiosk waits, which interpreter rings, which calls exist.
 * Pure logic: sockets come in as ids and events, go out through an injected outbox; time comes from an
 * injected clock. The realtime layer is the only place that knows about Socket.IO.
 */
import {
  fail,
  type Ack,
  type CallEndReason,
  type IceServer,
  type OfferWithdrawnReason,
  type PresenceStatus,
  type Role,
  type ServerToClientEvents,
  type SignalData,
} from '../../src/protocol/index.ts';
import type { Clock } from './clock.ts';
import { transitionPresence } from './presence.ts';

export type ClientId = string;

export interface Outbox {
  send<E extends keyof ServerToClientEvents>(
    to: ClientId,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void;
}

export interface SwitchboardDeps {
  clock: Clock;
  outbox: Outbox;
  newId: () => string;
  ringTimeoutMs: number;
  iceServers: () => IceServer[];
  log: (msg: string, fields?: Record<string, unknown>) => void;
}

interface Interpreter {
  id: ClientId;
  name: string;
  status: PresenceStatus;
  /** When the interpreter last became free; the longest-idle one is offered first. */
  idleSince: number;
  ringingFor: string | null;
  callId: string | null;
}

interface Kiosk {
  id: ClientId;
  name: string;
  requestId: string | null;
  callId: string | null;
}

interface CallRequest {
  id: string;
  kioskId: ClientId;
  requestedAt: number;
  declinedBy: Set<ClientId>;
  offer: { interpreterId: ClientId; cancelTimer: () => void } | null;
  /** What the kiosk was last told ("queued:3"), so it is told again only when that changes. */
  lastStatus: string;
}

interface Call {
  id: string;
  requestId: string;
  kioskId: ClientId;
  interpreterId: ClientId;
}

export class Switchboard {
  private readonly interpreters = new Map<ClientId, Interpreter>();
  private readonly kiosks = new Map<ClientId, Kiosk>();
  /** Waiting requests, oldest first. */
  private readonly queue: CallRequest[] = [];
  private readonly calls = new Map<string, Call>();

  constructor(private readonly deps: SwitchboardDeps) {}

  connect(id: ClientId, role: Role, name: string): void {
    if (role === 'kiosk') this.kiosks.set(id, { id, name, requestId: null, callId: null });
    else
      this.interpreters.set(id, {
        id,
        name,
        status: 'offline',
        idleSince: this.deps.clock.now(),
        ringingFor: null,
        callId: null,
      });
  }

  disconnect(id: ClientId): void {
    const kiosk = this.kiosks.get(id);
    if (kiosk) {
      if (kiosk.requestId) this.dropRequest(kiosk.requestId, 'kiosk_disconnected');
      if (kiosk.callId) this.finishCall(kiosk.callId, id, 'peer_disconnected');
      this.kiosks.delete(id);
    }
    const interpreter = this.interpreters.get(id);
    if (interpreter) {
      const ringing = interpreter.ringingFor ? this.findRequest(interpreter.ringingFor) : undefined;
      if (ringing) this.withdrawOffer(ringing, null, true);
      if (interpreter.callId) this.finishCall(interpreter.callId, id, 'peer_disconnected');
      if (interpreter.status !== 'offline') this.setStatus(interpreter, 'offline');
      this.interpreters.delete(id);
    }
    this.settle();
  }

  setPresence(id: ClientId, wanted: 'available' | 'offline'): Ack<{ status: PresenceStatus }> {
    const interpreter = this.interpreters.get(id);
    if (!interpreter) return fail('forbidden', 'Only interpreters have a presence.');
    if (interpreter.status === wanted) return { ok: true, status: wanted };
    if (interpreter.status === 'in-call') return fail('conflict', 'End the call first.');
    if (interpreter.status === 'ringing' && interpreter.ringingFor) {
      // Going offline while ringing is a decline that also takes the interpreter out of rotation.
      const request = this.findRequest(interpreter.ringingFor);
      if (request) this.withdrawOffer(request, null, true);
    }
    if (wanted === 'available') this.makeAvailable(interpreter, false);
    else if (interpreter.status !== 'offline') this.setStatus(interpreter, 'offline');
    this.settle();
    return { ok: true, status: interpreter.status };
  }

  requestCall(kioskId: ClientId): Ack<{ requestId: string; position: number }> {
    const kiosk = this.kiosks.get(kioskId);
    if (!kiosk) return fail('forbidden', 'Only kiosks request calls.');
    if (kiosk.requestId || kiosk.callId) return fail('conflict', 'This kiosk already has a call or request.');
    const request: CallRequest = {
      id: this.deps.newId(),
      kioskId,
      requestedAt: this.deps.clock.now(),
      declinedBy: new Set(),
      offer: null,
      lastStatus: '',
    };
    kiosk.requestId = request.id;
    this.queue.push(request);
    this.deps.log('request queued', { requestId: request.id, kioskId });
    this.settle();
    return { ok: true, requestId: request.id, position: this.queue.indexOf(request) + 1 };
  }

  cancelRequest(kioskId: ClientId, requestId: string): Ack {
    const request = this.findRequest(requestId);
    if (!request || request.kioskId !== kioskId) return fail('not_found', 'No such request for this kiosk.');
    this.dropRequest(requestId, 'cancelled');
    this.settle();
    return { ok: true };
  }

  accept(interpreterId: ClientId, requestId: string): Ack<{ callId: string }> {
    const interpreter = this.interpreters.get(interpreterId);
    const request = this.findRequest(requestId);
    if (!interpreter || !request || request.offer?.interpreterId !== interpreterId)
      return fail('not_found', 'This call is no longer offered to you.');
    const kiosk = this.kiosks.get(request.kioskId);
    if (!kiosk) return fail('not_found', 'The kiosk has left.');
    request.offer.cancelTimer();
    request.offer = null;
    this.queue.splice(this.queue.indexOf(request), 1);

    const call: Call = { id: this.deps.newId(), requestId, kioskId: kiosk.id, interpreterId };
    this.calls.set(call.id, call);
    kiosk.requestId = null;
    kiosk.callId = call.id;
    interpreter.ringingFor = null;
    interpreter.callId = call.id;
    this.setStatus(interpreter, 'in-call');
    this.deps.log('call started', { callId: call.id, requestId, kioskId: kiosk.id, interpreterId });

    const iceServers = this.deps.iceServers();
    // The kiosk initiates: its camera is already open, and the interpreter's answer follows.
    this.deps.outbox.send(kiosk.id, 'call:start', {
      callId: call.id,
      requestId,
      initiator: true,
      peerName: interpreter.name,
      iceServers,
    });
    this.deps.outbox.send(interpreterId, 'call:start', {
      callId: call.id,
      requestId,
      initiator: false,
      peerName: kiosk.name,
      iceServers,
    });
    this.settle();
    return { ok: true, callId: call.id };
  }

  decline(interpreterId: ClientId, requestId: string): Ack {
    const request = this.findRequest(requestId);
    if (!request || request.offer?.interpreterId !== interpreterId)
      return fail('not_found', 'This call is no longer offered to you.');
    this.withdrawOffer(request, null, false);
    this.settle();
    return { ok: true };
  }

  relaySignal(fromId: ClientId, callId: string, data: SignalData): Ack {
    const call = this.calls.get(callId);
    const to = call && this.otherMember(call, fromId);
    if (!to) return fail('not_found', 'You are not in this call.');
    this.deps.outbox.send(to, 'call:signal', { callId, data });
    return { ok: true };
  }

  endCall(fromId: ClientId, callId: string): Ack {
    const call = this.calls.get(callId);
    if (!call || !this.otherMember(call, fromId)) return fail('not_found', 'You are not in this call.');
    this.finishCall(callId, fromId, 'peer_hangup');
    this.settle();
    return { ok: true };
  }

  /** A read-only view for health checks and tests. */
  snapshot(): { queued: number; calls: number; available: number } {
    let available = 0;
    for (const i of this.interpreters.values()) if (i.status === 'available') available++;
    return { queued: this.queue.length, calls: this.calls.size, available };
  }

  // --- internals ---

  /** After every change: offer what can be offered, then tell the kiosks where they stand. */
  private settle(): void {
    this.dispatch();
    this.sendPositions();
  }

  /** Offer every waiting request, oldest first, to the longest-idle available interpreter it may go to. */
  private dispatch(): void {
    for (const request of this.queue) {
      if (request.offer) continue;
      const interpreter = this.pickInterpreter(request);
      if (!interpreter) continue;
      this.offer(request, interpreter);
    }
  }

  private pickInterpreter(request: CallRequest): Interpreter | undefined {
    let best: Interpreter | undefined;
    for (const i of this.interpreters.values()) {
      if (i.status !== 'available' || request.declinedBy.has(i.id)) continue;
      if (!best || i.idleSince < best.idleSince) best = i;
    }
    return best;
  }

  private offer(request: CallRequest, interpreter: Interpreter): void {
    const kiosk = this.kiosks.get(request.kioskId);
    if (!kiosk) return;
    interpreter.ringingFor = request.id;
    this.setStatus(interpreter, 'ringing');
    const cancelTimer = this.deps.clock.setTimeout(() => {
      this.withdrawOffer(request, 'timeout', false);
      this.settle();
    }, this.deps.ringTimeoutMs);
    request.offer = { interpreterId: interpreter.id, cancelTimer };
    this.deps.log('offer', { requestId: request.id, interpreterId: interpreter.id });
    this.deps.outbox.send(interpreter.id, 'call:offer', {
      requestId: request.id,
      kioskName: kiosk.name,
      requestedAt: request.requestedAt,
      ringTimeoutMs: this.deps.ringTimeoutMs,
    });
  }

  /**
   * Take the offer back from its interpreter. `notify` is the reason to tell them (null when they
   * declined themselves). The request stays queued unless the caller removes it.
   */
  private withdrawOffer(
    request: CallRequest,
    notify: OfferWithdrawnReason | null,
    goingOffline: boolean,
  ): void {
    const offer = request.offer;
    if (!offer) return;
    offer.cancelTimer();
    request.offer = null;
    request.declinedBy.add(offer.interpreterId);
    const interpreter = this.interpreters.get(offer.interpreterId);
    if (!interpreter) return;
    interpreter.ringingFor = null;
    if (notify)
      this.deps.outbox.send(interpreter.id, 'call:offer-withdrawn', {
        requestId: request.id,
        reason: notify,
      });
    if (!goingOffline) this.makeAvailable(interpreter, notify !== null);
  }

  private dropRequest(requestId: string, reason: OfferWithdrawnReason): void {
    const request = this.findRequest(requestId);
    if (!request) return;
    // A request that is withdrawn for its own sake does not count against the interpreter.
    if (request.offer) this.withdrawOffer(request, reason, false);
    this.queue.splice(this.queue.indexOf(request), 1);
    const kiosk = this.kiosks.get(request.kioskId);
    if (kiosk) kiosk.requestId = null;
    this.deps.log('request dropped', { requestId, reason });
  }

  private finishCall(callId: string, endedBy: ClientId, reason: CallEndReason): void {
    const call = this.calls.get(callId);
    if (!call) return;
    this.calls.delete(callId);
    const other = this.otherMember(call, endedBy);
    if (other) this.deps.outbox.send(other, 'call:ended', { callId, reason });
    const kiosk = this.kiosks.get(call.kioskId);
    if (kiosk) kiosk.callId = null;
    const interpreter = this.interpreters.get(call.interpreterId);
    if (interpreter) {
      interpreter.callId = null;
      if (interpreter.id !== endedBy || reason !== 'peer_disconnected') this.makeAvailable(interpreter, true);
    }
    this.deps.log('call ended', { callId, reason });
  }

  private makeAvailable(interpreter: Interpreter, tell: boolean): void {
    if (interpreter.status === 'available') return;
    this.setStatus(interpreter, 'available');
    interpreter.idleSince = this.deps.clock.now();
    if (tell) this.deps.outbox.send(interpreter.id, 'presence:changed', { status: 'available' });
  }

  private setStatus(interpreter: Interpreter, to: PresenceStatus): void {
    interpreter.status = transitionPresence(interpreter.status, to, (msg) =>
      this.deps.log(msg, { interpreterId: interpreter.id }),
    );
  }

  /** Tell each waiting kiosk where it stands, when that changed since it was last told. */
  private sendPositions(): void {
    this.queue.forEach((request, index) => {
      const state = request.offer ? 'ringing' : 'queued';
      const status = `${state}:${index + 1}`;
      if (status === request.lastStatus) return;
      request.lastStatus = status;
      this.deps.outbox.send(request.kioskId, 'call:status', {
        requestId: request.id,
        state,
        position: index + 1,
      });
    });
  }

  private findRequest(requestId: string): CallRequest | undefined {
    return this.queue.find((r) => r.id === requestId);
  }

  private otherMember(call: Call, member: ClientId): ClientId | null {
    if (call.kioskId === member) return call.interpreterId;
    if (call.interpreterId === member) return call.kioskId;
    return null;
  }
}
