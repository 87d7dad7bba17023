/**
 * Property tests of the pure routing core: random sequences of events from many kiosks, interpreters
 * and clerks (connections, drops, presence, requests, accepts, declines, hang-ups, timers firing, and
 * restarts through snapshot/restore) keep the invariants after every step. The input state is frozen
 * before each step, so a step that changed it in place would throw.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createCore, initialState, restore, snapshot } from '../../signaling-server/domain/core.ts';
import type {
  CoreEvent,
  CoreState,
  Effect,
  Identity,
  Input,
  StepResult,
} from '../../signaling-server/domain/types.ts';
import { CONFIG } from '../helpers/core.ts';

const KIOSKS = ['k0', 'k1', 'k2', 'k3'];
const INTERPRETERS = ['i0', 'i1', 'i2'];
const CLERKS = ['c0', 'c1'];
const core = createCore({
  ...CONFIG,
  recoveryWindowMs: 5000,
  routing: { ...CONFIG.routing, languages: ['sdl', 'ase'] },
});

function identity(id: string): Identity {
  if (id.startsWith('k'))
    return { role: 'kiosk', name: id, office: 'A', counter: id, accountId: `acc-${id}` };
  if (id.startsWith('c')) return { role: 'clerk', name: id, office: 'A', accountId: `acc-${id}` };
  const n = Number(id.slice(1));
  return {
    role: 'interpreter',
    name: id,
    gender: n % 2 ? 'male' : 'female',
    languages: n === 2 ? ['sdl', 'ase'] : ['sdl'],
    skills: n === 0 ? [] : n === 1 ? ['legal'] : ['legal', 'medical'],
    accountId: `acc-${id}`,
  };
}

type Cmd =
  | { c: 'connect' | 'leave' | 'drop' | 'recover'; who: string }
  | { c: 'presence'; who: string; status: 'available' | 'break' | 'offline' }
  | {
      c: 'request';
      who: string;
      gender: 'any' | 'female' | 'male';
      language: 'sdl' | 'ase';
      flow: 'court' | 'birth' | null;
    }
  /** Office A's routing choices change (priority and do-not-route interpreters, a service's skills). */
  | { c: 'routing'; priority: string[]; blocked: string[]; birthNeeds: 'medical' | null }
  /** An interpreter in a call hands it on, invites a teammate, reports flowing media, hands off… */
  | {
      c: 'transfer' | 'invite' | 'join-cancel' | 'flowing' | 'hand-off' | 'active';
      who: string;
      reason: 'gender_requested' | 'recusal' | 'specialty';
    }
  | {
      c:
        | 'cancel'
        | 'relax'
        | 'relax-skills'
        | 'fallback'
        | 'hangup'
        | 'accept'
        | 'decline'
        | 'pair'
        | 'start'
        | 'chat';
      who: string;
    }
  | { c: 'timer' }
  /** Whoever rings for an invitation into a call answers it. */
  | { c: 'answer-join' }
  | { c: 'restart' }
  /** The client drops and its page comes back on a new connection that rebinds, then back again. */
  | { c: 'rebind'; who: string };

const anyone = fc.constantFrom(...KIOSKS, ...INTERPRETERS, ...CLERKS);
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  {
    arbitrary: fc.record({ c: fc.constantFrom('connect', 'leave', 'drop', 'recover'), who: anyone }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      c: fc.constant('presence'),
      who: fc.constantFrom(...INTERPRETERS),
      status: fc.constantFrom('available', 'break', 'offline'),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      c: fc.constant('request'),
      who: fc.constantFrom(...KIOSKS),
      gender: fc.constantFrom('any', 'any', 'female', 'male'),
      language: fc.constantFrom('sdl', 'sdl', 'ase'),
      flow: fc.constantFrom(null, null, 'court', 'birth'),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      c: fc.constant('routing' as const),
      priority: fc.subarray(INTERPRETERS.map((i) => `acc-${i}`)),
      blocked: fc.subarray(
        INTERPRETERS.map((i) => `acc-${i}`),
        { maxLength: 1 },
      ),
      birthNeeds: fc.constantFrom('medical' as const, null),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      c: fc.constantFrom(
        'cancel',
        'relax',
        'relax-skills',
        'fallback',
        'hangup',
        'accept',
        'decline',
        'pair',
        'start',
        'chat',
      ),
      who: anyone,
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      c: fc.constantFrom('accept', 'accept', 'decline', 'hangup', 'leave'),
      who: fc.constantFrom(...INTERPRETERS),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      c: fc.constantFrom('transfer', 'invite', 'join-cancel', 'flowing', 'flowing', 'hand-off', 'active'),
      who: fc.constantFrom(...INTERPRETERS),
      reason: fc.constantFrom('gender_requested', 'recusal', 'specialty'),
    }),
    weight: 3,
  },
  { arbitrary: fc.constant({ c: 'timer' as const }), weight: 1 },
  { arbitrary: fc.constant({ c: 'answer-join' as const }), weight: 2 },
  { arbitrary: fc.constant({ c: 'restart' as const }), weight: 1 },
  { arbitrary: fc.record({ c: fc.constant('rebind' as const), who: anyone }), weight: 1 },
);

/** How often the interesting paths ran, so a test that never reaches them fails. */
const seen = { calls: 0, requeues: 0, rebinds: 0, joins: 0, partners: 0 };

/** Freezes a state deeply; a frozen Map throws on any write (Object.freeze alone does not stop it). */
function deepFreeze<T>(o: T): T {
  if (!o || typeof o !== 'object' || Object.isFrozen(o)) return o;
  if (o instanceof Map) {
    const refuse = () => {
      throw new TypeError('a step wrote to its input state');
    };
    Object.assign(o, { set: refuse, delete: refuse, clear: refuse });
    for (const v of o.values()) deepFreeze(v);
  } else for (const v of Object.values(o)) deepFreeze(v);
  Object.freeze(o);
  return o;
}

/** Turns a command into an input for the current state (ids come from the state, as a client's would). */
function toInput(s: CoreState, cmd: Cmd, n: number): CoreEvent | null {
  const requestOf = (k: string) => s.queue.map((id) => s.requests.get(id)!).find((r) => r.kioskId === k);
  const callOf = (m: string) =>
    [...s.calls.values()].find(
      (c) => c.kioskId === m || c.interpreterId === m || c.partner?.interpreterId === m,
    );
  const client = <E extends string>(event: E, payload: object) =>
    ({ type: 'client', from: 'who' in cmd ? cmd.who : '', event, payload }) as never;
  switch (cmd.c) {
    case 'connect':
      return { type: 'connect', id: cmd.who, identity: identity(cmd.who) };
    case 'leave':
      return { type: 'disconnect', id: cmd.who, network: false };
    case 'drop':
      return { type: 'disconnect', id: cmd.who, network: true };
    case 'recover':
      return s.held.get(cmd.who) ? { type: 'recover', id: cmd.who } : null;
    case 'presence':
      return client('presence:set', { status: cmd.status });
    case 'request':
      return client('call:request', {
        gender: cmd.gender,
        language: cmd.language,
        ...(cmd.flow ? { flow: cmd.flow } : {}),
      });
    case 'routing':
      return {
        type: 'office-routing',
        office: 'A',
        routing: {
          priority: cmd.priority,
          blocked: cmd.blocked,
          flowSkills: cmd.birthNeeds ? { birth: [cmd.birthNeeds] } : {},
        },
      };
    case 'relax-skills':
      return client('call:relax', { requestId: requestOf(cmd.who)?.id ?? `nope-${n}-0000`, drop: 'skills' });
    case 'cancel':
    case 'relax':
    case 'fallback': {
      const requestId = requestOf(cmd.who)?.id ?? `nope-${n}-0000`;
      return client(`call:${cmd.c}`, { requestId });
    }
    case 'accept':
    case 'decline': {
      const r = s.queue.map((id) => s.requests.get(id)!).find((x) => x.offer?.interpreterId === cmd.who);
      return client(`call:${cmd.c}`, { requestId: r?.id ?? `nope-${n}-0000` });
    }
    case 'hangup':
      return client('call:end', { callId: callOf(cmd.who)?.id ?? `nope-${n}-0000` });
    case 'pair': {
      const kiosk = [...s.clients.values()].find((c) => c.kind === 'kiosk');
      return client('session:pair', { code: kiosk?.kind === 'kiosk' ? kiosk.code : '123456' });
    }
    case 'start':
      return client('session:start', {});
    case 'chat':
      return client('chat:send', { text: 'مرحبا' });
    case 'transfer':
    case 'invite':
    case 'join-cancel':
    case 'flowing':
    case 'hand-off':
    case 'active': {
      const call = callOf(cmd.who);
      const callId = call?.id ?? `nope-${n}-0000`;
      if (cmd.c === 'transfer')
        return client('call:transfer', {
          callId,
          reason: cmd.reason,
          ...(cmd.reason === 'specialty' ? { skills: ['legal'] } : {}),
        });
      if (cmd.c === 'invite') return client('call:invite', { callId, deaf: cmd.reason === 'specialty' });
      if (cmd.c === 'active')
        return client('call:active', {
          callId,
          leg: call?.partner?.leg ?? call?.interpreterLeg ?? `nope-${n}-0000`,
        });
      return client(cmd.c === 'hand-off' ? 'call:leave' : `call:${cmd.c}`, { callId });
    }
    case 'answer-join': {
      const r = s.queue.map((id) => s.requests.get(id)!).find((x) => x.join && x.offer);
      if (!r) return null;
      return {
        type: 'client',
        from: r.offer!.interpreterId,
        event: 'call:accept',
        payload: { requestId: r.id },
      };
    }
    case 'timer':
    case 'restart':
    case 'rebind':
      return null;
  }
}

interface Ledger {
  requested: Set<string>;
  closed: Set<string>;
  offered: Map<string, number>;
  offerResults: Map<string, number>;
}

function check(before: CoreState, r: StepResult, ledger: Ledger): void {
  const s = r.state;
  // Every request is in exactly one place: queued or ringing, in a call, or ended with an outcome.
  expect(new Set(s.queue).size).toBe(s.queue.length);
  expect([...s.requests.keys()].sort()).toEqual([...s.queue].sort());
  for (const e of r.effects) {
    if (e.type !== 'record') continue;
    const op = e.record;
    if (op.op === 'requested') ledger.requested.add(op.id);
    if (op.op === 'unanswered' || op.op === 'ended') ledger.closed.add(op.requestId);
    if (op.op === 'offered') ledger.offered.set(op.requestId, (ledger.offered.get(op.requestId) ?? 0) + 1);
    if (op.op === 'offer-result')
      ledger.offerResults.set(op.requestId, (ledger.offerResults.get(op.requestId) ?? 0) + 1);
  }
  const inCalls = new Set([...s.calls.values()].map((c) => c.requestId));
  for (const id of ledger.requested) {
    const places = [s.queue.includes(id), inCalls.has(id), ledger.closed.has(id)].filter(Boolean);
    expect(places, `request ${id}`).toHaveLength(1);
  }
  const kiosksBusy = new Map<string, number>();
  for (const id of s.queue) {
    const req = s.requests.get(id)!;
    expect(s.clients.get(req.kioskId)?.kind).toBe('kiosk');
    if (req.join) {
      // An invitation belongs to a live call of its kiosk that has room for another interpreter.
      const call = s.calls.get(req.join.callId);
      expect(call?.kioskId).toBe(req.kioskId);
      expect(call?.partner ?? null).toBeNull();
      expect(s.queue.filter((q) => s.requests.get(q)!.join?.callId === req.join!.callId)).toHaveLength(1);
      seen.joins++;
    } else kiosksBusy.set(req.kioskId, (kiosksBusy.get(req.kioskId) ?? 0) + 1);
    if (req.offer) {
      expect(s.timers.get(`ring:${id}`)).toBeDefined();
      const who = s.clients.get(req.offer.interpreterId);
      expect(who?.kind === 'interpreter' && who.status).toBe('ringing');
      // Offered only to someone with every skill asked, whom the office does not block.
      if (who?.kind === 'interpreter') {
        for (const skill of req.skills) expect(who.skills).toContain(skill);
        if (
          r.effects.some((e) => e.type === 'record' && e.record.op === 'offered' && e.record.requestId === id)
        )
          expect(s.offices.get('A')?.blocked ?? []).not.toContain(who.accountId);
      }
    }
  }
  for (const c of [...s.calls.values()]) {
    if (c.kioskId) kiosksBusy.set(c.kioskId, (kiosksBusy.get(c.kioskId) ?? 0) + 1);
    if (c.partner) {
      // Two different interpreters, each with its own leg.
      expect(c.partner.interpreterId).not.toBe(c.interpreterId);
      expect(c.partner.leg).not.toBe(c.interpreterLeg);
      seen.partners++;
    }
    if (c.state === 'resuming') expect(s.timers.get(`resume:${c.id}`)).toBeDefined();
  }
  for (const n of kiosksBusy.values()) expect(n).toBe(1);
  // No interpreter is in two calls or rings for two requests; presence agrees with both.
  for (const c of [...s.clients.values()]) {
    if (c.kind !== 'interpreter') continue;
    const rings = s.queue.filter((id) => s.requests.get(id)!.offer?.interpreterId === c.id).length;
    const calls = [...s.calls.values()].filter(
      (x) => x.interpreterId === c.id || x.partner?.interpreterId === c.id,
    ).length;
    expect(rings + calls).toBeLessThanOrEqual(1);
    expect(c.status === 'ringing').toBe(rings === 1);
    expect(c.status === 'in-call').toBe(calls === 1);
    if (c.status === 'wrap-up') expect(s.timers.get(`wrapup:${c.id}`)).toBeDefined();
  }
  // Every send targets a client the core knows (before or after the step).
  for (const e of r.effects as Effect[])
    if (e.type === 'send' || e.type === 'start-call')
      expect(before.clients.get(e.to) ?? s.clients.get(e.to), `${e.type} to ${e.to}`).toBeDefined();
  // Timers in the state and the last arm/cancel effect of each agree.
  const last = new Map<string, number | undefined>();
  for (const e of r.effects) {
    if (e.type === 'arm') last.set(e.id, e.at);
    if (e.type === 'cancel') last.set(e.id, undefined);
  }
  for (const [id, at] of last) expect(s.timers.get(id), id).toBe(at);
}

function run(cmds: Cmd[]): void {
  let s = initialState();
  let now = 1_700_000_000_000;
  let n = 0;
  const ledger: Ledger = {
    requested: new Set(),
    closed: new Set(),
    offered: new Map(),
    offerResults: new Map(),
  };
  const rand = () => (++n).toString(16).padStart(8, '0').repeat(16);
  const apply = (input: CoreEvent) => {
    const frozen = deepFreeze(s);
    const full = { ...input, rand: rand() } as Input;
    const r = core.step(frozen, full, now);
    // restore(snapshot(s)) behaves exactly like s.
    const again = core.step(restore(snapshot(frozen)), full, now);
    expect(again).toEqual(r);
    check(frozen, r, ledger);
    // A refused event changes nothing (but a pairing attempt, which counts against the account).
    const event = (input as { event?: string }).event;
    if (r.ack && !r.ack.ok && event !== 'session:pair') expect(r.state, `refused ${event}`).toEqual(frozen);
    seen.calls += r.effects.filter((e) => e.type === 'start-call').length / 2;
    checkRequeue(frozen, input, r);
    s = r.state;
  };
  const fireNext = () => {
    const next = [...s.timers.entries()].sort((a, b) => a[1] - b[1])[0];
    if (!next) return false;
    now = Math.max(now, next[1]);
    apply({ type: 'timer', id: next[0] });
    return true;
  };
  for (const c of cmds) {
    now += 137;
    if (c.c === 'timer') fireNext();
    else if (c.c === 'restart') s = restore(snapshot(s));
    else if (c.c === 'rebind') {
      const away = `${c.who}~`;
      if (!s.clients.has(c.who) || s.clients.has(away)) continue;
      const rebind = (from: string, previousId: string) =>
        apply({ type: 'client', from, event: 'client:rebind', payload: { previousId } } as never);
      apply({ type: 'disconnect', id: c.who, network: true });
      apply({ type: 'connect', id: away, identity: identity(c.who) });
      rebind(away, c.who);
      seen.rebinds += s.clients.has(c.who) ? 0 : 1;
      // And back under its first id, so the commands that name it go on reaching it.
      apply({ type: 'connect', id: c.who, identity: identity(c.who) });
      rebind(c.who, away);
    } else {
      const input = toInput(s, c, n);
      if (input) apply(input);
    }
  }
  // Everyone leaves and every timer runs out: every offer ended, every request closed.
  for (const id of [...s.clients.keys()]) apply({ type: 'disconnect', id, network: false });
  for (let i = 0; i < 1000 && fireNext(); i++);
  expect(s.queue).toEqual([]);
  expect(s.calls.size).toBe(0);
  for (const [id, count] of ledger.offered)
    expect(ledger.offerResults.get(id), `offers of ${id}`).toBe(count);
  for (const id of ledger.requested) expect(ledger.closed.has(id), `request ${id} closed`).toBe(true);
}

/** A dropped interpreter's citizen is back at the head of the queue with the same preferences. */
function checkRequeue(before: CoreState, input: CoreEvent, r: StepResult): void {
  if (input.type !== 'disconnect' || (input.network && CONFIG.recoveryWindowMs === 0)) return;
  if (input.network) return;
  const call = [...before.calls.values()].find((c) => c.interpreterId === input.id && c.kioskId);
  if (!call) return;
  if (call.partner) {
    // The teammate goes on with the citizen: no requeue.
    expect(r.state.calls.get(call.id)?.interpreterId).toBe(call.partner.interpreterId);
    return;
  }
  seen.requeues++;
  const head = r.state.requests.get(r.state.queue[0]!);
  expect(head).toMatchObject({
    kioskId: call.kioskId,
    gender: call.context.gender,
    language: call.context.language,
    skills: call.context.skills,
    requeuedFrom: call.requestId,
  });
  expect(head!.declinedBy).toContain(`acc-${input.id}`);
}

describe('the routing core, under random events', () => {
  it('keeps its invariants, is pure, and restores from a snapshot exactly', () => {
    fc.assert(
      fc.property(fc.array(cmd, { minLength: 1, maxLength: 150 }), (cmds) => run(cmds)),
      { numRuns: 150 },
    );
  });

  it('keeps them with everyone connected and working (calls happen)', { timeout: 120_000 }, () => {
    const warmUp: Cmd[] = [
      ...[...KIOSKS, ...INTERPRETERS, ...CLERKS].map((who) => ({ c: 'connect' as const, who })),
      ...INTERPRETERS.map((who) => ({ c: 'presence' as const, who, status: 'available' as const })),
    ];
    fc.assert(
      fc.property(fc.array(cmd, { minLength: 30, maxLength: 100 }), (cmds) => run([...warmUp, ...cmds])),
      { numRuns: 150 },
    );
    expect(seen.calls).toBeGreaterThan(50);
    expect(seen.requeues).toBeGreaterThan(5);
    expect(seen.rebinds).toBeGreaterThan(20);
    expect(seen.joins).toBeGreaterThan(20);
  });

  it(
    'keeps them with two interpreters in a call (transfers, teams, hand-offs, drops)',
    { timeout: 120_000 },
    () => {
      const before = seen.partners;
      const r = 'recusal' as const;
      const warmUp: Cmd[] = [
        ...[...KIOSKS, ...INTERPRETERS, ...CLERKS].map((who) => ({ c: 'connect' as const, who })),
        { c: 'presence', who: 'i0', status: 'available' },
        { c: 'request', who: 'k0', gender: 'any', language: 'sdl', flow: null },
        { c: 'accept', who: 'i0' },
        { c: 'invite', who: 'i0', reason: r },
        { c: 'presence', who: 'i1', status: 'available' },
        { c: 'answer-join' },
        { c: 'presence', who: 'i2', status: 'available' },
      ];
      fc.assert(
        fc.property(fc.array(cmd, { minLength: 20, maxLength: 80 }), (cmds) => run([...warmUp, ...cmds])),
        { numRuns: 100 },
      );
      expect(seen.partners - before).toBeGreaterThan(100);
    },
  );
});
