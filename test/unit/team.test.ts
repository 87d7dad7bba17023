/**
 * More than one interpreter in a call, in the core: a warm transfer for each kind of reason, a
 * teammate and a Deaf interpreter, hand-off, who signs now, the back-channel, drops, and the
 * records (one request, its legs and the reason).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallMembers, Gender, SignLanguage, Skill } from '../../src/protocol/index.ts';
import { coreHarness } from '../helpers/core.ts';

async function setup() {
  const h = await coreHarness({ routing: { wrapUpMs: 10_000 } });
  const events = <T = Record<string, unknown>>(to: string, event: string) =>
    h.sent.filter((s) => s.to === to && s.event === event).map((s) => s.payload as T);
  const interpreter = (
    id: string,
    o: { gender?: Gender; skills?: Skill[]; languages?: SignLanguage[] } = {},
  ) => {
    h.sb.connect(id, {
      role: 'interpreter',
      name: id,
      gender: o.gender ?? 'female',
      languages: o.languages ?? ['sdl'],
      skills: o.skills ?? [],
    });
    h.sb.setPresence(id, 'available');
    vi.advanceTimersByTime(10);
  };
  const status = (id: string) => {
    const c = h.driver.state.clients.get(id);
    return c?.kind === 'interpreter' ? c.status : null;
  };
  /** k1 in a call with i1 (the only interpreter free when it asks). */
  const callWithI1 = (o: Parameters<typeof interpreter>[1] = {}) => {
    interpreter('i1', o);
    h.sb.connect('k1', { role: 'kiosk', name: 'Counter 1', office: 'Riyadh' });
    const r = h.sb.requestCall('k1', { gender: 'any' });
    if (!r.ok) throw new Error(r.message);
    const a = h.sb.accept('i1', r.requestId);
    if (!a.ok) throw new Error(a.message);
    return { callId: a.callId, requestId: r.requestId };
  };
  const offers = (id: string) =>
    events<{ requestId: string; join?: { kind: string; reason: string | null; note: string | null } }>(
      id,
      'call:offer',
    );
  const members = (id: string) => events<CallMembers>(id, 'call:members').at(-1);
  const legs = (requestId: string) =>
    h.db
      .prepare(
        'SELECT interpreter_name, kind, reason, left_at FROM call_legs WHERE request_id = ? ORDER BY joined_at',
      )
      .all(requestId);
  return { ...h, events, interpreter, status, callWithI1, offers, members, legs };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('a warm transfer', () => {
  it('goes to the head of the queue, never to the same interpreter, and the first leaves once the second flows', async () => {
    const { sb, client, driver, interpreter, status, callWithI1, offers, members, legs, events } =
      await setup();
    const { callId, requestId } = callWithI1();
    // Another citizen waits already; the transfer goes before them.
    sb.connect('k2', { role: 'kiosk', name: 'Counter 2' });
    const waiting = sb.requestCall('k2', { gender: 'any' });
    expect(waiting.ok).toBe(true);
    const asked = client('i1', 'call:transfer', { callId, reason: 'recusal', note: 'Knows the citizen' });
    expect(asked).toMatchObject({ ok: true, requestId: expect.any(String) });
    expect(members('k1')).toMatchObject({ joining: 'transfer' });
    // Only the first offer, of the citizen's own request: never the transfer.
    expect(offers('i1').map((o) => o.requestId)).toEqual([requestId]);
    interpreter('i2');
    expect(offers('i2')).toEqual([
      expect.objectContaining({
        join: { kind: 'transfer', reason: 'recusal', note: 'Knows the citizen', from: 'i1' },
      }),
    ]);
    // The kiosk may not take the invitation back: it is not its request.
    expect(client('k1', 'call:cancel', { requestId: offers('i2')[0]!.requestId })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(sb.accept('i2', offers('i2')[0]!.requestId)).toEqual({ ok: true, callId });
    const start = events<{ leg: string; members: unknown[]; join: object }>('i2', 'call:start')[0]!;
    expect(start.members).toHaveLength(3);
    expect(start.join).toMatchObject({ kind: 'transfer', note: 'Knows the citizen' });
    // All three are connected for now: the first interpreter stays until the second's video flows.
    expect(members('k1')?.members.map((m) => m.name)).toEqual(['Counter 1', 'i1', 'i2']);
    expect(members('k1')?.joining).toBeNull();
    expect(status('i1')).toBe('in-call');
    expect(status('i2')).toBe('in-call');
    expect(client('i1', 'call:flowing', { callId })).toMatchObject({ ok: false, code: 'not_found' });
    expect(client('i2', 'call:flowing', { callId })).toEqual({ ok: true });
    expect(events('i1', 'call:ended')).toEqual([{ callId, reason: 'transferred' }]);
    expect(status('i1')).toBe('wrap-up');
    expect(members('k1')?.members.map((m) => m.name)).toEqual(['Counter 1', 'i2']);
    expect(driver.state.calls.get(callId)).toMatchObject({ interpreterId: 'i2', partner: null });
    // The other citizen was never passed over by the call, and is rung next.
    expect(driver.state.queue).toEqual([waiting.ok && waiting.requestId]);
    // One request, two answered legs, the reason; the call's end closes the open leg.
    expect(sb.endCall('k1', callId)).toEqual({ ok: true });
    expect(legs(requestId)).toEqual([
      { interpreter_name: 'i1', kind: 'first', reason: null, left_at: expect.any(Number) },
      { interpreter_name: 'i2', kind: 'transfer', reason: 'recusal', left_at: expect.any(Number) },
    ]);
    expect(driver.state.calls.size).toBe(0);
  });

  it('gives the joining interpreter the session so far and the note; the one who leaves stops seeing it', async () => {
    const { client, sb, interpreter, callWithI1, offers, events } = await setup();
    const { callId } = callWithI1();
    // The counter session: a clerk paired, the citizen wrote a line.
    sb.connect('clerk', { role: 'clerk', name: 'Sara', office: 'Riyadh' });
    const code = (events<{ pairingCode: string }>('k1', 'session:state').at(-1) ?? { pairingCode: '' })
      .pairingCode;
    expect(client('clerk', 'session:pair', { code })).toMatchObject({ ok: true });
    expect(client('clerk', 'session:start', {})).toMatchObject({ ok: true });
    expect(client('k1', 'chat:send', { text: 'أحتاج شهادة ميلاد' })).toMatchObject({ ok: true });
    client('i1', 'call:transfer', { callId, reason: 'shift_end', note: 'Birth certificate' });
    interpreter('i2');
    sb.accept('i2', offers('i2')[0]!.requestId);
    const snapshot = events<{ messages: Array<{ text: string }> }>('i2', 'session:snapshot').at(-1);
    expect(snapshot?.messages.map((m) => m.text)).toEqual(['أحتاج شهادة ميلاد']);
    expect(events('i2', 'call:start')[0]).toMatchObject({ join: { note: 'Birth certificate' } });
    // Both hear what is said while the two are in.
    expect(client('clerk', 'chat:send', { text: 'تفضل' })).toMatchObject({ ok: true });
    expect(events<{ text: string }>('i1', 'chat:message').map((m) => m.text)).toContain('تفضل');
    expect(events<{ text: string }>('i2', 'chat:message').map((m) => m.text)).toContain('تفضل');
    client('i2', 'call:flowing', { callId });
    expect(events('i1', 'session:ended')).toHaveLength(1);
    expect(events('i2', 'session:ended')).toHaveLength(0);
  });

  it('asks for what each reason implies: another gender, language or specialty', async () => {
    const { client, interpreter, callWithI1, offers, sb } = await setup();
    const { callId } = callWithI1({ gender: 'female', languages: ['sdl', 'ase'] });
    interpreter('woman', { gender: 'female' });
    interpreter('man', { gender: 'male' });
    interpreter('ase', { languages: ['ase'] });
    interpreter('lawyer', { skills: ['legal'] });
    const cases: Array<[object, string]> = [
      [{ reason: 'gender_requested' }, 'man'],
      [{ reason: 'language', language: 'ase' }, 'ase'],
      [{ reason: 'specialty', skills: ['legal'] }, 'lawyer'],
    ];
    for (const [payload, who] of cases) {
      const asked = client('i1', 'call:transfer', { callId, ...payload } as never) as { requestId: string };
      const rung = ['woman', 'man', 'ase', 'lawyer'].filter((i) =>
        offers(i).some((o) => o.requestId === asked.requestId),
      );
      expect(rung, JSON.stringify(payload)).toEqual([who]);
      expect(client('i1', 'call:join-cancel', { callId })).toEqual({ ok: true });
      // The one rung is free again.
      sb.setPresence(who, 'available');
    }
    // The rest need nothing more: the longest-idle interpreter who fits.
    for (const reason of ['technical', 'shift_end'] as const) {
      const asked = client('i1', 'call:transfer', { callId, reason }) as { requestId: string };
      expect(
        ['woman', 'man', 'ase', 'lawyer'].some((i) => offers(i).some((o) => o.requestId === asked.requestId)),
      ).toBe(true);
      expect(client('i1', 'call:join-cancel', { callId })).toEqual({ ok: true });
    }
    expect(client('i1', 'call:transfer', { callId, reason: 'language', language: 'bfi' })).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
    expect(client('i1', 'call:transfer', { callId, reason: 'specialty' })).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
  });

  it('refuses who is not in the call, a second invitation, and the partner handing on', async () => {
    const { client, interpreter, callWithI1, offers, sb } = await setup();
    const { callId } = callWithI1();
    interpreter('stranger');
    expect(client('stranger', 'call:transfer', { callId, reason: 'technical' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(client('stranger', 'call:join-cancel', { callId })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(client('i1', 'call:join-cancel', { callId })).toMatchObject({ ok: false, code: 'not_found' });
    sb.setPresence('stranger', 'break');
    expect(client('i1', 'call:invite', { callId, deaf: false })).toMatchObject({ ok: true });
    expect(client('i1', 'call:transfer', { callId, reason: 'technical' })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    expect(client('i1', 'call:backchannel', { callId, text: 'hi' })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    expect(client('i1', 'call:leave', { callId })).toMatchObject({ ok: false, code: 'conflict' });
    interpreter('mate');
    expect(sb.accept('mate', offers('mate')[0]!.requestId)).toMatchObject({ ok: true });
    expect(client('mate', 'call:transfer', { callId, reason: 'technical' })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
  });

  it('if the first interpreter drops while the transfer rings, the citizen goes back to the head of the queue', async () => {
    const { client, driver, interpreter, callWithI1, offers, events } = await setup();
    const { callId } = callWithI1();
    client('i1', 'call:transfer', { callId, reason: 'technical' });
    interpreter('i2');
    expect(offers('i2')).toHaveLength(1);
    void driver.dispatch({ type: 'disconnect', id: 'i1', network: false });
    expect(events('i2', 'call:offer-withdrawn')).toHaveLength(1);
    const ended = events<{ requeued?: { requestId: string } }>('k1', 'call:ended')[0];
    expect(ended?.requeued).toBeDefined();
    // The requeued citizen is offered to the interpreter who was rung for the transfer.
    expect(offers('i2').map((o) => o.requestId)).toContain(ended!.requeued!.requestId);
  });
});

describe('team interpreting', () => {
  it('invites a Deaf interpreter, makes a call of three, switches who signs, and keeps the back-channel private', async () => {
    const { client, driver, interpreter, callWithI1, offers, members, events, sb } = await setup();
    const { callId } = callWithI1();
    interpreter('hearing');
    interpreter('deaf', { skills: ['deaf_interpreter'] });
    expect(client('i1', 'call:invite', { callId, deaf: true, note: 'Limited sign language' })).toMatchObject({
      ok: true,
    });
    expect(offers('hearing')).toHaveLength(0);
    expect(offers('deaf')[0]?.join).toMatchObject({ kind: 'team', note: 'Limited sign language' });
    expect(sb.accept('deaf', offers('deaf')[0]!.requestId)).toEqual({ ok: true, callId });
    const deafLeg = events<{ leg: string }>('deaf', 'call:start')[0]!.leg;
    // Signals name legs: i1 reaches the Deaf interpreter, who sees whose it is.
    const i1Leg = members('i1')!.members.find((m) => m.name === 'i1')!.leg;
    const signal = { type: 'renegotiate', renegotiate: true } as const;
    expect(client('i1', 'call:signal', { callId, data: signal, to: deafLeg })).toEqual({ ok: true });
    expect(events('deaf', 'call:signal')).toEqual([{ callId, data: signal, from: i1Leg }]);
    expect(client('i1', 'call:signal', { callId, data: signal, to: 'no-such-leg-0001' })).toMatchObject({
      ok: false,
    });
    expect(client('i1', 'call:signal', { callId, data: signal, to: i1Leg })).toMatchObject({ ok: false });
    // The Deaf interpreter signs now: large on the kiosk.
    expect(client('i1', 'call:active', { callId, leg: deafLeg })).toEqual({ ok: true });
    expect(members('k1')?.active).toBe(deafLeg);
    expect(client('k1', 'call:active' as never, { callId, leg: deafLeg } as never)).toMatchObject({
      ok: false,
    });
    // The back-channel reaches the other interpreter only.
    expect(client('deaf', 'call:backchannel', { callId, text: 'Slow down please' })).toEqual({ ok: true });
    expect(events('i1', 'call:backchannel')).toEqual([
      { callId, text: 'Slow down please', from: 'deaf', at: expect.any(Number) },
    ]);
    expect(events('k1', 'call:backchannel')).toEqual([]);
    // i1 hands off: the Deaf interpreter leads; the citizen is never left alone.
    expect(client('i1', 'call:end', { callId })).toEqual({ ok: true });
    expect(driver.state.calls.get(callId)).toMatchObject({ interpreterId: 'deaf', partner: null });
    expect(events('k1', 'call:ended')).toEqual([]);
    expect(members('k1')?.members.map((m) => m.name)).toEqual(['Counter 1', 'deaf']);
  });

  it('a teammate who drops leaves the call to the other; the kiosk ending it ends it for both', async () => {
    const { client, driver, interpreter, callWithI1, offers, events, status, sb } = await setup();
    const { callId } = callWithI1();
    interpreter('mate');
    client('i1', 'call:invite', { callId, deaf: false });
    sb.accept('mate', offers('mate')[0]!.requestId);
    void driver.dispatch({ type: 'disconnect', id: 'i1', network: false });
    expect(driver.state.calls.get(callId)).toMatchObject({ interpreterId: 'mate', partner: null });
    expect(events('k1', 'call:ended')).toEqual([]);
    interpreter('third');
    client('mate', 'call:invite', { callId, deaf: false });
    sb.accept('third', offers('third')[0]!.requestId);
    expect(sb.endCall('k1', callId)).toEqual({ ok: true });
    expect(events('mate', 'call:ended')).toEqual([{ callId, reason: 'peer_hangup' }]);
    expect(events('third', 'call:ended')).toEqual([{ callId, reason: 'peer_hangup' }]);
    expect([status('mate'), status('third')]).toEqual(['wrap-up', 'wrap-up']);
  });
});
