/**
 * The sign library over HTTP (docs/SIGN-CLIPS.md):
 *
 * - `POST /api/clips?target=&language=&consent=1`: an interpreter submits a clip (the body is the
 *   WebM file, streamed, at most 4 MB) for a target, in a sign language they sign; it is `pending`.
 *   At most one upload at a time and 30 an hour per account, and 50 pending per interpreter.
 * - `GET /api/clips/library?language=`: per target, approved or not and how many wait (interpreters
 *   and staff), with the interpreter's own clips.
 * - `GET /api/clips/review?status=`, `POST /api/clips/:id/review`: supervisors and admins list,
 *   approve or reject (with a reason) clips; every decision is in the audit log.
 * - `GET /api/clips/:id/video`: the clip itself, for reviewers and the interpreter who signed it
 *   (anyone else: not found, as for a clip that does not exist).
 * - `GET /api/clips/approved`: what kiosks play, and whether their office plays a step's clip once.
 * - `GET /clips/<sha256>.webm`: an approved clip's file, cached for a year (its name is its content);
 *   a file of no approved clip is not found.
 */
import express, { type Request, type Response, type Router } from 'express';
import * as v from 'valibot';
import { CLIP_TARGETS_BY_ID } from '../../src/clips/targets.ts';
import { CLIP_MIME, MAX_CLIP_BYTES, type ClipProblem } from '../../src/clips/rules.ts';
import {
  CLIP_LICENCE,
  ClipIdSchema,
  ClipReviewSchema,
  ClipStatusFilterSchema,
  ClipUploadQuerySchema,
  SignLanguageSchema,
  type ApprovedClip,
  type SocketData,
} from '../../src/protocol/index.ts';
import type { Accounts } from '../store/accounts.ts';
import type { AuditLog } from '../store/audit.ts';
import type { SignClips } from '../store/sign-clips.ts';
import { identify, type CookieNames } from '../auth/identity.ts';
import { TokenBucket } from '../realtime/rate-limit.ts';
import type { ClipFiles } from '../clips/clip-files.ts';
import { SHA256_FILE } from '../clips/clip-files.ts';
import { error } from './admin-routes.ts';

const UPLOADS = { ratePerS: 30 / 3600, burst: 30 };
const MAX_PENDING = 50;

const PROBLEMS: Record<ClipProblem | 'aborted', string> = {
  not_webm: 'The file is not a WebM video.',
  truncated: 'The file is cut short.',
  malformed: 'The file is not a well-formed WebM video.',
  has_audio: 'A sign clip has no sound track.',
  no_video: 'The file must hold one video track and nothing else.',
  codec: 'The video must be VP8 or VP9.',
  size: 'The picture size is not a recording’s.',
  too_long: 'A sign clip is at most 15 seconds.',
  too_short: 'The clip has no picture to show.',
  too_big: 'A sign clip is at most 4 MB.',
  aborted: 'The upload did not complete.',
};

export interface ClipDeps {
  accounts: Accounts;
  cookies: CookieNames;
  clips: SignClips;
  files: ClipFiles;
  audit: AuditLog;
  now: () => number;
}

export function clipRoutes(deps: ClipDeps): Router {
  const router = express.Router();
  const buckets = new Map<string, TokenBucket>();
  const uploading = new Set<string>();
  const staff = (me: SocketData) => me.role === 'supervisor' || me.role === 'admin';

  /** Who is asking (401 when nobody); `roles`: who may (403 otherwise). */
  const who = async (req: Request, res: Response, roles: SocketData['role'][]) => {
    res.setHeader('Cache-Control', 'no-store');
    const me = await identify(deps.accounts, req.headers.cookie, deps.cookies);
    if (!me) return error(res, 401, 'unauthorized', 'Sign in first.');
    if (!roles.includes(me.role)) return error(res, 403, 'forbidden', 'Your role may not do this.');
    return me;
  };

  router.post('/api/clips', async (req, res) => {
    res.setHeader('Connection', 'close'); // a refused body is not read
    const me = await who(req, res, ['interpreter']);
    if (!me || me.role !== 'interpreter') return;
    const query = v.safeParse(ClipUploadQuerySchema, req.query);
    if (!query.success)
      return error(
        res,
        400,
        'bad_request',
        'Name a target, a sign language and agree to the licence (consent=1).',
      );
    const { target, language } = query.output;
    if (!CLIP_TARGETS_BY_ID.has(target)) return error(res, 400, 'bad_request', 'There is no such target.');
    if (!me.languages.includes(language))
      return error(res, 403, 'forbidden', 'Record only in a sign language your account has.');
    if (req.headers['content-type']?.split(';')[0]?.trim() !== CLIP_MIME)
      return error(res, 415, 'bad_request', 'Send the clip as video/webm.');
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > MAX_CLIP_BYTES) return error(res, 413, 'bad_request', PROBLEMS.too_big);
    if (uploading.has(me.accountId))
      return error(res, 429, 'rate_limited', 'One upload at a time. Please wait for the last one.');
    let bucket = buckets.get(me.accountId);
    if (!bucket) buckets.set(me.accountId, (bucket = new TokenBucket(UPLOADS, deps.now())));
    if (!bucket.take(deps.now()))
      return error(res, 429, 'rate_limited', 'Too many clips this hour. Please try again later.');
    if ((await deps.clips.pendingOf(me.accountId)) >= MAX_PENDING)
      return error(
        res,
        429,
        'rate_limited',
        'Many of your clips wait for review. Please wait for those first.',
      );
    uploading.add(me.accountId);
    try {
      const stored = await deps.files.store(req);
      if (!stored.ok) {
        const status = stored.problem === 'too_big' ? 413 : 400;
        return error(res, status, 'bad_request', PROBLEMS[stored.problem]);
      }
      const now = deps.now();
      const clip = await deps.clips.add({
        target,
        language,
        sha256: stored.sha256,
        bytes: stored.bytes,
        durationMs: stored.durationMs,
        interpreterId: me.accountId,
        interpreterName: me.name,
        licence: CLIP_LICENCE,
        consentedAt: now,
        createdAt: now,
      });
      res.status(201).json({ ok: true, clip });
    } finally {
      uploading.delete(me.accountId);
    }
  });

  router.get('/api/clips/library', async (req, res) => {
    const me = await who(req, res, ['interpreter', 'supervisor', 'admin']);
    if (!me) return;
    const language = v.safeParse(SignLanguageSchema, req.query.language);
    if (!language.success) return error(res, 400, 'bad_request', 'Name a sign language.');
    const coverage = await deps.clips.coverage(language.output);
    const mine =
      me.role === 'interpreter'
        ? await deps.clips.list({ status: null, interpreterId: me.accountId, limit: 500 })
        : [];
    res.json({ ok: true, coverage, mine });
  });

  router.get('/api/clips/review', async (req, res) => {
    const me = await who(req, res, ['supervisor', 'admin']);
    if (!me) return;
    const status = v.safeParse(ClipStatusFilterSchema, req.query.status ?? 'pending');
    if (!status.success) return error(res, 400, 'bad_request', 'Unknown status.');
    const clips = await deps.clips.list({
      status: status.output === 'all' ? null : status.output,
      limit: 500,
    });
    res.json({ ok: true, clips });
  });

  router.post('/api/clips/:id/review', express.json({ limit: '1kb', strict: true }), async (req, res) => {
    const me = await who(req, res, ['supervisor', 'admin']);
    if (!me) return;
    const id = v.safeParse(ClipIdSchema, req.params.id);
    if (!id.success) return error(res, 404, 'not_found', 'No such clip.');
    const body = v.safeParse(ClipReviewSchema, req.body);
    if (!body.success)
      return error(
        res,
        400,
        'bad_request',
        'Send { decision: "approve" } or { decision: "reject", reason }.',
      );
    const decision =
      body.output.decision === 'approve'
        ? { approve: true as const }
        : { approve: false as const, reason: body.output.reason };
    const done = await deps.clips.review(
      id.output,
      decision,
      { id: me.accountId, name: me.name },
      deps.now(),
    );
    if (done === 'missing') return error(res, 404, 'not_found', 'No such clip.');
    if (done === 'conflict') return error(res, 409, 'conflict', 'This clip was already decided.');
    await deps.audit.write({
      actorId: me.accountId,
      actorRole: me.role,
      office: null,
      action: decision.approve ? 'sign clip approved' : 'sign clip rejected',
      target: id.output,
    });
    res.json({ ok: true, clip: await deps.clips.get(id.output) });
  });

  router.get('/api/clips/approved', async (req, res) => {
    const me = await who(req, res, ['kiosk', 'interpreter', 'clerk', 'supervisor', 'admin']);
    if (!me) return;
    const clips: ApprovedClip[] = (await deps.clips.approved()).map((c) => ({
      target: c.target,
      language: c.language,
      url: `/clips/${c.sha256}.webm`,
    }));
    const autoplay = me.role === 'kiosk' ? await deps.clips.autoplay(me.office ?? null) : false;
    res.json({ ok: true, autoplay, clips });
  });

  router.get('/api/clips/:id/video', async (req, res) => {
    const me = await who(req, res, ['interpreter', 'supervisor', 'admin']);
    if (!me) return;
    const id = v.safeParse(ClipIdSchema, req.params.id);
    const clip = id.success ? await deps.clips.get(id.output) : null;
    // Someone else's clip is answered as one that does not exist.
    if (!clip || (!staff(me) && clip.interpreterId !== me.accountId))
      return error(res, 404, 'not_found', 'No such clip.');
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Content-Type', CLIP_MIME);
    res.sendFile(deps.files.pathOf(clip.sha256), { cacheControl: false }, (err) => {
      if (err && !res.headersSent) error(res, 404, 'not_found', 'No such clip.');
    });
  });

  router.get('/clips/:file', async (req, res) => {
    const file = SHA256_FILE.exec(req.params.file);
    if (!file || !(await deps.clips.isApproved(file[1]!))) return error(res, 404, 'not_found', 'Not found.');
    res.setHeader('Content-Type', CLIP_MIME);
    res.sendFile(deps.files.pathOf(file[1]!), { maxAge: '365d', immutable: true }, (err) => {
      if (err && !res.headersSent) error(res, 404, 'not_found', 'Not found.');
    });
  });
  return router;
}
