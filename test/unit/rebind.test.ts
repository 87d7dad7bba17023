/**
 * A page that comes back on a new connection names the old one (`client:rebind`): the new one takes
 * its place when it is the same account and kind, and every link moves with it.
 */
import { describe, expect, it } from 'vitest';
import type { HandshakeAuth } from '../../src/protocol/index.ts';
import { coreHarness } from '../helpers/core.ts';

const OLD = 'old-socket-id-000001';
const NEW = 'new-socket-id-000002';

async function setup() {
  const h = await coreHarness({ recoveryWindowMs: 60_000 });
  const connect = (id: string, accountId: string, auth: HandshakeAuth) =>
    h.driver.dispatch({ type: 'connect', id, identity: { ...auth, accountId } as never });
  const drop = (id: string) => h.driver.dispatch({ type: 'disconnect', id, network: true });
  const rebind = (to: string, previousId: string) => h.client(to, 'client:rebind', { previousId });
  const to = (id: string, event: string) => h.sent.filter((s) => s.to === id && s.event === event);
  return { ...h, connect, drop, rebind, to };
}
const kiosk: HandshakeAuth = { role: 'kiosk', name: 'Counter 1', office: 'Riyadh', counter: '1' };
const huda: HandshakeAuth = { role: 'interpreter', name: 'Huda', gender: 'female', languages: ['sdl'] };

describe('client:rebind', () => {
  it('gives a waiting kiosk its place back under its new connection, and the call reaches it', async () => {
    const { connect, drop, rebind, sb, driver, to } = await setup();
    void connect(OLD, 'kiosk-account', kiosk);
    const asked = sb.requestCall(OLD, { gender: 'any' });
    if (!asked.ok) throw new Error(asked.message);
    void drop(OLD);
    void connect(NEW, 'kiosk-account', kiosk);
    expect(rebind(NEW, OLD)).toEqual({ ok: true, rebound: true });
    expect(driver.state.clients.has(OLD)).toBe(false);
    expect(driver.state.held.size).toBe(0);
    expect(driver.state.requests.get(asked.requestId)?.kioskId).toBe(NEW);
    // The page hears where its counter stands again.
    expect(to(NEW, 'session:state').length).toBeGreaterThanOrEqual(2);
    void connect('i1', 'interpreter-account', huda);
    sb.setPresence('i1', 'available');
    const accepted = sb.accept('i1', asked.requestId);
    expect(accepted.ok).toBe(true);
    expect(to(NEW, 'call:start')).toHaveLength(1);
    expect(to(OLD, 'call:start')).toHaveLength(0);
  });

  it('offers nothing to a kiosk or from an interpreter whose connection dropped, until it is back', async () => {
    const { connect, drop, rebind, sb, to } = await setup();
    void connect(OLD, 'kiosk-account', kiosk);
    const asked = sb.requestCall(OLD, { gender: 'any' });
    if (!asked.ok) throw new Error(asked.message);
    void drop(OLD);
    void connect('i1', 'huda', huda);
    sb.setPresence('i1', 'available');
    // A call:start to the dropped connection would start a call nobody joins: the request waits.
    expect(to('i1', 'call:offer')).toHaveLength(0);
    void drop('i1');
    void connect(NEW, 'kiosk-account', kiosk);
    rebind(NEW, OLD);
    expect(to('i1', 'call:offer')).toHaveLength(0);
    void connect('i2', 'omar', { ...huda, name: 'Omar', gender: 'male' });
    sb.setPresence('i2', 'available');
    expect(to('i2', 'call:offer')).toHaveLength(1);
  });

  it('keeps an interpreter in its call: signals and the end go through the new connection', async () => {
    const { connect, drop, rebind, sb, driver, to, client } = await setup();
    void connect('k1', 'kiosk-account', kiosk);
    void connect(OLD, 'huda', huda);
    sb.setPresence(OLD, 'available');
    const asked = sb.requestCall('k1', { gender: 'any' });
    if (!asked.ok) throw new Error(asked.message);
    const accepted = sb.accept(OLD, asked.requestId);
    if (!accepted.ok) throw new Error(accepted.message);
    void drop(OLD);
    void connect(NEW, 'huda', huda);
    expect(rebind(NEW, OLD)).toEqual({ ok: true, rebound: true });
    expect(to(NEW, 'presence:changed').at(-1)?.payload).toMatchObject({ status: 'in-call' });
    const signal = { type: 'renegotiate', renegotiate: true } as const;
    expect(client('k1', 'call:signal', { callId: accepted.callId, data: signal })).toEqual({ ok: true });
    expect(to(NEW, 'call:signal')).toHaveLength(1);
    expect(client(NEW, 'call:end', { callId: accepted.callId })).toEqual({ ok: true });
    expect(driver.state.calls.size).toBe(0);
    expect(to('k1', 'call:ended')).toHaveLength(1);
  });

  it('tells a page that comes back how its call ended while it was away, and where a requeued kiosk waits', async () => {
    const { connect, drop, rebind, sb, client, to, driver } = await setup();
    void connect('k1', 'kiosk-account', kiosk);
    void connect(OLD, 'huda', huda);
    sb.setPresence(OLD, 'available');
    const asked = sb.requestCall('k1', { gender: 'any' });
    if (!asked.ok) throw new Error(asked.message);
    const first = sb.accept(OLD, asked.requestId);
    if (!first.ok) throw new Error(first.message);
    // The interpreter's node dies; meanwhile the citizen hangs up. The end sent to the held
    // connection is lost with it.
    void drop(OLD);
    expect(client('k1', 'call:end', { callId: first.callId })).toEqual({ ok: true });
    void connect(NEW, 'huda', huda);
    expect(rebind(NEW, OLD)).toEqual({ ok: true, rebound: true });
    expect(to(NEW, 'call:ended').map((e) => e.payload)).toEqual([
      { callId: first.callId, reason: 'peer_hangup' },
    ]);
    // The other way: the kiosk's node dies, then its interpreter drops. The kiosk was put back at
    // the head of the queue; when it comes back it hears so, with its new request.
    const again = sb.requestCall('k1', { gender: 'any' });
    if (!again.ok) throw new Error(again.message);
    sb.setPresence(NEW, 'available');
    const second = sb.accept(NEW, again.requestId);
    if (!second.ok) throw new Error(second.message);
    void drop('k1');
    void driver.dispatch({ type: 'disconnect', id: NEW, network: false });
    void connect('kiosk-socket-0000002', 'kiosk-account', kiosk);
    expect(rebind('kiosk-socket-0000002', 'k1')).toEqual({ ok: true, rebound: true });
    const told = to('kiosk-socket-0000002', 'call:ended').map((e) => e.payload);
    expect(told).toContainEqual({
      callId: second.callId,
      reason: 'peer_disconnected',
      requeued: { requestId: expect.any(String), position: 1 },
    });
  });

  it('moves a clerk’s pairing, and refuses another account or another kind', async () => {
    const { connect, drop, rebind, client, driver, to } = await setup();
    void connect('k1', 'kiosk-account', kiosk);
    const code = (to('k1', 'session:state').at(-1)!.payload as { pairingCode: string }).pairingCode;
    const clerk: HandshakeAuth = { role: 'clerk', name: 'Sara', office: 'Riyadh' };
    void connect(OLD, 'sara', clerk);
    expect(client(OLD, 'session:pair', { code })).toMatchObject({ ok: true });
    void drop(OLD);
    // Someone else's connection may not take it.
    void connect('intruder-socket-0001', 'omar', clerk);
    expect(rebind('intruder-socket-0001', OLD)).toEqual({ ok: true, rebound: false });
    void connect('kiosk-socket-0000001', 'sara', kiosk);
    expect(rebind('kiosk-socket-0000001', OLD)).toEqual({ ok: true, rebound: false });
    expect(driver.state.held.has(OLD)).toBe(true);
    void connect(NEW, 'sara', clerk);
    expect(rebind(NEW, OLD)).toEqual({ ok: true, rebound: true });
    const k1 = driver.state.clients.get('k1');
    expect(k1?.kind === 'kiosk' && k1.clerkId).toBe(NEW);
    expect(to(NEW, 'session:state').at(-1)?.payload).toMatchObject({ kiosk: { name: 'Counter 1' } });
    // A new connection that already started afresh keeps what it has.
    void connect('kiosk-socket-0000009', 'kiosk-account', kiosk);
    void drop('k1');
    void connect('kiosk-socket-0000010', 'kiosk-account', kiosk);
    expect(client('kiosk-socket-0000010', 'call:request', { gender: 'any' })).toMatchObject({ ok: true });
    expect(rebind('kiosk-socket-0000010', 'k1')).toEqual({ ok: true, rebound: false });
    // A connection that never existed: nothing to take.
    expect(rebind(NEW, 'no-such-socket-00001')).toEqual({ ok: true, rebound: false });
  });

  it('resync starts recent calls again for both members, and not older ones', async () => {
    const { connect, sb, driver, to } = await setup();
    void connect('k1', 'kiosk-1', kiosk);
    void connect('i1', 'huda', huda);
    sb.setPresence('i1', 'available');
    const asked = sb.requestCall('k1', { gender: 'any' });
    if (!asked.ok) throw new Error(asked.message);
    const accepted = sb.accept('i1', asked.requestId);
    if (!accepted.ok) throw new Error(accepted.message);
    const startedAt = driver.state.calls.get(accepted.callId)!.startedAt;
    void driver.dispatch({ type: 'resync', since: startedAt + 1 });
    expect(to('k1', 'call:start')).toHaveLength(1);
    void driver.dispatch({ type: 'resync', since: startedAt });
    expect(to('k1', 'call:start')).toHaveLength(2);
    expect(to('i1', 'call:start')).toHaveLength(2);
    expect(to('k1', 'call:start')[1]!.payload).toMatchObject({ callId: accepted.callId, initiator: true });
  });
});
