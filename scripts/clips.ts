/**
 * The sign library between installations (docs/SIGN-CLIPS.md):
 *
 *   npm run clips -- export <file.tar>   every approved clip and a manifest, from this installation
 *   npm run clips -- import <file.tar>   those clips, approved, into this one
 *
 * The database is DATABASE_URL or DB_PATH (default data/ashir.sqlite), the files CLIPS_DIR (default
 * clips/ beside the database file), as for the server. The archive is a tar file: `manifest.json`
 * (format, when, and per clip its target, sign language, SHA-256, size, length, signer, licence and
 * consent) and `clips/<sha256>.webm`. An import checks everything before it writes anything: the
 * manifest's schema, every target known here, every file present, its hash, and the clip rules; one
 * bad entry refuses the whole archive. Each imported clip replaces what was approved for its target
 * and sign language (the old one stays in the history as replaced), unless it is the same file.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createHash } from 'node:crypto';
import * as v from 'valibot';
import tar from 'tar-stream';
import { clipProblem, MAX_CLIP_BYTES } from '../src/clips/rules.ts';
import { CLIP_TARGETS_BY_ID } from '../src/clips/targets.ts';
import { ClipTargetIdSchema, SignLanguageSchema } from '../src/protocol/index.ts';
import { ClipFiles } from '../signaling-server/clips/clip-files.ts';
import { auditLog } from '../signaling-server/store/audit.ts';
import { openStore } from '../signaling-server/store/db.ts';
import { signClips } from '../signaling-server/store/sign-clips.ts';

const FORMAT = 'ashir-sign-clips/1';
const Sha = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/));
const Time = v.pipe(v.number(), v.integer(), v.minValue(0));
const ManifestSchema = v.strictObject({
  format: v.literal(FORMAT),
  exportedAt: Time,
  clips: v.pipe(
    v.array(
      v.strictObject({
        target: ClipTargetIdSchema,
        language: SignLanguageSchema,
        sha256: Sha,
        bytes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_CLIP_BYTES)),
        durationMs: v.pipe(v.number(), v.integer(), v.minValue(0)),
        signer: v.pipe(v.string(), v.minLength(1), v.maxLength(60)),
        licence: v.pipe(v.string(), v.minLength(1), v.maxLength(40)),
        consentedAt: Time,
        createdAt: Time,
        approvedAt: Time,
      }),
    ),
    v.maxLength(20_000),
  ),
});
type Manifest = v.InferInput<typeof ManifestSchema>;

class Refused extends Error {}

const dbTarget = process.env.DATABASE_URL ?? process.env.DB_PATH ?? 'data/ashir.sqlite';
const clipsDir = process.env.CLIPS_DIR || path.join(path.dirname(dbTarget), 'clips');
const [command, file] = process.argv.slice(2);
if ((command !== 'export' && command !== 'import') || !file) {
  console.error('usage: npm run clips -- export <file.tar> | import <file.tar>');
  process.exit(2);
}

const store = await openStore(dbTarget);
const files = new ClipFiles(clipsDir);
await files.init();
const clips = signClips(store.db);
try {
  if (command === 'export') await exportTo(file);
  else await importFrom(file);
} catch (err) {
  console.error(err instanceof Refused ? `refused: ${err.message}` : err);
  process.exitCode = 1;
} finally {
  await store.close();
}

async function exportTo(out: string): Promise<void> {
  const approved = await clips.approved();
  const manifest: Manifest = {
    format: FORMAT,
    exportedAt: Date.now(),
    clips: approved.map((c) => ({
      target: c.target,
      language: c.language,
      sha256: c.sha256,
      bytes: c.bytes,
      durationMs: c.durationMs,
      signer: c.interpreterName,
      licence: c.licence,
      consentedAt: c.consentedAt,
      createdAt: c.createdAt,
      approvedAt: c.reviewedAt ?? c.createdAt,
    })),
  };
  const pack = tar.pack();
  const done = pipeline(pack, createWriteStream(out));
  pack.entry({ name: 'manifest.json' }, JSON.stringify(manifest, null, 2));
  for (const sha of new Set(approved.map((c) => c.sha256)))
    pack.entry({ name: `clips/${sha}.webm` }, await files.read(sha));
  pack.finalize();
  await done;
  console.log(`exported ${manifest.clips.length} approved clips to ${out}`);
}

async function importFrom(input: string): Promise<void> {
  const extract = tar.extract();
  const found = new Map<string, Buffer>();
  let manifestText: string | null = null;
  extract.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (data) => {
      const c = data as Buffer;
      size += c.length;
      if (size <= MAX_CLIP_BYTES + 1) chunks.push(c);
    });
    stream.on('end', () => {
      const body = Buffer.concat(chunks);
      if (header.type !== 'file') return next();
      if (header.name === 'manifest.json') manifestText = body.toString('utf8');
      else {
        const m = /^clips\/([0-9a-f]{64})\.webm$/.exec(header.name);
        if (!m) return next(new Refused(`unexpected entry ${header.name}`));
        if (size > MAX_CLIP_BYTES) return next(new Refused(`${header.name} is larger than a clip may be`));
        found.set(m[1]!, body);
      }
      next();
    });
    stream.resume();
  });
  await pipeline(createReadStream(input), extract).catch((err: unknown) => {
    throw err instanceof Refused ? err : new Refused(`not a readable archive (${String(err)})`);
  });
  if (manifestText === null) throw new Refused('the archive has no manifest.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(manifestText);
  } catch {
    throw new Refused('manifest.json is not JSON');
  }
  const manifest = v.safeParse(ManifestSchema, parsed);
  if (!manifest.success) throw new Refused(`manifest.json: ${manifest.issues[0].message}`);
  const seen = new Set<string>();
  for (const c of manifest.output.clips) {
    const key = `${c.target}|${c.language}`;
    if (seen.has(key)) throw new Refused(`${c.target} (${c.language}) is in the manifest twice`);
    seen.add(key);
    if (!CLIP_TARGETS_BY_ID.has(c.target)) throw new Refused(`${c.target} is not a target here`);
    const data = found.get(c.sha256);
    if (!data) throw new Refused(`the file of ${c.target} is missing`);
    if (createHash('sha256').update(data).digest('hex') !== c.sha256 || data.length !== c.bytes)
      throw new Refused(`the file of ${c.target} does not match its hash`);
    const problem = clipProblem(data);
    if (problem) throw new Refused(`the file of ${c.target} is not a sign clip (${problem})`);
  }
  // Everything checked: the files, then the rows in one transaction.
  for (const sha of new Set(manifest.output.clips.map((c) => c.sha256))) {
    const stored = await files.storeBytes(found.get(sha)!);
    if (!stored.ok) throw new Refused(`a file could not be stored (${stored.problem})`);
  }
  const added = await clips.importApproved(
    manifest.output.clips.map((c) => ({
      target: c.target,
      language: c.language,
      sha256: c.sha256,
      bytes: c.bytes,
      durationMs: c.durationMs,
      interpreterId: null,
      interpreterName: c.signer,
      licence: c.licence,
      consentedAt: c.consentedAt,
      createdAt: c.createdAt,
      approvedAt: c.approvedAt,
    })),
    'import',
  );
  await auditLog(store.db, () => Date.now()).write({
    actorId: 'cli',
    actorRole: 'cli',
    office: null,
    action: 'sign clips imported',
    target: `${added} of ${manifest.output.clips.length} from ${path.basename(input)}`,
  });
  console.log(`imported ${added} clips (${manifest.output.clips.length - added} were already approved here)`);
}
