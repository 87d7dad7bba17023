/**
 * Accounts in SQLite: people (interpreters, clerks, supervisors, admins) with their sign-in sessions,
 * and (in `kiosks`, store/kiosks.ts) the kiosks enrolled as devices. Used by the HTTP sign-in routes, the Socket.IO handshake and the
 * admin CLI. Secrets are stored only as hashes (see auth/secrets.ts).
 */
import { randomUUID } from 'node:crypto';
import { stripInvisible, type Gender, type SignLanguage, type Skill } from '../../src/protocol/index.ts';
import { hashPassword, newToken, sha256, verifyPassword } from '../auth/secrets.ts';
import type { Db } from './db.ts';
import { Kiosks, type Kiosk } from './kiosks.ts';
import { officeId } from './offices.ts';

export type { Kiosk };

export type StaffRole = 'interpreter' | 'clerk' | 'supervisor' | 'admin';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  gender: Gender | null;
  languages: SignLanguage[];
  skills: Skill[];
  office: string | null;
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
  skills?: Skill[];
  office?: string;
}

/** How long a sign-in lasts. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: StaffRole;
  gender: Gender | null;
  languages: string;
  skills: string;
  office: string | null;
  password_hash: string;
  disabled_at: number | null;
}

export class Accounts {
  /** Compared against when a name does not exist: a real hash of a random secret, made at start-up. */
  readonly dummyHash = hashPassword(newToken());

  /** The enrolled kiosks (store/kiosks.ts). */
  readonly kiosks: Kiosks;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.kiosks = new Kiosks(db, now);
  }

  isEmpty(): boolean {
    const row = this.db
      .prepare('SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM kiosks) AS n')
      .get() as {
      n: number;
    };
    return row.n === 0;
  }

  officeId(name: string): number {
    return officeId(this.db, name);
  }

  addUser(u: NewUser): User {
    const hash = u.passwordHash ?? hashPassword(u.password ?? '');
    if (!u.passwordHash && !u.password) throw new Error('a new user needs a password');
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO users (id, username, display_name, role, gender, languages, skills, office_id, password_hash, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        u.username,
        u.displayName,
        u.role,
        u.gender ?? null,
        (u.languages ?? []).join(','),
        (u.skills ?? []).join(','),
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

  /** Changes a person's name, role, office or, for interpreters, gender, sign languages and skills. */
  updatePerson(
    username: string,
    c: {
      name?: string | undefined;
      role?: StaffRole | undefined;
      office?: string | null | undefined;
      gender?: Gender | undefined;
      languages?: SignLanguage[] | undefined;
      skills?: Skill[] | undefined;
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
      if (c.skills !== undefined) set('skills', c.skills.join(','));
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

  private userRow(where: string, value: string): UserRow | undefined {
    return this.db.prepare(`${USER_SELECT} WHERE ${where}`).get(value) as UserRow | undefined;
  }
}

const USER_SELECT = `SELECT u.id, u.username, u.display_name, u.role, u.gender, u.languages, u.skills, o.name AS office, u.password_hash, u.disabled_at
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
    skills: row.skills ? (row.skills.split(',') as Skill[]) : [],
    office: row.office,
  };
}
