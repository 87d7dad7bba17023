/**
 * One step's working copy of the state. The state a step was given is never changed: a write makes
 * a new version of its table (a persistent map, see `CoreState`), and records are replaced, not edited. The
 * effects of the step are collected here, in order.
 */
import {
  fail,
  type Ack,
  type AckError,
  type ErrorCode,
  type ServerToClientEvents,
} from '../../src/protocol/index.ts';
import type { OrderedMap } from 'immutable';
import { next, type Machine } from '../../src/util/machine.ts';
import type {
  Client,
  ClientId,
  CoreConfig,
  CoreState,
  Effect,
  InterpreterClient,
  KioskClient,
  ClerkClient,
  LogLevel,
  RecordOp,
} from './types.ts';

type TableName =
  'clients' | 'requests' | 'calls' | 'timers' | 'held' | 'pairAttempts' | 'endedCalls' | 'offices';
type Row<T extends TableName> = CoreState[T] extends OrderedMap<string, infer R> ? R : never;

/** An ack read at the end of the step, after matching (for answers that depend on the whole step). */
export type Later = () => Ack<object>;

export interface Tx {
  readonly cfg: CoreConfig;
  readonly now: number;
  readonly rand: string;
  s: CoreState;
  readonly effects: Effect[];
  /** Kiosks whose request or call changed in this step: their counter is told at the end. */
  readonly touched: Set<ClientId>;
  ids: number;
  codes: number;
}

export function begin(cfg: CoreConfig, state: CoreState, now: number, rand: string): Tx {
  if (!/^[0-9a-f]{128,}$/.test(rand)) throw new Error('rand must be at least 128 hex characters');
  return {
    cfg,
    now,
    rand,
    s: { ...state },
    effects: [],
    touched: new Set(),
    ids: 0,
    codes: 0,
  };
}

export function put<T extends TableName>(tx: Tx, table: T, key: string, row: Row<T> | undefined): void {
  const rows = tx.s[table] as unknown as OrderedMap<string, Row<T>>;
  tx.s[table] = (row === undefined ? rows.remove(key) : rows.set(key, row)) as unknown as CoreState[T];
}

export function set<K extends 'queue' | 'answerTimes' | 'glance' | 'errors'>(
  tx: Tx,
  key: K,
  value: CoreState[K],
): void {
  tx.s[key] = value;
}

export function send<E extends keyof ServerToClientEvents>(
  tx: Tx,
  to: ClientId,
  event: E,
  payload: Parameters<ServerToClientEvents[E]>[0],
): void {
  tx.effects.push({ type: 'send', to, event, payload } as Effect);
}

export function record(tx: Tx, op: RecordOp): void {
  tx.effects.push({ type: 'record', record: op });
}

export function log(tx: Tx, level: LogLevel, msg: string, fields?: Record<string, unknown>): void {
  tx.effects.push({ type: 'log', level, msg, ...(fields ? { fields } : {}) });
}

export function arm(tx: Tx, id: string, at: number): void {
  put(tx, 'timers', id, at);
  tx.effects.push({ type: 'arm', id, at });
}

export function cancel(tx: Tx, id: string): void {
  if (!tx.s.timers.has(id)) return;
  put(tx, 'timers', id, undefined);
  tx.effects.push({ type: 'cancel', id });
}

/** A refused event: an error ack and a debug line, nothing changed. */
export function refuse(tx: Tx, code: ErrorCode, message: string): AckError {
  log(tx, 'debug', 'refused', { code });
  return fail(code, message);
}

/** Moves a lifecycle through its table, logging the move; null when the table refuses it. */
export function move<S extends string, E extends string>(
  tx: Tx,
  name: string,
  table: Machine<S, E>,
  from: S,
  event: E,
  fields: Record<string, unknown>,
): S | null {
  return next(name, table, from, event, (line) => log(tx, 'debug', line, fields));
}

/** A new id, unique and unguessable: drawn from the event's fresh randomness. */
export function newId(tx: Tx): string {
  const r = tx.rand;
  const base = `${r.slice(0, 8)}-${r.slice(8, 12)}-${r.slice(12, 16)}-${r.slice(16, 20)}-${r.slice(20, 32)}`;
  return tx.ids++ === 0 ? base : `${base}-${tx.ids - 1}`;
}

/** How many pairing codes one step can draw from its randomness (12 draws of 32 bits). */
export const CODE_DRAWS = 12;

/** Whether this step can still draw `n` codes. */
export const canDrawCodes = (tx: Tx, n: number) => tx.codes + n <= CODE_DRAWS;

/**
 * A six-digit code not in `inUse`, each from its own 32 random bits of the event (never reused
 * within a step). A draw that is in use takes the next; callers draw at most a few per step.
 */
export function newCode(tx: Tx, inUse: ReadonlySet<string>): string {
  while (tx.codes < CODE_DRAWS) {
    const at = 32 + 8 * tx.codes++;
    const code = String(parseInt(tx.rand.slice(at, at + 8), 16) % 1_000_000).padStart(6, '0');
    if (!inUse.has(code)) return code;
  }
  // Only reached when a step draws more than it should (a bug); still a code not in use.
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!inUse.has(code)) return code;
  }
}

export const kioskOf = (s: CoreState, id: ClientId): KioskClient | undefined =>
  asKind(s.clients.get(id), 'kiosk');
export const interpreterOf = (s: CoreState, id: ClientId): InterpreterClient | undefined =>
  asKind(s.clients.get(id), 'interpreter');
export const clerkOf = (s: CoreState, id: ClientId): ClerkClient | undefined =>
  asKind(s.clients.get(id), 'clerk');

function asKind<K extends Client['kind']>(
  c: Client | undefined,
  kind: K,
): Extract<Client, { kind: K }> | undefined {
  return c?.kind === kind ? (c as Extract<Client, { kind: K }>) : undefined;
}
