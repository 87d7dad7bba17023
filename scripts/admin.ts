/**
 * Accounts administration on the server's SQLite file (DB_PATH, default data/ashir.sqlite):
 *
 *   npm run admin -- kiosk add --office <name> --counter <n> [--name <name>] [--id <kiosk-id>]
 *   npm run admin -- kiosk list
 *   npm run admin -- user add --role interpreter|clerk|supervisor|admin --username <u> --name <display name>
 *                             [--gender female|male] [--languages sdl,ase] [--office <name>] [--password <p>]
 *   npm run admin -- user list
 *   npm run admin -- user disable|enable --username <u>
 *   npm run admin -- kiosk disable|enable --id <kiosk-id>
 *   npm run admin -- kiosk change --id <kiosk-id> [--name <name>] [--counter <n>]
 *   npm run admin -- user reset-password --username <u>
 *   npm run admin -- user change --username <u> [--name …] [--role …] [--office …] [--gender …] [--languages …]
 *
 * `kiosk add` prints a one-time enrollment code to type on the kiosk; `user add` without --password
 * makes one and prints it. Secrets are stored only as hashes. Disabling a person ends their sign-ins;
 * disabling a kiosk revokes its credential (`enable` prints a new enrollment code). A running server
 * disconnects their sockets within CREDENTIAL_CHECK_MS (30 s by default).
 */
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { DisplayNameSchema, GENDERS, KioskKeySchema, SignLanguageSchema } from '../src/protocol/index.ts';
import { newPassword } from '../signaling-server/auth/secrets.ts';
import { Accounts } from '../signaling-server/store/accounts.ts';
import { openDatabase } from '../signaling-server/store/db.ts';

const name = DisplayNameSchema;
const KioskAdd = v.object({
  office: name,
  counter: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(20)),
  name: v.optional(name),
  id: v.optional(KioskKeySchema),
});
const UserAdd = v.pipe(
  v.object({
    role: v.picklist(['interpreter', 'clerk', 'supervisor', 'admin']),
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
  // A supervisor runs one office; an admin runs them all (and has none).
  v.check((u) => u.role !== 'supervisor' || u.office !== undefined, 'a supervisor needs --office'),
);

const UserRef = v.object({ username: v.pipe(v.string(), v.trim(), v.minLength(1)) });
const KioskRef = v.object({ id: KioskKeySchema });
const UserChange = v.object({
  username: v.pipe(v.string(), v.trim(), v.minLength(1)),
  name: v.optional(name),
  role: v.optional(v.picklist(['interpreter', 'clerk', 'supervisor', 'admin'])),
  office: v.optional(name),
  gender: v.optional(v.picklist(GENDERS)),
  languages: v.optional(
    v.pipe(
      v.string(),
      v.transform((s) => s.split(',').map((x) => x.trim())),
      v.array(SignLanguageSchema),
    ),
  ),
});
const KioskChange = v.object({
  id: KioskKeySchema,
  name: v.optional(name),
  counter: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(20))),
});

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
  } else if ((what === 'user' || what === 'kiosk') && (action === 'disable' || action === 'enable')) {
    const disable = action === 'disable';
    if (what === 'user') {
      const user = accounts.setUserDisabled(parse(UserRef).username, disable);
      if (!user) usage('no such user');
      console.log(`${user.role} ${user.username} ${disable ? 'disabled' : 'enabled'}`);
    } else {
      const done = accounts.setKioskDisabled(parse(KioskRef).id, disable);
      if (!done) usage('no such kiosk');
      console.log(
        `kiosk ${done.kiosk.id} ${disable ? 'disabled (credential revoked)' : `enabled: enrollment code ${done.code} (valid 7 days, once)`}`,
      );
    }
  } else if (what === 'kiosk' && action === 'change') {
    const k = parse(KioskChange);
    const kiosk = accounts.updateKiosk(k.id, { name: k.name, counter: k.counter });
    if (!kiosk) usage('no such kiosk');
    console.log(`kiosk ${kiosk.id}: ${kiosk.name}, counter ${kiosk.counter}`);
  } else if (what === 'user' && action === 'change') {
    const c = parse(UserChange);
    const user = accounts.updatePerson(c.username, {
      name: c.name,
      role: c.role,
      office: c.office,
      gender: c.gender,
      languages: c.languages,
    });
    if (!user) usage('no such user');
    console.log(`${user.role} ${user.username} changed (a new role or office ends their sign-ins)`);
  } else if (what === 'user' && action === 'reset-password') {
    const u = parse(UserRef);
    const password = accounts.resetPassword(u.username);
    if (!password) usage('no such user');
    console.log(`${u.username}: one-time password ${password} (their sign-ins were ended)`);
  } else usage();
} catch (err) {
  usage(err instanceof Error ? err.message : String(err));
} finally {
  db.close();
}
