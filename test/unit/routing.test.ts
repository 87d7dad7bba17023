/**
 * The routing core behind its driver: no sockets and no sleeps (fake timers drive every timeout), with the real
 * SQLite recorder on an in-memory database so the records are checked too.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Gender, HandshakeAuth, SignLanguage } from '../../src/protocol/index.ts';
import type { RoutingPolicy } from '../../signaling-server/domain/types.ts';
import { coreHarness } from '../helpers/core.ts';
import { REPORT_WINDOW_MS } from '../../signaling-server/domain/reports.ts';

async function setup(policy: Partial<RoutingPolicy> = {}) {
  const { sb, sent, db, client } = await coreHarness({ routing: policy });
  const events = <T = Record<string, unknown>>(to: string, event: string) =>
    sent.filter((s) => s.to === to && s.event === event).map((s) => s.payload as T);
  const interpreter = (id: string, gender: Gender = 'female', languages: SignLanguage[] = ['sdl']) => {
    sb.connect(id, { role: 'interpreter', name: id, gender, languages } satisfies HandshakeAuth);
    return sb.setPresence(id, 'available');
  };
  const kiosk = (id: string, prefs: { gender?: 'any' | Gender; language?: SignLanguage } = {}) => {
    sb.connect(id, { role: 'kiosk', name: id });
    const r = sb.requestCall(id, {
      gender: prefs.gender ?? 'any',
      ...(prefs.language ? { language: prefs.language } : {}),
    });
    if (!r.ok) throw new Error(`request failed: ${r.message}`);
    return r.requestId;
  };
  const offersTo = (id: string) => events<{ requestId: string }>(id, 'call:offer').map((o) => o.requestId);
  const row = (id: string) =>
    db.prepare('SELECT * FROM call_requests WHERE id = ?').get(id) as Record<string, unknown>;
  return { sb, client, sent, events, interpreter, kiosk, offersTo, db, row };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('fairness', () => {
  it('offers the oldest request to the longest-idle interpreter', async () => {
    const { interpreter, kiosk, offersTo } = await setup();
    interpreter('i2');
    vi.advanceTimersByTime(1000);
    interpreter('i1');
    const r1 = kiosk('k1');
    const r2 = kiosk('k2');
    expect(offersTo('i2')).toEqual([r1]);
    expect(offersTo('i1')).toEqual([r2]);
  });

  it('serves waiting requests first in, first out as interpreters come free', async () => {
    const { sb, interpreter, kiosk, offersTo } = await setup({ wrapUpMs: 0 });
    const r = [kiosk('k1'), kiosk('k2'), kiosk('k3')];
    interpreter('i1');
    expect(offersTo('i1')).toEqual([r[0]]);
    const a = sb.accept('i1', r[0]!);
    if (!a.ok) throw new Error(a.message);
    sb.endCall('k1', a.callId);
    vi.advanceTimersByTime(0);
    expect(offersTo('i1')).toEqual([r[0], r[1]]);
  });

  it('skips a request nobody free can take and serves the next matchable one', async () => {
    const { interpreter, kiosk, offersTo } = await setup();
    const wantsMan = kiosk('k1', { gender: 'male' });
    const any = kiosk('k2');
    interpreter('woman', 'female');
    expect(offersTo('woman')).toEqual([any]);
    interpreter('man', 'male');
    expect(offersTo('man')).toEqual([wantsMan]);
  });

  it('matches the sign language', async () => {
    const { interpreter, kiosk, offersTo } = await setup();
    interpreter('sdl-only', 'female', ['sdl']);
    const asl = kiosk('k1', { language: 'ase' });
    expect(offersTo('sdl-only')).toEqual([]);
    interpreter('both', 'male', ['sdl', 'ase']);
    expect(offersTo('both')).toEqual([asl]);
  });

  it('refuses a sign language the office does not offer', async () => {
    const { sb } = await setup({ languages: ['sdl'] });
    sb.connect('k1', { role: 'kiosk', name: 'k1' });
    expect(sb.requestCall('k1', { gender: 'any', language: 'bfi' })).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
  });
});

describe('ringing', () => {
  it('moves on after the ring timeout; the interpreter who missed it goes on a break', async () => {
    const { sb, interpreter, kiosk, offersTo, events, db } = await setup();
    interpreter('i1');
    vi.advanceTimersByTime(10);
    interpreter('i2');
    const r = kiosk('k1');
    expect(offersTo('i1')).toEqual([r]);
    vi.advanceTimersByTime(19_999);
    expect(offersTo('i2')).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events('i1', 'call:offer-withdrawn')).toEqual([{ requestId: r, reason: 'timeout' }]);
    expect(events('i1', 'presence:changed').at(-1)).toEqual({ status: 'break', wrapUpEndsAt: null });
    expect(offersTo('i2')).toEqual([r]);
    expect(sb.snapshot()).toEqual({ queued: 1, calls: 0, available: 0 });
    expect(db.prepare('SELECT interpreter_name, outcome FROM offers ORDER BY id').all()).toEqual([
      { interpreter_name: 'i1', outcome: 'timeout' },
      { interpreter_name: 'i2', outcome: null },
    ]);
  });

  it('a decline goes to the next interpreter and is never offered back', async () => {
    const { sb, interpreter, kiosk, offersTo, events } = await setup();
    interpreter('i1');
    vi.advanceTimersByTime(10);
    interpreter('i2');
    const r = kiosk('k1');
    expect(sb.decline('i1', r)).toEqual({ ok: true });
    expect(offersTo('i2')).toEqual([r]);
    sb.decline('i2', r);
    expect(offersTo('i1')).toEqual([r]);
    vi.advanceTimersByTime(500); // kiosks hear about changes at most every 500 ms
    expect(events('k1', 'call:status').at(-1)).toMatchObject({ requestId: r, state: 'queued', position: 1 });
    expect(sb.snapshot()).toEqual({ queued: 1, calls: 0, available: 2 });
  });

  it('a ringing interpreter who goes offline or leaves passes the request on', async () => {
    const { sb, interpreter, kiosk, offersTo } = await setup();
    interpreter('i1');
    vi.advanceTimersByTime(10);
    interpreter('i2');
    vi.advanceTimersByTime(10);
    interpreter('i3');
    const r = kiosk('k1');
    expect(sb.setPresence('i1', 'offline')).toEqual({ ok: true, status: 'offline' });
    expect(sb.accept('i1', r)).toMatchObject({ ok: false, code: 'not_found' });
    expect(offersTo('i2')).toEqual([r]);
    sb.disconnect('i2');
    expect(offersTo('i3')).toEqual([r]);
    vi.advanceTimersByTime(19_999); // the withdrawn offers' timers must not fire
    expect(sb.snapshot()).toEqual({ queued: 1, calls: 0, available: 0 });
  });
});

describe('preferences', () => {
  it('asks the kiosk whether any interpreter will do when the gender cannot be matched in time', async () => {
    const { sb, interpreter, kiosk, offersTo, events } = await setup();
    interpreter('man', 'male');
    const r = kiosk('k1', { gender: 'female' });
    vi.advanceTimersByTime(59_999);
    expect(events('k1', 'call:ask-any-gender')).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events('k1', 'call:ask-any-gender')).toEqual([{ requestId: r }]);
    expect(offersTo('man')).toEqual([]);
    expect(sb.relaxGender('k1', r)).toEqual({ ok: true });
    expect(offersTo('man')).toEqual([r]);
  });

  it('does not ask when the preference was met before the time', async () => {
    const { sb, interpreter, kiosk, events, offersTo } = await setup();
    const r = kiosk('k1', { gender: 'female' });
    interpreter('woman', 'female');
    expect(offersTo('woman')).toEqual([r]);
    expect(sb.accept('woman', r)).toMatchObject({ ok: true });
    vi.advanceTimersByTime(60_000);
    expect(events('k1', 'call:ask-any-gender')).toEqual([]);
  });

  it('offers text and pictograms after the configured wait, keeping the place in the queue', async () => {
    const { sb, kiosk, events, row } = await setup();
    const r = kiosk('k1');
    vi.advanceTimersByTime(45_000);
    expect(events('k1', 'call:fallback-offered')).toEqual([{ requestId: r, waitedS: 45 }]);
    expect(sb.chooseFallback('k1', r)).toEqual({ ok: true });
    expect(sb.snapshot().queued).toBe(1);
    sb.cancelRequest('k1', r);
    expect(row(r)).toMatchObject({ outcome: 'fallback' });
  });
});

describe('calls, drops and wrap-up', () => {
  it('starts a call on both sides, then the interpreter wraps up and comes back by itself', async () => {
    const { sb, interpreter, kiosk, events, row } = await setup();
    interpreter('i1');
    const r = kiosk('k1');
    const a = sb.accept('i1', r);
    if (!a.ok) throw new Error(a.message);
    expect(events('k1', 'call:start')).toMatchObject([{ callId: a.callId, initiator: true, peerName: 'i1' }]);
    expect(events('i1', 'call:start')).toMatchObject([
      { callId: a.callId, initiator: false, context: { kioskName: 'k1' } },
    ]);
    expect(sb.setPresence('i1', 'offline')).toMatchObject({ ok: false, code: 'conflict' });
    vi.advanceTimersByTime(3000);
    expect(sb.endCall('k1', a.callId)).toEqual({ ok: true });
    expect(events('i1', 'call:ended')).toEqual([{ callId: a.callId, reason: 'peer_hangup' }]);
    expect(events('i1', 'presence:changed').at(-1)).toEqual({
      status: 'wrap-up',
      wrapUpEndsAt: Date.now() + 10_000,
    });
    expect(sb.snapshot().available).toBe(0);
    vi.advanceTimersByTime(10_000);
    expect(events('i1', 'presence:changed').at(-1)).toEqual({ status: 'available', wrapUpEndsAt: null });
    expect(row(r)).toMatchObject({ outcome: 'answered', interpreter_name: 'i1', end_reason: 'hangup' });
    expect(Number(row(r).ended_at) - Number(row(r).answered_at)).toBe(3000);
  });

  it('wrap-up can be ended early', async () => {
    const { sb, interpreter, kiosk } = await setup();
    interpreter('i1');
    const a = sb.accept('i1', kiosk('k1'));
    if (!a.ok) throw new Error(a.message);
    sb.endCall('i1', a.callId);
    expect(sb.setPresence('i1', 'available')).toEqual({ ok: true, status: 'available' });
    const next = kiosk('k2');
    expect(sb.accept('i1', next)).toMatchObject({ ok: true });
  });

  it('an interpreter who drops mid-call puts the kiosk back at the head of the queue', async () => {
    const { sb, interpreter, kiosk, events, offersTo, row } = await setup();
    interpreter('i1');
    const first = kiosk('k1');
    const waiting = kiosk('k2');
    const a = sb.accept('i1', first);
    if (!a.ok) throw new Error(a.message);
    sb.disconnect('i1');
    const ended = events<{ requeued: { requestId: string; position: number } }>('k1', 'call:ended');
    expect(ended).toMatchObject([
      { callId: a.callId, reason: 'peer_disconnected', requeued: { position: 1 } },
    ]);
    const again = ended[0]!.requeued.requestId;
    expect(row(first)).toMatchObject({ outcome: 'answered', end_reason: 'interpreter_dropped' });
    expect(row(again)).toMatchObject({ outcome: null, requeued_from: first });
    interpreter('i2');
    expect(offersTo('i2')).toEqual([again]);
    vi.advanceTimersByTime(500);
    expect(events('k2', 'call:status').at(-1)).toMatchObject({ requestId: waiting, position: 2 });
  });

  it('a requeued request is not offered to those who declined it before', async () => {
    const { sb, interpreter, kiosk, offersTo, events } = await setup();
    interpreter('decliner');
    vi.advanceTimersByTime(10);
    interpreter('taker');
    const r = kiosk('k1');
    sb.decline('decliner', r);
    const a = sb.accept('taker', r);
    if (!a.ok) throw new Error(a.message);
    sb.disconnect('taker');
    const again = events<{ requeued: { requestId: string } }>('k1', 'call:ended')[0]!.requeued.requestId;
    expect(offersTo('decliner')).toEqual([r]);
    interpreter('newcomer');
    expect(offersTo('newcomer')).toEqual([again]);
  });

  it('a kiosk that drops ends the call and sends the interpreter to wrap-up', async () => {
    const { sb, interpreter, kiosk, events, row } = await setup();
    interpreter('i1');
    const r = kiosk('k1');
    const a = sb.accept('i1', r);
    if (!a.ok) throw new Error(a.message);
    sb.disconnect('k1');
    expect(events('i1', 'call:ended')).toEqual([{ callId: a.callId, reason: 'peer_disconnected' }]);
    expect(events('i1', 'presence:changed').at(-1)).toMatchObject({ status: 'wrap-up' });
    expect(row(r)).toMatchObject({ outcome: 'answered', end_reason: 'kiosk_dropped' });
  });

  it('a kiosk that leaves while waiting is recorded as abandoned, and its ringing interpreter is told', async () => {
    const { sb, interpreter, kiosk, events, row } = await setup();
    interpreter('i1');
    const r = kiosk('k1');
    sb.disconnect('k1');
    expect(events('i1', 'call:offer-withdrawn')).toEqual([{ requestId: r, reason: 'kiosk_disconnected' }]);
    expect(row(r)).toMatchObject({ outcome: 'abandoned' });
    expect(sb.snapshot()).toEqual({ queued: 0, calls: 0, available: 1 });
  });
});

describe('what waiting kiosks and interpreters are told', () => {
  it('estimates the wait from recent answer times once there are any', async () => {
    const { sb, interpreter, kiosk, events } = await setup({ wrapUpMs: 0 });
    interpreter('i1');
    const r1 = kiosk('k1');
    vi.advanceTimersByTime(8000);
    const a = sb.accept('i1', r1);
    if (!a.ok) throw new Error(a.message);
    const r2 = kiosk('k2');
    const r3 = kiosk('k3');
    vi.advanceTimersByTime(500); // kiosks hear about changes at most every 500 ms
    // 8 s per turn with one interpreter working, rounded to 5 s steps.
    expect(events('k2', 'call:status').at(-1)).toEqual({
      requestId: r2,
      state: 'queued',
      position: 1,
      estimatedWaitS: 10,
    });
    expect(events('k3', 'call:status').at(-1)).toEqual({
      requestId: r3,
      state: 'queued',
      position: 2,
      estimatedWaitS: 15,
    });
  });

  it('coalesces a burst of queue changes into one status per kiosk per interval', async () => {
    const { kiosk, events } = await setup();
    const first = kiosk('k1');
    for (let i = 2; i <= 6; i++) kiosk(`k${i}`);
    expect(events('k1', 'call:status')).toEqual([
      { requestId: first, state: 'queued', position: 1, estimatedWaitS: null },
    ]);
    expect(events('k6', 'call:status')).toEqual([]);
    vi.advanceTimersByTime(500);
    expect(events('k6', 'call:status')).toMatchObject([{ position: 6 }]);
    expect(events('k1', 'call:status')).toHaveLength(1);
  });

  it('sends interpreters the queue at a glance at most once a second', async () => {
    const { sb, interpreter, kiosk, events } = await setup();
    sb.connect('watcher', { role: 'interpreter', name: 'w', gender: 'male', languages: ['ase'] });
    expect(events('watcher', 'queue:summary')).toEqual([
      { waiting: 0, oldestRequestedAt: null, available: 0 },
    ]);
    const t0 = Date.now();
    kiosk('k1');
    kiosk('k2');
    kiosk('k3');
    expect(events('watcher', 'queue:summary')).toHaveLength(2);
    vi.advanceTimersByTime(1000);
    expect(events('watcher', 'queue:summary').at(-1)).toEqual({
      waiting: 3,
      oldestRequestedAt: t0,
      available: 0,
    });
    interpreter('i1'); // rings for k1 at once: nobody more is available, the summary is the same
    vi.advanceTimersByTime(1000);
    expect(events('watcher', 'queue:summary')).toHaveLength(3);
    sb.cancelRequest('k3', events<{ requestId: string }>('k3', 'call:status')[0]!.requestId);
    vi.advanceTimersByTime(1000);
    expect(events('watcher', 'queue:summary').at(-1)).toEqual({
      waiting: 2,
      oldestRequestedAt: t0,
      available: 0,
    });
  });
});

describe('presence and the protocol agree', () => {
  it('lets an offline interpreter go on a break, with no error logged', async () => {
    const logs: string[] = [];
    const { sb } = await coreHarness({}, { logs });
    sb.connect('i1', { role: 'interpreter', name: 'i1', gender: 'female', languages: ['sdl'] });
    expect(sb.setPresence('i1', 'break')).toEqual({ ok: true, status: 'break' });
    expect(sb.setPresence('i1', 'offline')).toEqual({ ok: true, status: 'offline' });
    expect(logs.filter((l) => l.startsWith('error') || l.startsWith('warn'))).toEqual([]);
  });
});

describe('reports after a call', () => {
  it('are taken from its members while the report window is open, and refused after it', async () => {
    const { sb, client, interpreter, kiosk, row } = await setup();
    interpreter('i1');
    const r = kiosk('k1');
    const a = sb.accept('i1', r);
    if (!a.ok) throw new Error(a.message);
    const rate = (from: string, callId: string) =>
      client(from, 'call:rate', { callId, rating: 2 }) as { ok: boolean; code?: string };
    // While the call runs, there is nothing to report on yet.
    expect(rate('k1', a.callId)).toMatchObject({ ok: false, code: 'not_found' });
    sb.endCall('k1', a.callId);
    expect(rate('k1', a.callId)).toEqual({ ok: true });
    vi.advanceTimersByTime(REPORT_WINDOW_MS);
    expect(rate('i1', a.callId)).toMatchObject({ ok: false, code: 'not_found' });
    expect(row(r)).toMatchObject({ rating_kiosk: 2, rating_interpreter: null });
  });
});
