/**
 * The audit log of administration in SQLite: who (account id and role) did what (an action name) to
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
  const insert = db.prepare(
    'INSERT INTO audit_log (at, actor_id, actor_role, office, action, target) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const list = db.prepare(
    `SELECT at, actor_id AS actorId, actor_role AS actorRole, office, action, target FROM audit_log
      WHERE ? IS NULL OR office = ? ORDER BY id DESC LIMIT ?`,
  );
  return {
    write(e: Omit<AuditEntry, 'at'>): void {
      insert.run(now(), e.actorId, e.actorRole, e.office, e.action, e.target);
    },
    /** The latest entries of one office (null: all), newest first. */
    recent(office: string | null, limit = 100): AuditEntry[] {
      return list.all(office, office, limit) as AuditEntry[];
    },
  };
}
export type AuditLog = ReturnType<typeof auditLog>;
