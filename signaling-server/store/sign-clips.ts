/**
 * The sign library's rows (the files are in clip-files.ts): a clip is submitted `pending`, a reviewer
 * approves it (the clip approved before for the same target and sign language becomes `replaced`,
 * in the same transaction; a unique partial index keeps one approved) or rejects it with a reason.
 * Only approved clips are ever served. Imports (npm run clips -- import) arrive approved.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { ClipRow, ClipStatus, SignLanguage } from '../../src/protocol/index.ts';
import type { Db } from './db.ts';
import type { SignClipsTable } from './schema.ts';

export interface NewClip {
  target: string;
  language: string;
  sha256: string;
  bytes: number;
  durationMs: number;
  interpreterId: string | null;
  interpreterName: string;
  licence: string;
  consentedAt: number;
  createdAt: number;
}

export type ReviewOutcome = 'done' | 'missing' | 'conflict';

const toRow = (r: SignClipsTable): ClipRow => ({
  id: r.id,
  target: r.target,
  language: r.sign_language as SignLanguage,
  status: r.status as ClipStatus,
  sha256: r.sha256,
  bytes: Number(r.bytes),
  durationMs: Number(r.duration_ms),
  interpreterName: r.interpreter_name,
  createdAt: r.created_at,
  reviewedAt: r.reviewed_at,
  reviewerName: r.reviewer_name,
  reason: r.reason,
  source: r.source as ClipRow['source'],
});

/** The clip approved for a target and sign language (if any) becomes `replaced`: one approved at a time. */
function replaceApproved(trx: Db, target: string, language: string) {
  return trx
    .updateTable('sign_clips')
    .set({ status: 'replaced' })
    .where('target', '=', target)
    .where('sign_language', '=', language)
    .where('status', '=', 'approved')
    .execute();
}

export function signClips(db: Db) {
  return {
    async add(clip: NewClip): Promise<ClipRow> {
      const row: SignClipsTable = {
        id: randomUUID(),
        target: clip.target,
        sign_language: clip.language,
        sha256: clip.sha256,
        bytes: clip.bytes,
        duration_ms: clip.durationMs,
        interpreter_id: clip.interpreterId,
        interpreter_name: clip.interpreterName,
        licence: clip.licence,
        consented_at: clip.consentedAt,
        created_at: clip.createdAt,
        status: 'pending',
        reviewed_by: null,
        reviewer_name: null,
        reviewed_at: null,
        reason: null,
        source: 'recorded',
      };
      await db.insertInto('sign_clips').values(row).execute();
      return toRow(row);
    },

    async get(id: string): Promise<(ClipRow & { interpreterId: string | null }) | null> {
      const r = await db.selectFrom('sign_clips').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? { ...toRow(r), interpreterId: r.interpreter_id } : null;
    },

    /** Newest first; `null` status: all. At most `limit` rows. */
    async list(filter: {
      status: ClipStatus | null;
      interpreterId?: string;
      limit: number;
    }): Promise<ClipRow[]> {
      let q = db.selectFrom('sign_clips').selectAll().orderBy('created_at', 'desc').limit(filter.limit);
      if (filter.status) q = q.where('status', '=', filter.status);
      if (filter.interpreterId) q = q.where('interpreter_id', '=', filter.interpreterId);
      return (await q.execute()).map(toRow);
    },

    /** Per target in one sign language: whether an approved clip exists, and how many wait for review. */
    async coverage(language: string): Promise<Array<{ target: string; approved: boolean; pending: number }>> {
      const rows = await db
        .selectFrom('sign_clips')
        .select((eb) => [
          'target',
          eb.fn.sum<number>(sql`CASE WHEN status = 'approved' THEN 1 ELSE 0 END`).as('approved'),
          eb.fn.sum<number>(sql`CASE WHEN status = 'pending' THEN 1 ELSE 0 END`).as('pending'),
        ])
        .where('sign_language', '=', language)
        .where('status', 'in', ['approved', 'pending'])
        .groupBy('target')
        .execute();
      return rows.map((r) => ({
        target: r.target,
        approved: Number(r.approved) > 0,
        pending: Number(r.pending),
      }));
    },

    async pendingOf(interpreterId: string): Promise<number> {
      const r = await db
        .selectFrom('sign_clips')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('interpreter_id', '=', interpreterId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(r?.n ?? 0);
    },

    /** Every approved clip (what kiosks play and `clips export` writes). */
    async approved(): Promise<Array<ClipRow & { licence: string; consentedAt: number }>> {
      const rows = await db
        .selectFrom('sign_clips')
        .selectAll()
        .where('status', '=', 'approved')
        .orderBy('target')
        .orderBy('sign_language')
        .execute();
      return rows.map((r) => ({ ...toRow(r), licence: r.licence, consentedAt: r.consented_at }));
    },

    /** Whether a file (by its hash) belongs to an approved clip: only those are served. */
    async isApproved(sha256: string): Promise<boolean> {
      const r = await db
        .selectFrom('sign_clips')
        .select('id')
        .where('sha256', '=', sha256)
        .where('status', '=', 'approved')
        .executeTakeFirst();
      return r !== undefined;
    },

    /** Whether any row still needs the file (a rejected or replaced clip's stays for its history). */
    async fileKnown(sha256: string): Promise<boolean> {
      const r = await db
        .selectFrom('sign_clips')
        .select('id')
        .where('sha256', '=', sha256)
        .executeTakeFirst();
      return r !== undefined;
    },

    /**
     * Approve a pending clip (the approved one for its target and language is replaced), or reject a
     * pending or approved one (a withdrawal). `conflict`: the clip is not in a state that allows it.
     */
    async review(
      id: string,
      decision: { approve: true } | { approve: false; reason: string },
      reviewer: { id: string; name: string },
      at: number,
    ): Promise<ReviewOutcome> {
      return db.transaction().execute(async (trx) => {
        const clip = await trx.selectFrom('sign_clips').selectAll().where('id', '=', id).executeTakeFirst();
        if (!clip) return 'missing';
        const reviewed = { reviewed_by: reviewer.id, reviewer_name: reviewer.name, reviewed_at: at };
        if (!decision.approve) {
          if (clip.status !== 'pending' && clip.status !== 'approved') return 'conflict';
          await trx
            .updateTable('sign_clips')
            .set({ status: 'rejected', reason: decision.reason, ...reviewed })
            .where('id', '=', id)
            .execute();
          return 'done';
        }
        if (clip.status !== 'pending') return 'conflict';
        await replaceApproved(trx, clip.target, clip.sign_language);
        await trx
          .updateTable('sign_clips')
          .set({ status: 'approved', reason: null, ...reviewed })
          .where('id', '=', id)
          .execute();
        return 'done';
      });
    },

    /**
     * Imported clips arrive approved, each replacing what was approved for its target and language
     * unless that is the same file; all in one transaction. Returns how many were added.
     */
    async importApproved(clips: Array<NewClip & { approvedAt: number }>, by: string): Promise<number> {
      return db.transaction().execute(async (trx) => {
        let added = 0;
        for (const c of clips) {
          const current = await trx
            .selectFrom('sign_clips')
            .select(['sha256'])
            .where('target', '=', c.target)
            .where('sign_language', '=', c.language)
            .where('status', '=', 'approved')
            .executeTakeFirst();
          if (current?.sha256 === c.sha256) continue;
          await replaceApproved(trx, c.target, c.language);
          await trx
            .insertInto('sign_clips')
            .values({
              id: randomUUID(),
              target: c.target,
              sign_language: c.language,
              sha256: c.sha256,
              bytes: c.bytes,
              duration_ms: c.durationMs,
              interpreter_id: null,
              interpreter_name: c.interpreterName,
              licence: c.licence,
              consented_at: c.consentedAt,
              created_at: c.createdAt,
              status: 'approved',
              reviewed_by: null,
              reviewer_name: by,
              reviewed_at: c.approvedAt,
              reason: null,
              source: 'imported',
            })
            .execute();
          added++;
        }
        return added;
      });
    },

    async autoplay(office: string | null): Promise<boolean> {
      if (office === null) return false;
      const r = await db
        .selectFrom('offices')
        .select('clip_autoplay')
        .where('name', '=', office)
        .executeTakeFirst();
      return Number(r?.clip_autoplay ?? 0) === 1;
    },
  };
}

export type SignClips = ReturnType<typeof signClips>;
