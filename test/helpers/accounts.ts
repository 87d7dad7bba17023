/**
 * Accounts for tests: every socket and page in a test is a real, authenticated identity. People get a
 * user with a known password and a session; kiosks get an enrolled device credential. Made directly
 * in the server's store (or in a spawned server's SQLite file), as `npm run admin` would.
 */
import type { Gender, SignLanguage, Skill } from '../../src/protocol/index.ts';
import { DEVICE_COOKIE, SESSION_COOKIE } from '../../signaling-server/auth/identity.ts';
import { hashPassword } from '../../signaling-server/auth/secrets.ts';
import { Accounts } from '../../signaling-server/store/accounts.ts';
import { openStore } from '../../signaling-server/store/db.ts';

export type Who =
  | { kind: 'kiosk'; name: string; office?: string; counter?: string; kioskId?: string }
  | { kind: 'interpreter'; name: string; gender: Gender; languages: SignLanguage[]; skills?: Skill[] }
  | { kind: 'clerk'; name: string; office?: string }
  | { kind: 'supervisor'; name: string; office?: string }
  | { kind: 'admin'; name: string };

/** The password of every test user. */
export const TEST_PASSWORD = 'correct horse battery staple';
let testHash: string | null = null;
let serial = 0;

export interface Provisioned {
  cookie: string;
  /** Cookie name and value, for a browser context. */
  name: string;
  value: string;
  /** For people: the username to sign in with (password TEST_PASSWORD). */
  username?: string;
  /** The account's id. */
  id: string;
}

export async function provision(accounts: Accounts, who: Who): Promise<Provisioned> {
  serial++;
  if (who.kind === 'kiosk') {
    const { kiosk } = await accounts.kiosks.add({
      office: who.office ?? 'Test office',
      counter: who.counter ?? String(serial),
      name: who.name,
      ...(who.kioskId ? { id: who.kioskId } : {}),
    });
    const value = await accounts.kiosks.issueCredential(kiosk.id);
    return { cookie: `${DEVICE_COOKIE}=${value}`, name: DEVICE_COOKIE, value, id: kiosk.id };
  }
  testHash ??= hashPassword(TEST_PASSWORD);
  const username = `${who.kind}-${serial}-${Math.random().toString(36).slice(2, 8)}`;
  const user = await accounts.addUser({
    username,
    displayName: who.name,
    role: who.kind,
    passwordHash: testHash,
    ...(who.kind === 'interpreter'
      ? { gender: who.gender, languages: who.languages, skills: who.skills ?? [] }
      : {}),
    // Every clerk belongs to an office (kiosks of no other office pair with them).
    ...(who.kind === 'clerk' || who.kind === 'supervisor' ? { office: who.office ?? 'Test office' } : {}),
  });
  const value = await accounts.startSession(user.id);
  return { cookie: `${SESSION_COOKIE}=${value}`, name: SESSION_COOKIE, value, username, id: user.id };
}

/** For a server in another process: provision in its SQLite file (WAL lets both use it). */
export async function provisionInFile(dbPath: string, list: Who[]): Promise<Provisioned[]> {
  const store = await openStore(dbPath);
  try {
    const accounts = new Accounts(store.db);
    const made: Provisioned[] = [];
    for (const who of list) made.push(await provision(accounts, who));
    return made;
  } finally {
    await store.close();
  }
}
