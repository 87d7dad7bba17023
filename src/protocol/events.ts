/**
 * The one event map of the wire protocol, used by the server (`Server<ClientToServerEvents, ...>`)
 * and by every client (`Socket<ServerToClientEvents, ClientToServerEvents>`). docs/protocol.md
 * describes the same events for people.
 */
import type * as v from 'valibot';
import {
  CallRefSchema,
  CallRelaxSchema,
  CallRequestSchema,
  CallQualitySchema,
  CallRateSchema,
  CallResumeSchema,
  CallSignalSchema,
  OfferSignalSchema,
  PresenceSetSchema,
  RebindSchema,
  RequestRefSchema,
  type Role,
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
  pictogramSendSchema,
} from './counter-schemas.ts';
import type { ACK_RESULTS } from './server-schemas.ts';
import { SelfTestReportSchema } from './device-schemas.ts';
import {
  BackchannelSendSchema,
  CallActiveSchema,
  CallInviteSchema,
  CallTransferSchema,
} from './team-schemas.ts';

/** Which role may send each client event, and the schema of its payload. */
export const CLIENT_EVENTS = {
  'presence:set': { roles: ['interpreter'], schema: PresenceSetSchema },
  'call:request': { roles: ['kiosk'], schema: CallRequestSchema },
  'call:cancel': { roles: ['kiosk'], schema: RequestRefSchema },
  'call:relax': { roles: ['kiosk'], schema: CallRelaxSchema },
  'call:fallback': { roles: ['kiosk'], schema: RequestRefSchema },
  'call:accept': { roles: ['interpreter'], schema: RequestRefSchema },
  'call:decline': { roles: ['interpreter'], schema: RequestRefSchema },
  'call:signal': { roles: ['kiosk', 'interpreter'], schema: CallSignalSchema },
  'offer:signal': { roles: ['kiosk', 'interpreter'], schema: OfferSignalSchema },
  'call:end': { roles: ['kiosk', 'interpreter'], schema: CallRefSchema },
  'call:resume': { roles: ['kiosk', 'interpreter'], schema: CallResumeSchema },
  'call:quality': { roles: ['interpreter'], schema: CallQualitySchema },
  'call:rate': { roles: ['kiosk', 'interpreter'], schema: CallRateSchema },
  'call:transfer': { roles: ['interpreter'], schema: CallTransferSchema },
  'call:invite': { roles: ['interpreter'], schema: CallInviteSchema },
  'call:join-cancel': { roles: ['interpreter'], schema: CallRefSchema },
  'call:flowing': { roles: ['interpreter'], schema: CallRefSchema },
  'call:leave': { roles: ['interpreter'], schema: CallRefSchema },
  'call:active': { roles: ['interpreter'], schema: CallActiveSchema },
  'call:backchannel': { roles: ['interpreter'], schema: BackchannelSendSchema },
  'kiosk:self-test': { roles: ['kiosk'], schema: SelfTestReportSchema },
  'session:pair': { roles: ['clerk'], schema: PairSchema },
  'session:unpair': { roles: ['clerk'], schema: EmptySchema },
  'session:start': { roles: ['kiosk', 'clerk'], schema: EmptySchema },
  'session:end': { roles: ['kiosk', 'clerk'], schema: SessionEndSchema },
  'chat:send': { roles: ['kiosk', 'clerk', 'interpreter'], schema: ChatSendSchema },
  'chat:draft': { roles: ['kiosk', 'clerk', 'interpreter'], schema: ChatDraftSchema },
  'pictogram:send': { roles: ['kiosk', 'clerk', 'interpreter'], schema: PictogramSendSchema },
  'card:send': { roles: ['kiosk'], schema: CardSendSchema },
  'client:rebind': { roles: ['kiosk', 'clerk', 'interpreter'], schema: RebindSchema },
} as const satisfies Record<string, { roles: readonly Role[]; schema: v.GenericSchema }>;

export type ClientEventName = keyof typeof CLIENT_EVENTS;

export type ClientPayload<E extends ClientEventName> = v.InferOutput<(typeof CLIENT_EVENTS)[E]['schema']>;

/** What the server answers to each client event when it succeeds (derived from ACK_RESULTS). */
export type ClientEventResults = { [E in ClientEventName]: v.InferOutput<(typeof ACK_RESULTS)[E]> };

export type ClientToServerEvents = {
  [E in ClientEventName]: (
    payload: v.InferInput<(typeof CLIENT_EVENTS)[E]['schema']>,
    ack: (result: Ack<ClientEventResults[E]>) => void,
  ) => void;
};

export type ClientEventTable = {
  readonly [E in ClientEventName]: {
    readonly roles: readonly Role[];
    readonly schema: v.GenericSchema<unknown, ClientPayload<E>>;
  };
};

/**
 * The table the server checks events against: CLIENT_EVENTS with what the protocol does not know
 * passed in (the ids of the server's pictogram board), so src/protocol imports no app module.
 */
export function clientEvents(vocabulary: { pictogramIds: readonly string[] }): ClientEventTable {
  return {
    ...CLIENT_EVENTS,
    'pictogram:send': {
      ...CLIENT_EVENTS['pictogram:send'],
      schema: pictogramSendSchema(vocabulary.pictogramIds),
    },
  };
}

/** `accountId`: the user's or the kiosk's id in the accounts store. */
export type SocketData = HandshakeAuth & { accountId: string };
