/**
 * The counters: which clerk console is paired with which kiosk, the citizen's session at each kiosk,
 * and what travels in it (text, real-time drafts, pictograms, the request card) between the kiosk, the
 * clerk and the interpreter of the kiosk's call. Everything here lives in memory only and is dropped
 * when the session ends. Pure logic: ids in, emits out through the outbox, like the switchboard.
 */
import {
  fail,
  type Ack,
  type ChatMessage,
  type CounterState,
  type Identity,
  type IdlePolicy,
  type KioskInfo,
  type PictogramMessage,
  type SessionEndedReason,
  type SessionRole,
} from '../../src/protocol/index.ts';
import type { RequestCard } from '../../src/flows/engine.ts';
import type { Clock } from './clock.ts';
import type { ClientId, KioskCall, Outbox } from './switchboard.ts';

/** What a session keeps for members who join late; the live stream is not limited by this. */
const KEEP_MESSAGES = 200;
const KEEP_PICTOGRAMS = 100;

export interface CounterDeskDeps {
  clock: Clock;
  outbox: Outbox;
  newId: () => string;
  /** A fresh pairing code; the desk retries while it collides with one in use. */
  newPairingCode: () => string;
  /** Whether a card is a complete walk of a known flow. */
  validCard: (card: RequestCard) => boolean;
  idle: IdlePolicy;
  log: (level: 'info' | 'debug', msg: string, fields?: Record<string, unknown>) => void;
}

interface Session {
  id: string;
  card: RequestCard | null;
  messages: ChatMessage[];
  pictograms: PictogramMessage[];
}

interface CounterKiosk {
  id: ClientId;
  info: KioskInfo;
  key: string | null;
  code: string;
  clerkId: ClientId | null;
  session: Session | null;
  call: KioskCall;
}

interface Clerk {
  id: ClientId;
  name: string;
  /** A clerk of an office pairs only with that office's kiosks. */
  office: string | null;
  kioskId: ClientId | null;
}

const NO_CALL: KioskCall = { state: 'none', interpreterId: null, interpreterName: null };

export class CounterDesk {
  private readonly kiosks = new Map<ClientId, CounterKiosk>();
  private readonly clerks = new Map<ClientId, Clerk>();
  /** Interpreter socket → the kiosk it is in a call with. */
  private readonly inCallWith = new Map<ClientId, ClientId>();

  constructor(private readonly deps: CounterDeskDeps) {}

  connect(id: ClientId, auth: Identity): void {
    if (auth.role === 'clerk') {
      this.clerks.set(id, { id, name: auth.name, office: auth.office ?? null, kioskId: null });
      return;
    }
    if (auth.role !== 'kiosk') return;
    const kiosk: CounterKiosk = {
      id,
      info: { name: auth.name, office: auth.office ?? null, counter: auth.counter ?? null },
      key: auth.kioskId ?? null,
      code: this.freshCode(),
      clerkId: null,
      session: null,
      call: NO_CALL,
    };
    this.kiosks.set(id, kiosk);
    this.tellState(kiosk);
  }

  disconnect(id: ClientId): void {
    const kiosk = this.kiosks.get(id);
    if (kiosk) {
      this.kiosks.delete(id);
      if (kiosk.session) this.endSession(kiosk, 'kiosk_left');
      const clerk = kiosk.clerkId ? this.clerks.get(kiosk.clerkId) : undefined;
      if (clerk) {
        clerk.kioskId = null;
        this.deps.outbox.send(clerk.id, 'session:state', this.stateFor(null, clerk));
      }
    }
    const clerk = this.clerks.get(id);
    if (clerk) {
      const paired = clerk.kioskId ? this.kiosks.get(clerk.kioskId) : undefined;
      this.clerks.delete(id);
      if (paired) {
        paired.clerkId = null;
        this.tellState(paired);
      }
    }
    this.inCallWith.delete(id);
  }

  /** From the switchboard: the kiosk's interpreter call changed. */
  kioskCallChanged(kioskId: ClientId, call: KioskCall): void {
    const kiosk = this.kiosks.get(kioskId);
    if (!kiosk) return;
    const before = kiosk.call;
    if (before.interpreterId && before.interpreterId !== call.interpreterId) {
      this.inCallWith.delete(before.interpreterId);
      if (kiosk.session) this.tellEnded(before.interpreterId, kiosk.session.id, 'done');
    }
    kiosk.call = call;
    if (call.interpreterId && call.interpreterId !== before.interpreterId) {
      this.inCallWith.set(call.interpreterId, kiosk.id);
      if (kiosk.session) this.sendSnapshot(call.interpreterId, kiosk.session);
    }
    if (before.state !== call.state || before.interpreterName !== call.interpreterName) this.tellState(kiosk);
  }

  pair(clerkId: ClientId, code: string): Ack<{ kiosk: KioskInfo }> {
    const clerk = this.clerks.get(clerkId);
    if (!clerk) return fail('forbidden', 'Only clerk consoles pair with kiosks.');
    const kiosk = [...this.kiosks.values()].find(
      (k) => k.code === code || (k.key !== null && k.key === code),
    );
    if (!kiosk) return fail('not_found', 'No kiosk shows this code. Check the code on the kiosk screen.');
    if (clerk.office !== null && clerk.office !== kiosk.info.office)
      return fail('forbidden', 'This kiosk is in another office.');
    if (kiosk.clerkId && kiosk.clerkId !== clerkId)
      return fail('conflict', 'Another clerk console is paired with this kiosk.');
    if (clerk.kioskId && clerk.kioskId !== kiosk.id) this.unpair(clerkId);
    clerk.kioskId = kiosk.id;
    kiosk.clerkId = clerkId;
    this.deps.log('info', 'paired', { clerkId, kioskId: kiosk.id });
    this.tellState(kiosk);
    if (kiosk.session) this.sendSnapshot(clerkId, kiosk.session);
    return { ok: true, kiosk: kiosk.info };
  }

  unpair(clerkId: ClientId): Ack {
    const clerk = this.clerks.get(clerkId);
    const kiosk = clerk?.kioskId ? this.kiosks.get(clerk.kioskId) : undefined;
    if (!clerk || !kiosk) return fail('not_found', 'This console is not paired with a kiosk.');
    clerk.kioskId = null;
    kiosk.clerkId = null;
    this.tellState(kiosk);
    this.deps.outbox.send(clerk.id, 'session:state', this.stateFor(null, clerk));
    return { ok: true };
  }

  startSession(from: ClientId): Ack<{ sessionId: string }> {
    const kiosk = this.counterOf(from);
    if (!kiosk) return fail('not_found', 'Pair this console with a kiosk first.');
    if (!kiosk.session) {
      kiosk.session = { id: this.deps.newId(), card: null, messages: [], pictograms: [] };
      this.deps.log('info', 'session started', { kioskId: kiosk.id, sessionId: kiosk.session.id });
      this.tellState(kiosk);
    }
    return { ok: true, sessionId: kiosk.session.id };
  }

  endSessionFrom(from: ClientId, reason: 'done' | 'idle' | 'away'): Ack {
    const kiosk = this.counterOf(from);
    if (!kiosk?.session) return fail('not_found', 'There is no session at this counter.');
    this.endSession(kiosk, reason);
    return { ok: true };
  }

  chat(from: ClientId, text: string): Ack<{ id: string }> {
    const found = this.sessionOf(from);
    if (!found.ok) return found;
    const message: ChatMessage = {
      sessionId: found.session.id,
      id: this.deps.newId(),
      from: found.role,
      text,
      at: this.deps.clock.now(),
    };
    keep(found.session.messages, message, KEEP_MESSAGES);
    for (const to of this.members(found.kiosk)) this.deps.outbox.send(to, 'chat:message', message);
    return { ok: true, id: message.id };
  }

  draft(from: ClientId, text: string): Ack {
    const found = this.sessionOf(from);
    if (!found.ok) return found;
    const draft = { sessionId: found.session.id, from: found.role, text };
    for (const to of this.members(found.kiosk))
      if (to !== from) this.deps.outbox.send(to, 'chat:draft', draft);
    return { ok: true };
  }

  pictograms(from: ClientId, ids: string[]): Ack<{ id: string }> {
    const found = this.sessionOf(from);
    if (!found.ok) return found;
    const message: PictogramMessage = {
      sessionId: found.session.id,
      id: this.deps.newId(),
      from: found.role,
      ids,
      at: this.deps.clock.now(),
    };
    keep(found.session.pictograms, message, KEEP_PICTOGRAMS);
    for (const to of this.members(found.kiosk)) this.deps.outbox.send(to, 'pictogram:shown', message);
    return { ok: true, id: message.id };
  }

  shareCard(from: ClientId, card: RequestCard): Ack {
    const kiosk = this.kiosks.get(from);
    if (!kiosk?.session) return fail('not_found', 'There is no session at this kiosk.');
    if (!this.deps.validCard(card))
      return fail(
        'bad_request',
        'Invalid request card: its answers are not a complete walk of a known service.',
      );
    kiosk.session.card = card;
    const shared = { sessionId: kiosk.session.id, card };
    for (const to of this.members(kiosk)) if (to !== from) this.deps.outbox.send(to, 'card:shared', shared);
    return { ok: true };
  }

  /** For /healthz and tests: counts only. */
  snapshot(): { kiosks: number; clerks: number; sessions: number } {
    const sessions = [...this.kiosks.values()].filter((k) => k.session).length;
    return { kiosks: this.kiosks.size, clerks: this.clerks.size, sessions };
  }

  // --- inside ---

  private endSession(kiosk: CounterKiosk, reason: SessionEndedReason): void {
    const session = kiosk.session;
    if (!session) return;
    kiosk.session = null;
    for (const to of this.members(kiosk)) this.tellEnded(to, session.id, reason);
    this.deps.log('info', 'session ended', { kioskId: kiosk.id, sessionId: session.id, reason });
    if (this.kiosks.has(kiosk.id)) this.tellState(kiosk);
  }

  private tellEnded(to: ClientId, sessionId: string, reason: SessionEndedReason): void {
    this.deps.outbox.send(to, 'session:ended', { sessionId, reason });
  }

  /** The kiosk a kiosk, clerk or interpreter socket speaks for. */
  private counterOf(from: ClientId): CounterKiosk | undefined {
    const kioskId = this.kiosks.has(from)
      ? from
      : (this.clerks.get(from)?.kioskId ?? this.inCallWith.get(from) ?? null);
    return kioskId ? this.kiosks.get(kioskId) : undefined;
  }

  private sessionOf(
    from: ClientId,
  ): { ok: true; kiosk: CounterKiosk; session: Session; role: SessionRole } | ReturnType<typeof fail> {
    const kiosk = this.counterOf(from);
    if (!kiosk?.session) return fail('not_found', 'There is no session at this counter.');
    const role: SessionRole = kiosk.id === from ? 'kiosk' : kiosk.clerkId === from ? 'clerk' : 'interpreter';
    return { ok: true, kiosk, session: kiosk.session, role };
  }

  /** Who hears what is said in a kiosk's session: the kiosk, its clerk, and its interpreter. */
  private members(kiosk: CounterKiosk): ClientId[] {
    const list = this.kiosks.has(kiosk.id) ? [kiosk.id] : [];
    if (kiosk.clerkId) list.push(kiosk.clerkId);
    if (kiosk.call.state === 'in-call' && kiosk.call.interpreterId) list.push(kiosk.call.interpreterId);
    return list;
  }

  private sendSnapshot(to: ClientId, session: Session): void {
    this.deps.outbox.send(to, 'session:snapshot', {
      sessionId: session.id,
      card: session.card,
      messages: session.messages,
      pictograms: session.pictograms,
    });
  }

  private tellState(kiosk: CounterKiosk): void {
    const clerk = kiosk.clerkId ? this.clerks.get(kiosk.clerkId) : undefined;
    this.deps.outbox.send(kiosk.id, 'session:state', this.stateFor(kiosk, null));
    if (clerk) this.deps.outbox.send(clerk.id, 'session:state', this.stateFor(kiosk, clerk));
  }

  private stateFor(kiosk: CounterKiosk | null, forClerk: Clerk | null): CounterState {
    const clerk = kiosk?.clerkId ? this.clerks.get(kiosk.clerkId) : undefined;
    return {
      sessionId: kiosk?.session?.id ?? null,
      pairingCode: forClerk || !kiosk ? null : kiosk.code,
      clerkName: forClerk ? null : (clerk?.name ?? null),
      kiosk: forClerk && kiosk ? kiosk.info : null,
      call: { state: kiosk?.call.state ?? 'none', interpreterName: kiosk?.call.interpreterName ?? null },
      idle: this.deps.idle,
    };
  }

  private freshCode(): string {
    const inUse = new Set([...this.kiosks.values()].map((k) => k.code));
    for (;;) {
      const code = this.deps.newPairingCode();
      if (!inUse.has(code)) return code;
    }
  }
}

function keep<T>(list: T[], item: T, max: number): void {
  list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
}
