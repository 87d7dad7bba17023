/**
 * Offices, for administrators: the list with what each holds (kiosks, people, the speed-of-answer
 * target), a new office, and a rename. An office is known by its name everywhere (identities, call
 * records, the audit log's scope), so a rename changes every one of them in one transaction: the
 * office's supervisor goes on seeing its whole history, and the rename itself is in the audit log
 * with both names.
 */
import { stripInvisible } from '../../src/protocol/index.ts';
import type { Db } from './db.ts';
import { DEFAULT_TARGET } from './service-level.ts';

export interface OfficeRow {
  name: string;
  kiosks: number;
  people: number;
  target: { withinS: number; share: number };
  /** Whether the target is the office's own (false: the default). */
  ownTarget: boolean;
}

export function offices(db: Db) {
  const list = db.prepare(
    `SELECT o.name, o.target_within_s AS withinS, o.target_share AS share,
            (SELECT count(*) FROM kiosks k WHERE k.office_id = o.id) AS kiosks,
            (SELECT count(*) FROM users u WHERE u.office_id = o.id) AS people
       FROM offices o WHERE @office IS NULL OR o.name = @office ORDER BY o.name`,
  );
  const exists = db.prepare('SELECT 1 FROM offices WHERE name = ?');
  const insert = db.prepare('INSERT INTO offices (name) VALUES (?)');
  const rename = db.transaction((from: string, to: string): boolean => {
    if (db.prepare('UPDATE offices SET name = ? WHERE name = ?').run(to, from).changes !== 1) return false;
    db.prepare('UPDATE call_requests SET office = ? WHERE office = ?').run(to, from);
    db.prepare('UPDATE audit_log SET office = ? WHERE office = ?').run(to, from);
    return true;
  });
  type Row = Omit<OfficeRow, 'target' | 'ownTarget'> & { withinS: number | null; share: number | null };
  return {
    /** Every office (null) or one, by name. */
    list(office: string | null): OfficeRow[] {
      return (list.all({ office }) as Row[]).map(({ withinS, share, ...o }) => {
        const own = withinS !== null && share !== null;
        return {
          ...o,
          name: stripInvisible(o.name),
          target: own ? { withinS, share } : { ...DEFAULT_TARGET },
          ownTarget: own,
        };
      });
    },
    exists: (name: string) => exists.get(name) !== undefined,
    /** False when the name is taken. */
    add(name: string): boolean {
      if (exists.get(name)) return false;
      insert.run(name);
      return true;
    },
    /** 'missing' (no office `from`), 'taken' (`to` exists) or 'renamed'. */
    rename(from: string, to: string): 'missing' | 'taken' | 'renamed' {
      if (!exists.get(from)) return 'missing';
      if (from !== to && exists.get(to)) return 'taken';
      return rename(from, to) ? 'renamed' : 'missing';
    },
  };
}
export type Offices = ReturnType<typeof offices>;

/** The id of the office with this name, made when it does not exist yet. */
export function officeId(db: Db, name: string): number {
  db.prepare('INSERT OR IGNORE INTO offices (name) VALUES (?)').run(name);
  return (db.prepare('SELECT id FROM offices WHERE name = ?').get(name) as { id: number }).id;
}
