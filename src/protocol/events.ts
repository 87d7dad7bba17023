/**
 * The one event map of the wire protocol, used by the server (`Server<ClientToServerEvents, ...>`)
 * and by every client (`Socket<ServerToClientEvents, ClientToServerEvents>`). docs/protocol.md
 * describes the same events for people.
 */
import type * as v from 'valibot';
import {
  CallRefSchema,
  CallRequestSchema,
  CallSignalSchema,
  PresenceSetSchema,
  RequestRefSchema,
  type Role,
  type SignalData,
} from './schemas.ts';
import type { Ack } from './errors.ts';

export type PresenceStatus = 'offline' | 'available' | 'ringing' | 'in-call';
export type CallEndReason = 'hangup' | 'peer_hangup' | 'peer_disconnected';
export type OfferWithdrawnReason = 'cancelled' | 'timeout' | 'kiosk_disconnected';

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
  'call:accept': { roles: ['interpreter'], schema: RequestRefSchema },
  'call:decline': { roles: ['interpreter'], schema: RequestRefSchema },
  'call:signal': { roles: ['kiosk', 'interpreter'], schema: CallSignalSchema },
  'call:end': { roles: ['kiosk', 'interpreter'], schema: CallRefSchema },
} as const satisfies Record<string, { roles: readonly Role[]; schema: v.GenericSchema }>;

export type ClientEventName = keyof typeof CLIENT_EVENTS;
export type ClientPayload<E extends ClientEventName> = v.InferOutput<(typeof CLIENT_EVENTS)[E]['schema']>;

/** What the server answers to each client event when it succeeds. */
export interface ClientEventResults {
  'presence:set': { status: PresenceStatus };
  'call:request': { requestId: string; position: number };
  'call:cancel': object;
  'call:accept': { callId: string };
  'call:decline': object;
  'call:signal': object;
  'call:end': object;
}

export type ClientToServerEvents = {
  [E in ClientEventName]: (
    payload: v.InferInput<(typeof CLIENT_EVENTS)[E]['schema']>,
    ack: (result: Ack<ClientEventResults[E]>) => void,
  ) => void;
};

export interface ServerToClientEvents {
  /** To a kiosk: where its request stands while it waits. */
  'call:status': (p: { requestId: string; state: 'queued' | 'ringing'; position: number }) => void;
  /** To an interpreter: a call is offered; answer with call:accept or call:decline. */
  'call:offer': (p: {
    requestId: string;
    kioskName: string;
    requestedAt: number;
    ringTimeoutMs: number;
  }) => void;
  /** To an interpreter: the offer is gone (the kiosk cancelled or left, or the ring timed out). */
  'call:offer-withdrawn': (p: { requestId: string; reason: OfferWithdrawnReason }) => void;
  /** To both members: the call exists; the initiator makes the WebRTC offer. */
  'call:start': (p: {
    callId: string;
    requestId: string;
    initiator: boolean;
    peerName: string;
    iceServers: IceServer[];
  }) => void;
  /** WebRTC signalling from the other member of the call. */
  'call:signal': (p: { callId: string; data: SignalData }) => void;
  /** To the member that did not end the call. */
  'call:ended': (p: { callId: string; reason: CallEndReason }) => void;
  /** To an interpreter: their presence changed on the server's side (e.g. after a call). */
  'presence:changed': (p: { status: PresenceStatus }) => void;
}

export interface SocketData {
  role: Role;
  name: string;
}
