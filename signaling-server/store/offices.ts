/**
 * Offices, for administrators: the list with what each holds (kiosks, people, the speed-of-answer
 * target), a new office, and a rename. An office is known by its name everywhere (identities, call
 * records, the audit log's scope), so a rename changes every one of them in one transaction: the
 * office's supervisor goes on seeing its whole history, and the rename itself is in the audit log
 * with both names.
 */
import * as v from 'valibot';
import { OfficeRoutingSchema, stripInvisible, type OfficeRoutingSettings } from '../../src/protocol/index.ts';
import type { Db } from './db.ts';
import { DEFAULT_TARGET } from './service-level.ts';

export interface OfficeRow {
  name: string;
  kiosks: number;
  people: number;
  target: { withinS: number; share: number };
  /** Whether the target is the office's own (false: the default). */
  ownTarget: boolean;
  routing: OfficeRoutingSettings;
  /** Its kiosks play a step's sign clip once, muted, when the step opens. */
  clipAutoplay: boolean;
}

export const NO_ROUTING: OfficeRoutingSettings = { priority: [], blocked: [], flowSkills: {} };

/** The stored routing column: checked by its schema on the way out too ('' or anything else: none). */
export function parseRouting(text: string): OfficeRoutingSettings {
  if (!text) return NO_ROUTING;
  try {
    const parsed = v.safeParse(OfficeRoutingSchema, JSON.parse(text));
    return parsed.success ? parsed.output : NO_ROUTING;
  } catch {
    return NO_ROUTING;
  }
}

export function offices(db: Db) {
  const exists = async (name: string) =>
    (await db.selectFrom('offices').select('id').where('name', '=', name).executeTakeFirst()) !== undefined;
  return {
    /** Every office (null) or one, by name. */
    async list(office: string | null): Promise<OfficeRow[]> {
      let q = db
        .selectFrom('offices as o')
        .select((eb) => [
          'o.name',
          'o.target_within_s as withinS',
          'o.target_share as share',
          'o.routing',
          'o.clip_autoplay',
          eb
            .selectFrom('kiosks as k')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('k.office_id', '=', 'o.id')
            .as('kiosks'),
          eb
            .selectFrom('users as u')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('u.office_id', '=', 'o.id')
            .as('people'),
        ])
        .orderBy('o.name');
      if (office !== null) q = q.where('o.name', '=', office);
      return (await q.execute()).map(({ withinS, share, routing, clip_autoplay, ...o }) => {
        const own = withinS !== null && share !== null;
        return {
          name: stripInvisible(o.name),
          kiosks: Number(o.kiosks ?? 0),
          people: Number(o.people ?? 0),
          target: own ? { withinS, share } : { ...DEFAULT_TARGET },
          ownTarget: own,
          routing: parseRouting(routing),
          clipAutoplay: Number(clip_autoplay) === 1,
        };
      });
    },
    exists,
    /** False when there is no such office. */
    async setClipAutoplay(name: string, on: boolean): Promise<boolean> {
      const done = await db
        .updateTable('offices')
        .set({ clip_autoplay: on ? 1 : 0 })
        .where('name', '=', name)
        .executeTakeFirst();
      return Number(done.numUpdatedRows) > 0;
    },
    /** False when there is no such office. */
    async setRouting(name: string, routing: OfficeRoutingSettings): Promise<boolean> {
      const done = await db
        .updateTable('offices')
        .set({ routing: JSON.stringify(routing) })
        .where('name', '=', name)
        .executeTakeFirst();
      return Number(done.numUpdatedRows) === 1;
    },
    /** Every office's routing choices that are not empty (for the routing core at start). */
    async allRouting(): Promise<Array<{ office: string; routing: OfficeRoutingSettings }>> {
      const rows = await db
        .selectFrom('offices')
        .select(['name', 'routing'])
        .where('routing', '!=', '')
        .execute();
      return rows.map((r) => ({ office: r.name, routing: parseRouting(r.routing) }));
    },
    /** False when the name is taken. */
    async add(name: string): Promise<boolean> {
      const done = await db
        .insertInto('offices')
        .values({ name })
        .onConflict((oc) => oc.column('name').doNothing())
        .executeTakeFirst();
      return Number(done.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    /** 'missing' (no office `from`), 'taken' (`to` exists) or 'renamed'. */
    async rename(from: string, to: string): Promise<'missing' | 'taken' | 'renamed'> {
      if (!(await exists(from))) return 'missing';
      if (from !== to && (await exists(to))) return 'taken';
      return db.transaction().execute(async (trx) => {
        const done = await trx
          .updateTable('offices')
          .set({ name: to })
          .where('name', '=', from)
          .executeTakeFirst();
        if (Number(done.numUpdatedRows) !== 1) return 'missing';
        await trx.updateTable('call_requests').set({ office: to }).where('office', '=', from).execute();
        await trx.updateTable('audit_log').set({ office: to }).where('office', '=', from).execute();
        return 'renamed';
      });
    },
  };
}
export type Offices = ReturnType<typeof offices>;

/** The id of the office with this name, made when it does not exist yet. */
export async function officeId(db: Db, name: string): Promise<number> {
  await db
    .insertInto('offices')
    .values({ name })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return (await db.selectFrom('offices').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}
