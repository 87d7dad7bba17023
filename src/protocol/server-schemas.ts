/**
 * Schemas of everything the server sends: the payload of each server→client event and of each ack.
 * The TypeScript types are derived from them (as the client→server ones are), and the tests check
 * every payload a real server emits against them, so the types cannot drift from what is sent.
 */
import * as v from 'valibot';
import { GENDER_PREFS, SignLanguageSchema, SignalDataSchema, SkillsSchema } from './schemas.ts';
import { RequestCardSchema, SESSION_END_REASONS } from './counter-schemas.ts';
import { CallMemberSchema, CallMembersSchema, JoinInfoSchema } from './team-schemas.ts';
import { SelfTestSummarySchema } from './device-schemas.ts';

const Id = v.string();
const Ms = v.pipe(v.number(), v.integer());
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));

export const PRESENCE_STATUSES = ['offline', 'available', 'break', 'ringing', 'in-call', 'wrap-up'] as const;
export type PresenceStatus = (typeof PRESENCE_STATUSES)[number];
/** `transferred`: to the interpreter who handed the call on, once the next one's video flows. */
export const CallEndReasonSchema = v.picklist(['peer_hangup', 'peer_disconnected', 'transferred']);
export type CallEndReason = v.InferOutput<typeof CallEndReasonSchema>;
export const OfferWithdrawnReasonSchema = v.picklist(['cancelled', 'timeout', 'kiosk_disconnected']);
export type OfferWithdrawnReason = v.InferOutput<typeof OfferWithdrawnReasonSchema>;

/** How both ends of a call send video; set by the server's configuration, applied by PeerSession. */
export const MediaPolicySchema = v.strictObject({
  /** Ceiling for the video sender; sign language needs motion more than detail. */
  maxBitrateKbps: v.pipe(v.number(), v.minValue(1)),
  codec: v.picklist(['VP8', 'VP9', 'H264', 'AV1']),
  /** 'relay' forces media through TURN (for networks that need it, and for tests). */
  iceTransportPolicy: v.picklist(['all', 'relay']),
});
export type MediaPolicy = v.InferOutput<typeof MediaPolicySchema>;

export const IceServerSchema = v.strictObject({
  urls: v.union([v.string(), v.array(v.string())]),
  username: v.exactOptional(v.string()),
  credential: v.exactOptional(v.string()),
});
export type IceServer = v.InferOutput<typeof IceServerSchema>;

/** What an interpreter is told about a request before answering it. */
export const RequestContextSchema = v.strictObject({
  kioskName: v.string(),
  office: v.nullable(v.string()),
  counter: v.nullable(v.string()),
  gender: v.picklist(GENDER_PREFS),
  language: SignLanguageSchema,
  /** What the interpreter must be qualified for (the service's specialty; empty: nothing special). */
  skills: SkillsSchema,
  /** The service flow the citizen chose (its id), if any. */
  flow: v.nullable(v.string()),
  requestedAt: Ms,
});
export type RequestContext = v.InferOutput<typeof RequestContextSchema>;

export const KioskInfoSchema = v.strictObject({
  name: v.string(),
  office: v.nullable(v.string()),
  counter: v.nullable(v.string()),
});
export type KioskInfo = v.InferOutput<typeof KioskInfoSchema>;

/** The kiosk's interpreter call as the counter sees it. */
export const CounterCallViewSchema = v.strictObject({
  state: v.picklist(['none', 'waiting', 'in-call']),
  interpreterName: v.nullable(v.string()),
});
export type CounterCallView = v.InferOutput<typeof CounterCallViewSchema>;

/** How long a kiosk session may sit untouched, and for how long the warning counts down. */
export const IdlePolicySchema = v.strictObject({
  idleS: Count,
  warningS: Count,
  /** With no face seen for this long (vision on) and no call, the session ends. */
  awayS: Count,
});
export type IdlePolicy = v.InferOutput<typeof IdlePolicySchema>;

/** The state of one counter, as its kiosk and its clerk console are told it. */
export const CounterStateSchema = v.strictObject({
  sessionId: v.nullable(Id),
  /** To the kiosk: the code a clerk console pairs with. */
  pairingCode: v.nullable(v.string()),
  /** To the kiosk: the paired clerk's name. */
  clerkName: v.nullable(v.string()),
  /** To the clerk: the paired kiosk. */
  kiosk: v.nullable(KioskInfoSchema),
  call: CounterCallViewSchema,
  idle: IdlePolicySchema,
});
export type CounterState = v.InferOutput<typeof CounterStateSchema>;

export const SessionRoleSchema = v.picklist(['kiosk', 'clerk', 'interpreter']);
export type SessionRole = v.InferOutput<typeof SessionRoleSchema>;
export const ChatMessageSchema = v.strictObject({
  sessionId: Id,
  id: Id,
  from: SessionRoleSchema,
  text: v.string(),
  at: Ms,
});
export type ChatMessage = v.InferOutput<typeof ChatMessageSchema>;
export const PictogramMessageSchema = v.strictObject({
  sessionId: Id,
  id: Id,
  from: SessionRoleSchema,
  ids: v.array(v.string()),
  at: Ms,
});
export type PictogramMessage = v.InferOutput<typeof PictogramMessageSchema>;
export const SessionEndedReasonSchema = v.picklist([...SESSION_END_REASONS, 'kiosk_left']);
export type SessionEndedReason = v.InferOutput<typeof SessionEndedReasonSchema>;

const Share = v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(1)));

/** Today's service level of one office (or all): from the call records, since local midnight. */
export const ServiceLevelSchema = v.strictObject({
  requests: Count,
  answered: Count,
  abandoned: Count,
  /** Average speed of answer, seconds; null before the first answer. */
  asaS: v.nullable(v.number()),
  /** Shares of finished requests answered within 30 s, the target's time and 120 s (null before any). */
  within30: Share,
  withinTarget: Share,
  within120: Share,
  /** Share of today's measured call time whose received video was "good" (EN 301 549 §6.5). */
  goodVideoShare: Share,
  /** Average rating, 1–3: the citizens' (from the kiosk) and the interpreters' of the connection. */
  citizenRating: v.nullable(v.pipe(v.number(), v.minValue(1), v.maxValue(3))),
  connectionRating: v.nullable(v.pipe(v.number(), v.minValue(1), v.maxValue(3))),
  /** The office's target: `share` of requests answered within `withinS` (FCC VRS: 85 % in 60 s). */
  target: v.strictObject({ withinS: Count, share: v.pipe(v.number(), v.minValue(0), v.maxValue(1)) }),
});
export type ServiceLevel = v.InferOutput<typeof ServiceLevelSchema>;

/** The supervisor's wallboard: what the service is doing now, in the viewer's scope (one office or all). */
export const WallboardSchema = v.strictObject({
  at: Ms,
  /** The office this board shows, or null: every office (an admin). */
  office: v.nullable(v.string()),
  kiosks: v.array(
    v.strictObject({
      id: v.string(),
      name: v.string(),
      office: v.string(),
      counter: v.string(),
      online: v.boolean(),
      lastSeenAt: v.nullable(Ms),
      /** What the counter is doing: nothing, a session, waiting for an interpreter, in a call. */
      activity: v.picklist(['offline', 'idle', 'session', 'waiting', 'in-call']),
      /** Its last self-test while connected (null: none reported yet). */
      selfTest: v.nullable(SelfTestSummarySchema),
    }),
  ),
  interpreters: v.array(
    v.strictObject({
      name: v.string(),
      status: v.picklist(PRESENCE_STATUSES),
      since: Ms,
      /** The call's start, when in a call (the kiosk is named only within the viewer's scope). */
      callStartedAt: v.nullable(Ms),
      callKiosk: v.nullable(v.string()),
    }),
  ),
  queue: v.array(
    v.strictObject({
      kioskName: v.string(),
      office: v.nullable(v.string()),
      requestedAt: Ms,
      gender: v.picklist(GENDER_PREFS),
      language: SignLanguageSchema,
      ringing: v.boolean(),
    }),
  ),
  level: ServiceLevelSchema,
});
export type Wallboard = v.InferOutput<typeof WallboardSchema>;

/** Every server→client event and the schema of its payload (docs/protocol.md says when each is sent). */
export const SERVER_EVENTS = {
  /** To a kiosk and its paired clerk console whenever the counter's state changes. */
  'session:state': CounterStateSchema,
  /** To every member of a session (kiosk, clerk, interpreter): it is over; forget it. */
  'session:ended': v.strictObject({ sessionId: Id, reason: SessionEndedReasonSchema }),
  /** To a member that joins a running session (interpreter at call start, a clerk that pairs). */
  'session:snapshot': v.strictObject({
    sessionId: Id,
    card: v.nullable(RequestCardSchema),
    messages: v.array(ChatMessageSchema),
    pictograms: v.array(PictogramMessageSchema),
  }),
  'chat:message': ChatMessageSchema,
  /** Real-time text: what another member is typing right now. */
  'chat:draft': v.strictObject({ sessionId: Id, from: SessionRoleSchema, text: v.string() }),
  'pictogram:shown': PictogramMessageSchema,
  'card:shared': v.strictObject({ sessionId: Id, card: RequestCardSchema }),
  /** To a waiting kiosk, whenever its state, place or estimate changes. */
  'call:status': v.strictObject({
    requestId: Id,
    state: v.picklist(['queued', 'ringing']),
    position: Count,
    estimatedWaitS: v.nullable(Count),
  }),
  /** To a kiosk: nobody of the preferred gender answered in time; may any interpreter take it? */
  'call:ask-any-gender': v.strictObject({ requestId: Id }),
  /** To a kiosk: nobody with the skills the service needs is free; may any interpreter take it? */
  'call:ask-any-skill': v.strictObject({ requestId: Id, skills: SkillsSchema }),
  /** To a kiosk: it has waited long; the citizen may go on by text and pictograms, keeping their place. */
  'call:fallback-offered': v.strictObject({ requestId: Id, waitedS: Count }),
  /** To an interpreter: a call is offered; answer with call:accept or call:decline. */
  'call:offer': v.strictObject({
    requestId: Id,
    context: RequestContextSchema,
    ringTimeoutMs: Count,
    /** An invitation into a call under way (a transfer or a team), with who asks and why. */
    join: v.exactOptional(JoinInfoSchema),
  }),
  /** To an interpreter: the offer is gone (the kiosk cancelled or left, or the ring timed out). */
  'call:offer-withdrawn': v.strictObject({ requestId: Id, reason: OfferWithdrawnReasonSchema }),
  /** To both members: the call exists; the initiator makes the WebRTC offer. */
  'call:start': v.strictObject({
    callId: Id,
    requestId: Id,
    initiator: v.boolean(),
    peerName: v.string(),
    context: RequestContextSchema,
    iceServers: v.array(IceServerSchema),
    media: MediaPolicySchema,
    /** Lets this member re-attach to the call with `call:resume` if the server restarts. */
    resumeToken: v.string(),
    /** This member's leg in the call (signals name legs), and who is in the call now. */
    leg: v.exactOptional(Id),
    members: v.exactOptional(v.array(CallMemberSchema)),
    /** For an interpreter joining a call under way: why, and the note left for them. */
    join: v.exactOptional(JoinInfoSchema),
    /** For an interpreter: after this long alone in the call, suggest inviting a teammate. */
    teamPromptMs: v.exactOptional(Count),
  }),
  /** WebRTC signalling from another member of the call (`from`: their leg). */
  'call:signal': v.strictObject({ callId: Id, data: SignalDataSchema, from: v.exactOptional(Id) }),
  /**
   * To the kiosk and the interpreter an offer rings at: connect now, with no media (tracks are sent
   * only once the call starts), so that the call's video comes at once on accept.
   */
  'call:preconnect': v.strictObject({
    requestId: Id,
    initiator: v.boolean(),
    iceServers: v.array(IceServerSchema),
    media: MediaPolicySchema,
  }),
  /** To the kiosk: the offer ended unanswered (declined, timed out, withdrawn): close that connection. */
  'call:preconnect-end': v.strictObject({ requestId: Id }),
  /** Signalling of that connection, from the other end. */
  'offer:signal': v.strictObject({ requestId: Id, data: SignalDataSchema }),
  /** To a kiosk: a supervisor asks it to check itself now (it does at its next welcome screen). */
  'kiosk:run-self-test': v.strictObject({}),
  /** To the members of a call: who is in it, who signs now, whether another interpreter is coming. */
  'call:members': CallMembersSchema,
  /** To the interpreters of a call only: a line of their private back-channel. */
  'call:backchannel': v.strictObject({ callId: Id, text: v.string(), from: v.string(), at: Ms }),
  /**
   * To the member that did not end the call. A kiosk whose interpreter dropped is put back at the
   * head of the queue: `requeued` says with which request.
   */
  'call:ended': v.strictObject({
    callId: Id,
    reason: CallEndReasonSchema,
    requeued: v.exactOptional(v.strictObject({ requestId: Id, position: Count })),
  }),
  /** To an interpreter: their presence changed on the server's side (after a call, a ring timeout…). */
  'presence:changed': v.strictObject({
    status: v.picklist(PRESENCE_STATUSES),
    wrapUpEndsAt: v.nullable(Ms),
  }),
  /** To supervisors and admins, at most once a second when it changes: the live wallboard. */
  'wallboard:state': WallboardSchema,
  /** To every interpreter, at most once a second when it changes: the queue at a glance. */
  'queue:summary': v.strictObject({
    waiting: Count,
    oldestRequestedAt: v.nullable(Ms),
    available: Count,
  }),
} as const satisfies Record<string, v.GenericSchema>;

export type ServerEventName = keyof typeof SERVER_EVENTS;
export type ServerPayload<E extends ServerEventName> = v.InferOutput<(typeof SERVER_EVENTS)[E]>;
export type ServerToClientEvents = { [E in ServerEventName]: (p: ServerPayload<E>) => void };

/** What the server answers to each client event when it succeeds (beside `ok: true`). */
export const ACK_RESULTS = {
  'presence:set': v.strictObject({ status: v.picklist(PRESENCE_STATUSES) }),
  'call:request': v.strictObject({ requestId: Id, position: Count }),
  'call:cancel': v.strictObject({}),
  'call:relax': v.strictObject({}),
  'call:fallback': v.strictObject({}),
  'call:accept': v.strictObject({ callId: Id }),
  'call:decline': v.strictObject({}),
  'call:signal': v.strictObject({}),
  'offer:signal': v.strictObject({}),
  'call:end': v.strictObject({}),
  'call:resume': v.strictObject({}),
  'call:quality': v.strictObject({}),
  'call:rate': v.strictObject({}),
  'call:transfer': v.strictObject({ requestId: Id }),
  'call:invite': v.strictObject({ requestId: Id }),
  'call:join-cancel': v.strictObject({}),
  'call:flowing': v.strictObject({}),
  'call:leave': v.strictObject({}),
  'call:active': v.strictObject({}),
  'call:backchannel': v.strictObject({}),
  'kiosk:self-test': v.strictObject({}),
  'session:pair': v.strictObject({ kiosk: KioskInfoSchema }),
  'session:unpair': v.strictObject({}),
  'session:start': v.strictObject({ sessionId: Id }),
  'session:end': v.strictObject({}),
  'chat:send': v.strictObject({ id: Id }),
  'chat:draft': v.strictObject({}),
  'pictogram:send': v.strictObject({ id: Id }),
  'card:send': v.strictObject({}),
  /** Whether the new connection took the old one's place (false: there was nothing to take). */
  'client:rebind': v.strictObject({ rebound: v.boolean() }),
} as const satisfies Record<string, v.GenericSchema>;
