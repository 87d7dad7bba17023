/**
 * Skills routing in the core: a service's specialty is asked of the interpreter, an office's
 * priority interpreters go first and its do-not-route list is never offered, and the citizen is
 * asked whether anyone will do when nobody with the skills is free in time. All of it is recorded.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HandshakeAuth, Skill } from '../../src/protocol/index.ts';
import type { OfficeRouting } from '../../signaling-server/domain/types.ts';
import { coreHarness } from '../helpers/core.ts';

async function setup() {
  const h = await coreHarness({ recoveryWindowMs: 0 });
  const events = <T = Record<string, unknown>>(to: string, event: string) =>
    h.sent.filter((s) => s.to === to && s.event === event).map((s) => s.payload as T);
  /** An interpreter (account id = socket id) who goes available now; the first to come waits longest. */
  const interpreter = (id: string, skills: Skill[] = []) => {
    h.sb.connect(id, { role: 'interpreter', name: id, gender: 'female', languages: ['sdl'], skills });
    h.sb.setPresence(id, 'available');
    vi.advanceTimersByTime(10);
  };
  const kiosk = (id: string, office = 'Riyadh') =>
    h.sb.connect(id, { role: 'kiosk', name: id, office } satisfies HandshakeAuth);
  const ask = (id: string, flow?: string) => {
    const r = h.sb.requestCall(id, { gender: 'any', ...(flow ? { flow } : {}) });
    if (!r.ok) throw new Error(r.message);
    return r.requestId;
  };
  const offersTo = (id: string) =>
    events<{ requestId: string; context: { skills: Skill[]; flow: string | null } }>(id, 'call:offer');
  const routing = (office: string, r: Partial<OfficeRouting> | null) =>
    h.driver.dispatch({
      type: 'office-routing',
      office,
      routing: r && { priority: [], blocked: [], flowSkills: {}, ...r },
    });
  const row = (id: string) =>
    h.db.prepare('SELECT skills, flow, skills_relaxed_at FROM call_requests WHERE id = ?').get(id);
  return { ...h, events, interpreter, kiosk, ask, offersTo, routing, row };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('skills routing', () => {
  it('offers a service that needs a specialty to the longest-idle interpreter who has it, and shows it', async () => {
    const { interpreter, kiosk, ask, offersTo, row } = await setup();
    interpreter('plain');
    interpreter('medic', ['medical']);
    interpreter('lawyer', ['legal', 'children']);
    kiosk('k1');
    const r = ask('k1', 'court');
    expect(offersTo('plain')).toEqual([]);
    expect(offersTo('medic')).toEqual([]);
    expect(offersTo('lawyer')).toEqual([
      expect.objectContaining({
        requestId: r,
        context: expect.objectContaining({ skills: ['legal'], flow: 'court' }),
      }),
    ]);
    expect(row(r)).toEqual({ skills: 'legal', flow: 'court', skills_relaxed_at: null });
    // A service with no specialty goes to the longest idle, skills or not.
    kiosk('k2');
    const plain = ask('k2', 'birth');
    expect(offersTo('plain').map((o) => o.requestId)).toEqual([plain]);
  });

  it('asks the citizen after the fallback time whether anyone will do, and records that they let go', async () => {
    const { sb, interpreter, kiosk, ask, offersTo, events, row } = await setup();
    interpreter('plain');
    kiosk('k1');
    const r = ask('k1', 'court');
    vi.advanceTimersByTime(59_999);
    expect(events('k1', 'call:ask-any-skill')).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events('k1', 'call:ask-any-skill')).toEqual([{ requestId: r, skills: ['legal'] }]);
    expect(offersTo('plain')).toEqual([]);
    expect(sb.relaxSkills('k1', r)).toEqual({ ok: true });
    expect(offersTo('plain').map((o) => o.requestId)).toEqual([r]);
    expect(offersTo('plain')[0]!.context.skills).toEqual([]);
    expect(row(r)).toMatchObject({ skills: 'legal', skills_relaxed_at: expect.any(Number) });
    // Only the kiosk's own request; the question is never asked twice.
    kiosk('k2');
    expect(sb.relaxSkills('k2', r)).toMatchObject({ ok: false, code: 'not_found' });
    vi.advanceTimersByTime(120_000);
    expect(events('k1', 'call:ask-any-skill')).toHaveLength(1);
  });

  it('does not ask when someone with the skills answered in time', async () => {
    const { sb, interpreter, kiosk, ask, events } = await setup();
    kiosk('k1');
    const r = ask('k1', 'court');
    interpreter('lawyer', ['legal']);
    expect(sb.accept('lawyer', r)).toMatchObject({ ok: true });
    vi.advanceTimersByTime(120_000);
    expect(events('k1', 'call:ask-any-skill')).toEqual([]);
  });

  it('refuses a service that does not exist, and takes the service from the shared card', async () => {
    const { sb, client, interpreter, kiosk, offersTo, driver } = await setup();
    kiosk('k1');
    expect(sb.requestCall('k1', { gender: 'any', flow: 'no-such-flow' })).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
    expect(driver.state.requests.size).toBe(0);
    // The citizen shared the card of a court service with the counter, then asks for an interpreter.
    sb.connect('clerk', { role: 'clerk', name: 'Sara', office: 'Riyadh' });
    const k1 = driver.state.clients.get('k1');
    const code = k1?.kind === 'kiosk' ? k1.code : '';
    expect(client('clerk', 'session:pair', { code })).toMatchObject({ ok: true });
    expect(client('clerk', 'session:start', {})).toMatchObject({ ok: true });
    expect(client('k1', 'card:send', { card: { flow: 'court', answers: [] } })).toMatchObject({ ok: true });
    interpreter('plain');
    interpreter('lawyer', ['legal']);
    const r = sb.requestCall('k1', { gender: 'any' });
    if (!r.ok) throw new Error(r.message);
    expect(offersTo('plain')).toEqual([]);
    expect(offersTo('lawyer').map((o) => o.context.flow)).toEqual(['court']);
  });

  it('keeps the skills when the citizen goes back to the queue after their interpreter dropped', async () => {
    const { sb, interpreter, kiosk, ask, offersTo, events } = await setup();
    interpreter('plain');
    interpreter('lawyer', ['legal']);
    kiosk('k1');
    const r = ask('k1', 'court');
    expect(sb.accept('lawyer', r)).toMatchObject({ ok: true });
    sb.disconnect('lawyer');
    const requeued = events<{ requeued?: { requestId: string } }>('k1', 'call:ended')[0]?.requeued;
    expect(requeued).toBeDefined();
    interpreter('plain2');
    expect(offersTo('plain')).toEqual([]);
    expect(offersTo('plain2')).toEqual([]);
    interpreter('lawyer2', ['legal']);
    expect(offersTo('lawyer2').map((o) => o.requestId)).toEqual([requeued!.requestId]);
  });
});

describe('an office’s routing choices', () => {
  it('offers its priority interpreters first, and never one it does not route to', async () => {
    const { interpreter, kiosk, ask, offersTo, routing } = await setup();
    interpreter('first');
    interpreter('blocked');
    interpreter('favourite');
    void routing('Riyadh', { priority: ['favourite'], blocked: ['blocked'] });
    kiosk('k1');
    const r1 = ask('k1');
    expect(offersTo('favourite').map((o) => o.requestId)).toEqual([r1]);
    kiosk('k2');
    const r2 = ask('k2');
    expect(offersTo('first').map((o) => o.requestId)).toEqual([r2]);
    kiosk('k3');
    ask('k3');
    // Only the blocked interpreter is free: the request waits.
    expect(offersTo('blocked')).toEqual([]);
    // Another office's kiosk is offered to them.
    kiosk('k4', 'Jeddah');
    const r4 = ask('k4');
    expect(offersTo('blocked').map((o) => o.requestId)).toEqual([r4]);
  });

  it('chooses the skills of a service for itself, follows a rename, and forgets when cleared', async () => {
    const { driver, interpreter, kiosk, ask, offersTo, routing } = await setup();
    void routing('Riyadh', { flowSkills: { birth: ['medical'] } });
    void driver.dispatch({ type: 'office-renamed', from: 'Riyadh', to: 'Riyadh Central' });
    expect([...driver.state.offices.keys()]).toEqual(['Riyadh Central']);
    interpreter('plain');
    interpreter('medic', ['medical']);
    kiosk('k1', 'Riyadh Central');
    const r = ask('k1', 'birth');
    expect(offersTo('plain')).toEqual([]);
    expect(offersTo('medic').map((o) => o.context.skills)).toEqual([['medical']]);
    expect(offersTo('medic')[0]!.requestId).toBe(r);
    void routing('Riyadh Central', null);
    expect(driver.state.offices.size).toBe(0);
  });
});
