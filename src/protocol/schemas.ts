/**
 * Schemas for everything a client may send. The TypeScript types of inbound payloads are derived
 * from these, so the server can never trust a shape it did not check.
 * No DOM and no Node imports: this module is shared by the browser apps and the server.
 */
import * as v from 'valibot';

export const ROLES = ['kiosk', 'interpreter', 'clerk', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Ids the server hands out (UUIDs); clients only ever echo them back. */
export const IdSchema = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9-]{8,64}$/, 'must be an id issued by the server'),
);

/**
 * Characters that change how text around them is shown without being seen: bidi embeddings,
 * overrides and isolates (U+202A–202E, U+2066–2069) and zero-width spaces (U+200B, U+2060, U+FEFF).
 * They are removed from everything people type or are named (chat, drafts, names): "‮txt.exe" must
 * not read as "exe.txt". Kept: ZWJ/ZWNJ (emoji sequences, Persian and Urdu spelling) and the
 * LRM/RLM/ALM marks, which only nudge neutral characters and override nothing.
 */
export const INVISIBLE_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200B\u2060\uFEFF]/g;
export const stripInvisible = (s: string): string => s.replace(INVISIBLE_CONTROLS, '');

export const text = (max: number) =>
  v.pipe(
    v.string(),
    v.transform(stripInvisible),
    v.trim(),
    v.minLength(1, 'must not be empty'),
    v.maxLength(max, `must be at most ${max} characters`),
  );

export const DisplayNameSchema = text(60);
export const KioskKeySchema = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{2,39}$/, 'must be 3–40 letters, digits, "-" or "_"'),
);

export const GENDERS = ['female', 'male'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_PREFS = ['any', ...GENDERS] as const;
export type GenderPref = (typeof GENDER_PREFS)[number];

/** Sign languages by ISO 639-3 code; the server's configuration says which ones an office offers. */
export const SIGN_LANGUAGES = ['sdl', 'ase', 'bfi', 'ils'] as const;
export type SignLanguage = (typeof SIGN_LANGUAGES)[number];
export const SignLanguageSchema = v.picklist(SIGN_LANGUAGES, 'must be a known sign language code');

/** What an interpreter is qualified for beyond a sign language: specialties, and being a Deaf interpreter. */
export const SKILLS = ['legal', 'medical', 'children', 'deaf_interpreter', 'spoken_en', 'spoken_fr'] as const;
export type Skill = (typeof SKILLS)[number];
export const SkillsSchema = v.pipe(
  v.array(v.picklist(SKILLS, 'must be a known skill')),
  v.maxLength(SKILLS.length),
);

/**
 * Who a socket is, as the server established it at the handshake from an account (a person's
 * session cookie or a kiosk's device credential). Never taken from a payload.
 */
export type Identity =
  | { role: 'kiosk'; name: string; office?: string; counter?: string; kioskId?: string }
  | { role: 'clerk'; name: string; office?: string; counter?: string }
  | { role: 'interpreter'; name: string; gender: Gender; languages: SignLanguage[]; skills?: Skill[] }
  | { role: 'supervisor'; name: string; office?: string }
  | { role: 'admin'; name: string };
export type HandshakeAuth = Identity;

export const PRESENCE_CHOICES = ['available', 'break', 'offline'] as const;
export const PresenceSetSchema = v.strictObject({ status: v.picklist(PRESENCE_CHOICES) });

/** A flow's id (assets/flows/*.json): the service the citizen chose, which may need a specialty. */
export const FlowIdSchema = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a flow id'));

/** An account's id (a UUID). */
export const AccountIdSchema = v.pipe(v.string(), v.regex(/^[0-9a-f-]{36}$/, 'must be an account id'));
/**
 * An office's routing choices (`POST /api/admin/offices/:name/routing`): interpreters offered its
 * requests first, interpreters never offered them, and the skills a service needs at this office
 * (replacing the flow's own; `[]`: nothing special here).
 */
export const OfficeRoutingSchema = v.pipe(
  v.strictObject({
    priority: v.pipe(v.array(AccountIdSchema), v.maxLength(200)),
    blocked: v.pipe(v.array(AccountIdSchema), v.maxLength(200)),
    flowSkills: v.pipe(
      v.record(FlowIdSchema, SkillsSchema),
      v.check((r) => Object.keys(r).length <= 50, 'at most 50 services'),
    ),
  }),
  v.check((r) => !r.priority.some((id) => r.blocked.includes(id)), 'nobody is both first and never'),
);
export type OfficeRoutingSettings = v.InferOutput<typeof OfficeRoutingSchema>;
export const CallRequestSchema = v.strictObject({
  gender: v.optional(v.picklist(GENDER_PREFS), 'any'),
  language: v.optional(SignLanguageSchema),
  flow: v.optional(FlowIdSchema),
});
export const RequestRefSchema = v.strictObject({ requestId: IdSchema });
/** The citizen lets go of what the queue could not meet: the interpreter's gender (when `drop` is absent) or the service's skills. */
export const CallRelaxSchema = v.strictObject({
  requestId: IdSchema,
  drop: v.exactOptional(v.picklist(['gender', 'skills'])),
});
export const CallRefSchema = v.strictObject({ callId: IdSchema });
/**
 * A page that came back on a new connection (its server died; Socket.IO could not restore it) names
 * the connection it had, to take its place: its request, call, session or presence go on.
 */
export const RebindSchema = v.strictObject({
  previousId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,32}$/, 'must be a connection id')),
});
/** A resume token: the issuing run's id, its expiry (ms, 13 digits) and an HMAC. */
export const RESUME_TOKEN_PATTERN = /^[A-Za-z0-9_-]{16}\.[0-9]{13}\.[A-Za-z0-9_-]{43}$/;
export const CallResumeSchema = v.strictObject({
  callId: IdSchema,
  requestId: IdSchema,
  token: v.pipe(v.string(), v.regex(RESUME_TOKEN_PATTERN, 'must be the resume token from call:start')),
});

/**
 * The longest SDP accepted. Chromium 156's offer for audio and two video m-lines with candidates
 * measured 10.4–11.0 KB (a call has one of each: ~9 KB); 16 KB leaves room for renegotiation and
 * keeps what the recovery buffer holds per message small.
 */
export const MAX_SDP = 16_000;
/** simple-peer's signal messages (offer/answer, trickle candidates, renegotiation). */
export const SignalDataSchema = v.variant('type', [
  v.strictObject({
    type: v.picklist(['offer', 'answer', 'pranswer', 'rollback']),
    sdp: v.pipe(v.string(), v.maxLength(MAX_SDP)),
  }),
  v.strictObject({
    type: v.literal('candidate'),
    candidate: v.strictObject({
      candidate: v.pipe(v.string(), v.maxLength(1_000)),
      sdpMLineIndex: v.nullish(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(64))),
      sdpMid: v.nullish(v.pipe(v.string(), v.maxLength(64))),
      usernameFragment: v.nullish(v.pipe(v.string(), v.maxLength(256))),
    }),
  }),
  v.strictObject({ type: v.literal('renegotiate'), renegotiate: v.literal(true) }),
  v.strictObject({
    type: v.literal('transceiverRequest'),
    transceiverRequest: v.strictObject({
      kind: v.picklist(['audio', 'video']),
      init: v.optional(
        v.strictObject({ direction: v.optional(v.picklist(['sendrecv', 'sendonly', 'recvonly'])) }),
      ),
    }),
  }),
]);
export type SignalData = v.InferOutput<typeof SignalDataSchema>;

/** `to`: the leg of the member it is for (absent: the other member of a call of two). */
export const CallSignalSchema = v.strictObject({
  callId: IdSchema,
  data: SignalDataSchema,
  to: v.exactOptional(IdSchema),
});
/** Signalling of the connection made while an offer rings (the kiosk and the ringing interpreter). */
export const OfferSignalSchema = v.strictObject({ requestId: IdSchema, data: SignalDataSchema });

const Int = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max));
const Fps = v.pipe(v.number(), v.minValue(0), v.maxValue(240));

/**
 * What the interpreter's page measured of the video it received during a call, sent once after the
 * call: received frame rate (median and 5th percentile), the median height, how many seconds were at
 * each EN 301 549 §6.5 level, ICE restarts, and whether the media went through a TURN relay.
 */
export const QualitySummarySchema = v.strictObject({
  fpsP50: v.nullable(Fps),
  fpsP5: v.nullable(Fps),
  heightP50: v.nullable(Int(4320)),
  seconds: v.strictObject({ good: Int(86_400), usable: Int(86_400), poor: Int(86_400) }),
  iceRestarts: Int(1000),
  relayed: v.nullable(v.boolean()),
});
export type QualitySummary = v.InferOutput<typeof QualitySummarySchema>;
export const CallQualitySchema = v.strictObject({ callId: IdSchema, summary: QualitySummarySchema });

/** After a call: how was it? 1 bad, 2 so-so, 3 good (the citizen's faces; the interpreter's connection). */
export const RATINGS = [1, 2, 3] as const;
export const CallRateSchema = v.strictObject({ callId: IdSchema, rating: v.picklist(RATINGS) });
