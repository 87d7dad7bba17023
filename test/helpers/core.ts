/**
 * The routing core behind its real driver, with a real SQLite recorder (in memory, synchronous) and the test's
 * clock (vitest's fake timers drive every timeout), and a method per client event, so unit tests read
 * like the conversations they check.
 */
import type { ClientEventName, ClientPayload, HandshakeAuth } from '../../src/protocol/index.ts';
import { systemClock, type Clock } from '../../src/util/clock.ts';
import { createCore, initialState } from '../../signaling-server/domain/core.ts';
import type { CoreConfig, CoreState, RoutingPolicy } from '../../signaling-server/domain/types.ts';
import { counts } from '../../signaling-server/domain/views.ts';
import { Driver, type Outbox } from '../../signaling-server/shell/driver.ts';
import { recorder } from '../../signaling-server/store/call-records.ts';
import { openStore } from '../../signaling-server/store/db.ts';

export const POLICY: RoutingPolicy = {
  ringTimeoutMs: 20_000,
  wrapUpMs: 10_000,
  genderFallbackMs: 60_000,
  skillFallbackMs: 60_000,
  textFallbackMs: 45_000,
  languages: ['sdl', 'ase'],
  summaryIntervalMs: 1000,
  statusIntervalMs: 500,
};

export const CONFIG: CoreConfig = {
  routing: POLICY,
  idle: { idleS: 120, warningS: 30, awayS: 60 },
  recoveryWindowMs: 0,
  validCard: () => true,
  // The tests' services: 'court' needs a legal interpreter, 'birth' nothing special; no others.
  flowSkills: (flow) => (flow === 'court' ? ['legal'] : flow === 'birth' ? [] : null),
};

export interface Sent {
  to: string;
  event: string;
  payload: unknown;
}

/** Deterministic randomness: 128 hex characters, different for every step. */
export function counterRand(): () => string {
  let n = 0;
  return () => (++n).toString(16).padStart(8, '0').repeat(16);
}

export async function coreHarness(
  config: Partial<Omit<CoreConfig, 'routing'>> & { routing?: Partial<RoutingPolicy> } = {},
  opts: { clock?: Clock; state?: CoreState; logs?: string[]; rand?: () => string } = {},
) {
  const sent: Sent[] = [];
  const outbox: Outbox = { send: (to, event, payload) => void sent.push({ to, event, payload }) };
  const store = await openStore(':memory:');
  const db = store.raw!;
  const records = recorder(store);
  const core = createCore({ ...CONFIG, ...config, routing: { ...POLICY, ...config.routing } });
  const logs = opts.logs ?? [];
  const line =
    (level: string) =>
    (...args: unknown[]): void =>
      void logs.push(`${level} ${String(args[1])} ${JSON.stringify(args[0])}`);
  const driver = new Driver({
    core,
    state: opts.state ?? initialState(),
    clock: opts.clock ?? systemClock,
    outbox,
    records,
    rand: opts.rand ?? counterRand(),
    logger: { error: line('error'), warn: line('warn'), info: line('info'), debug: line('debug') },
    callStart: ({ type: _t, to: _to, accountId: _a, role: _r, ...start }) => ({
      ...start,
      iceServers: [],
      media: { maxBitrateKbps: 1500, codec: 'VP8', iceTransportPolicy: 'all' },
      resumeToken: '',
    }),
  });
  // With SQLite the driver answers at once: a promise here would be a change of its contract.
  const sync = <T>(reply: T | Promise<T>): T => {
    if (reply instanceof Promise) throw new Error('the SQLite driver answered with a promise');
    return reply;
  };
  const client = <E extends ClientEventName>(from: string, event: E, payload: ClientPayload<E>) =>
    sync(driver.dispatch({ type: 'client', from, event, payload } as never)) as never;
  const sb = {
    connect: (id: string, auth: HandshakeAuth) =>
      sync(driver.dispatch({ type: 'connect', id, identity: { ...auth, accountId: id } })),
    disconnect: (id: string) => sync(driver.dispatch({ type: 'disconnect', id, network: false })),
    setPresence: (id: string, status: 'available' | 'break' | 'offline') =>
      client(id, 'presence:set', { status }) as
        { ok: true; status: string } | { ok: false; code: string; message: string },
    requestCall: (id: string, p: ClientPayload<'call:request'>) =>
      client(id, 'call:request', p) as
        { ok: true; requestId: string; position: number } | { ok: false; code: string; message: string },
    cancelRequest: (id: string, requestId: string) => client(id, 'call:cancel', { requestId }),
    relaxGender: (id: string, requestId: string) => client(id, 'call:relax', { requestId }),
    relaxSkills: (id: string, requestId: string) => client(id, 'call:relax', { requestId, drop: 'skills' }),
    chooseFallback: (id: string, requestId: string) => client(id, 'call:fallback', { requestId }),
    accept: (id: string, requestId: string) =>
      client(id, 'call:accept', { requestId }) as
        { ok: true; callId: string } | { ok: false; code: string; message: string },
    decline: (id: string, requestId: string) => client(id, 'call:decline', { requestId }),
    endCall: (id: string, callId: string) => client(id, 'call:end', { callId }),
    snapshot: () => {
      const { queued, calls, available } = counts(driver.state);
      return { queued, calls, available };
    },
  };
  return { sb, driver, sent, db, records, logs, client };
}
