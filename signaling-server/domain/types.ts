/**
 * The routing core's shared types: its state (plain, serialisable data), the events it takes and the
 * effects it returns. Every other module of the core imports its types from here.
 */
import type { OrderedMap } from 'immutable';
import type {
  SelfTestResult,
  CallMember,
  JoinInfo,
  TransferReason,
  Skill,
  CallEndReason,
  ChatMessage,
  ClientEventName,
  ClientEventResults,
  ClientPayload,
  GenderPref,
  IdlePolicy,
  PictogramMessage,
  PresenceStatus,
  RequestContext,
  ServerToClientEvents,
  SignLanguage,
  SocketData,
  Ack,
} from '../../src/protocol/index.ts';
import type { QualitySummary, RequestCard } from '../../src/protocol/index.ts';

export type ClientId = string;

export interface RoutingPolicy {
  ringTimeoutMs: number;
  wrapUpMs: number;
  genderFallbackMs: number;
  /** A request that needs skills nobody free has asks the citizen whether anyone will do, after this. */
  skillFallbackMs: number;
  textFallbackMs: number;
  /** The sign languages this office offers; the first is the default. */
  languages: readonly [SignLanguage, ...SignLanguage[]];
  summaryIntervalMs: number;
  /** Waiting kiosks hear about their place and estimate at most this often (the first change at once). */
  statusIntervalMs: number;
}

/** Everything the core is configured with: data only. */
export interface CoreConfig {
  routing: RoutingPolicy;
  idle: IdlePolicy;
  /** A socket that dropped for network reasons keeps its state this long; a resumed call waits as long. */
  recoveryWindowMs: number;
  /** Whether a card is a complete walk of a known flow (a pure function of the card). */
  validCard: (card: RequestCard) => boolean;
  /** The skills a service flow asks of the interpreter by itself ([] for none; null: no such flow). */
  flowSkills: (flow: string) => Skill[] | null;
}

/** An office's routing choices, set by its admin: who goes first, who never, and what a service needs. */
export interface OfficeRouting {
  /** Interpreter accounts offered this office's requests before anyone else free (longest idle first). */
  priority: string[];
  /** Interpreter accounts never offered this office's requests. */
  blocked: string[];
  /** Per service flow: the skills it needs here (replaces the flow's own). */
  flowSkills: Record<string, Skill[]>;
}

export interface KioskClient {
  kind: 'kiosk';
  id: ClientId;
  accountId: string;
  name: string;
  office: string | null;
  counter: string | null;
  /** The code a clerk console pairs with: random, single-use, replaced on pair/unpair/end/expiry. */
  code: string;
  codeExpiresAt: number;
  clerkId: ClientId | null;
  session: Session | null;
  /** What the counter was last told of the kiosk's call (to tell it again only on a change). */
  callView: KioskCallView;
  /** When it last reported a self-test (absent: not since it connected). */
  selfTestAt?: number;
}

export interface InterpreterClient {
  kind: 'interpreter';
  id: ClientId;
  accountId: string;
  name: string;
  gender: 'female' | 'male';
  languages: SignLanguage[];
  skills: Skill[];
  /** The presence machine's state; ringing and in-call agree with the offers and calls (invariant). */
  status: PresenceStatus;
  /** When the interpreter last became available; the longest-idle one is offered first. */
  idleSince: number;
  /** When `status` last changed (the wallboard shows for how long). */
  statusSince: number;
  /** While in wrap-up: when it ends. */
  wrapUpEndsAt: number | null;
}

export interface ClerkClient {
  kind: 'clerk';
  id: ClientId;
  accountId: string;
  name: string;
  /** A clerk pairs only with kiosks of their own office; a clerk of no office pairs with none. */
  office: string | null;
}

export interface OtherClient {
  kind: 'other';
  id: ClientId;
  accountId: string;
}

export type Client = KioskClient | InterpreterClient | ClerkClient | OtherClient;

export interface Session {
  id: string;
  card: RequestCard | null;
  messages: ChatMessage[];
  pictograms: PictogramMessage[];
}

export interface KioskCallView {
  state: 'none' | 'waiting' | 'in-call';
  interpreterId: ClientId | null;
  interpreterName: string | null;
  /** A second interpreter in the call (absent in a snapshot from before there could be one). */
  partnerId?: ClientId | null;
}

export interface Request {
  id: string;
  kioskId: ClientId;
  gender: GenderPref;
  language: SignLanguage;
  /** What the interpreter must be qualified for (from the service flow; [] once the citizen let go). */
  skills: Skill[];
  /** The service flow the citizen chose, if any. */
  flow: string | null;
  requestedAt: number;
  requeuedFrom: string | null;
  /** Accounts that declined, missed or dropped this request: it is not offered to them again. */
  declinedBy: string[];
  /** The one place that says who is ringing for this request. */
  offer: { interpreterId: ClientId } | null;
  askedAnyGender: boolean;
  askedAnySkill: boolean;
  /**
   * An invitation into a call under way (a transfer or a teammate), not a citizen's request: it is
   * not the kiosk's to cancel, asks the citizen nothing, and is not a row of its own in the records.
   * Absent in a snapshot from before it existed.
   */
  join?: JoinSpec | null;
  /** What the kiosk was last told ("queued:3:40"), so it is told again only when that changes. */
  lastStatus: string;
}

export interface JoinSpec {
  callId: string;
  kind: 'transfer' | 'team';
  reason: TransferReason | null;
  note: string | null;
  /** The interpreter who asked (their name, for the one who answers). */
  from: string;
}

/** A second interpreter in a call: the next one of a transfer (until the first leaves) or a teammate. */
export interface Partner {
  interpreterId: ClientId;
  leg: string;
  kind: 'transfer' | 'team';
  reason: TransferReason | null;
  joinedAt: number;
  /** Its join order (see Call.interpreterOrder). */
  order: number;
}

export interface Call {
  id: string;
  requestId: string;
  /** '' while a resumed call waits for this member to come back. */
  kioskId: ClientId;
  /** The interpreter leading the call (the first, until a transfer or a hand-off). */
  interpreterId: ClientId;
  /** Each member's leg id (signals name legs); absent in a snapshot from before they existed. */
  kioskLeg?: string;
  interpreterLeg?: string;
  /** The lead interpreter's join order (0 is the kiosk; the lower of a pair makes the WebRTC offer). */
  interpreterOrder?: number;
  partner?: Partner | null;
  /** The leg of the interpreter signing now (null: the lead). */
  active?: string | null;
  context: RequestContext;
  declinedBy: string[];
  state: 'live' | 'resuming';
  /** When the call started (or was resumed after a restart). */
  startedAt: number;
}

/**
 * Tables are persistent maps (Immutable.js `OrderedMap`: insertion order, like a `Map`): a step's
 * write makes a new version in O(log n) and shares the rest, so the state a step was given is never
 * changed and a step costs the same with ten clients or ten thousand. `snapshot()` turns them into JSON.
 */
/** A table of the state (read with get, has, size, values, entries; written only through `put`). */
export type Table<K extends string, V> = OrderedMap<K, V>;

export interface CoreState {
  clients: Table<ClientId, Client>;
  /** Request ids in queue order (position = index + 1); a requeued request goes to the head. */
  queue: string[];
  requests: Table<string, Request>;
  calls: Table<string, Call>;
  /** Timer id → deadline (epoch ms). Ids say what fires: `ring:<requestId>`, `wrapup:<clientId>`… */
  timers: Table<string, number>;
  /** Sockets that dropped for network reasons, kept for the recovery window. */
  held: Table<ClientId, true>;
  /** Recent speeds of answer (ms), for the wait a kiosk is shown. */
  answerTimes: number[];
  /** Each office's routing choices, by office name (the `office-routing` event sets them). */
  offices: Table<string, OfficeRouting>;
  /** Pairing attempts per clerk account: the limit holds across sockets and reconnects. */
  pairAttempts: Table<string, { count: number; since: number }>;
  /** Calls that ended a short while ago, with their members' accounts: they may report on them. */
  endedCalls: Table<
    string,
    {
      requestId: string;
      kioskAccount: string;
      interpreterAccount: string;
      reported: string[];
      /** Why it ended (absent in a snapshot from before it was kept). */
      reason?: CallEndReason;
    }
  >;
  glance: { summarySent: string; summaryAt: number; positionsAt: number };
  /** Counts for /healthz (never content). */
  errors: number;
}

export type Identity = SocketData;

/** What the core is fed. `rand` (≥ 128 hex characters, fresh per event) is where new ids and codes come from. */
export type CoreEvent =
  | { type: 'connect'; id: ClientId; identity: Identity }
  | { type: 'disconnect'; id: ClientId; network: boolean }
  | { type: 'recover'; id: ClientId }
  | { type: 'timer'; id: string }
  /** An admin renamed an office: its connected kiosks and clerks now belong to the new name. */
  | { type: 'office-renamed'; from: string; to: string }
  /** An office's routing choices, at start and whenever an admin changes them (null: none). */
  | { type: 'office-routing'; office: string; routing: OfficeRouting | null }
  /**
   * A cluster's new leader, once the events its predecessor left unanswered have come back: records
   * still open for requests and calls this core does not know are closed (they were written by a
   * leader that died before its step was journaled, and their page was never answered).
   */
  | { type: 'reconcile' }
  /** A cluster's new leader tells the members of calls started since `since` again (rebind.ts). */
  | { type: 'resync'; since: number }
  | ClientEvent;

export type ClientEvent = {
  [E in ClientEventName]: { type: 'client'; from: ClientId; event: E; payload: ClientPayload<E> };
}[ClientEventName];

/** `call:resume` reaches the core verified by the edge: the claim's token was good for this sender. */
export interface ResumeFacts {
  /** The request's row: its real preferences and times, and why it closed (null: still open). */
  row: (RequestContext & { endReason: string | null; interpreterName: string | null }) | null;
}

export type Input = CoreEvent & { rand: string; resume?: ResumeFacts };

export type RecordOp =
  | {
      op: 'requested';
      id: string;
      context: RequestContext;
      requeuedFrom: string | null;
    }
  | { op: 'offered'; requestId: string; interpreterName: string; at: number }
  | { op: 'offer-result'; requestId: string; outcome: OfferOutcome; at: number }
  | { op: 'answered'; requestId: string; interpreterName: string; at: number }
  | { op: 'fallback'; requestId: string; at: number }
  /** The citizen let an interpreter without the service's skills take the call. */
  | { op: 'skills-relaxed'; requestId: string; at: number }
  /** Another interpreter joined the call of this request (a transfer or a team), or left it. */
  | {
      op: 'leg';
      requestId: string;
      leg: string;
      interpreterName: string;
      kind: 'first' | 'transfer' | 'team';
      reason: TransferReason | null;
      at: number;
    }
  | { op: 'leg-left'; requestId: string; leg: string; at: number }
  /** A kiosk's self-test: each check's result, kept on the kiosk's row. */
  | { op: 'self-test'; kioskAccount: string; checks: SelfTestResult[]; at: number }
  | { op: 'unanswered'; requestId: string; outcome: UnansweredOutcome; at: number }
  | { op: 'resumed'; requestId: string }
  | { op: 'ended'; requestId: string; reason: string; at: number }
  | { op: 'quality'; requestId: string; summary: QualitySummary }
  | { op: 'rating'; requestId: string; by: 'kiosk' | 'interpreter'; rating: 1 | 2 | 3 }
  /** Close every open request and call not in `keep` (see the `reconcile` event). */
  | { op: 'orphans'; keep: string[]; at: number };

export type OfferOutcome = 'accepted' | 'declined' | 'timeout' | 'withdrawn' | 'offline';
/** How a request that was never answered ended. 'fallback' is chosen by the recorder when it applies. */
export type UnansweredOutcome = 'cancelled' | 'abandoned' | 'failed';

export type Send = {
  [E in keyof ServerToClientEvents]: {
    type: 'send';
    to: ClientId;
    event: E;
    payload: Parameters<ServerToClientEvents[E]>[0];
  };
}[keyof ServerToClientEvents];

/** call:start without what needs secrets (TURN credentials, resume token): the shell adds them. */
export interface StartCall {
  type: 'start-call';
  to: ClientId;
  accountId: string;
  role: 'kiosk' | 'interpreter';
  callId: string;
  requestId: string;
  initiator: boolean;
  peerName: string;
  context: RequestContext;
  leg?: string;
  members?: CallMember[];
  join?: JoinInfo;
}

/** Connect the kiosk and the interpreter an offer rings at, with no media (the shell adds TURN). */
export interface Preconnect {
  type: 'preconnect';
  to: ClientId;
  requestId: string;
  initiator: boolean;
}

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export type Effect =
  | Send
  | StartCall
  | Preconnect
  | { type: 'record'; record: RecordOp }
  | { type: 'arm'; id: string; at: number }
  | { type: 'cancel'; id: string }
  | { type: 'log'; level: LogLevel; msg: string; fields?: Record<string, unknown> };

export interface StepResult {
  state: CoreState;
  effects: Effect[];
  /** For a client event: its acknowledgement. */
  ack?: Ack<object>;
}

export type ClientAck<E extends ClientEventName> = Ack<ClientEventResults[E]>;
