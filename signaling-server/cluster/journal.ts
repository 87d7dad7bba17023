/**
 * The leader's journal in Redis: every committed batch of steps (each input with its time, its
 * randomness, its idempotency key, the node its socket is on, and the inbox entry it came from, and
 * the batch's records) is appended before anything of it is sent, and every few seconds a snapshot of the core (with the
 * journal entry it was taken at) replaces the entries before it. A node that takes the lease restores
 * the snapshot and replays the entries after it through the same pure core: the same inputs give the
 * same state, so nothing committed is lost and nothing is applied twice.
 */
import * as v from 'valibot';
import { restore, snapshot } from '../domain/core.ts';
import type { Core } from '../domain/core.ts';
import type { CoreState, RecordOp } from '../domain/types.ts';
import type { Entry } from './record-writer.ts';
import type { ClusterRedis, Keys } from './redis.ts';

import { remember, type Reply, type Stepped } from '../shell/envelope.ts';
export type { Stepped };

/** What the shell keeps beside the core, carried in snapshots. */
export interface ShellState {
  /** Idempotency key → the answer it got (recent ones only; no answer is null in JSON). */
  recent: Array<[string, Reply | null]>;
  /** Socket id → the node it is connected to. */
  owners: Array<[string, string]>;
  /** The last inbox entry applied. */
  inbox: string;
}

const SnapshotSchema = v.object({
  id: v.string(),
  core: v.string(),
  shell: v.object({
    recent: v.array(v.tuple([v.string(), v.nullable(v.record(v.string(), v.unknown()))])),
    owners: v.array(v.tuple([v.string(), v.string()])),
    inbox: v.string(),
  }),
});

export class Journal {
  constructor(
    private readonly redis: ClusterRedis,
    private readonly keys: Keys,
    private readonly lease: () => string,
  ) {}

  /** Appends a committed batch; rejects (NOTLEADER, Redis away) when it cannot. Returns its id. */
  append(inputs: Stepped[], records: readonly RecordOp[]): Promise<string> {
    return this.redis.append(
      this.keys.leader,
      this.keys.journal,
      this.lease(),
      JSON.stringify(inputs),
      JSON.stringify(records),
    );
  }

  /**
   * Saves a snapshot taken at entry `id`, dropping the entries before it, or before `keepFrom` when
   * that is older (records not written yet).
   */
  save(id: string, state: CoreState, shell: ShellState, keepFrom: string | null): Promise<number> {
    const data = JSON.stringify({ id, core: snapshot(state), shell });
    return this.redis.snapshot(
      this.keys.leader,
      this.keys.snapshot,
      this.keys.journal,
      this.lease(),
      keepFrom !== null && olderEntry(keepFrom, id) ? keepFrom : id,
      data,
    );
  }

  /** The records of the entries after `after` ('' for all) up to `upTo` (null: none), in order. */
  async records(after: string, upTo: string | null): Promise<Entry[]> {
    if (upTo === null) return [];
    const from = after === '' ? '-' : `(${after}`;
    const entries = (await this.redis.xrange(this.keys.journal, from, upTo)) as Array<[string, string[]]>;
    return entries.map(([id, fields]) => ({ id, ops: JSON.parse(field(fields, 'r') ?? '[]') as RecordOp[] }));
  }

  /** The newest snapshot as it was saved (for a follower's read-only view), or null. */
  async latest(): Promise<{ id: string; state: CoreState } | null> {
    const raw = await this.redis.get(this.keys.snapshot);
    if (!raw) return null;
    const parsed = v.parse(SnapshotSchema, JSON.parse(raw));
    return { id: parsed.id, state: restore(parsed.core) };
  }

  /** Restores the snapshot and replays every batch journaled after it. */
  async load(core: Core, initial: CoreState): Promise<Restored> {
    const raw = await this.redis.get(this.keys.snapshot);
    const snap = raw ? v.parse(SnapshotSchema, JSON.parse(raw)) : null;
    let state = snap ? restore(snap.core) : initial;
    const recent = new Map<string, Reply>(
      (snap?.shell.recent ?? []).map(([key, ack]) => [key, (ack ?? undefined) as Reply]),
    );
    const owners = new Map(snap?.shell.owners ?? []);
    let inbox = snap?.shell.inbox ?? '0-0';
    const from = snap ? `(${snap.id}` : '-';
    const entries = (await this.redis.xrange(this.keys.journal, from, '+')) as Array<[string, string[]]>;
    let last = snap?.id ?? null;
    for (const [id, fields] of entries) {
      const batch = JSON.parse(field(fields, 'd') ?? '[]') as Stepped[];
      for (const s of batch) {
        const result = core.step(state, s.input, s.now);
        state = result.state;
        if (s.key) remember(recent, s.key, result.ack);
        track(owners, s);
        if (s.inbox) inbox = s.inbox;
      }
      last = id;
    }
    return { state, recent, owners, inbox, last, fresh: !snap && entries.length === 0 };
  }
}

export interface Restored {
  state: CoreState;
  recent: Map<string, Reply>;
  owners: Map<string, string>;
  inbox: string;
  /** The last journal entry (null: none yet). */
  last: string | null;
  /** Nothing was ever journaled: a new cluster (or Redis lost its data). */
  fresh: boolean;
}

/** Which node a socket is on, from the inputs that say so. */
export function track(owners: Map<string, string>, s: Stepped): void {
  const { input } = s;
  if ((input.type === 'connect' || input.type === 'recover') && s.node) owners.set(input.id, s.node);
  else if (input.type === 'disconnect' && !input.network) owners.delete(input.id);
}

/** A field of a stream entry (its fields come as name, value, name, value…). */
function field(fields: string[], name: string): string | undefined {
  const i = fields.indexOf(name);
  return i >= 0 && i % 2 === 0 ? fields[i + 1] : undefined;
}

/** Stream entry ids ("ms-seq") in order. */
export function olderEntry(a: string, b: string): boolean {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am < bm || (am === bm && as < bs);
}
