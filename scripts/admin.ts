/**
 * Accounts administration on the server's SQLite file (DB_PATH, default data/ashir.sqlite):
 *
 *   npm run admin -- kiosk add --office <name> --counter <n> [--name <name>] [--id <kiosk-id>]
 *   npm run admin -- kiosk list
 *   npm run admin -- user add --role interpreter|clerk|supervisor|admin --username <u> --name <display name>
 *                             [--gender female|male] [--languages sdl,ase] [--skills legal,medical]
 *                             [--office <name>] [--password <p>]
 *   npm run admin -- user list
 *   npm run admin -- user disable|enable --username <u>
 *   npm run admin -- kiosk disable|enable --id <kiosk-id>
 *   npm run admin -- kiosk change --id <kiosk-id> [--name <name>] [--counter <n>]
 *   npm run admin -- kiosk re-enroll --id <kiosk-id>
 *   npm run admin -- office add --name <name>
 *   npm run admin -- office rename --office <name> --name <new name>
 *   npm run admin -- office list
 *   npm run admin -- user reset-password --username <u>
 *   npm run admin -- user change --username <u> [--name …] [--role …] [--office …] [--gender …] [--languages …] [--skills …]
 *
 * `kiosk add` prints a one-time enrollment code to type on the kiosk; `user add` without --password
 * makes one and prints it. Secrets are stored only as hashes. Disabling a person ends their sign-ins;
 * disabling a kiosk revokes its credential (`enable` prints a new enrollment code). A running server
 * disconnects their sockets within CREDENTIAL_CHECK_MS (30 s by default). An office renamed here is
 * taken by each socket at its next connection (the console renames live). Every change is written to
 * the audit log as done by `cli`.
 */
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import {
  DisplayNameSchema,
  GENDERS,
  KioskKeySchema,
  SignLanguageSchema,
  SkillsSchema,
} from '../src/protocol/index.ts';
import { newPassword } from '../signaling-server/auth/secrets.ts';
import { Accounts } from '../signaling-server/store/accounts.ts';
import { auditLog } from '../signaling-server/store/audit.ts';
import { openStore } from '../signaling-server/store/db.ts';
import { offices } from '../signaling-server/store/offices.ts';

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
    skills: v.optional(
      v.pipe(
        v.string(),
        v.transform((s) => s.split(',').map((x) => x.trim())),
        SkillsSchema,
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
  skills: v.optional(
    v.pipe(
      v.string(),
      v.transform((s) => s.split(',').map((x) => x.trim())),
      SkillsSchema,
    ),
  ),
});
const OfficeAdd = v.object({ name });
const OfficeRename = v.object({ office: name, name });
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
    ['office', 'counter', 'name', 'id', 'role', 'username', 'gender', 'languages', 'skills', 'password'].map(
      (o) => [o, { type: 'string' as const }],
    ),
  ),
  strict: true,
});
const parse = <S extends v.GenericSchema>(schema: S): v.InferOutput<S> => {
  const r = v.safeParse(schema, values);
  if (!r.success) usage(r.issues.map((i) => `--${v.getDotPath(i) ?? ''} ${i.message}`).join('; '));
  return r.output;
};

// The same database as the server: PostgreSQL in cluster mode (DATABASE_URL), else the SQLite file.
const store = await openStore(process.env.DATABASE_URL ?? process.env.DB_PATH ?? 'data/ashir.sqlite');
const { db } = store;
const accounts = new Accounts(db);
const audit = auditLog(db, Date.now);
const log = (office: string | null, what: string, target: string) =>
  audit.write({ actorId: 'cli', actorRole: 'cli', office, action: what, target });
try {
  if (what === 'kiosk' && action === 'add') {
    const k = parse(KioskAdd);
    const { kiosk, code } = await accounts.kiosks.add({
      office: k.office,
      counter: k.counter,
      ...(k.name ? { name: k.name } : {}),
      ...(k.id ? { id: k.id } : {}),
    });
    await log(kiosk.office, 'kiosk added', kiosk.id);
    console.log(
      `kiosk ${kiosk.id} (${kiosk.office}, counter ${kiosk.counter}): enrollment code ${code} (valid 7 days, once)`,
    );
  } else if (what === 'kiosk' && action === 'list') {
    for (const k of await accounts.kiosks.list())
      console.log(
        `${k.id}\t${k.office}\t${k.counter}\t${k.name}\t${k.enrolled ? 'enrolled' : 'not enrolled'}`,
      );
  } else if (what === 'user' && action === 'add') {
    const u = parse(UserAdd);
    const password = u.password ?? newPassword();
    await accounts.addUser({
      username: u.username,
      displayName: u.name,
      role: u.role,
      password,
      ...(u.gender ? { gender: u.gender } : {}),
      ...(u.languages ? { languages: u.languages } : {}),
      ...(u.skills ? { skills: u.skills } : {}),
      ...(u.office ? { office: u.office } : {}),
    });
    await log(u.office ?? null, 'person added', u.username);
    console.log(`${u.role} ${u.username} added${u.password ? '' : `; password: ${password}`}`);
  } else if (what === 'user' && action === 'list') {
    for (const u of await accounts.listUsers())
      console.log(`${u.username}\t${u.role}\t${u.displayName}\t${u.office ?? ''}`);
  } else if ((what === 'user' || what === 'kiosk') && (action === 'disable' || action === 'enable')) {
    const disable = action === 'disable';
    if (what === 'user') {
      const user = await accounts.setUserDisabled(parse(UserRef).username, disable);
      if (!user) usage('no such user');
      await log(user.office, `person ${action}d`, user.username);
      console.log(`${user.role} ${user.username} ${disable ? 'disabled' : 'enabled'}`);
    } else {
      const done = await accounts.kiosks.setDisabled(parse(KioskRef).id, disable);
      if (!done) usage('no such kiosk');
      await log(done.kiosk.office, `kiosk ${action}d`, done.kiosk.id);
      console.log(
        `kiosk ${done.kiosk.id} ${disable ? 'disabled (credential revoked)' : `enabled: enrollment code ${done.code} (valid 7 days, once)`}`,
      );
    }
  } else if (what === 'kiosk' && action === 'change') {
    const k = parse(KioskChange);
    const kiosk = await accounts.kiosks.update(k.id, { name: k.name, counter: k.counter });
    if (!kiosk) usage('no such kiosk');
    await log(kiosk.office, 'kiosk changed', kiosk.id);
    console.log(`kiosk ${kiosk.id}: ${kiosk.name}, counter ${kiosk.counter}`);
  } else if (what === 'kiosk' && action === 're-enroll') {
    const done = await accounts.kiosks.reEnroll(parse(KioskRef).id);
    if (!done) usage('no such kiosk, or it is disabled (enable it instead)');
    await log(done.kiosk.office, 'kiosk re-enrolled', done.kiosk.id);
    console.log(
      `kiosk ${done.kiosk.id}: old credential revoked; enrollment code ${done.code} (valid 7 days, once)`,
    );
  } else if (what === 'office' && action === 'add') {
    const o = parse(OfficeAdd);
    if (!(await offices(db).add(o.name))) usage('an office has that name');
    await log(o.name, 'office added', o.name);
    console.log(`office ${o.name} added`);
  } else if (what === 'office' && action === 'rename') {
    const o = parse(OfficeRename);
    const done = await offices(db).rename(o.office, o.name);
    if (done !== 'renamed') usage(done === 'missing' ? 'no such office' : 'an office has that name');
    await log(o.name, 'office renamed', `${o.office} → ${o.name}`);
    console.log(`office ${o.office} is now ${o.name}`);
  } else if (what === 'office' && action === 'list') {
    for (const o of await offices(db).list(null))
      console.log(
        `${o.name}\t${o.kiosks} kiosks\t${o.people} people\t${o.target.share * 100} % within ${o.target.withinS} s`,
      );
  } else if (what === 'user' && action === 'change') {
    const c = parse(UserChange);
    const user = await accounts.updatePerson(c.username, {
      name: c.name,
      role: c.role,
      office: c.office,
      gender: c.gender,
      languages: c.languages,
      skills: c.skills,
    });
    if (!user) usage('no such user');
    await log(user.office, 'person changed', user.username);
    console.log(`${user.role} ${user.username} changed (a new role or office ends their sign-ins)`);
  } else if (what === 'user' && action === 'reset-password') {
    const u = parse(UserRef);
    const password = await accounts.resetPassword(u.username);
    if (!password) usage('no such user');
    await log((await accounts.person(u.username))?.office ?? null, 'password reset', u.username);
    console.log(`${u.username}: one-time password ${password} (their sign-ins were ended)`);
  } else usage();
} catch (err) {
  usage(err instanceof Error ? err.message : String(err));
} finally {
  await store.close();
}
