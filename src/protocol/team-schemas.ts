/**
 * More than one interpreter in a call (VRI practice): a warm transfer to another interpreter, a
 * teammate or a Deaf interpreter invited to team, hand-off, who signs now, and the interpreters'
 * private back-channel. Every member of a call has a `leg` id (fresh per membership); WebRTC runs
 * as a mesh, one connection per pair of members, and signals name the leg they are for.
 */
import * as v from 'valibot';
import { IdSchema, SignLanguageSchema, SkillsSchema, text } from './schemas.ts';

/** Why an interpreter hands the call to another (GLOBO and Boostlingo keep such a reason). */
export const TRANSFER_REASONS = [
  'gender_requested',
  'language',
  'specialty',
  'recusal',
  'technical',
  'shift_end',
] as const;
export type TransferReason = (typeof TRANSFER_REASONS)[number];

/** A leg id: the server hands them out; clients echo them back. */
export const LegSchema = IdSchema;

/** A note for the next interpreter (what they should know), at most 300 characters. */
export const NoteSchema = text(300);

export const CallTransferSchema = v.pipe(
  v.strictObject({
    callId: IdSchema,
    reason: v.picklist(TRANSFER_REASONS, 'must be a known transfer reason'),
    note: v.exactOptional(NoteSchema),
    /** For `language`: the sign language the next interpreter must have. */
    language: v.exactOptional(SignLanguageSchema),
    /** For `specialty`: the skills the next interpreter must have. */
    skills: v.exactOptional(v.pipe(SkillsSchema, v.minLength(1))),
  }),
  v.check(
    (p) => p.reason === 'language' || p.language === undefined,
    'a language goes with the language reason',
  ),
  v.check((p) => p.reason === 'specialty' || p.skills === undefined, 'skills go with the specialty reason'),
);
export const CallInviteSchema = v.strictObject({
  callId: IdSchema,
  /** A Deaf interpreter (the skill `deaf_interpreter`) rather than a hearing teammate. */
  deaf: v.boolean(),
  note: v.exactOptional(NoteSchema),
});
export const CallActiveSchema = v.strictObject({ callId: IdSchema, leg: LegSchema });
export const BackchannelSendSchema = v.strictObject({ callId: IdSchema, text: text(500) });

/** A member of a call as every member sees it. `order`: who joined first (the lower one initiates). */
export const CallMemberSchema = v.strictObject({
  leg: LegSchema,
  name: v.string(),
  role: v.picklist(['kiosk', 'interpreter']),
  order: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type CallMember = v.InferOutput<typeof CallMemberSchema>;

/** Server → members of a call, whenever its members, its signer or a pending join change. */
export const CallMembersSchema = v.strictObject({
  callId: IdSchema,
  members: v.array(CallMemberSchema),
  /** The interpreter signing now (large on the kiosk). */
  active: v.nullable(LegSchema),
  /** Another interpreter is being looked for: the citizen sees "another interpreter is joining". */
  joining: v.nullable(v.picklist(['transfer', 'team'])),
});
export type CallMembers = v.InferOutput<typeof CallMembersSchema>;

/** What a joining interpreter is told with its call:start. */
export const JoinInfoSchema = v.strictObject({
  kind: v.picklist(['transfer', 'team']),
  reason: v.nullable(v.picklist(TRANSFER_REASONS)),
  note: v.nullable(v.string()),
  from: v.string(),
});
export type JoinInfo = v.InferOutput<typeof JoinInfoSchema>;
