/**
 * Schemas for everything a client may send. The TypeScript types of inbound payloads are derived
 * from these, so the server can never trust a shape it did not check.
 * No DOM and no Node imports: this module is shared by the browser apps and the server.
 */
import * as v from 'valibot';

export const ROLES = ['kiosk', 'interpreter'] as const;
export type Role = (typeof ROLES)[number];

/** Ids the server hands out (UUIDs); clients only ever echo them back. */
export const IdSchema = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9-]{8,64}$/, 'must be an id issued by the server'),
);

export const DisplayNameSchema = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(60, 'must be at most 60 characters'),
);

/** What a socket presents in the Socket.IO handshake (`auth`). Real accounts come later. */
export const HandshakeAuthSchema = v.object({
  role: v.picklist(ROLES, 'must be "kiosk" or "interpreter"'),
  name: DisplayNameSchema,
});
export type HandshakeAuth = v.InferOutput<typeof HandshakeAuthSchema>;

export const PRESENCE_CHOICES = ['available', 'offline'] as const;
export const PresenceSetSchema = v.strictObject({ status: v.picklist(PRESENCE_CHOICES) });

export const CallRequestSchema = v.strictObject({});
export const RequestRefSchema = v.strictObject({ requestId: IdSchema });
export const CallRefSchema = v.strictObject({ callId: IdSchema });

const MAX_SDP = 32_000;
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

export const CallSignalSchema = v.strictObject({ callId: IdSchema, data: SignalDataSchema });
