/**
 * The routing core: `step(state, input, now) → { state, effects, ack }`, a pure function. It takes a
 * validated client event (with the sender's socket id), a connection change or a timer firing, and
 * returns the next state and what to do (sends, records, timers, logs) as plain data. The shell
 * (`signaling-server/shell/driver.ts`) is the only stateful object; it executes the effects.
 */
import { isOrderedMap, OrderedMap } from 'immutable';
import type { Ack, ClientEventName } from '../../src/protocol/index.ts';
import { accept, callOf, endCall, finishCall, relaySignal, resumeCall, resumeTimedOut } from './calls.ts';
import {
  chat,
  draft,
  endSessionFrom,
  freshCode,
  joinKiosk,
  leaveClerk,
  leaveKiosk,
  NO_CALL,
  pair,
  pictograms,
  shareCard,
  startSession,
  syncCallView,
  unpair,
  sweepCodes,
} from './counter.ts';
import { settle, summaryOf } from './glance.ts';
import { setPresence, wrapUpDone, wrapUpTimer } from './presence.ts';
import {
  askAnyGender,
  cancelRequest,
  chooseFallback,
  decline,
  dropRequest,
  offerFallback,
  relax,
  askAnySkill,
  requestCall,
  requestOf,
  ringTimedOut,
  ringingFor,
  withdrawFrom,
} from './requests.ts';
import { relayOfferSignal } from './preconnect.ts';
import { arm, begin, cancel, log, put, send, type Later, type Tx } from './tx.ts';
import type { ClientEvent, ClientId, CoreConfig, CoreState, Identity, Input, StepResult } from './types.ts';
import { forgetEnded, rateCall, reportQuality } from './reports.ts';
import { rebind, resync } from './rebind.ts';
import { reportSelfTest } from './device.ts';
import { backchannel, cancelJoin, flowing, invite, leaveCall, setActive, transfer, without } from './team.ts';

/** Long before any clock reading: a throttle that never ran may run now. */
const NEVER = -1e15;
const EMPTY_SUMMARY = JSON.stringify({ waiting: 0, oldestRequestedAt: null, available: 0 });

export const holdTimer = (id: ClientId) => `hold:${id}`;

export function initialState(): CoreState {
  return {
    clients: OrderedMap(),
    queue: [],
    requests: OrderedMap(),
    calls: OrderedMap(),
    timers: OrderedMap(),
    held: OrderedMap(),
    answerTimes: [],
    pairAttempts: OrderedMap(),
    offices: OrderedMap(),
    endedCalls: OrderedMap(),
    // What an empty queue looks like: interpreters who join are told it, and nobody needs it again.
    glance: { summarySent: EMPTY_SUMMARY, summaryAt: NEVER, positionsAt: NEVER },
    errors: 0,
  };
}

type Handler<E extends ClientEventName> = (
  tx: Tx,
  from: ClientId,
  payload: Extract<ClientEvent, { event: E }>['payload'],
  input: Input,
) => Ack<object> | Later;

/** One line per client event. */
const HANDLERS: { [E in ClientEventName]: Handler<E> } = {
  'presence:set': (tx, from, p) => setPresence(tx, from, p.status),
  'call:request': (tx, from, p) => requestCall(tx, from, p),
  'call:cancel': (tx, from, p) => cancelRequest(tx, from, p.requestId),
  'call:relax': (tx, from, p) => relax(tx, from, p.requestId, p.drop ?? 'gender'),
  'call:fallback': (tx, from, p) => chooseFallback(tx, from, p.requestId),
  'call:accept': (tx, from, p) => accept(tx, from, p.requestId),
  'call:decline': (tx, from, p) => decline(tx, from, p.requestId),
  'call:signal': (tx, from, p) => relaySignal(tx, from, p.callId, p.data, p.to),
  'offer:signal': (tx, from, p) => relayOfferSignal(tx, from, p.requestId, p.data),
  'call:end': (tx, from, p) => endCall(tx, from, p.callId),
  'call:resume': (tx, from, p, input) => resumeCall(tx, from, p, input.resume),
  'session:pair': (tx, from, p) => pair(tx, from, p.code),
  'session:unpair': (tx, from) => unpair(tx, from),
  'session:start': (tx, from) => startSession(tx, from),
  'session:end': (tx, from, p) => endSessionFrom(tx, from, p.reason),
  'chat:send': (tx, from, p) => chat(tx, from, p.text),
  'chat:draft': (tx, from, p) => draft(tx, from, p.text),
  'pictogram:send': (tx, from, p) => pictograms(tx, from, p.ids),
  'card:send': (tx, from, p) => shareCard(tx, from, p.card),
  'call:quality': (tx, from, p) => reportQuality(tx, from, p.callId, p.summary),
  'call:rate': (tx, from, p) => rateCall(tx, from, p.callId, p.rating),
  'call:transfer': (tx, from, p) => transfer(tx, from, p),
  'call:invite': (tx, from, p) => invite(tx, from, p),
  'call:join-cancel': (tx, from, p) => cancelJoin(tx, from, p.callId),
  'call:flowing': (tx, from, p) => flowing(tx, from, p.callId),
  'call:leave': (tx, from, p) => leaveCall(tx, from, p.callId),
  'call:active': (tx, from, p) => setActive(tx, from, p.callId, p.leg),
  'call:backchannel': (tx, from, p) => backchannel(tx, from, p.callId, p.text),
  'kiosk:self-test': (tx, from, p) => reportSelfTest(tx, from, p.checks),
  'client:rebind': (tx, from, p) => rebind(tx, from, p.previousId),
};

/** What each timer does when it fires, by the prefix of its id. */
const TIMERS: Record<string, (tx: Tx, key: string) => void> = {
  ring: ringTimedOut,
  gender: askAnyGender,
  skill: askAnySkill,
  fallback: offerFallback,
  wrapup: wrapUpDone,
  resume: resumeTimedOut,
  codes: sweepCodes,
  hold: leave,
  ended: forgetEnded,
  glance: () => {},
};

export function createCore(cfg: CoreConfig) {
  return {
    step(state: CoreState, input: Input, now: number): StepResult {
      const tx = begin(cfg, state, now, input.rand);
      let ack: Ack<object> | Later | undefined;
      switch (input.type) {
        case 'connect':
          join(tx, input.id, input.identity);
          break;
        case 'disconnect':
          disconnect(tx, input.id, input.network);
          break;
        case 'recover':
          if (tx.s.held.get(input.id)) put(tx, 'held', input.id, undefined);
          cancel(tx, holdTimer(input.id));
          break;
        case 'timer':
          fire(tx, input.id);
          break;
        case 'office-renamed':
          renameOffice(tx, input.from, input.to);
          break;
        case 'office-routing':
          put(tx, 'offices', input.office, input.routing ?? undefined);
          break;
        case 'resync':
          resync(tx, input.since);
          break;
        case 'reconcile': {
          const keep = [...tx.s.requests.keys(), ...[...tx.s.calls.values()].map((c) => c.requestId)];
          tx.effects.push({ type: 'record', record: { op: 'orphans', keep, at: tx.now } });
          break;
        }
        case 'client': {
          const handler = HANDLERS[input.event] as Handler<ClientEventName>;
          ack = handler(tx, input.from, input.payload, input);
          break;
        }
      }
      settle(tx);
      for (const kioskId of tx.touched) syncCallView(tx, kioskId);
      // An ack may depend on what the whole step did (going available can ring at once): it is read last.
      const answer = typeof ack === 'function' ? ack() : ack;
      return { state: tx.s, effects: tx.effects, ...(answer ? { ack: answer } : {}) };
    },
  };
}
export type Core = ReturnType<typeof createCore>;

/** Kiosks and clerks keep their sessions and calls: only the name they are matched by changes. */
function renameOffice(tx: Tx, from: string, to: string): void {
  for (const c of tx.s.clients.values())
    if ((c.kind === 'kiosk' || c.kind === 'clerk') && c.office === from)
      put(tx, 'clients', c.id, { ...c, office: to });
  const routing = tx.s.offices.get(from);
  if (routing) {
    put(tx, 'offices', from, undefined);
    put(tx, 'offices', to, routing);
  }
}

function join(tx: Tx, id: ClientId, who: Identity): void {
  if (tx.s.clients.get(id)) return;
  const accountId = who.accountId;
  if (who.role === 'kiosk') {
    const kiosk = {
      kind: 'kiosk' as const,
      id,
      accountId,
      name: who.name,
      office: who.office ?? null,
      counter: who.counter ?? null,
      ...freshCode(tx),
      clerkId: null,
      session: null,
      callView: NO_CALL,
    };
    joinKiosk(tx, kiosk);
  } else if (who.role === 'interpreter') {
    const languages = [...who.languages];
    put(tx, 'clients', id, {
      kind: 'interpreter',
      id,
      accountId,
      name: who.name,
      gender: who.gender,
      languages,
      skills: [...(who.skills ?? [])],
      status: 'offline',
      idleSince: tx.now,
      statusSince: tx.now,
      wrapUpEndsAt: null,
    });
    send(tx, id, 'queue:summary', summaryOf(tx.s));
  } else if (who.role === 'clerk') {
    put(tx, 'clients', id, { kind: 'clerk', id, accountId, name: who.name, office: who.office ?? null });
  } else {
    put(tx, 'clients', id, { kind: 'other', id, accountId });
  }
}

/** A network drop keeps the socket's state for the recovery window; leaving on purpose lets go now. */
function disconnect(tx: Tx, id: ClientId, network: boolean): void {
  if (!tx.s.clients.get(id)) return;
  if (network && tx.cfg.recoveryWindowMs > 0) {
    put(tx, 'held', id, true);
    arm(tx, holdTimer(id), tx.now + tx.cfg.recoveryWindowMs);
    return;
  }
  leave(tx, id);
}

function leave(tx: Tx, id: ClientId): void {
  const client = tx.s.clients.get(id);
  put(tx, 'held', id, undefined);
  cancel(tx, holdTimer(id));
  if (!client) return;
  log(tx, 'debug', 'left', { clientId: id, kind: client.kind });
  if (client.kind === 'kiosk') {
    const request = requestOf(tx.s, id);
    if (request) dropRequest(tx, request.id, 'abandoned', 'kiosk_disconnected');
    const call = callOf(tx.s, id);
    if (call) finishCall(tx, call.id, id, 'peer_disconnected');
    syncCallView(tx, id);
    put(tx, 'clients', id, undefined);
    leaveKiosk(tx, client);
  } else if (client.kind === 'interpreter') {
    if (ringingFor(tx.s, id)) withdrawFrom(tx, id, 'offline', null);
    const call = callOf(tx.s, id);
    // One of two interpreters gone: the other goes on with the citizen.
    if (call?.partner) without(tx, call, id);
    else if (call) finishCall(tx, call.id, id, 'peer_disconnected');
    cancel(tx, wrapUpTimer(id));
    put(tx, 'clients', id, undefined);
  } else if (client.kind === 'clerk') {
    leaveClerk(tx, id);
    put(tx, 'clients', id, undefined);
  } else {
    put(tx, 'clients', id, undefined);
  }
}

function fire(tx: Tx, id: string): void {
  if (tx.s.timers.get(id) === undefined) {
    log(tx, 'debug', 'stale timer', { timer: id });
    return;
  }
  put(tx, 'timers', id, undefined);
  const colon = id.indexOf(':');
  const run = TIMERS[id.slice(0, colon)];
  if (run) run(tx, id.slice(colon + 1));
  else log(tx, 'warn', 'unknown timer', { timer: id.slice(0, 40) });
}

/** The state as JSON (timers are in it as deadlines, so a restored core re-arms them). */
export function snapshot(state: CoreState): string {
  const plain = Object.fromEntries(
    Object.entries(state).map(([key, value]) =>
      isOrderedMap(value) ? [key, { [MAP]: [...(value as OrderedMap<string, unknown>)] }] : [key, value],
    ),
  );
  return JSON.stringify(plain);
}

export function restore(json: string): CoreState {
  const parsed = JSON.parse(json, (_key, value: unknown) =>
    value && typeof value === 'object' && MAP in value
      ? OrderedMap((value as Record<string, [string, unknown][]>)[MAP])
      : value,
  ) as CoreState;
  return { ...initialState(), ...parsed };
}

/** How a table is written in a snapshot. */
const MAP = '$map';
