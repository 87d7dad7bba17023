/**
 * Accounts in the database: people (interpreters, clerks, supervisors, admins) with their sign-in sessions,
 * and (in `kiosks`, store/kiosks.ts) the kiosks enrolled as devices. Used by the HTTP sign-in routes, the Socket.IO handshake and the
 * admin CLI. Secrets are stored only as hashes (see auth/secrets.ts).
 */
import { randomUUID } from 'node:crypto';
import { stripInvisible, type Gender, type SignLanguage, type Skill } from '../../src/protocol/index.ts';
import { hashPassword, newToken, sha256, verifyPassword } from '../auth/secrets.ts';
import type { Updateable } from 'kysely';
import type { Db } from './db.ts';
import type { UsersTable } from './schema.ts';
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

  async isEmpty(): Promise<boolean> {
    const users = await this.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
    const kiosks = await this.db.selectFrom('kiosks').select('id').limit(1).executeTakeFirst();
    return !users && !kiosks;
  }

  officeId(name: string): Promise<number> {
    return officeId(this.db, name);
  }

  async addUser(u: NewUser): Promise<User> {
    if (!u.passwordHash && !u.password) throw new Error('a new user needs a password');
    const hash = u.passwordHash ?? hashPassword(u.password ?? '');
    const id = randomUUID();
    await this.db
      .insertInto('users')
      .values({
        id,
        username: u.username,
        display_name: u.displayName,
        role: u.role,
        gender: u.gender ?? null,
        languages: (u.languages ?? []).join(','),
        skills: (u.skills ?? []).join(','),
        office_id: u.office ? await this.officeId(u.office) : null,
        password_hash: hash,
        created_at: this.now(),
      })
      .execute();
    return (await this.userById(id))!;
  }

  /**
   * The user, if the password is theirs and they are not disabled. Always runs one scrypt (off the
   * event loop), against a real hash made at start-up when the name is unknown, so timing does not
   * tell names apart.
   */
  async checkPassword(username: string, password: string): Promise<User | null> {
    const row = await this.userRow('username', username);
    const ok = await verifyPassword(password, row?.password_hash ?? this.dummyHash);
    return row && ok && row.disabled_at === null ? toUser(row) : null;
  }

  /** Disables (or enables again) a person: their sign-in sessions end and their sockets are closed. */
  async setUserDisabled(username: string, disabled: boolean): Promise<User | null> {
    const row = await this.userRow('username', username);
    if (!row) return null;
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ disabled_at: disabled ? this.now() : null })
        .where('id', '=', row.id)
        .execute();
      if (disabled) await trx.deleteFrom('user_sessions').where('user_id', '=', row.id).execute();
    });
    return toUser(row);
  }

  async startSession(userId: string): Promise<string> {
    const token = newToken();
    const now = this.now();
    await this.db
      .insertInto('user_sessions')
      .values({
        token_hash: sha256(token),
        user_id: userId,
        created_at: now,
        expires_at: now + SESSION_TTL_MS,
      })
      .execute();
    return token;
  }

  async userBySession(token: string): Promise<User | null> {
    const row = await this.db
      .selectFrom('user_sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select('s.user_id')
      .where('s.token_hash', '=', sha256(token))
      .where('s.expires_at', '>', this.now())
      .where('u.disabled_at', 'is', null)
      .executeTakeFirst();
    return row ? this.userById(row.user_id) : null;
  }

  async endSession(token: string): Promise<void> {
    await this.db.deleteFrom('user_sessions').where('token_hash', '=', sha256(token)).execute();
  }

  async userById(id: string): Promise<User | null> {
    const row = await this.userRow('id', id);
    return row ? toUser(row) : null;
  }

  /** A new one-time password for a person (shown once to whoever reset it); their sign-ins end. */
  async resetPassword(username: string): Promise<string | null> {
    const row = await this.userRow('username', username);
    if (!row) return null;
    const password = newToken().slice(0, 16);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ password_hash: hashPassword(password) })
        .where('id', '=', row.id)
        .execute();
      await trx.deleteFrom('user_sessions').where('user_id', '=', row.id).execute();
    });
    return password;
  }

  /** Changes a person's name, role, office or, for interpreters, gender, sign languages and skills. */
  async updatePerson(
    username: string,
    c: {
      name?: string | undefined;
      role?: StaffRole | undefined;
      office?: string | null | undefined;
      gender?: Gender | undefined;
      languages?: SignLanguage[] | undefined;
      skills?: Skill[] | undefined;
    },
  ): Promise<User | null> {
    const row = await this.userRow('username', username);
    if (!row) return null;
    const officeId = c.office ? await this.officeId(c.office) : null;
    await this.db.transaction().execute(async (trx) => {
      const set: Updateable<UsersTable> = {};
      if (c.name !== undefined) set.display_name = c.name;
      if (c.role !== undefined) set.role = c.role;
      if (c.office !== undefined) set.office_id = officeId;
      if (c.gender !== undefined) set.gender = c.gender;
      if (c.languages !== undefined) set.languages = c.languages.join(',');
      if (c.skills !== undefined) set.skills = c.skills.join(',');
      if (Object.keys(set).length) await trx.updateTable('users').set(set).where('id', '=', row.id).execute();
      // A new role or office takes effect at the next sign-in: the old sessions end.
      if (c.role !== undefined || c.office !== undefined)
        await trx.deleteFrom('user_sessions').where('user_id', '=', row.id).execute();
    });
    return this.userById(row.id);
  }

  /** A person by name, with whether they are disabled (administration). */
  async person(username: string): Promise<(User & { disabled: boolean }) | null> {
    const row = await this.userRow('username', username);
    return row ? { ...toUser(row), disabled: row.disabled_at !== null } : null;
  }

  /** The people of one office (null: everyone), for administration. */
  async peopleIn(office: string | null): Promise<Array<User & { disabled: boolean }>> {
    let q = this.userSelect().orderBy('u.role').orderBy('u.username');
    if (office !== null) q = q.where('o.name', '=', office);
    const rows = (await q.execute()) as UserRow[];
    return rows.map((r) => ({ ...toUser(r), disabled: r.disabled_at !== null }));
  }

  async listUsers(): Promise<User[]> {
    const rows = (await this.userSelect().orderBy('u.role').orderBy('u.username').execute()) as UserRow[];
    return rows.map(toUser);
  }

  private userSelect() {
    return this.db
      .selectFrom('users as u')
      .leftJoin('offices as o', 'o.id', 'u.office_id')
      .select([
        'u.id',
        'u.username',
        'u.display_name',
        'u.role',
        'u.gender',
        'u.languages',
        'u.skills',
        'o.name as office',
        'u.password_hash',
        'u.disabled_at',
      ]);
  }

  private async userRow(by: 'id' | 'username', value: string): Promise<UserRow | undefined> {
    return (await this.userSelect().where(`u.${by}`, '=', value).executeTakeFirst()) as UserRow | undefined;
  }
}

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
