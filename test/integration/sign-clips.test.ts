/**
 * The sign library's HTTP edge on a real server and SQLite file: uploads (valid, and every kind of
 * garbage, which stores nothing), who may do what, review, what is served, the limits, and
 * `npm run clips -- export|import` between two installations.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_CLIP_BYTES } from '../../src/clips/rules.ts';
import { FIXTURES_DIR } from '../helpers/fixtures.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { jsonRequest, uploadClip } from '../helpers/clips.ts';

const CLIP = readFileSync(path.join(FIXTURES_DIR, 'media/sign-clip.webm'));
/** Another valid clip (the last frame's last byte changed: the same structure, other content). */
const OTHER = Buffer.from(CLIP);
OTHER[OTHER.length - 1] = OTHER[OTHER.length - 1]! ^ 0xff;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const TARGET = 'step:replace-lost.document';

let srv: TestServer;
let interpreter: string;
beforeEach(async () => {
  srv = await startTestServer();
  interpreter = await srv.cookieFor({
    kind: 'interpreter',
    name: 'Huda',
    gender: 'female',
    languages: ['sdl'],
  });
});
afterEach(() => srv.close());

const clipsDir = () => path.join(path.dirname(srv.dbPath), 'clips');
const filesOnDisk = () => readdirSync(clipsDir()).sort();

const upload = (
  cookie: string | null,
  body: Buffer,
  query = `target=${TARGET}&language=sdl&consent=1`,
  type = 'video/webm',
) => uploadClip(srv.url, cookie, body, query, type);
const json = (cookie: string, method: string, url: string, body?: unknown) =>
  jsonRequest(srv.url, cookie, method, url, body);

describe('an interpreter’s clip', () => {
  it('is stored by its hash, pending, seen by its signer and reviewers only, served once approved', async () => {
    const res = await upload(interpreter, CLIP);
    expect(res.status).toBe(201);
    const { clip } = (await res.json()) as {
      clip: { id: string; status: string; sha256: string; durationMs: number };
    };
    expect(clip).toMatchObject({ status: 'pending', sha256: sha(CLIP) });
    expect(clip.durationMs).toBeGreaterThan(1000);
    expect(filesOnDisk()).toEqual([`${sha(CLIP)}.webm`]);
    expect(readFileSync(path.join(clipsDir(), `${sha(CLIP)}.webm`)).equals(CLIP)).toBe(true);

    // Not served while pending, to anyone.
    expect((await fetch(`${srv.url}/clips/${sha(CLIP)}.webm`)).status).toBe(404);
    // Its signer and a supervisor may watch it; another interpreter gets what a missing clip gets.
    const supervisor = await srv.cookieFor({ kind: 'supervisor', name: 'Sup', office: 'Riyadh' });
    const other = await srv.cookieFor({
      kind: 'interpreter',
      name: 'Omar',
      gender: 'male',
      languages: ['sdl'],
    });
    expect((await json(interpreter, 'GET', `/api/clips/${clip.id}/video`)).status).toBe(200);
    const watched = await json(supervisor, 'GET', `/api/clips/${clip.id}/video`);
    expect(watched.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(await watched.arrayBuffer()).equals(CLIP)).toBe(true);
    const hidden = await json(other, 'GET', `/api/clips/${clip.id}/video`);
    const missing = await json(other, 'GET', `/api/clips/00000000-0000-4000-8000-000000000000/video`);
    expect([hidden.status, await hidden.json()]).toEqual([missing.status, await missing.json()]);

    // The library shows it pending; a reviewer sees it in the queue.
    const lib = (await (await json(other, 'GET', '/api/clips/library?language=sdl')).json()) as {
      coverage: Array<{ target: string; approved: boolean; pending: number }>;
      mine: unknown[];
    };
    expect(lib.coverage).toEqual([{ target: TARGET, approved: false, pending: 1 }]);
    expect(lib.mine).toEqual([]);
    const queue = (await (await json(supervisor, 'GET', '/api/clips/review')).json()) as {
      clips: Array<{ id: string }>;
    };
    expect(queue.clips.map((c) => c.id)).toEqual([clip.id]);

    // Approved: served with a year's caching, and listed for kiosks.
    const approved = await json(supervisor, 'POST', `/api/clips/${clip.id}/review`, { decision: 'approve' });
    expect(await approved.json()).toMatchObject({
      ok: true,
      clip: { status: 'approved', reviewerName: 'Sup' },
    });
    const served = await fetch(`${srv.url}/clips/${sha(CLIP)}.webm`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('video/webm');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(await served.arrayBuffer()).equals(CLIP)).toBe(true);
    const kiosk = (await srv.provision({ kind: 'kiosk', name: 'Counter 1', office: 'Riyadh', counter: '1' }))
      .cookie;
    expect(await (await json(kiosk, 'GET', '/api/clips/approved')).json()).toEqual({
      ok: true,
      autoplay: false,
      clips: [{ target: TARGET, language: 'sdl', url: `/clips/${sha(CLIP)}.webm` }],
    });
    // Decided once: approving again is a conflict. The decision is audited.
    expect(
      (await json(supervisor, 'POST', `/api/clips/${clip.id}/review`, { decision: 'approve' })).status,
    ).toBe(409);
    const audit = srv.server.store
      .raw!.prepare("SELECT action, target FROM audit_log WHERE action LIKE 'sign clip%'")
      .all();
    expect(audit).toEqual([{ action: 'sign clip approved', target: clip.id }]);
  });

  it('replaces the approved clip of its target when a newer one is approved; a rejected clip is never served', async () => {
    const supervisor = await srv.cookieFor({ kind: 'supervisor', name: 'Sup', office: 'Riyadh' });
    const first = ((await (await upload(interpreter, CLIP)).json()) as { clip: { id: string } }).clip.id;
    const second = ((await (await upload(interpreter, OTHER)).json()) as { clip: { id: string } }).clip.id;
    await json(supervisor, 'POST', `/api/clips/${first}/review`, { decision: 'approve' });
    await json(supervisor, 'POST', `/api/clips/${second}/review`, { decision: 'approve' });
    expect((await fetch(`${srv.url}/clips/${sha(OTHER)}.webm`)).status).toBe(200);
    expect((await fetch(`${srv.url}/clips/${sha(CLIP)}.webm`)).status).toBe(404);
    const all = (await (await json(supervisor, 'GET', '/api/clips/review?status=all')).json()) as {
      clips: Array<{ id: string; status: string }>;
    };
    expect(Object.fromEntries(all.clips.map((c) => [c.id, c.status]))).toEqual({
      [first]: 'replaced',
      [second]: 'approved',
    });

    // Withdrawn (rejected with a reason): no longer served, and kiosks no longer list it.
    expect(
      (await json(supervisor, 'POST', `/api/clips/${second}/review`, { decision: 'reject' })).status,
    ).toBe(400);
    const rejected = await json(supervisor, 'POST', `/api/clips/${second}/review`, {
      decision: 'reject',
      reason: 'The sign for "lost" is regional',
    });
    expect(await rejected.json()).toMatchObject({
      clip: { status: 'rejected', reason: 'The sign for "lost" is regional' },
    });
    expect((await fetch(`${srv.url}/clips/${sha(OTHER)}.webm`)).status).toBe(404);
    const kiosk = (await srv.provision({ kind: 'kiosk', name: 'Counter 1', office: 'Riyadh', counter: '1' }))
      .cookie;
    expect(await (await json(kiosk, 'GET', '/api/clips/approved')).json()).toMatchObject({ clips: [] });
  });
});

describe('garbage and strangers', () => {
  it('get clear errors and store nothing', async () => {
    const supervisor = await srv.cookieFor({ kind: 'supervisor', name: 'Sup', office: 'Riyadh' });
    const kiosk = (await srv.provision({ kind: 'kiosk', name: 'Counter 1', office: 'Riyadh', counter: '1' }))
      .cookie;
    const png = readFileSync(path.join(FIXTURES_DIR, 'media/astronaut.png'));
    const cases: Array<[string, () => Promise<Response>, number, RegExp]> = [
      ['nobody', () => upload(null, CLIP), 401, /Sign in/],
      ['a supervisor', () => upload(supervisor, CLIP), 403, /role/],
      ['a kiosk', () => upload(kiosk, CLIP), 403, /role/],
      ['no consent', () => upload(interpreter, CLIP, `target=${TARGET}&language=sdl`), 400, /licence/],
      [
        'an unknown target',
        () => upload(interpreter, CLIP, 'target=step:nope.nope&language=sdl&consent=1'),
        400,
        /target/,
      ],
      [
        'a query with extras',
        () => upload(interpreter, CLIP, `target=${TARGET}&language=sdl&consent=1&x=1`),
        400,
        /target/,
      ],
      [
        'a language not theirs',
        () => upload(interpreter, CLIP, `target=${TARGET}&language=ase&consent=1`),
        403,
        /sign language/,
      ],
      ['the wrong type', () => upload(interpreter, CLIP, undefined, 'image/png'), 415, /video\/webm/],
      ['a picture called a video', () => upload(interpreter, png), 400, /not a WebM/],
      [
        'a truncated clip',
        () => upload(interpreter, CLIP.subarray(0, Math.floor(CLIP.length * 0.7))),
        400,
        /cut short/,
      ],
      [
        'too big',
        () => upload(interpreter, Buffer.concat([CLIP, Buffer.alloc(MAX_CLIP_BYTES)])),
        413,
        /4 MB/,
      ],
    ];
    for (const [what, res, status, message] of cases) {
      const r = await res();
      expect(r.status, what).toBe(status);
      expect(((await r.json()) as { message: string }).message, what).toMatch(message);
    }
    // Too big without a declared length (chunked): cut off while streaming.
    const chunked = await rawUpload(interpreter, [CLIP, Buffer.alloc(MAX_CLIP_BYTES)], { chunked: true });
    expect(chunked.status).toBe(413);
    // An upload that stops half-way (the connection dropped).
    await rawUpload(interpreter, [CLIP.subarray(0, 5000)], { declared: CLIP.length, abort: true });
    // A review by someone who may not, or with a bad body.
    const id = '00000000-0000-4000-8000-000000000000';
    expect((await json(interpreter, 'POST', `/api/clips/${id}/review`, { decision: 'approve' })).status).toBe(
      403,
    );
    expect((await json(supervisor, 'POST', `/api/clips/${id}/review`, { decision: 'approve' })).status).toBe(
      404,
    );
    expect(
      (await json(supervisor, 'POST', `/api/clips/not-an-id/review`, { decision: 'approve' })).status,
    ).toBe(404);
    expect((await json(supervisor, 'POST', `/api/clips/${id}/review`, { decision: 'maybe' })).status).toBe(
      400,
    );
    expect((await json(supervisor, 'GET', '/api/clips/review?status=whatever')).status).toBe(400);
    expect((await json(kiosk, 'GET', '/api/clips/review')).status).toBe(403);
    expect((await json(interpreter, 'GET', '/api/clips/library?language=xx')).status).toBe(400);
    expect((await fetch(`${srv.url}/clips/../ashir.sqlite`)).status).toBe(404);
    expect((await fetch(`${srv.url}/clips/${'a'.repeat(64)}.webm`)).status).toBe(404);

    // Nothing stored: no file (not even a temporary one), no row; the server still answers.
    await new Promise((r) => setTimeout(r, 200));
    expect(filesOnDisk()).toEqual([]);
    expect(srv.server.store.raw!.prepare('SELECT count(*) AS n FROM sign_clips').get()).toEqual({ n: 0 });
    expect((await upload(interpreter, CLIP)).status).toBe(201);
  });

  it('limits an account to 30 uploads an hour, whatever it sends', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await upload(interpreter, i % 2 ? CLIP : OTHER)).status);
    expect(statuses.slice(0, 30).every((s) => s === 201)).toBe(true);
    expect(statuses[30]).toBe(429);
    // Another interpreter is not held back by it.
    const other = await srv.cookieFor({
      kind: 'interpreter',
      name: 'Omar',
      gender: 'male',
      languages: ['sdl'],
    });
    expect((await upload(other, CLIP)).status).toBe(201);
  });

  it('lets an admin turn on an office’s clip autoplay, which its kiosks read', async () => {
    const admin = await srv.cookieFor({ kind: 'admin', name: 'Admin' });
    const kiosk = (await srv.provision({ kind: 'kiosk', name: 'Counter 1', office: 'Riyadh', counter: '1' }))
      .cookie;
    const supervisor = await srv.cookieFor({ kind: 'supervisor', name: 'Sup', office: 'Riyadh' });
    const set = (cookie: string, body: unknown, office = 'Riyadh') =>
      json(cookie, 'POST', `/api/admin/offices/${encodeURIComponent(office)}/kiosk-settings`, body);
    expect((await set(supervisor, { clipAutoplay: true })).status).toBe(403);
    expect((await set(admin, { clipAutoplay: 'yes' })).status).toBe(400);
    expect((await set(admin, { clipAutoplay: true }, 'Nowhere')).status).toBe(404);
    expect(await (await set(admin, { clipAutoplay: true })).json()).toMatchObject({
      office: { clipAutoplay: true },
    });
    expect(await (await json(kiosk, 'GET', '/api/clips/approved')).json()).toMatchObject({ autoplay: true });
  });
});

describe('npm run clips', () => {
  it('exports the approved library and imports it into another installation, refusing a tampered archive', async () => {
    const supervisor = await srv.cookieFor({ kind: 'supervisor', name: 'Sup', office: 'Riyadh' });
    const a = ((await (await upload(interpreter, CLIP)).json()) as { clip: { id: string } }).clip.id;
    const b = (
      (await (await upload(interpreter, OTHER, 'target=pictogram:yes&language=sdl&consent=1')).json()) as {
        clip: { id: string };
      }
    ).clip.id;
    await upload(interpreter, CLIP, 'target=pictogram:no&language=sdl&consent=1'); // stays pending: not exported
    await json(supervisor, 'POST', `/api/clips/${a}/review`, { decision: 'approve' });
    await json(supervisor, 'POST', `/api/clips/${b}/review`, { decision: 'approve' });
    const archive = path.join(mkdtempSync(path.join(tmpdir(), 'ashir-clips-')), 'library.tar');
    const out = await runClips(srv.dbPath, 'export', archive);
    expect(out).toMatchObject({ code: 0 });
    expect(out.out).toMatch(/exported 2 approved clips/);

    const second = await startTestServer();
    try {
      const imported = await runClips(second.dbPath, 'import', archive);
      expect(imported.out).toMatch(/imported 2 clips/);
      const kiosk = (await second.provision({ kind: 'kiosk', name: 'K', office: 'Jeddah', counter: '1' }))
        .cookie;
      const list = (await (
        await fetch(`${second.url}/api/clips/approved`, { headers: { cookie: kiosk } })
      ).json()) as {
        clips: Array<{ target: string; url: string }>;
      };
      expect(list.clips).toEqual([
        { target: 'pictogram:yes', language: 'sdl', url: `/clips/${sha(OTHER)}.webm` },
        { target: TARGET, language: 'sdl', url: `/clips/${sha(CLIP)}.webm` },
      ]);
      for (const c of list.clips) expect((await fetch(`${second.url}${c.url}`)).status).toBe(200);
      // The same archive again adds nothing.
      expect((await runClips(second.dbPath, 'import', archive)).out).toMatch(/imported 0 clips/);
      // A tampered archive (one byte of a clip changed) is refused whole.
      const tampered = Buffer.from(readFileSync(archive));
      tampered[tampered.indexOf(Buffer.from('V_VP8')) + 200]! ^= 0x01;
      const bad = path.join(path.dirname(archive), 'tampered.tar');
      (await import('node:fs')).writeFileSync(bad, tampered);
      const refused = await runClips(second.dbPath, 'import', bad);
      expect(refused.code).toBe(1);
      expect(refused.out).toMatch(/refused: the file of .* does not match its hash/);
    } finally {
      await second.close();
    }
  }, 60_000);
});

function runClips(dbPath: string, ...args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/clips.ts', ...args], {
      env: { ...process.env, DB_PATH: dbPath, CLIPS_DIR: path.join(path.dirname(dbPath), 'clips') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

/** An upload by hand: chunked (no length), or one that declares more than it sends and drops. */
function rawUpload(
  cookie: string,
  parts: Buffer[],
  opts: { chunked?: boolean; declared?: number; abort?: boolean },
): Promise<{ status: number | null }> {
  const url = new URL(`${srv.url}/api/clips?target=${TARGET}&language=sdl&consent=1`);
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          cookie,
          'content-type': 'video/webm',
          ...(opts.declared
            ? { 'content-length': String(opts.declared) }
            : { 'transfer-encoding': 'chunked' }),
        },
      },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? null });
      },
    );
    req.on('error', () => resolve({ status: null }));
    for (const p of parts) req.write(p);
    if (opts.abort) setTimeout(() => req.destroy(), 100);
    else req.end();
  });
}
