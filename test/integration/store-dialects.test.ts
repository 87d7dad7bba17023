/**
 * One store, two databases: the same calls on SQLite and on a real PostgreSQL give the same answers
 * (accounts, kiosks, offices, the audit log, every kind of call record, the supervisor's queries),
 * the migrations run once, a node with a stale fencing token writes nothing, and a SQLite file of the
 * versions before the query builder keeps its data.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordOp } from '../../signaling-server/domain/types.ts';
import { Accounts } from '../../signaling-server/store/accounts.ts';
import { auditLog } from '../../signaling-server/store/audit.ts';
import { closeOrphanedRequests, FencedOut, recorder } from '../../signaling-server/store/call-records.ts';
import { openStore, startRun, type Store } from '../../signaling-server/store/db.ts';
import { upgradeLegacy } from '../../signaling-server/store/legacy-sqlite.ts';
import { MIGRATIONS } from '../../signaling-server/store/migrations.ts';
import { NO_ROUTING, offices } from '../../signaling-server/store/offices.ts';
import { signClips } from '../../signaling-server/store/sign-clips.ts';
import { recordsQuery, toCsv } from '../../signaling-server/store/records-query.ts';
import { serviceLevelQuery, setTarget } from '../../signaling-server/store/service-level.ts';
import { statsQuery } from '../../signaling-server/store/stats.ts';
import { startPostgres, type Postgres } from '../helpers/services.ts';

let postgres: Postgres;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.stop());

const T0 = new Date('2026-12-01T09:00:00').getTime();
const context = (n: number, office = 'Riyadh') => ({
  kioskName: `Kiosk ${n}`,
  office,
  counter: String(n),
  gender: 'any' as const,
  language: 'sdl' as const,
  // The first request was for a service that needs a legal interpreter.
  skills: n === 1 ? (['legal'] as const).slice() : [],
  flow: n === 1 ? 'tahseen' : null,
  requestedAt: T0 + n * 60_000,
});

const JEDDAH_ROUTING = {
  priority: ['00000000-0000-4000-8000-000000000001'],
  blocked: [],
  flowSkills: { tahseen: ['legal' as const], birth: [] },
};

/** A morning's records: answered and ended, rated and measured; cancelled; abandoned; fallback; open. */
const MORNING: RecordOp[] = [
  { op: 'requested', id: 'r1', context: context(1), requeuedFrom: null },
  { op: 'offered', requestId: 'r1', interpreterName: 'Huda', at: T0 + 61_000 },
  { op: 'offer-result', requestId: 'r1', outcome: 'accepted', at: T0 + 70_000 },
  { op: 'answered', requestId: 'r1', interpreterName: 'Huda', at: T0 + 70_000 },
  {
    op: 'leg',
    requestId: 'r1',
    leg: 'leg-1',
    interpreterName: 'Huda',
    kind: 'first',
    reason: null,
    at: T0 + 70_000,
  },
  // Huda hands the call on to Omar: two answered legs of one request, with the reason.
  {
    op: 'leg',
    requestId: 'r1',
    leg: 'leg-2',
    interpreterName: 'Omar',
    kind: 'transfer',
    reason: 'shift_end',
    at: T0 + 200_000,
  },
  { op: 'leg-left', requestId: 'r1', leg: 'leg-1', at: T0 + 205_000 },
  { op: 'ended', requestId: 'r1', reason: 'hang-up', at: T0 + 370_000 },
  {
    op: 'quality',
    requestId: 'r1',
    summary: {
      fpsP50: 24.5,
      fpsP5: 14,
      heightP50: 480,
      seconds: { good: 270, usable: 20, poor: 10 },
      iceRestarts: 1,
      relayed: false,
    },
  },
  { op: 'rating', requestId: 'r1', by: 'kiosk', rating: 3 },
  { op: 'rating', requestId: 'r1', by: 'interpreter', rating: 2 },
  { op: 'requested', id: 'r2', context: context(2), requeuedFrom: null },
  { op: 'unanswered', requestId: 'r2', outcome: 'cancelled', at: T0 + 150_000 },
  { op: 'requested', id: 'r3', context: context(3, 'Jeddah'), requeuedFrom: null },
  { op: 'offered', requestId: 'r3', interpreterName: 'Omar', at: T0 + 181_000 },
  { op: 'offer-result', requestId: 'r3', outcome: 'timeout', at: T0 + 201_000 },
  { op: 'skills-relaxed', requestId: 'r3', at: T0 + 190_000 },
  { op: 'skills-relaxed', requestId: 'r3', at: T0 + 195_000 },
  { op: 'unanswered', requestId: 'r3', outcome: 'abandoned', at: T0 + 400_000 },
  { op: 'requested', id: 'r4', context: context(4), requeuedFrom: 'r3' },
  { op: 'fallback', requestId: 'r4', at: T0 + 300_000 },
  { op: 'fallback', requestId: 'r4', at: T0 + 350_000 },
  { op: 'unanswered', requestId: 'r4', outcome: 'cancelled', at: T0 + 500_000 },
  { op: 'requested', id: 'r5', context: context(5), requeuedFrom: null },
] as RecordOp[];

/** Everything the store answers, on one database. */
async function exercise(store: Store) {
  const { db } = store;
  let now = T0;
  const accounts = new Accounts(db, () => now);
  const out: Record<string, unknown> = {};
  out.emptyAtFirst = await accounts.isEmpty();
  const { kiosk, code } = await accounts.kiosks.add({
    office: 'Riyadh',
    counter: '1',
    id: 'k-1',
    name: 'One',
  });
  await accounts.kiosks.add({ office: 'Jeddah', counter: '2', id: 'k-2' });
  const enrolled = await accounts.kiosks.enroll(code);
  out.enrolledKiosk = enrolled?.kiosk;
  out.codeTwice = await accounts.kiosks.enroll(code);
  out.byCredential = await accounts.kiosks.byCredential(enrolled!.credential);
  out.moved = await accounts.kiosks.update(kiosk.id, { counter: '7' });
  out.reEnrolled = (await accounts.kiosks.reEnroll('k-1'))?.kiosk.id;
  out.oldCredentialGone = await accounts.kiosks.byCredential(enrolled!.credential);
  accounts.kiosks.seen('k-2');
  await accounts.kiosks.flushSeen();
  out.kiosks = await accounts.kiosks.inOffice(null);
  out.riyadhKiosks = (await accounts.kiosks.inOffice('Riyadh')).map((k) => k.id);
  out.disabled = (await accounts.kiosks.setDisabled('k-2', true))?.code;

  const huda = await accounts.addUser({
    username: 'huda',
    displayName: 'هدى',
    role: 'interpreter',
    passwordHash: accounts.dummyHash,
    gender: 'female',
    languages: ['sdl', 'ase'],
    skills: ['legal'],
  });
  await accounts.addUser({
    username: 'sara',
    displayName: 'Sara',
    role: 'clerk',
    passwordHash: accounts.dummyHash,
    office: 'Riyadh',
  });
  const token = await accounts.startSession(huda.id);
  out.session = (await accounts.userBySession(token))?.username;
  out.changed = {
    ...(await accounts.updatePerson('huda', { skills: ['medical', 'children'], name: 'Huda' })),
    id: undefined,
  };
  out.sessionAfterChange = (await accounts.userBySession(token))?.username;
  await accounts.setUserDisabled('sara', true);
  out.people = (await accounts.peopleIn('Riyadh')).map((p) => ({ ...p, id: undefined }));
  out.users = (await accounts.listUsers()).map((u) => u.username);
  now += 13 * 3_600_000;
  out.sessionExpired = await accounts.userBySession(token);

  const officeStore = offices(db);
  out.added = [await officeStore.add('Dammam'), await officeStore.add('Dammam')];
  out.target = await setTarget(db, 'Riyadh', { withinS: 30, share: 0.9 });
  const audit = auditLog(db, () => now);
  await audit.write({
    actorId: 'a1',
    actorRole: 'admin',
    office: 'Riyadh',
    action: 'kiosk added',
    target: 'k-1',
  });

  const records = recorder(store);
  await records.apply(MORNING);
  await records.apply(MORNING.slice(0, 1)); // a replayed request is not a second row
  await records.apply(MORNING.filter((op) => op.op === 'leg')); // nor a replayed leg
  out.resumeFacts = await records.resumeFacts('r1');
  out.legs = await db
    .selectFrom('call_legs')
    .select(['leg', 'interpreter_name', 'kind', 'reason', 'joined_at', 'left_at'])
    .orderBy('leg')
    .execute();
  out.skillRows = await db
    .selectFrom('call_requests')
    .select(['id', 'skills', 'flow', 'skills_relaxed_at'])
    .where('id', 'in', ['r1', 'r3'])
    .orderBy('id')
    .execute();
  out.notAnswered = await records.resumeFacts('r2');
  out.renamed = await officeStore.rename('Riyadh', 'Riyadh Central');
  out.renameTaken = await officeStore.rename('Jeddah', 'Dammam');
  out.routingSet = [
    await officeStore.setRouting('Jeddah', JEDDAH_ROUTING),
    await officeStore.setRouting('Nowhere', JEDDAH_ROUTING),
  ];
  out.allRouting = await officeStore.allRouting();
  out.autoplaySet = [
    await officeStore.setClipAutoplay('Jeddah', true),
    await officeStore.setClipAutoplay('Nowhere', true),
  ];
  // The sign library: two clips for one target, the newer approval replaces the older; coverage.
  const clips = signClips(db);
  const clip = (sha: string, target = 'step:birth.place') => ({
    target,
    language: 'sdl',
    sha256: sha.repeat(64),
    bytes: 1000,
    durationMs: 1500,
    interpreterId: 'i-1',
    interpreterName: 'Huda',
    licence: 'CC-BY-4.0',
    consentedAt: T0,
    createdAt: T0,
  });
  const c1 = await clips.add(clip('a'));
  const c2 = await clips.add(clip('b'));
  await clips.add(clip('c', 'pictogram:yes'));
  const reviewer = { id: 's-1', name: 'Sup' };
  out.reviews = [
    await clips.review(c1.id, { approve: true }, reviewer, T0 + 1),
    await clips.review(c1.id, { approve: true }, reviewer, T0 + 2),
    await clips.review(c2.id, { approve: true }, reviewer, T0 + 3),
    await clips.review('nope', { approve: true }, reviewer, T0 + 4),
  ];
  out.clipStatuses = (await clips.list({ status: null, limit: 10 }))
    .map((c) => [c.sha256[0], c.status])
    .sort();
  out.coverage = (await clips.coverage('sdl')).sort((x, y) => x.target.localeCompare(y.target));
  out.approvedSha = [await clips.isApproved('a'.repeat(64)), await clips.isApproved('b'.repeat(64))];
  out.imported = await clips.importApproved(
    [
      { ...clip('d'), approvedAt: T0 + 5 },
      { ...clip('b'), approvedAt: T0 },
    ],
    'import',
  );
  out.pendingOf = await clips.pendingOf('i-1');
  out.offices = await officeStore.list(null);
  out.audit = await audit.recent('Riyadh Central');
  const q = recordsQuery(db);
  const filter = { office: null, from: T0, to: T0 + 86_400_000 };
  out.page = await q.page(filter, 0);
  out.outcomeFilter = (await q.page({ ...filter, outcome: 'open' }, 0)).rows.map((r) => r.id);
  out.csv = toCsv(await q.all({ ...filter, office: 'Riyadh Central' }));
  out.history = await q.history(null, T0 - 3_600_000, T0 + 2 * 3_600_000);
  out.level = await serviceLevelQuery(db)(T0 + 3_600_000, 'Riyadh Central');
  out.stats = await statsQuery(db)(T0 + 3_600_000, { available: 1, queued: 0 });
  out.orphans = await closeOrphanedRequests(db, T0 + 600_000);
  out.afterOrphans = (await q.page(filter, 0)).rows.map((r) => [r.id, r.outcome, r.endReason]);
  const first = await startRun(db, T0);
  const second = await startRun(db, T0);
  out.runs = [first.previousRunId, second.previousRunId === first.runId];
  out.emptyAtLast = await accounts.isEmpty();
  return out;
}

describe('the store on SQLite and PostgreSQL', () => {
  it('answers the same on both, with the expected answers', async () => {
    const sqlite = await openStore(':memory:');
    const pg = await openStore(await postgres.createDatabase('parity'));
    const a = await exercise(sqlite);
    const b = await exercise(pg);
    await sqlite.close();
    await pg.close();
    expect(b).toEqual(a);
    // And what they both say is right.
    expect(a).toMatchObject({
      emptyAtFirst: true,
      enrolledKiosk: { id: 'k-1', name: 'One', office: 'Riyadh', counter: '1' },
      codeTwice: null,
      oldCredentialGone: null,
      riyadhKiosks: ['k-1'],
      disabled: null,
      session: 'huda',
      changed: { skills: ['medical', 'children'], displayName: 'Huda', languages: ['sdl', 'ase'] },
      sessionAfterChange: 'huda',
      sessionExpired: null,
      users: ['sara', 'huda'],
      added: [true, false],
      target: true,
      notAnswered: { row: null },
      renamed: 'renamed',
      renameTaken: 'taken',
      outcomeFilter: ['r5'],
      orphans: 1,
      runs: [null, true],
      emptyAtLast: false,
      // A replayed batch adds no leg; the end closes the one still open.
      legs: [
        {
          leg: 'leg-1',
          interpreter_name: 'Huda',
          kind: 'first',
          reason: null,
          joined_at: T0 + 70_000,
          left_at: T0 + 205_000,
        },
        {
          leg: 'leg-2',
          interpreter_name: 'Omar',
          kind: 'transfer',
          reason: 'shift_end',
          joined_at: T0 + 200_000,
          left_at: T0 + 370_000,
        },
      ],
      // The first time the citizen let the skills go is kept.
      skillRows: [
        { id: 'r1', skills: 'legal', flow: 'tahseen', skills_relaxed_at: null },
        { id: 'r3', skills: '', flow: null, skills_relaxed_at: T0 + 190_000 },
      ],
    });
    expect(a.resumeFacts).toEqual({
      row: {
        kioskName: 'Kiosk 1',
        office: 'Riyadh',
        counter: '1',
        gender: 'any',
        language: 'sdl',
        skills: ['legal'],
        flow: 'tahseen',
        requestedAt: T0 + 60_000,
        endReason: 'hang-up',
        interpreterName: 'Huda',
      },
    });
    expect(
      (a.kiosks as Array<{ id: string; lastSeenAt: number | null }>).find((k) => k.id === 'k-2'),
    ).toMatchObject({
      lastSeenAt: T0,
    });
    expect(a.people).toEqual([
      expect.objectContaining({ username: 'sara', disabled: true, office: 'Riyadh' }),
    ]);
    const routing = NO_ROUTING;
    expect(a.offices).toEqual([
      {
        name: 'Dammam',
        kiosks: 0,
        people: 0,
        target: { withinS: 60, share: 0.85 },
        ownTarget: false,
        routing,
        clipAutoplay: false,
      },
      {
        name: 'Jeddah',
        kiosks: 1,
        people: 0,
        target: { withinS: 60, share: 0.85 },
        ownTarget: false,
        routing: JEDDAH_ROUTING,
        clipAutoplay: true,
      },
      {
        name: 'Riyadh Central',
        kiosks: 1,
        people: 1,
        target: { withinS: 30, share: 0.9 },
        ownTarget: true,
        routing,
        clipAutoplay: false,
      },
    ]);
    expect(a.autoplaySet).toEqual([true, false]);
    expect(a.reviews).toEqual(['done', 'conflict', 'done', 'missing']);
    expect(a.clipStatuses).toEqual([
      ['a', 'replaced'],
      ['b', 'approved'],
      ['c', 'pending'],
    ]);
    expect(a.coverage).toEqual([
      { target: 'pictogram:yes', approved: false, pending: 1 },
      { target: 'step:birth.place', approved: true, pending: 0 },
    ]);
    expect(a.approvedSha).toEqual([false, true]);
    // 'd' replaces 'b' (a different file); then 'b' again replaces 'd' (the manifest's order).
    expect(a.imported).toBe(2);
    expect(a.pendingOf).toBe(1);
    expect(a.routingSet).toEqual([true, false]);
    expect(a.allRouting).toEqual([{ office: 'Jeddah', routing: JEDDAH_ROUTING }]);
    expect(a.audit).toEqual([
      {
        at: T0 + 13 * 3_600_000,
        actorId: 'a1',
        actorRole: 'admin',
        office: 'Riyadh Central',
        action: 'kiosk added',
        target: 'k-1',
      },
    ]);
    const page = a.page as { total: number; rows: Array<Record<string, unknown>> };
    expect(page.total).toBe(5);
    expect(page.rows.find((r) => r.id === 'r1')).toMatchObject({
      office: 'Riyadh Central',
      outcome: 'answered',
      waitS: 10,
      lengthS: 300,
      goodVideoShare: 0.9,
      ratingKiosk: 3,
      ratingInterpreter: 2,
    });
    expect(page.rows.find((r) => r.id === 'r4')).toMatchObject({
      outcome: 'fallback',
      endReason: 'cancelled',
    });
    expect(page.rows.find((r) => r.id === 'r3')).toMatchObject({ outcome: 'abandoned', office: 'Jeddah' });
    expect(a.csv).toContain('r1,2026-12-01T');
    expect(a.history).toMatchObject({ requests: [0, 5, 0], abandoned: [0, 1, 0], asaS: [null, 10, null] });
    expect(a.level).toMatchObject({
      requests: 4,
      answered: 1,
      asaS: 10,
      withinTarget: 0.333,
      goodVideoShare: 0.9,
      citizenRating: 3,
      connectionRating: 2,
      target: { withinS: 30, share: 0.9 },
    });
    expect(a.stats).toMatchObject({ requests: 5, answered: 1, abandoned: 1, cancelled: 1, fallback: 1 });
    expect(a.afterOrphans).toContainEqual(['r5', 'failed', 'server_restart']);
  }, 60_000);

  it('closes the open records a new leader does not know, on both', async () => {
    for (const store of [
      await openStore(':memory:'),
      await openStore(await postgres.createDatabase('orphans')),
    ]) {
      const records = recorder(store);
      await records.apply(MORNING);
      // r5 is open (never answered); r1 answered and ended; keep r5's sibling r2 (closed already).
      await records.apply([{ op: 'requested', id: 'r6', context: context(6), requeuedFrom: null }]);
      await records.apply([{ op: 'answered', requestId: 'r6', interpreterName: 'Huda', at: T0 + 9 }]);
      await records.apply([{ op: 'requested', id: 'r7', context: context(7), requeuedFrom: null }]);
      await records.apply([{ op: 'orphans', keep: ['r7'], at: T0 + 999 }]);
      const rows = await store.db
        .selectFrom('call_requests')
        .select(['id', 'outcome', 'end_reason', 'ended_at'])
        .where('id', 'in', ['r1', 'r5', 'r6', 'r7'])
        .orderBy('id')
        .execute();
      expect(rows).toEqual([
        { id: 'r1', outcome: 'answered', end_reason: 'hang-up', ended_at: T0 + 370_000 },
        { id: 'r5', outcome: 'failed', end_reason: 'leader_lost', ended_at: T0 + 999 },
        { id: 'r6', outcome: 'answered', end_reason: 'leader_lost', ended_at: T0 + 999 },
        { id: 'r7', outcome: null, end_reason: null, ended_at: null },
      ]);
      await store.close();
    }
  }, 30_000);

  it('migrates once, and a second node starting on the same database finds it done', async () => {
    const url = await postgres.createDatabase('twice');
    const [one, two] = await Promise.all([openStore(url), openStore(url)]);
    await one.close();
    await two.close();
    const versions = await postgres.query<{ version: number }>(
      'SELECT version FROM ashir_migrations',
      [],
      url,
    );
    expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  }, 30_000);

  it('refuses the records of a node whose fencing token is older than the last writer', async () => {
    const store = await openStore(await postgres.createDatabase('fenced'));
    try {
      await recorder(store, () => 7).apply(MORNING.slice(0, 1));
      await expect(recorder(store, () => 6).apply(MORNING.slice(8, 9))).rejects.toBeInstanceOf(FencedOut);
      const rows = await store.db.selectFrom('call_requests').select('id').execute();
      expect(rows.map((r) => r.id)).toEqual(['r1']);
      // The same on SQLite (synchronous).
      const sqlite = await openStore(':memory:');
      expect(recorder(sqlite, () => 3).apply(MORNING.slice(0, 1))).toBeUndefined();
      expect(() => recorder(sqlite, () => 2).apply(MORNING.slice(8, 9))).toThrow(FencedOut);
      await sqlite.close();
    } finally {
      await store.close();
    }
  });
});

describe('a batch of records written to PostgreSQL in one round trip', () => {
  it('keeps every character of its values, and a failing statement rolls back the whole batch', async () => {
    const store = await openStore(await postgres.createDatabase('inline'));
    try {
      // Names as people type them: quotes, a backslash, what looks like a parameter, Arabic, a newline.
      const awkward = `O'Brien \\ $1 '' -- كشك ١\nx`;
      const office = `مكتب "الرياض" $2; DROP TABLE call_requests; --`;
      await recorder(store, () => 1).apply([
        {
          op: 'requested',
          id: 'q1',
          context: { ...context(1, office), kioskName: awkward },
          requeuedFrom: null,
        },
        { op: 'offered', requestId: 'q1', interpreterName: awkward, at: T0 + 1 },
      ]);
      const row = await store.db
        .selectFrom('call_requests')
        .select(['kiosk_name', 'office', 'skills', 'flow'])
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ kiosk_name: awkward, office, skills: 'legal', flow: 'tahseen' });
      const offer = await store.db.selectFrom('offers').select(['interpreter_name', 'offered_at']).execute();
      expect(offer).toEqual([{ interpreter_name: awkward, offered_at: T0 + 1 }]);
      // The second statement breaks a constraint (no such request for a leg): the first is undone too.
      await expect(
        recorder(store, () => 1).apply([
          { op: 'requested', id: 'q2', context: context(2), requeuedFrom: null },
          {
            op: 'leg',
            requestId: 'nope',
            leg: 'l1',
            interpreterName: 'Huda',
            kind: 'first',
            reason: null,
            at: T0,
          },
        ]),
      ).rejects.toThrow();
      const ids = await store.db.selectFrom('call_requests').select('id').execute();
      expect(ids.map((r) => r.id)).toEqual(['q1']);
    } finally {
      await store.close();
    }
  });
});

describe('a SQLite file of an earlier version', () => {
  it('keeps its data and goes on from the last schema it had', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'ashir-legacy-')), 'old.sqlite');
    const raw = new Database(file);
    raw.pragma('user_version = 1');
    raw.exec(`CREATE TABLE call_requests (id TEXT PRIMARY KEY, kiosk_name TEXT NOT NULL, office TEXT, counter TEXT,
      pref_gender TEXT NOT NULL, pref_language TEXT NOT NULL, requested_at INTEGER NOT NULL, answered_at INTEGER,
      ended_at INTEGER, interpreter_name TEXT, outcome TEXT, end_reason TEXT, fallback_at INTEGER,
      requeued_from TEXT REFERENCES call_requests(id));
      CREATE TABLE offers (id INTEGER PRIMARY KEY AUTOINCREMENT, request_id TEXT NOT NULL, interpreter_name TEXT NOT NULL,
      offered_at INTEGER NOT NULL, responded_at INTEGER, outcome TEXT);
      INSERT INTO call_requests (id, kiosk_name, pref_gender, pref_language, requested_at, outcome)
      VALUES ('old-1', 'Old kiosk', 'any', 'sdl', 1000, 'answered');`);
    expect(upgradeLegacy(raw)).toBe(8);
    raw.close();
    const store = await openStore(file);
    try {
      const rows = await store.db.selectFrom('call_requests').select(['id', 'kiosk_name']).execute();
      expect(rows).toEqual([{ id: 'old-1', kiosk_name: 'Old kiosk' }]);
      expect((await store.db.selectFrom('ashir_migrations').select('version').execute()).length).toBe(
        MIGRATIONS.length,
      );
      expect(await new Accounts(store.db).isEmpty()).toBe(true);
    } finally {
      await store.close();
    }
  });
});
