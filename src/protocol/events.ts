/**
 * The one event map of the wire protocol, used by the server (`Server<ClientToServerEvents, ...>`)
 * and by every client (`Socket<ServerToClientEvents, ClientToServerEvents>`). docs/protocol.md
 * describes the same events for people.
 */
import type * as v from 'valibot';
import {
  CallRefSchema,
  CallRequestSchema,
  CallResumeSchema,
  CallSignalSchema,
  PresenceSetSchema,
  RequestRefSchema,
  type GenderPref,
  type Role,
  type SignLanguage,
  type SignalData,
  type HandshakeAuth,
} from './schemas.ts';
import type { Ack } from './errors.ts';
import {
  CardSendSchema,
  ChatDraftSchema,
  ChatSendSchema,
  EmptySchema,
  PairSchema,
  PictogramSendSchema,
  SessionEndSchema,
  type SessionEndReason,
} from './counter-schemas.ts';
import type { RequestCard } from '../flows/engine.ts';

export type PresenceStatus = 'offline' | 'available' | 'break' | 'ringing' | 'in-call' | 'wrap-up';
export type CallEndReason = 'peer_hangup' | 'peer_disconnected';
export type OfferWithdrawnReason = 'cancelled' | 'timeout' | 'kiosk_disconnected';

/** How both ends of a call send video; set by the server's configuration, applied by PeerSession. */
export interface MediaPolicy {
  /** Ceiling for the video sender; sign language needs motion more than detail. */
  maxBitrateKbps: number;
  codec: 'VP8' | 'VP9' | 'H264' | 'AV1';
  /** 'relay' forces media through TURN (for networks that need it, and for tests). */
  iceTransportPolicy: 'all' | 'relay';
}

export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/** Which role may send each client event, and the schema of its payload. */
export const CLIENT_EVENTS = {
  'presence:set': { roles: ['interpreter'], schema: PresenceSetSchema },
  'call:request': { roles: ['kiosk'], schema: CallRequestSchema },
  'call:cancel': { roles: ['kiosk'], schema: RequestRefSchema },
  'call:relax': { roles: ['kiosk'], schema: RequestRefSchema },
  'call:fallback': { roles: ['kiosk'], schema: RequestRefSchema },
  'call:accept': { roles: ['interpreter'], schema: RequestRefSchema },
  'call:decline': { roles: ['interpreter'], schema: RequestRefSchema },
  'call:signal': { roles: ['kiosk', 'interpreter'], schema: CallSignalSchema },
  'call:end': { roles: ['kiosk', 'interpreter'], schema: CallRefSchema },
  'call:resume': { roles: ['kiosk', 'interpreter'], schema: CallResumeSchema },
  'session:pair': { roles: ['clerk'], schema: PairSchema },
  'session:unpair': { roles: ['clerk'], schema: EmptySchema },
  'session:start': { roles: ['kiosk', 'clerk'], schema: EmptySchema },
  'session:end': { roles: ['kiosk', 'clerk'], schema: SessionEndSchema },
  'chat:send': { roles: ['kiosk', 'clerk', 'interpreter'], schema: ChatSendSchema },
  'chat:draft': { roles: ['kiosk', 'clerk', 'interpreter'], schema: ChatDraftSchema },
  'pictogram:send': { roles: ['kiosk', 'clerk', 'interpreter'], schema: PictogramSendSchema },
  'card:send': { roles: ['kiosk'], schema: CardSendSchema },
} as const satisfies Record<string, { roles: readonly Role[]; schema: v.GenericSchema }>;

export type ClientEventName = keyof typeof CLIENT_EVENTS;
export type ClientPayload<E extends ClientEventName> = v.InferOutput<(typeof CLIENT_EVENTS)[E]['schema']>;

/** What the server answers to each client event when it succeeds. */
export interface ClientEventResults {
  'presence:set': { status: PresenceStatus };
  'call:request': { requestId: string; position: number };
  'call:cancel': object;
  'call:relax': object;
  'call:fallback': object;
  'call:accept': { callId: string };
  'call:decline': object;
  'call:signal': object;
  'call:end': object;
  'call:resume': object;
  'session:pair': { kiosk: KioskInfo };
  'session:unpair': object;
  'session:start': { sessionId: string };
  'session:end': object;
  'chat:send': { id: string };
  'chat:draft': object;
  'pictogram:send': { id: string };
  'card:send': object;
}

export type ClientToServerEvents = {
  [E in ClientEventName]: (
    payload: v.InferInput<(typeof CLIENT_EVENTS)[E]['schema']>,
    ack: (result: Ack<ClientEventResults[E]>) => void,
  ) => void;
};

/** What an interpreter is told about a request before answering it. */
export interface RequestContext {
  kioskName: string;
  office: string | null;
  counter: string | null;
  gender: GenderPref;
  language: SignLanguage;
  requestedAt: number;
}

export interface KioskInfo {
  name: string;
  office: string | null;
  counter: string | null;
}

/** The kiosk's interpreter call as the counter sees it. */
export interface CounterCallView {
  state: 'none' | 'waiting' | 'in-call';
  interpreterName: string | null;
}

/** How long a kiosk session may sit untouched, and for how long the warning counts down. */
export interface IdlePolicy {
  idleS: number;
  warningS: number;
  /** With no face seen for this long (vision on) and no call, the session ends. */
  awayS: number;
}

/** The state of one counter, as its kiosk and its clerk console are told it. */
export interface CounterState {
  sessionId: string | null;
  /** To the kiosk: the code a clerk console pairs with. */
  pairingCode: string | null;
  /** To the kiosk: the paired clerk's name. */
  clerkName: string | null;
  /** To the clerk: the paired kiosk. */
  kiosk: KioskInfo | null;
  call: CounterCallView;
  idle: IdlePolicy;
}

export type SessionRole = 'kiosk' | 'clerk' | 'interpreter';
export interface ChatMessage {
  sessionId: string;
  id: string;
  from: SessionRole;
  text: string;
  at: number;
}
export interface PictogramMessage {
  sessionId: string;
  id: string;
  from: SessionRole;
  ids: string[];
  at: number;
}
export type SessionEndedReason = SessionEndReason | 'kiosk_left';

export interface ServerToClientEvents {
  /** To a kiosk and its paired clerk console whenever the counter's state changes. */
  'session:state': (p: CounterState) => void;
  /** To every member of a session (kiosk, clerk, interpreter): it is over; forget it. */
  'session:ended': (p: { sessionId: string; reason: SessionEndedReason }) => void;
  /** To a member that joins a running session (interpreter at call start, a clerk that pairs). */
  'session:snapshot': (p: {
    sessionId: string;
    card: RequestCard | null;
    messages: ChatMessage[];
    pictograms: PictogramMessage[];
  }) => void;
  'chat:message': (p: ChatMessage) => void;
  /** Real-time text: what another member is typing right now. */
  'chat:draft': (p: { sessionId: string; from: SessionRole; text: string }) => void;
  'pictogram:shown': (p: PictogramMessage) => void;
  'card:shared': (p: { sessionId: string; card: RequestCard }) => void;
  /** To a waiting kiosk, whenever its state, place or estimate changes. */
  'call:status': (p: {
    requestId: string;
    state: 'queued' | 'ringing';
    position: number;
    estimatedWaitS: number | null;
  }) => void;
  /** To a kiosk: nobody of the preferred gender answered in time; may any interpreter take it? */
  'call:ask-any-gender': (p: { requestId: string }) => void;
  /** To a kiosk: it has waited long; the citizen may go on by text and pictograms, keeping their place. */
  'call:fallback-offered': (p: { requestId: string; waitedS: number }) => void;
  /** To an interpreter: a call is offered; answer with call:accept or call:decline. */
  'call:offer': (p: { requestId: string; context: RequestContext; ringTimeoutMs: number }) => void;
  /** To an interpreter: the offer is gone (the kiosk cancelled or left, or the ring timed out). */
  'call:offer-withdrawn': (p: { requestId: string; reason: OfferWithdrawnReason }) => void;
  /** To both members: the call exists; the initiator makes the WebRTC offer. */
  'call:start': (p: {
    callId: string;
    requestId: string;
    initiator: boolean;
    peerName: string;
    context: RequestContext;
    iceServers: IceServer[];
    media: MediaPolicy;
    /** Lets this member re-attach to the call with `call:resume` if the server restarts. */
    resumeToken: string;
  }) => void;
  /** WebRTC signalling from the other member of the call. */
  'call:signal': (p: { callId: string; data: SignalData }) => void;
  /**
   * To the member that did not end the call. A kiosk whose interpreter dropped is put back at the
   * head of the queue: `requeued` says with which request.
   */
  'call:ended': (p: {
    callId: string;
    reason: CallEndReason;
    requeued?: { requestId: string; position: number };
  }) => void;
  /** To an interpreter: their presence changed on the server's side (after a call, a ring timeout…). */
  'presence:changed': (p: { status: PresenceStatus; wrapUpEndsAt: number | null }) => void;
  /** To every interpreter, at most once a second when it changes: the queue at a glance. */
  'queue:summary': (p: { waiting: number; oldestRequestedAt: number | null; available: number }) => void;
}

/** `accountId`: the user's or the kiosk's id in the accounts store. */
export type SocketData = HandshakeAuth & { accountId: string };
