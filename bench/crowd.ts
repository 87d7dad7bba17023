/**
 * The simulated crowd of bench:queue and bench:cluster: kiosks and interpreters as real accounts on
 * socket.io-client (no media). Calls last 1–5 s; interpreters decline 10 % of offers; 2 % of calls
 * drop the interpreter (who comes back a second later), 2 % drop the kiosk; 5 % of citizens cancel
 * while waiting. Offer latency: from the moment a request and an interpreter are both free (request
 * sent, requeued, declined or missed; interpreter free again) to the offer's arrival.
 *
 * With `rebind` (a cluster behind a load balancer), a socket whose node dies reconnects by itself
 * and names its old connection (`client:rebind`), as the pages do.
 */
import { io, type Socket } from 'socket.io-client';
import type { Who } from '../test/helpers/accounts.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/protocol/index.ts';

type Sock = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Offer {
  /** When it arrived, and since when it could have been made. */
  at: number;
  since: number;
  requestId: string;
}

export function crowdAccounts(kiosks: number, interpreters: number): Who[] {
  return [
    ...Array.from({ length: interpreters }, (_, n): Who => ({
      kind: 'interpreter',
      name: `interpreter-${n}`,
      gender: n % 2 ? 'male' : 'female',
      languages: ['sdl'],
    })),
    ...Array.from({ length: kiosks }, (_, n): Who => ({
      kind: 'kiosk',
      name: `kiosk-${n}`,
      counter: String(n),
    })),
  ];
}

export function crowd(opts: { url: string; cookies: Map<string, string>; rebind?: boolean }) {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const between = (a: number, b: number) => a + random() * (b - a);
  let running = true;
  const sockets = new Set<Sock>();
  const interpreterSockets = new Set<Sock>();
  const offers: Offer[] = [];
  /** When each request last became offerable (sent, requeued, declined or missed). */
  const offerableAt = new Map<string, number>();
  const requestState = new Map<string, 'waiting' | 'answered' | 'cancelled' | 'abandoned'>();
  /** Requests answered by two different calls (a call:start sent again for the same call is not). */
  const startedTwice = new Set<string>();
  const callOfRequest = new Map<string, string>();
  /** Per kiosk name, the time its current request was sent (the id is known only after the ack). */
  const sentAt = new Map<string, number>();
  const stats = { requests: 0, bad: 0, rebound: 0, notRebound: 0 };

  function connect(name: string): Promise<Sock> {
    const s: Sock = io(opts.url, {
      extraHeaders: { cookie: opts.cookies.get(name)! },
      transports: ['websocket'],
      reconnection: opts.rebind === true,
      reconnectionDelay: 200,
      reconnectionDelayMax: 1000,
      forceNew: true,
    });
    sockets.add(s);
    let previousId: string | null = null;
    s.on('connect', () => {
      const before = previousId;
      previousId = s.id ?? null;
      if (!before || s.recovered) return;
      void ack<{ ok: boolean; rebound?: boolean }>(s, 'client:rebind', { previousId: before }).then((r) =>
        r.rebound ? stats.rebound++ : stats.notRebound++,
      );
    });
    s.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') sockets.delete(s);
    });
    return new Promise((resolve, reject) => {
      s.once('connect', () => resolve(s));
      // Behind a load balancer the client tries again by itself.
      if (!opts.rebind) s.once('connect_error', reject);
    });
  }
  function ack<T>(s: Sock, event: string, payload: object): Promise<T> {
    const withTimeout = s.timeout(15_000);
    const emit = withTimeout.emitWithAck.bind(withTimeout) as (e: string, p: object) => Promise<T>;
    return emit(event, payload).catch(() => {
      // Expected only for acks in flight on a socket that dropped (the simulation's, or a dead node's).
      if (s.connected) stats.bad++;
      return { ok: false } as T;
    });
  }

  async function interpreter(n: number): Promise<void> {
    const name = `interpreter-${n}`;
    const s = await connect(name);
    interpreterSockets.add(s);
    s.on('disconnect', (reason) => reason === 'io client disconnect' && interpreterSockets.delete(s));
    let freeAt = Date.now();
    s.on('call:offer', (offer) => {
      const now = Date.now();
      const since = Math.max(
        offerableAt.get(offer.requestId) ?? sentAt.get(offer.context.kioskName) ?? now,
        freeAt,
      );
      offers.push({ at: now, since, requestId: offer.requestId });
      if (random() < 0.1) {
        freeAt = Date.now();
        offerableAt.set(offer.requestId, freeAt);
        void ack(s, 'call:decline', { requestId: offer.requestId });
      } else void ack(s, 'call:accept', { requestId: offer.requestId });
    });
    s.on('call:offer-withdrawn', (p) => {
      freeAt = Date.now();
      if (p.reason === 'timeout') offerableAt.set(p.requestId, freeAt);
    });
    s.on('call:start', () => {
      if (random() < 0.02)
        setTimeout(
          () => {
            s.disconnect();
            setTimeout(() => running && void interpreter(n), 1000);
          },
          between(200, 1500),
        );
    });
    s.on('presence:changed', (p) => {
      if (p.status === 'available') freeAt = Date.now();
      if (p.status === 'break' || (p.status === 'offline' && s.connected))
        void ack(s, 'presence:set', { status: 'available' }).then(() => (freeAt = Date.now()));
    });
    await ack(s, 'presence:set', { status: 'available' });
    freeAt = Date.now();
  }

  async function kiosk(n: number): Promise<void> {
    const name = `kiosk-${n}`;
    const s = await connect(name);
    let current: string | null = null;
    const ask = async () => {
      if (!running || !s.connected) return;
      sentAt.set(name, Date.now());
      const r = await ack<{ ok: boolean; requestId: string }>(s, 'call:request', {});
      if (!r.ok) return;
      stats.requests++;
      // In Node, frames that arrive together are handled before this continuation: call:start may be first.
      if (requestState.has(r.requestId)) return;
      current = r.requestId;
      requestState.set(r.requestId, 'waiting');
      if (random() < 0.05)
        setTimeout(
          async () => {
            const id = current;
            if (!id || requestState.get(id) !== 'waiting') return;
            const c = await ack<{ ok: boolean }>(s, 'call:cancel', { requestId: id });
            if (c.ok) {
              requestState.set(id, 'cancelled');
              setTimeout(() => void ask(), between(0, 3000));
            }
          },
          between(100, 3000),
        );
    };
    s.on('call:start', (start) => {
      const before = callOfRequest.get(start.requestId);
      if (before === start.callId) return; // the same call again, after a reconnect
      if (before !== undefined) startedTwice.add(start.requestId);
      callOfRequest.set(start.requestId, start.callId);
      requestState.set(start.requestId, 'answered');
      current = null;
      if (random() < 0.02) {
        setTimeout(
          () => {
            // A kiosk that leaves abandons whatever it was waiting for (it may have been requeued meanwhile).
            if (current && requestState.get(current) === 'waiting') requestState.set(current, 'abandoned');
            s.disconnect();
            setTimeout(() => running && void kiosk(n), 1000);
          },
          between(200, 1500),
        );
        return;
      }
      setTimeout(
        async () => {
          await ack(s, 'call:end', { callId: start.callId });
          setTimeout(() => void ask(), between(0, 3000));
        },
        between(1000, 5000),
      );
    });
    s.on('call:ended', (e) => {
      if (!e.requeued) {
        setTimeout(() => void ask(), between(0, 3000));
        return;
      }
      stats.requests++;
      current = e.requeued.requestId;
      offerableAt.set(current, Date.now());
      requestState.set(current, 'waiting');
    });
    setTimeout(() => void ask(), between(0, 2000));
  }

  return {
    interpreter,
    kiosk,
    offers,
    requestState,
    startedTwice,
    stats,
    /** No new requests from now on. */
    stop: () => void (running = false),
    /** Takes the interpreters away (their calls go back to the queue). */
    dropInterpreters: () => interpreterSockets.forEach((s) => s.disconnect()),
    waiting: () => [...requestState.values()].filter((s) => s === 'waiting').length,
    disconnectAll: () => sockets.forEach((s) => s.disconnect()),
  };
}
