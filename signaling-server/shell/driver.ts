/**
 * The shell around the routing core, and the only stateful object of routing: it feeds events into
 * `step`, commits the new state, and executes the effects (emits, record writes, timers, logs).
 *
 * A batch of steps' record writes go in one transaction before their state is committed: if they
 * fail, neither the state nor the records change (a client gets an error ack; a timer or connection
 * change is tried again shortly). With SQLite the write is synchronous and a batch is one event, as
 * it comes. When the write is asynchronous (PostgreSQL), the events that arrive while it is under
 * way wait, and go through together in the next batch (one commit for many steps). In a cluster the
 * leader's journal takes the write's place: the batch, its records included, is made durable there,
 * and the records are written to the database behind it (cluster/record-writer.ts). A throw inside the core is caught here, logged at `error` with the event,
 * and counted for /healthz; the server goes on serving.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { fail, type ServerToClientEvents } from '../../src/protocol/index.ts';
import type { Clock } from '../../src/util/clock.ts';
import type { Core } from '../domain/core.ts';
import type {
  ClientId,
  CoreEvent,
  CoreState,
  Effect,
  Input,
  Preconnect,
  RecordOp,
  StartCall,
} from '../domain/types.ts';
import type { RecordStore } from '../store/call-records.ts';
import { ErrorWindow } from './error-window.ts';
import { remember, type Batch, type Dispatched, type Reply, type Stepped } from './envelope.ts';

export type { Batch, Dispatched, Envelope, Reply, Stepped } from './envelope.ts';

export interface Outbox {
  send<E extends keyof ServerToClientEvents>(
    to: ClientId,
    event: E,
    payload: Parameters<ServerToClientEvents[E]>[0],
  ): void;
}

export interface DriverDeps {
  core: Core;
  state: CoreState;
  clock: Clock;
  outbox: Outbox;
  records: RecordStore;
  /** What call:start needs beyond the core's data: TURN credentials, a resume token, the media policy. */
  callStart: (e: StartCall) => Parameters<ServerToClientEvents['call:start']>[0];
  /** What call:preconnect needs beyond the core's data: TURN credentials and the media policy. */
  preconnect?: (e: Preconnect) => Parameters<ServerToClientEvents['call:preconnect']>[0];
  logger: Pick<Logger, 'error' | 'warn' | 'info' | 'debug'>;
  /** Fresh randomness for each step (ids, pairing codes); crypto by default. */
  rand?: () => string;
  /**
   * Cluster mode: the batch's inputs (with their time and randomness), the state they lead to and
   * their records are made durable (the leader's journal) before anything is sent; `records.apply`
   * is then not called (the journal's owner writes them).
   */
  journal?: (batch: Batch) => Promise<void>;
  /** Answers already given, by idempotency key (a restored leader's, from its journal). */
  recent?: Map<string, Reply>;
}

type MaybeAsync<T> = T | Promise<T>;

/** At most this many queued events go through one commit. */
const MAX_BATCH = 256;

/** A failed timer or connection change is tried again after this long. */
const RETRY_MS = 1000;

export class Driver {
  private current: CoreState;
  private readonly timers = new Map<string, () => void>();
  private readonly retries = new Set<() => void>();
  private readonly errors: ErrorWindow;
  private disposed = false;
  /** A batch's write is under way: new events wait in `queue`. */
  private busy = false;
  private readonly queue: Array<{ event: Dispatched; resolve: (r: Reply) => void }> = [];
  private readonly recent: Map<string, Reply>;
  private readonly inflight = new Map<string, Promise<Reply>>();

  constructor(private readonly deps: DriverDeps) {
    this.current = deps.state;
    this.errors = new ErrorWindow(() => deps.clock.now());
    this.recent = deps.recent ?? new Map();
    // A restored state brings its deadlines: every timer is armed again (a past one fires at once).
    for (const [id, at] of [...this.current.timers.entries()]) this.arm(id, at);
  }

  get state(): CoreState {
    return this.current;
  }

  /**
   * Feeds one event through the core. A client event gets its ack; others get undefined. Synchronous
   * while nothing is being written asynchronously; otherwise a promise, answered after its batch.
   */
  dispatch(event: Dispatched): MaybeAsync<Reply> {
    if (this.disposed) return fail('internal', 'The server is stopping.');
    const { key } = event;
    if (key !== undefined) {
      if (this.recent.has(key)) return this.recent.get(key);
      const pending = this.inflight.get(key);
      if (pending) return pending;
    }
    let reply: MaybeAsync<Reply>;
    if (this.busy) reply = new Promise((resolve) => this.queue.push({ event, resolve }));
    else {
      const replies = this.runBatch([event]);
      reply = replies instanceof Promise ? replies.then((r) => r[0]) : replies[0];
    }
    if (key !== undefined && reply instanceof Promise) {
      this.inflight.set(key, reply);
      void reply.then(() => this.inflight.delete(key));
    }
    return reply;
  }

  /** Steps a batch on a working copy, writes its records (and journal), then commits and sends. */
  private runBatch(events: readonly Dispatched[]): MaybeAsync<Reply[]> {
    const now = this.deps.clock.now();
    let working = this.current;
    const replies: Reply[] = [];
    const stepped: Array<{ index: number; effects: readonly Effect[]; ack: Reply }> = [];
    const inputs: Stepped[] = [];
    const records: RecordOp[] = [];
    events.forEach((event, index) => {
      const { key, rand, node, inbox, ...core } = event;
      const input = { ...core, rand: rand ?? (this.deps.rand ?? freshRand)() } as Input;
      try {
        const result = this.deps.core.step(working, input, now);
        working = result.state;
        stepped.push({ index, effects: result.effects, ack: result.ack });
        inputs.push({
          input,
          now,
          ...(key ? { key } : {}),
          ...(node ? { node } : {}),
          ...(inbox ? { inbox } : {}),
        });
        for (const e of result.effects) if (e.type === 'record') records.push(e.record);
      } catch (err) {
        this.failed('routing step failed', event, err);
        replies[index] =
          event.type === 'client'
            ? fail('internal', 'The server could not do that. Please try again.')
            : undefined;
      }
    });
    const commit = () => {
      this.current = working;
      for (const { index, effects, ack } of stepped) {
        for (const effect of effects) this.execute(effect, events[index]!);
        replies[index] = ack;
        const key = events[index]!.key;
        if (key !== undefined) remember(this.recent, key, ack);
      }
      return replies;
    };
    const refuse = (err: unknown) => {
      for (const { index } of stepped) {
        const event = events[index]!;
        this.failed('records not written; nothing changed', event, err);
        if (event.type === 'client')
          replies[index] = fail('internal', 'The server could not save that. Please try again.');
        else this.retry(event);
      }
      return replies;
    };
    const journal = this.deps.journal;
    let written: void | Promise<void>;
    try {
      written = records.length > 0 && !journal ? this.deps.records.apply(records) : undefined;
    } catch (err) {
      return refuse(err);
    }
    if (!(written instanceof Promise) && !journal) return commit();
    this.busy = true;
    return Promise.resolve(written)
      .then(() => journal?.({ inputs, state: working, records }))
      .then(commit, refuse)
      .finally(() => {
        this.busy = false;
        this.drain();
      });
  }

  /** Runs the events that waited for the last write, as one batch. */
  private drain(): void {
    while (!this.busy && this.queue.length > 0 && !this.disposed) {
      const waiting = this.queue.splice(0, MAX_BATCH);
      const replies = this.runBatch(waiting.map((w) => w.event));
      if (replies instanceof Promise) void replies.then((r) => waiting.forEach((w, i) => w.resolve(r[i])));
      else waiting.forEach((w, i) => w.resolve(replies[i]));
    }
  }

  /** The answers kept for resent events (a snapshot carries them). */
  recentAnswers(): Map<string, Reply> {
    return this.recent;
  }

  /** For /healthz: degraded when errors repeat. */
  health(): { degraded: boolean; errors: number } {
    return this.errors.read();
  }

  /** A failure outside the core (a socket listener, a process-level error): counted like one inside. */
  noteError(): void {
    this.errors.note();
  }

  dispose(): void {
    this.disposed = true;
    for (const w of this.queue.splice(0)) w.resolve(fail('internal', 'The server is stopping.'));
    for (const cancel of this.timers.values()) cancel();
    for (const cancel of this.retries) cancel();
    this.timers.clear();
    this.retries.clear();
  }

  private execute(effect: Effect, cause: CoreEvent): void {
    try {
      switch (effect.type) {
        case 'send':
          this.deps.outbox.send(effect.to, effect.event, effect.payload as never);
          return;
        case 'start-call':
          this.deps.outbox.send(effect.to, 'call:start', this.deps.callStart(effect));
          return;
        case 'preconnect':
          if (this.deps.preconnect)
            this.deps.outbox.send(effect.to, 'call:preconnect', this.deps.preconnect(effect));
          return;
        case 'arm':
          this.arm(effect.id, effect.at);
          return;
        case 'cancel':
          this.timers.get(effect.id)?.();
          this.timers.delete(effect.id);
          return;
        case 'log':
          this.deps.logger[effect.level](effect.fields ?? {}, effect.msg);
          return;
        case 'record':
          return; // written before the state was committed
      }
    } catch (err) {
      // The state is committed; one effect that fails (an emit to a socket that went) is logged.
      this.failed('effect failed', cause, err);
    }
  }

  private arm(id: string, at: number): void {
    this.timers.get(id)?.();
    const ms = Math.max(0, at - this.deps.clock.now());
    this.timers.set(
      id,
      this.deps.clock.setTimeout(() => {
        this.timers.delete(id);
        void this.dispatch({ type: 'timer', id });
      }, ms),
    );
  }

  private retry(event: CoreEvent): void {
    const cancel = this.deps.clock.setTimeout(() => {
      this.retries.delete(cancel);
      void this.dispatch(event);
    }, RETRY_MS);
    this.retries.add(cancel);
  }

  private failed(msg: string, event: CoreEvent, err: unknown): void {
    this.noteError();
    this.deps.logger.error({ err, event: describe(event) }, msg);
  }
}

/** An event as a log may show it: its kind and ids, never what people wrote. */
export function describe(event: CoreEvent): Record<string, unknown> {
  switch (event.type) {
    case 'client':
      return { type: 'client', event: event.event, from: event.from };
    case 'timer':
      return { type: 'timer', id: event.id.slice(0, 80) };
    case 'office-renamed':
    case 'office-routing':
    case 'reconcile':
    case 'resync':
      return { type: event.type };
    default:
      return { type: event.type, id: event.id };
  }
}

const freshRand = () => randomBytes(64).toString('hex');
