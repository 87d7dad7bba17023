/** Error codes a client may receive in a failed ack. The message beside a code is safe to show. */
export const ERROR_CODES = [
  'bad_request',
  /** No valid session or device credential (HTTP 401; a socket is refused at its handshake). */
  'unauthorized',
  'unknown_event',
  'forbidden',
  'not_found',
  'conflict',
  'internal',
  /** The socket sent more than its rate limit allows; nothing was done. Slow down and retry. */
  'rate_limited',
  /** Made by the client, not the server: no ack arrived in time (the network or server is down). */
  'timeout',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AckError {
  ok: false;
  code: ErrorCode;
  message: string;
}
/** Every client→server event is acknowledged with one of these. */
export type Ack<T extends object = object> = ({ ok: true } & T) | AckError;

export const fail = (code: ErrorCode, message: string): AckError => ({ ok: false, code, message });

/** Why a Socket.IO handshake was refused: `err.data.code` on the client's connect_error. */
export const HANDSHAKE_ERROR_CODES = [
  'unauthorized',
  'forbidden',
  'bad_request',
  'too_many_connections',
  'unavailable',
] as const;
export type HandshakeErrorCode = (typeof HANDSHAKE_ERROR_CODES)[number];
export interface HandshakeErrorData {
  code: HandshakeErrorCode;
}
