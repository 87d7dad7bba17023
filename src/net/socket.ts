/** The browser side of the wire: a typed socket, acked requests, subscriptions with disposers. */
import { io, type Socket } from 'socket.io-client';
import {
  fail,
  HANDSHAKE_ERROR_CODES,
  type Ack,
  type HandshakeErrorCode,
  type HandshakeErrorData,
  type ClientEventName,
  type ClientEventResults,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../protocol/index.ts';
import type { Disposer } from '../util/emitter.ts';
import { systemClock, type Clock } from '../util/clock.ts';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ACK_TIMEOUT_MS = 8000;

/**
 * The page's socket. Who it is comes from the HttpOnly cookie the server set at sign-in or at the
 * kiosk's enrollment; the same-origin WebSocket handshake carries it.
 */
export function connectSocket(clock: Clock = systemClock): ClientSocket {
  const socket: ClientSocket = io({ transports: ['websocket'] });
  // A server that shuts down (a restart) says goodbye; Socket.IO then does not reconnect by itself.
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') clock.setTimeout(() => socket.connect(), 1000);
  });
  return socket;
}

/**
 * Calls `handler` on every connection after the first: `recovered` says whether the server kept this
 * page's state (a brief drop: Socket.IO restored the socket; or, on a new connection, the server let
 * it take the old one's place with `client:rebind`: in a cluster, after the node it was on died) or
 * it is a fresh start (a restart of a single server, or a long drop).
 */
export function onReconnected(socket: ClientSocket, handler: (recovered: boolean) => void): Disposer {
  let first = !socket.connected;
  let previousId = socket.id ?? null;
  const onConnect = () => {
    const before = previousId;
    previousId = socket.id ?? null;
    if (first) {
      first = false;
      return;
    }
    if (socket.recovered || !before) return handler(socket.recovered);
    void request(socket, 'client:rebind', { previousId: before }).then((ack) =>
      handler(ack.ok && ack.rebound),
    );
  };
  socket.on('connect', onConnect);
  return () => socket.off('connect', onConnect);
}

/** Send one event and wait for its ack; a lost connection becomes a `timeout` error value. */
export async function request<E extends ClientEventName>(
  socket: ClientSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
): Promise<Ack<ClientEventResults[E]>> {
  try {
    const withTimeout = socket.timeout(ACK_TIMEOUT_MS);
    // socket.io-client cannot infer the ack type through a generic event name; the map guarantees it.
    const emit = withTimeout.emitWithAck.bind(withTimeout) as (
      e: E,
      p: typeof payload,
    ) => Promise<Ack<ClientEventResults[E]>>;
    return await emit(event, payload);
  } catch {
    return fail('timeout', 'No answer from the server.');
  }
}

export function listen<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  handler: ServerToClientEvents[E],
): Disposer {
  // socket.io-client's typed on/off need the listener as the event map declares it.
  const on = socket.on.bind(socket) as (e: E, h: ServerToClientEvents[E]) => void;
  const off = socket.off.bind(socket) as (e: E, h: ServerToClientEvents[E]) => void;
  on(event, handler);
  return () => off(event, handler);
}

/**
 * Calls `handler` whenever the socket connects or drops: 'online', 'offline', or `refused:<code>` when
 * the server refused the handshake (the page shows its own text for the code, never the server's).
 */
export function onConnectionChange(
  socket: ClientSocket,
  handler: (state: 'online' | 'offline' | `refused:${HandshakeErrorCode}`) => void,
): Disposer {
  const online = () => handler('online');
  const offline = () => handler('offline');
  const refused = (err: Error & { data?: unknown }) => {
    const code = (err.data as Partial<HandshakeErrorData> | undefined)?.code;
    handler(code && HANDSHAKE_ERROR_CODES.includes(code) ? `refused:${code}` : 'offline');
  };
  socket.on('connect', online);
  socket.on('disconnect', offline);
  socket.on('connect_error', refused);
  return () => {
    socket.off('connect', online);
    socket.off('disconnect', offline);
    socket.off('connect_error', refused);
  };
}
