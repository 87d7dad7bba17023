/**
 * Prometheus metrics at `GET /metrics` (prom-client): sockets by role, queue length and the oldest
 * wait, calls, offers by outcome, ICE restarts the interpreter pages reported, errors the driver
 * caught, and Node's own process metrics (heap, RSS, event-loop lag, GC). Counters grow from the record effects the core emits (nothing is counted twice: a step's
 * records are observed once, after they were written). Guarded: with METRICS_TOKEN set, a bearer
 * token is required; without it, only a loopback client (and never behind a trusted proxy) may read.
 */
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { SocketData } from '../../src/protocol/index.ts';
import type { CoreState, RecordOp } from '../domain/types.ts';

export function createMetrics(deps: {
  state: () => CoreState;
  sockets: () => Iterable<{ data: SocketData }>;
  errors: () => number;
  now: () => number;
}) {
  const registry = new Registry();
  const registers = [registry];
  // The process's own: heap, resident memory, event-loop lag, garbage collection, open files.
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'ashir_sockets',
    help: 'Open sockets by role',
    labelNames: ['role'],
    registers,
    collect() {
      this.reset();
      const byRole = new Map<string, number>();
      for (const s of deps.sockets()) byRole.set(s.data.role, (byRole.get(s.data.role) ?? 0) + 1);
      for (const [role, n] of byRole) this.set({ role }, n);
    },
  });
  new Gauge({
    name: 'ashir_queue_length',
    help: 'Requests waiting (queued or ringing)',
    registers,
    collect() {
      this.set(deps.state().requests.size);
    },
  });
  new Gauge({
    name: 'ashir_oldest_wait_seconds',
    help: 'How long the longest-waiting request has waited',
    registers,
    collect() {
      let oldest = Infinity;
      for (const r of deps.state().requests.values()) oldest = Math.min(oldest, r.requestedAt);
      this.set(oldest === Infinity ? 0 : (deps.now() - oldest) / 1000);
    },
  });
  new Gauge({
    name: 'ashir_calls',
    help: 'Calls in progress',
    registers,
    collect() {
      this.set(deps.state().calls.size);
    },
  });
  new Gauge({
    name: 'ashir_event_errors',
    help: 'Errors the routing driver caught in the last five minutes',
    registers,
    collect() {
      this.set(deps.errors());
    },
  });
  const offers = new Counter({
    name: 'ashir_offers_total',
    help: 'Offers to interpreters by outcome',
    labelNames: ['outcome'],
    registers,
  });
  const restarts = new Counter({
    name: 'ashir_ice_restarts_total',
    help: 'ICE restarts during calls, as interpreter pages reported them',
    registers,
  });
  const requests = new Counter({ name: 'ashir_requests_total', help: 'Call requests made', registers });
  return {
    registry,
    /** The records of one step, after they were written. */
    observe(ops: readonly RecordOp[]): void {
      for (const op of ops) {
        if (op.op === 'offer-result') offers.inc({ outcome: op.outcome });
        else if (op.op === 'quality') restarts.inc(op.summary.iceRestarts);
        else if (op.op === 'requested') requests.inc();
      }
    },
  };
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function metricsRoute(registry: Registry, token: string | null, trustProxy: number): RequestHandler {
  return (req, res, next) => {
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const allowed = token
      ? given.length === token.length && timingSafeEqual(Buffer.from(given), Buffer.from(token))
      : trustProxy === 0 && LOOPBACK.has(req.socket.remoteAddress ?? '');
    if (!allowed) {
      res
        .status(token ? 401 : 403)
        .json({ ok: false, code: token ? 'unauthorized' : 'forbidden', message: 'Not for you.' });
      return;
    }
    res.setHeader('Content-Type', registry.contentType);
    registry.metrics().then((text) => res.send(text), next);
  };
}
