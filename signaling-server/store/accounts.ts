/**
 * Accounts in SQLite: offices, people (interpreters, clerks, supervisors) with their sign-in sessions,
 * and kiosks enrolled as devices. Used by the HTTP sign-in routes, the Socket.IO handshake and the
 * admin CLI. Secrets are stored only as hashes (see auth/secrets.ts).
 */
import { randomUUID } from 'node:crypto';
import { stripInvisible, type Gender, type SignLanguage } from '../../src/protocol/index.ts';
import { hashPassword, newEnrollmentCode, newToken, sha256, verifyPassword } from '../auth/secrets.ts';
import type { Db } from './db.ts';

export type StaffRole = 'interpreter' | 'clerk' | 'supervisor' | 'admin';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  gender: Gender | null;
  languages: SignLanguage[];
  office: string | null;
}

export interface Kiosk {
  id: string;
  name: string;
  office: string;
  counter: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: StaffRole;
  password?: string;
  /** An already computed hash (tests and bulk provisioning reuse one). */
  passwordHash?: string;
  gender?: Gender;
  languages?: SignLanguage[];
  office?: string;
}

/** How long a sign-in lasts, and how long an enrollment code is valid. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const ENROLLMENT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: StaffRole;
  gender: Gender | null;
  languages: string;
  office: string | null;
  password_hash: string;
  disabled_at: number | null;
}

export class Accounts {
  /** Kiosks' last-seen times not yet written (see kioskSeen). */
  private readonly seen = new Map<string, number>();
  /** Compared against when a name does not exist: a real hash of a random secret, made at start-up. */
  readonly dummyHash = hashPassword(newToken());

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  isEmpty(): boolean {
    const row = this.db
      .prepare('SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM kiosks) AS n')
      .get() as {
      n: number;
    };
    return row.n === 0;
  }

  officeId(name: string): number {
    this.db.prepare('INSERT OR IGNORE INTO offices (name) VALUES (?)').run(name);
    return (this.db.prepare('SELECT id FROM offices WHERE name = ?').get(name) as { id: number }).id;
  }

  addUser(u: NewUser): User {
    const hash = u.passwordHash ?? hashPassword(u.password ?? '');
    if (!u.passwordHash && !u.password) throw new Error('a new user needs a password');
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO users (id, username, display_name, role, gender, languages, office_id, password_hash, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        u.username,
        u.displayName,
        u.role,
        u.gender ?? null,
        (u.languages ?? []).join(','),
        u.office ? this.officeId(u.office) : null,
        hash,
        this.now(),
      );
    return this.userById(id)!;
  }

  /**
   * The user, if the password is theirs and they are not disabled. Always runs one scrypt (off the
   * event loop), against a real hash made at start-up when the name is unknown, so timing does not
   * tell names apart.
   */
  async checkPassword(username: string, password: string): Promise<User | null> {
    const row = this.userRow('u.username = ?', username);
    const ok = await verifyPassword(password, row?.password_hash ?? this.dummyHash);
    return row && ok && row.disabled_at === null ? toUser(row) : null;
  }

  /** Disables (or enables again) a person: their sign-in sessions end and their sockets are closed. */
  setUserDisabled(username: string, disabled: boolean): User | null {
    const row = this.userRow('u.username = ?', username);
    if (!row) return null;
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE users SET disabled_at = ? WHERE id = ?')
        .run(disabled ? this.now() : null, row.id);
      if (disabled) this.db.prepare('DELETE FROM user_sessions WHERE user_id = ?').run(row.id);
    })();
    return toUser(row);
  }

  /**
   * Disables a kiosk (its credential is revoked: the device must be enrolled again) or enables it
   * again with a new one-time enrollment code.
   */
  setKioskDisabled(id: string, disabled: boolean): { kiosk: Kiosk; code: string | null } | null {
    const kiosk = this.kioskById(id);
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

  startSession(userId: string): string {
    const token = newToken();
    const now = this.now();
    this.db
      .prepare('INSERT INTO user_sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(sha256(token), userId, now, now + SESSION_TTL_MS);
    return token;
  }

  userBySession(token: string): User | null {
    const row = this.db
      .prepare(
        `SELECT s.user_id FROM user_sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL`,
      )
      .get(sha256(token), this.now()) as { user_id: string } | undefined;
    return row ? this.userById(row.user_id) : null;
  }

  endSession(token: string): void {
    this.db.prepare('DELETE FROM user_sessions WHERE token_hash = ?').run(sha256(token));
  }

  userById(id: string): User | null {
    const row = this.userRow('u.id = ?', id);
    return row ? toUser(row) : null;
  }

  /** A new one-time password for a person (shown once to whoever reset it); their sign-ins end. */
  resetPassword(username: string): string | null {
    const row = this.userRow('u.username = ?', username);
    if (!row) return null;
    const password = newToken().slice(0, 16);
    this.db.transaction(() => {
      this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(hashPassword(password), row.id);
      this.db.prepare('DELETE FROM user_sessions WHERE user_id = ?').run(row.id);
    })();
    return password;
  }

  /** Changes a person's name, role, office or, for interpreters, gender and sign languages. */
  updatePerson(
    username: string,
    c: {
      name?: string | undefined;
      role?: StaffRole | undefined;
      office?: string | null | undefined;
      gender?: Gender | undefined;
      languages?: SignLanguage[] | undefined;
    },
  ): User | null {
    const row = this.userRow('u.username = ?', username);
    if (!row) return null;
    const set = (column: string, value: unknown) =>
      this.db.prepare(`UPDATE users SET ${column} = ? WHERE id = ?`).run(value, row.id);
    this.db.transaction(() => {
      if (c.name !== undefined) set('display_name', c.name);
      if (c.role !== undefined) set('role', c.role);
      if (c.office !== undefined) set('office_id', c.office === null ? null : this.officeId(c.office));
      if (c.gender !== undefined) set('gender', c.gender);
      if (c.languages !== undefined) set('languages', c.languages.join(','));
      // A new role or office takes effect at the next sign-in: the old sessions end.
      if (c.role !== undefined || c.office !== undefined)
        this.db.prepare('DELETE FROM user_sessions WHERE user_id = ?').run(row.id);
    })();
    return this.userById(row.id);
  }

  /** A person by name, with whether they are disabled (administration). */
  person(username: string): (User & { disabled: boolean }) | null {
    const row = this.userRow('u.username = ?', username);
    return row ? { ...toUser(row), disabled: row.disabled_at !== null } : null;
  }

  /** The people of one office (null: everyone), for administration. */
  peopleIn(office: string | null): Array<User & { disabled: boolean }> {
    const rows = this.db
      .prepare(`${USER_SELECT} WHERE ? IS NULL OR o.name = ? ORDER BY u.role, u.username`)
      .all(office, office) as UserRow[];
    return rows.map((r) => ({ ...toUser(r), disabled: r.disabled_at !== null }));
  }

  listUsers(): User[] {
    return (this.db.prepare(`${USER_SELECT} ORDER BY u.role, u.username`).all() as UserRow[]).map(toUser);
  }

  /** A kiosk to enroll: returns its id and the one-time code to type on the device. */
  addKiosk(k: { office: string; counter: string; name?: string; id?: string }): {
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
        this.officeId(k.office),
        k.counter,
        k.name ?? `Counter ${k.counter}`,
        sha256(code),
        now + ENROLLMENT_TTL_MS,
        now,
      );
    return { kiosk: this.kioskById(id)!, code };
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
    return { kiosk: this.kioskById(row.id)!, credential };
  }

  /** A device credential made directly (tests and bulk provisioning; the CLI uses enrollment). */
  issueKioskCredential(kioskId: string): string {
    const credential = newToken();
    this.db
      .prepare('UPDATE kiosks SET credential_hash = ?, enrolled_at = ?, enrollment_hash = NULL WHERE id = ?')
      .run(sha256(credential), this.now(), kioskId);
    return credential;
  }

  kioskByCredential(credential: string): Kiosk | null {
    const row = this.db
      .prepare('SELECT id FROM kiosks WHERE credential_hash = ? AND disabled_at IS NULL')
      .get(sha256(credential)) as { id: string } | undefined;
    return row ? this.kioskById(row.id) : null;
  }

  kioskById(id: string): Kiosk | null {
    const row = this.db
      .prepare(
        'SELECT k.id, k.name, k.counter, o.name AS office FROM kiosks k JOIN offices o ON o.id = k.office_id WHERE k.id = ?',
      )
      .get(id) as Kiosk | undefined;
    return row ? { ...row, name: stripInvisible(row.name), office: stripInvisible(row.office) } : null;
  }

  listKiosks(): Array<Kiosk & { enrolled: boolean }> {
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
  kiosksIn(
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
      lastSeenAt: this.seen.get(k.id) ?? k.lastSeenAt,
      name: stripInvisible(k.name),
      enrolled: k.enrolled === 1,
      disabled: k.disabled === 1,
    }));
  }

  /** Renames a kiosk or moves it to another counter (of its office). */
  updateKiosk(id: string, change: { name?: string | undefined; counter?: string | undefined }): Kiosk | null {
    if (!this.kioskById(id)) return null;
    if (change.name !== undefined)
      this.db.prepare('UPDATE kiosks SET name = ? WHERE id = ?').run(change.name, id);
    if (change.counter !== undefined)
      this.db.prepare('UPDATE kiosks SET counter = ? WHERE id = ?').run(change.counter, id);
    return this.kioskById(id);
  }

  /** A kiosk connected or left: the wallboard shows when it was last seen. */
  kioskSeen(id: string): void {
    // Kept in memory and written in batches (flushSeen): a thousand kiosks connecting at once must not
    // cost a thousand synchronous disk writes on the event loop.
    this.seen.set(id, this.now());
  }

  /** Writes the buffered last-seen times in one transaction (the shell calls it every few seconds). */
  flushSeen(): void {
    if (this.seen.size === 0) return;
    const update = this.db.prepare('UPDATE kiosks SET last_seen_at = ? WHERE id = ?');
    const batch = [...this.seen];
    this.db.transaction(() => batch.forEach(([id, at]) => update.run(at, id)))();
    for (const [id, at] of batch) if (this.seen.get(id) === at) this.seen.delete(id);
  }

  private userRow(where: string, value: string): UserRow | undefined {
    return this.db.prepare(`${USER_SELECT} WHERE ${where}`).get(value) as UserRow | undefined;
  }
}

const USER_SELECT = `SELECT u.id, u.username, u.display_name, u.role, u.gender, u.languages, o.name AS office, u.password_hash, u.disabled_at
  FROM users u LEFT JOIN offices o ON o.id = u.office_id`;

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    // Names written before they were checked (or by hand) are made inert on the way out too.
    displayName: stripInvisible(row.display_name),
    role: row.role,
    gender: row.gender,
    languages: row.languages ? (row.languages.split(',') as SignLanguage[]) : [],
    office: row.office,
  };
}
