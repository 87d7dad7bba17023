/** socket.io-client helpers for integration tests: typed connect, acked emit, wait for an event. */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, CounterState, ServerToClientEvents } from '../../src/protocol/index.ts';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const WAIT_MS = 5000;

export async function connectClient(url: string, auth: unknown): Promise<TestSocket> {
  return (await connectWithState(url, auth)).socket;
}

/** Connect and also resolve with the first `session:state` (kiosks and clerks get it at once). */
export async function connectWithState(
  url: string,
  auth: unknown,
): Promise<{ socket: TestSocket; state: Promise<CounterState> }> {
  const socket: TestSocket = io(url, {
    auth: auth as object,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const state = nextEvent(socket, 'session:state');
  state.catch(() => undefined); // interpreters never get one

  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  return { socket, state };
}

/** Emit any event with any arguments (garbage included) and resolve with the ack. */
export function emitRaw(socket: Socket, event: string, ...args: unknown[]): Promise<unknown> {
  return socket.timeout(WAIT_MS).emitWithAck(event, ...args);
}

/** Resolve with the next payload of `event`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${WAIT_MS} ms`)), WAIT_MS);
    const handler = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
      clearTimeout(timer);
      resolve(payload);
    };
    (socket.once as (e: string, h: typeof handler) => void)(event, handler);
  });
}

/** Record every server event a socket receives, in order. */
export function recordEvents(socket: TestSocket): Array<{ event: string; payload: unknown }> {
  const seen: Array<{ event: string; payload: unknown }> = [];
  socket.onAny((event: string, payload: unknown) => seen.push({ event, payload }));
  return seen;
}

export const interpreterAuth = (name: string, gender: 'female' | 'male' = 'female', languages = ['sdl']) => ({
  role: 'interpreter',
  name,
  gender,
  languages,
});
export const clerkAuth = (name: string, extra: { office?: string; counter?: string } = {}) => ({
  role: 'clerk',
  name,
  ...extra,
});
export const kioskAuth = (
  name: string,
  extra: { office?: string; counter?: string; kioskId?: string } = {},
) => ({
  role: 'kiosk',
  name,
  ...extra,
});
