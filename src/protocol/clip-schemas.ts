/**
 * The sign library's HTTP protocol: what an upload names (its target and sign language, in the
 * query; the body is the WebM file itself), a review, and the rows and answers the consoles and
 * kiosks read. Targets are checked against the list the flows and pictograms make (src/clips).
 */
import * as v from 'valibot';
import { SignLanguageSchema, text, type SignLanguage } from './schemas.ts';

export const CLIP_STATUSES = ['pending', 'approved', 'rejected', 'replaced'] as const;
export type ClipStatus = (typeof CLIP_STATUSES)[number];

/** The licence every clip is published under; the interpreter agrees to it before submitting. */
export const CLIP_LICENCE = 'CC-BY-4.0';

export const ClipTargetIdSchema = v.pipe(
  v.string(),
  v.maxLength(140),
  v.regex(/^(step|answer|pictogram):[a-z0-9.-]+$/, 'must be a sign library target'),
);

export const ClipUploadQuerySchema = v.strictObject({
  target: ClipTargetIdSchema,
  language: SignLanguageSchema,
  /** The interpreter agreed to publish the clip under CLIP_LICENCE ("1"). */
  consent: v.literal('1', 'the licence must be agreed to'),
});

export const ClipReviewSchema = v.variant('decision', [
  v.strictObject({ decision: v.literal('approve') }),
  v.strictObject({ decision: v.literal('reject'), reason: text(200) }),
]);
export type ClipReview = v.InferOutput<typeof ClipReviewSchema>;

export const ClipIdSchema = v.pipe(v.string(), v.uuid());
export const ClipStatusFilterSchema = v.picklist([...CLIP_STATUSES, 'all']);

export interface ClipRow {
  id: string;
  target: string;
  language: SignLanguage;
  status: ClipStatus;
  sha256: string;
  bytes: number;
  durationMs: number;
  interpreterName: string;
  createdAt: number;
  reviewedAt: number | null;
  reviewerName: string | null;
  reason: string | null;
  source: 'recorded' | 'imported';
}

/** One approved clip, as a kiosk plays it. */
export interface ApprovedClip {
  target: string;
  language: SignLanguage;
  url: string;
}
