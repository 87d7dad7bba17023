/**
 * Kiosks in SQLite: enrolled devices of an office's counters. A kiosk is added with a one-time
 * enrollment code (shown once), exchanges it for a device credential (stored only as a hash),
 * and can be renamed, moved to another counter, disabled (its credential revoked), enabled or
 * enrolled again with a new code. When each was last seen is buffered and written in batches.
 */
import { randomUUID } from 'node:crypto';
import { stripInvisible } from '../../src/protocol/index.ts';
import { newEnrollmentCode, newToken, sha256 } from '../auth/secrets.ts';
import type { Db } from './db.ts';
import { officeId } from './offices.ts';

export interface Kiosk {
  id: string;
  name: string;
  office: string;
  counter: string;
}

/** How long an enrollment code is valid. */
export const ENROLLMENT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export class Kiosks {
  /** Last-seen times not yet written (see seen). */
  private readonly lastSeen = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Disables a kiosk (its credential is revoked: the device must be enrolled again) or enables it
   * again with a new one-time enrollment code.
   */
  setDisabled(id: string, disabled: boolean): { kiosk: Kiosk; code: string | null } | null {
    const kiosk = this.byId(id);
    if (!kiosk) return null;
    if (disabled) {
      this.db
        .prepare(
          'UPDATE kiosks SET disabled_at = ?, credential_hash = NULL, enrollment_hash = NULL WHERE id = ?',
        )
        .run(this.now(), id);
      return { kiosk, code: null };
    }
    const code = newEnrollmentCode();
    this.db
      .prepare(
        'UPDATE kiosks SET disabled_at = NULL, enrollment_hash = ?, enrollment_expires_at = ? WHERE id = ?',
      )
      .run(sha256(code), this.now() + ENROLLMENT_TTL_MS, id);
    return { kiosk, code };
  }

  /** A kiosk to enroll: returns its id and the one-time code to type on the device. */
  add(k: { office: string; counter: string; name?: string; id?: string }): {
    kiosk: Kiosk;
    code: string;
  } {
    const id = k.id ?? `k-${randomUUID().slice(0, 8)}`;
    const code = newEnrollmentCode();
    const now = this.now();
    this.db
      .prepare(
        `INSERT INTO kiosks (id, office_id, counter, name, enrollment_hash, enrollment_expires_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        officeId(this.db, k.office),
        k.counter,
        k.name ?? `Counter ${k.counter}`,
        sha256(code),
        now + ENROLLMENT_TTL_MS,
        now,
      );
    return { kiosk: this.byId(id)!, code };
  }

  /** Exchanges a valid, unused enrollment code for the device's credential (once). */
  enroll(code: string): { kiosk: Kiosk; credential: string } | null {
    const row = this.db
      .prepare(
        'SELECT id FROM kiosks WHERE enrollment_hash = ? AND enrollment_expires_at > ? AND disabled_at IS NULL',
      )
      .get(sha256(code.trim()), this.now()) as { id: string } | undefined;
    if (!row) return null;
    const credential = newToken();
    this.db
      .prepare(
        'UPDATE kiosks SET credential_hash = ?, enrolled_at = ?, enrollment_hash = NULL, enrollment_expires_at = NULL WHERE id = ?',
      )
      .run(sha256(credential), this.now(), row.id);
    return { kiosk: this.byId(row.id)!, credential };
  }

  /** A device credential made directly (tests and bulk provisioning; the CLI uses enrollment). */
  issueCredential(kioskId: string): string {
    const credential = newToken();
    this.db
      .prepare('UPDATE kiosks SET credential_hash = ?, enrolled_at = ?, enrollment_hash = NULL WHERE id = ?')
      .run(sha256(credential), this.now(), kioskId);
    return credential;
  }

  byCredential(credential: string): Kiosk | null {
    const row = this.db
      .prepare('SELECT id FROM kiosks WHERE credential_hash = ? AND disabled_at IS NULL')
      .get(sha256(credential)) as { id: string } | undefined;
    return row ? this.byId(row.id) : null;
  }

  byId(id: string): Kiosk | null {
    const row = this.db
      .prepare(
        'SELECT k.id, k.name, k.counter, o.name AS office FROM kiosks k JOIN offices o ON o.id = k.office_id WHERE k.id = ?',
      )
      .get(id) as Kiosk | undefined;
    return row ? { ...row, name: stripInvisible(row.name), office: stripInvisible(row.office) } : null;
  }

  list(): Array<Kiosk & { enrolled: boolean }> {
    return (
      this.db
        .prepare(
          `SELECT k.id, k.name, k.counter, o.name AS office, k.credential_hash IS NOT NULL AS enrolled
           FROM kiosks k JOIN offices o ON o.id = k.office_id ORDER BY o.name, k.counter`,
        )
        .all() as Array<Kiosk & { enrolled: number }>
    ).map((k) => ({ ...k, enrolled: k.enrolled === 1 }));
  }

  /** The kiosks of one office (null: all), for the wallboard and administration. */
  inOffice(
    office: string | null,
  ): Array<Kiosk & { enrolled: boolean; disabled: boolean; lastSeenAt: number | null }> {
    const rows = this.db
      .prepare(
        `SELECT k.id, k.name, k.counter, o.name AS office, k.credential_hash IS NOT NULL AS enrolled,
                k.disabled_at IS NOT NULL AS disabled, k.last_seen_at AS lastSeenAt
           FROM kiosks k JOIN offices o ON o.id = k.office_id
          WHERE ? IS NULL OR o.name = ? ORDER BY o.name, k.counter, k.name`,
      )
      .all(office, office) as Array<
      Kiosk & { enrolled: number; disabled: number; lastSeenAt: number | null }
    >;
    return rows.map((k) => ({
      ...k,
      lastSeenAt: this.lastSeen.get(k.id) ?? k.lastSeenAt,
      name: stripInvisible(k.name),
      enrolled: k.enrolled === 1,
      disabled: k.disabled === 1,
    }));
  }

  /** Renames a kiosk or moves it to another counter (of its office). */
  update(id: string, change: { name?: string | undefined; counter?: string | undefined }): Kiosk | null {
    if (!this.byId(id)) return null;
    if (change.name !== undefined)
      this.db.prepare('UPDATE kiosks SET name = ? WHERE id = ?').run(change.name, id);
    if (change.counter !== undefined)
      this.db.prepare('UPDATE kiosks SET counter = ? WHERE id = ?').run(change.counter, id);
    return this.byId(id);
  }

  /**
   * A new device for a kiosk (a replaced or reinstalled machine): the old credential is revoked at
   * once and a new one-time enrollment code is made. A disabled kiosk is enabled by `setDisabled`.
   */
  reEnroll(id: string): { kiosk: Kiosk; code: string } | null {
    const kiosk = this.byId(id);
    if (!kiosk) return null;
    const code = newEnrollmentCode();
    const done = this.db
      .prepare(
        `UPDATE kiosks SET credential_hash = NULL, enrollment_hash = ?, enrollment_expires_at = ?
          WHERE id = ? AND disabled_at IS NULL`,
      )
      .run(sha256(code), this.now() + ENROLLMENT_TTL_MS, id);
    return done.changes === 1 ? { kiosk, code } : null;
  }

  /** A kiosk connected or left: the wallboard shows when it was last seen. */
  seen(id: string): void {
    // Kept in memory and written in batches (flushSeen): a thousand kiosks connecting at once must not
    // cost a thousand synchronous disk writes on the event loop.
    this.lastSeen.set(id, this.now());
  }

  /** Writes the buffered last-seen times in one transaction (the shell calls it every few seconds). */
  flushSeen(): void {
    if (this.lastSeen.size === 0) return;
    const update = this.db.prepare('UPDATE kiosks SET last_seen_at = ? WHERE id = ?');
    const batch = [...this.lastSeen];
    this.db.transaction(() => batch.forEach(([id, at]) => update.run(at, id)))();
    for (const [id, at] of batch) if (this.lastSeen.get(id) === at) this.lastSeen.delete(id);
  }
}
