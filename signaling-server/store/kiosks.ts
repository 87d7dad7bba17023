/**
 * Kiosks in the database: enrolled devices of an office's counters. A kiosk is added with a one-time
 * enrollment code (shown once), exchanges it for a device credential (stored only as a hash),
 * and can be renamed, moved to another counter, disabled (its credential revoked), enabled or
 * enrolled again with a new code. When each was last seen is buffered and written in batches.
 */
import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import { SelfTestReportSchema, stripInvisible, type SelfTestSummary } from '../../src/protocol/index.ts';
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
  async setDisabled(id: string, disabled: boolean): Promise<{ kiosk: Kiosk; code: string | null } | null> {
    const kiosk = await this.byId(id);
    if (!kiosk) return null;
    if (disabled) {
      await this.db
        .updateTable('kiosks')
        .set({ disabled_at: this.now(), credential_hash: null, enrollment_hash: null })
        .where('id', '=', id)
        .execute();
      return { kiosk, code: null };
    }
    const code = newEnrollmentCode();
    await this.db
      .updateTable('kiosks')
      .set({
        disabled_at: null,
        enrollment_hash: sha256(code),
        enrollment_expires_at: this.now() + ENROLLMENT_TTL_MS,
      })
      .where('id', '=', id)
      .execute();
    return { kiosk, code };
  }

  /** A kiosk to enroll: returns its id and the one-time code to type on the device. */
  async add(k: { office: string; counter: string; name?: string; id?: string }): Promise<{
    kiosk: Kiosk;
    code: string;
  }> {
    const id = k.id ?? `k-${randomUUID().slice(0, 8)}`;
    const code = newEnrollmentCode();
    const now = this.now();
    await this.db
      .insertInto('kiosks')
      .values({
        id,
        office_id: await officeId(this.db, k.office),
        counter: k.counter,
        name: k.name ?? `Counter ${k.counter}`,
        enrollment_hash: sha256(code),
        enrollment_expires_at: now + ENROLLMENT_TTL_MS,
        created_at: now,
      })
      .execute();
    return { kiosk: (await this.byId(id))!, code };
  }

  /** Exchanges a valid, unused enrollment code for the device's credential (once). */
  async enroll(code: string): Promise<{ kiosk: Kiosk; credential: string } | null> {
    const credential = newToken();
    // One statement: two devices racing with the same code cannot both win it.
    const row = await this.db
      .updateTable('kiosks')
      .set({
        credential_hash: sha256(credential),
        enrolled_at: this.now(),
        enrollment_hash: null,
        enrollment_expires_at: null,
      })
      .where('enrollment_hash', '=', sha256(code.trim()))
      .where('enrollment_expires_at', '>', this.now())
      .where('disabled_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!row) return null;
    return { kiosk: (await this.byId(row.id))!, credential };
  }

  /** A device credential made directly (tests and bulk provisioning; the CLI uses enrollment). */
  async issueCredential(kioskId: string): Promise<string> {
    const credential = newToken();
    await this.db
      .updateTable('kiosks')
      .set({ credential_hash: sha256(credential), enrolled_at: this.now(), enrollment_hash: null })
      .where('id', '=', kioskId)
      .execute();
    return credential;
  }

  async byCredential(credential: string): Promise<Kiosk | null> {
    const row = await this.select()
      .where('k.credential_hash', '=', sha256(credential))
      .where('k.disabled_at', 'is', null)
      .executeTakeFirst();
    return row ? clean(row) : null;
  }

  async byId(id: string): Promise<Kiosk | null> {
    const row = await this.select().where('k.id', '=', id).executeTakeFirst();
    return row ? clean(row) : null;
  }

  async list(): Promise<Array<Kiosk & { enrolled: boolean }>> {
    return (await this.inOffice(null)).map(({ id, name, office, counter, enrolled }) => ({
      id,
      name,
      office,
      counter,
      enrolled,
    }));
  }

  /** The kiosks of one office (null: all), for the wallboard and administration. */
  async inOffice(office: string | null): Promise<
    Array<
      Kiosk & {
        enrolled: boolean;
        disabled: boolean;
        lastSeenAt: number | null;
        selfTest: SelfTestSummary | null;
      }
    >
  > {
    let q = this.select()
      .select(['k.credential_hash', 'k.disabled_at', 'k.last_seen_at', 'k.self_test', 'k.self_test_at'])
      .orderBy('o.name')
      .orderBy('k.counter')
      .orderBy('k.name');
    if (office !== null) q = q.where('o.name', '=', office);
    const rows = await q.execute();
    return rows.map(({ self_test, self_test_at, ...k }) => ({
      ...clean(k),
      selfTest: selfTestSummary(self_test, self_test_at),
      lastSeenAt: this.lastSeen.get(k.id) ?? k.last_seen_at,
      enrolled: k.credential_hash !== null,
      disabled: k.disabled_at !== null,
    }));
  }

  /** Renames a kiosk or moves it to another counter (of its office). */
  async update(
    id: string,
    change: { name?: string | undefined; counter?: string | undefined },
  ): Promise<Kiosk | null> {
    if (!(await this.byId(id))) return null;
    const set: { name?: string; counter?: string } = {};
    if (change.name !== undefined) set.name = change.name;
    if (change.counter !== undefined) set.counter = change.counter;
    if (Object.keys(set).length) await this.db.updateTable('kiosks').set(set).where('id', '=', id).execute();
    return this.byId(id);
  }

  /**
   * A new device for a kiosk (a replaced or reinstalled machine): the old credential is revoked at
   * once and a new one-time enrollment code is made. A disabled kiosk is enabled by `setDisabled`.
   */
  async reEnroll(id: string): Promise<{ kiosk: Kiosk; code: string } | null> {
    const kiosk = await this.byId(id);
    if (!kiosk) return null;
    const code = newEnrollmentCode();
    const done = await this.db
      .updateTable('kiosks')
      .set({
        credential_hash: null,
        enrollment_hash: sha256(code),
        enrollment_expires_at: this.now() + ENROLLMENT_TTL_MS,
      })
      .where('id', '=', id)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    return Number(done.numUpdatedRows) === 1 ? { kiosk, code } : null;
  }

  /** A kiosk connected or left: the wallboard shows when it was last seen. */
  seen(id: string): void {
    // Kept in memory and written in batches (flushSeen): a thousand kiosks connecting at once must not
    // cost a thousand disk writes.
    this.lastSeen.set(id, this.now());
  }

  /** Writes the buffered last-seen times in one transaction (the shell calls it every few seconds). */
  async flushSeen(): Promise<void> {
    if (this.lastSeen.size === 0) return;
    const batch = [...this.lastSeen];
    await this.db.transaction().execute(async (trx) => {
      for (const [id, at] of batch)
        await trx.updateTable('kiosks').set({ last_seen_at: at }).where('id', '=', id).execute();
    });
    for (const [id, at] of batch) if (this.lastSeen.get(id) === at) this.lastSeen.delete(id);
  }

  private select() {
    return this.db
      .selectFrom('kiosks as k')
      .innerJoin('offices as o', 'o.id', 'k.office_id')
      .select(['k.id', 'k.name', 'k.counter', 'o.name as office']);
  }
}

function clean(row: Kiosk): Kiosk {
  return {
    id: row.id,
    name: stripInvisible(row.name),
    office: stripInvisible(row.office),
    counter: row.counter,
  };
}

/** The stored checks, read back through their schema: which failed, and when (null: none yet). */
function selfTestSummary(text: string, at: number | null): SelfTestSummary | null {
  if (!text || at === null) return null;
  try {
    const checks = v.safeParse(SelfTestReportSchema.entries.checks, JSON.parse(text));
    if (!checks.success) return null;
    return { at, failed: checks.output.filter((c) => c.status === 'fail').map((c) => c.check) };
  } catch {
    return null;
  }
}
