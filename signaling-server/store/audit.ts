/**
 * The audit log of administration in the database: who (account id and role) did what (an action name) to
 * whom (an id or username), when, in which office. Never a password, code or anything people wrote.
 */
import type { Db } from './db.ts';

export interface AuditEntry {
  at: number;
  actorId: string;
  actorRole: string;
  office: string | null;
  action: string;
  target: string;
}

export function auditLog(db: Db, now: () => number) {
  return {
    async write(e: Omit<AuditEntry, 'at'>): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({
          at: now(),
          actor_id: e.actorId,
          actor_role: e.actorRole,
          office: e.office,
          action: e.action,
          target: e.target,
        })
        .execute();
    },
    /** The latest entries of one office (null: all), newest first. */
    async recent(office: string | null, limit = 100): Promise<AuditEntry[]> {
      let q = db
        .selectFrom('audit_log')
        .select(['at', 'actor_id as actorId', 'actor_role as actorRole', 'office', 'action', 'target'])
        .orderBy('id', 'desc')
        .limit(limit);
      if (office !== null) q = q.where('office', '=', office);
      return q.execute();
    },
  };
}
export type AuditLog = ReturnType<typeof auditLog>;
