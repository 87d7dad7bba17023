/**
 * Accounts administration on the server's SQLite file (DB_PATH, default data/ashir.sqlite):
 *
 *   npm run admin -- kiosk add --office <name> --counter <n> [--name <name>] [--id <kiosk-id>]
 *   npm run admin -- kiosk list
 *   npm run admin -- user add --role interpreter|clerk|supervisor --username <u> --name <display name>
 *                             [--gender female|male] [--languages sdl,ase] [--office <name>] [--password <p>]
 *   npm run admin -- user list
 *
 * `kiosk add` prints a one-time enrollment code to type on the kiosk; `user add` without --password
 * makes one and prints it. Secrets are stored only as hashes.
 */
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { GENDERS, KioskKeySchema, SignLanguageSchema } from '../src/protocol/index.ts';
import { newPassword } from '../signaling-server/auth/secrets.ts';
import { Accounts } from '../signaling-server/store/accounts.ts';
import { openDatabase } from '../signaling-server/store/db.ts';

const name = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(60));
const KioskAdd = v.object({
  office: name,
  counter: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(20)),
  name: v.optional(name),
  id: v.optional(KioskKeySchema),
});
const UserAdd = v.pipe(
  v.object({
    role: v.picklist(['interpreter', 'clerk', 'supervisor']),
    username: v.pipe(
      v.string(),
      v.trim(),
      v.regex(/^[a-z0-9._-]{2,40}$/, 'lower-case letters, digits, . _ -'),
    ),
    name,
    gender: v.optional(v.picklist(GENDERS)),
    languages: v.optional(
      v.pipe(
        v.string(),
        v.transform((s) => s.split(',').map((x) => x.trim())),
        v.array(SignLanguageSchema),
      ),
    ),
    office: v.optional(name),
    password: v.optional(v.pipe(v.string(), v.minLength(10, 'at least 10 characters'))),
  }),
  v.check(
    (u) => u.role !== 'interpreter' || (u.gender !== undefined && (u.languages?.length ?? 0) > 0),
    'an interpreter needs --gender and --languages',
  ),
  // A clerk pairs only with kiosks of their own office, so a clerk without one could pair with none.
  v.check((u) => u.role !== 'clerk' || u.office !== undefined, 'a clerk needs --office'),
);

function usage(message?: string): never {
  if (message) console.error(`admin: ${message}`);
  console.error('usage: npm run admin -- kiosk add|list ... | user add|list ...  (see scripts/admin.ts)');
  process.exit(2);
}

const [what, action, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: Object.fromEntries(
    ['office', 'counter', 'name', 'id', 'role', 'username', 'gender', 'languages', 'password'].map((o) => [
      o,
      { type: 'string' as const },
    ]),
  ),
  strict: true,
});
const parse = <S extends v.GenericSchema>(schema: S): v.InferOutput<S> => {
  const r = v.safeParse(schema, values);
  if (!r.success) usage(r.issues.map((i) => `--${v.getDotPath(i) ?? ''} ${i.message}`).join('; '));
  return r.output;
};

const db = openDatabase(process.env.DB_PATH ?? 'data/ashir.sqlite');
const accounts = new Accounts(db);
try {
  if (what === 'kiosk' && action === 'add') {
    const k = parse(KioskAdd);
    const { kiosk, code } = accounts.addKiosk({
      office: k.office,
      counter: k.counter,
      ...(k.name ? { name: k.name } : {}),
      ...(k.id ? { id: k.id } : {}),
    });
    console.log(
      `kiosk ${kiosk.id} (${kiosk.office}, counter ${kiosk.counter}): enrollment code ${code} (valid 7 days, once)`,
    );
  } else if (what === 'kiosk' && action === 'list') {
    for (const k of accounts.listKiosks())
      console.log(
        `${k.id}\t${k.office}\t${k.counter}\t${k.name}\t${k.enrolled ? 'enrolled' : 'not enrolled'}`,
      );
  } else if (what === 'user' && action === 'add') {
    const u = parse(UserAdd);
    const password = u.password ?? newPassword();
    accounts.addUser({
      username: u.username,
      displayName: u.name,
      role: u.role,
      password,
      ...(u.gender ? { gender: u.gender } : {}),
      ...(u.languages ? { languages: u.languages } : {}),
      ...(u.office ? { office: u.office } : {}),
    });
    console.log(`${u.role} ${u.username} added${u.password ? '' : `; password: ${password}`}`);
  } else if (what === 'user' && action === 'list') {
    for (const u of accounts.listUsers())
      console.log(`${u.username}\t${u.role}\t${u.displayName}\t${u.office ?? ''}`);
  } else usage();
} catch (err) {
  usage(err instanceof Error ? err.message : String(err));
} finally {
  db.close();
}
