/** The switchboard alone: no sockets, no sleeps; fake timers drive the ring timeout. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../signaling-server/domain/clock.ts';
import { Switchboard, type Outbox } from '../../signaling-server/domain/switchboard.ts';

type Sent = { to: string; event: string; payload: unknown };

function setup(ringTimeoutMs = 20_000) {
  const sent: Sent[] = [];
  const outbox: Outbox = { send: (to, event, payload) => void sent.push({ to, event, payload }) };
  let n = 0;
  const sb = new Switchboard({
    clock: systemClock,
    outbox,
    newId: () => `id-000000${++n}`,
    ringTimeoutMs,
    iceServers: () => [{ urls: 'stun:127.0.0.1:3478' }],
    log: () => {},
  });
  const events = (to: string, event: string) =>
    sent.filter((s) => s.to === to && s.event === event).map((s) => s.payload);
  return { sb, sent, events };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('switchboard', () => {
  it('offers the oldest request to the longest-idle interpreter', () => {
    const { sb, events } = setup();
    sb.connect('i1', 'interpreter', 'One');
    sb.connect('i2', 'interpreter', 'Two');
    sb.setPresence('i2', 'available');
    vi.advanceTimersByTime(1000);
    sb.setPresence('i1', 'available');
    sb.connect('k1', 'kiosk', 'K1');
    sb.connect('k2', 'kiosk', 'K2');
    const r1 = sb.requestCall('k1');
    const r2 = sb.requestCall('k2');
    expect(r1).toMatchObject({ ok: true, position: 1 });
    expect(r2).toMatchObject({ ok: true, position: 2 });
    expect(events('i2', 'call:offer')).toMatchObject([{ requestId: r1.ok && r1.requestId, kioskName: 'K1' }]);
    expect(events('i1', 'call:offer')).toMatchObject([{ requestId: r2.ok && r2.requestId, kioskName: 'K2' }]);
  });

  it('moves a request on after the ring timeout and tells the interpreter', () => {
    const { sb, events } = setup(20_000);
    sb.connect('i1', 'interpreter', 'One');
    sb.setPresence('i1', 'available');
    vi.advanceTimersByTime(10);
    sb.connect('i2', 'interpreter', 'Two');
    sb.setPresence('i2', 'available');
    sb.connect('k1', 'kiosk', 'K1');
    const r = sb.requestCall('k1');
    if (!r.ok) throw new Error('request failed');
    expect(events('i1', 'call:offer')).toHaveLength(1);
    vi.advanceTimersByTime(19_999);
    expect(events('i2', 'call:offer')).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(events('i1', 'call:offer-withdrawn')).toEqual([{ requestId: r.requestId, reason: 'timeout' }]);
    expect(events('i2', 'call:offer')).toHaveLength(1);
    expect(sb.snapshot()).toEqual({ queued: 1, calls: 0, available: 1 });
  });

  it('tells the kiosk when it goes from ringing back to queued', () => {
    const { sb, events } = setup();
    sb.connect('i1', 'interpreter', 'One');
    sb.setPresence('i1', 'available');
    sb.connect('k1', 'kiosk', 'K1');
    const r = sb.requestCall('k1');
    if (!r.ok) throw new Error('request failed');
    sb.decline('i1', r.requestId);
    expect(events('k1', 'call:status')).toEqual([
      { requestId: r.requestId, state: 'ringing', position: 1 },
      { requestId: r.requestId, state: 'queued', position: 1 },
    ]);
  });

  it('withdraws the offer when the ringing interpreter goes offline or leaves', () => {
    const { sb, events } = setup();
    sb.connect('i1', 'interpreter', 'One');
    sb.connect('i2', 'interpreter', 'Two');
    sb.setPresence('i1', 'available');
    sb.connect('k1', 'kiosk', 'K1');
    const r = sb.requestCall('k1');
    if (!r.ok) throw new Error('request failed');
    expect(sb.setPresence('i1', 'offline')).toEqual({ ok: true, status: 'offline' });
    expect(sb.accept('i1', r.requestId)).toMatchObject({ ok: false, code: 'not_found' });
    sb.setPresence('i2', 'available');
    expect(events('i2', 'call:offer')).toHaveLength(1);
    sb.disconnect('i2');
    expect(sb.snapshot()).toEqual({ queued: 1, calls: 0, available: 0 });
    vi.advanceTimersByTime(60_000); // the cancelled ring timer must not fire into a gone interpreter
    expect(events('i2', 'call:offer-withdrawn')).toEqual([]);
  });

  it('refuses a second request from a kiosk that already waits, and calls from the wrong role', () => {
    const { sb } = setup();
    sb.connect('k1', 'kiosk', 'K1');
    sb.connect('i1', 'interpreter', 'One');
    expect(sb.requestCall('k1')).toMatchObject({ ok: true });
    expect(sb.requestCall('k1')).toMatchObject({ ok: false, code: 'conflict' });
    expect(sb.requestCall('i1')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(sb.setPresence('k1', 'available')).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('an accepted call starts on both sides with the kiosk as initiator, and ends for the other side', () => {
    const { sb, events } = setup();
    sb.connect('i1', 'interpreter', 'One');
    sb.setPresence('i1', 'available');
    sb.connect('k1', 'kiosk', 'K1');
    const r = sb.requestCall('k1');
    if (!r.ok) throw new Error('request failed');
    const a = sb.accept('i1', r.requestId);
    if (!a.ok) throw new Error('accept failed');
    expect(events('k1', 'call:start')).toMatchObject([
      { callId: a.callId, initiator: true, peerName: 'One' },
    ]);
    expect(events('i1', 'call:start')).toMatchObject([
      { callId: a.callId, initiator: false, peerName: 'K1' },
    ]);
    expect(sb.setPresence('i1', 'offline')).toMatchObject({ ok: false, code: 'conflict' });
    expect(sb.endCall('k1', a.callId)).toEqual({ ok: true });
    expect(events('i1', 'call:ended')).toEqual([{ callId: a.callId, reason: 'peer_hangup' }]);
    expect(events('k1', 'call:ended')).toEqual([]);
    expect(sb.snapshot()).toEqual({ queued: 0, calls: 0, available: 1 });
  });
});
