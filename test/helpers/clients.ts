/** socket.io-client helpers for integration tests: typed connect, acked emit, wait for an event. */
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  CounterState,
  ServerToClientEvents,
  SignLanguage,
} from '../../src/protocol/index.ts';
import type { Who } from './accounts.ts';
import { checkAck, checkServerEvent } from './protocol-check.ts';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const WAIT_MS = 5000;

/** A server tests can connect to: its URL, and a way to make an account and get its cookie. */
export interface Target {
  url: string;
  cookieFor(who: Who): Promise<string>;
}

export async function connectClient(target: Target, who: Who): Promise<TestSocket> {
  return (await connectWithState(target, who)).socket;
}

/** Connect and also resolve with the first `session:state` (kiosks and clerks get it at once). */
export async function connectWithState(
  target: Target,
  who: Who,
): Promise<{ socket: TestSocket; state: Promise<CounterState> }> {
  return connectWithCookie(target.url, await target.cookieFor(who));
}

/** Connect with a given cookie header (or none): what a browser's handshake would carry. */
export async function connectWithCookie(
  url: string,
  cookie: string | null,
  extraHeaders: Record<string, string> = {},
  reconnection = false,
): Promise<{ socket: TestSocket; state: Promise<CounterState> }> {
  const socket: TestSocket = io(url, {
    transports: ['websocket'],
    reconnection,
    reconnectionDelay: 100,
    forceNew: true,
    extraHeaders: { ...(cookie ? { cookie } : {}), ...extraHeaders },
  });
  socket.onAny((event: string, ...args: unknown[]) => checkServerEvent(event, args));
  const state = nextEvent(socket, 'session:state');
  state.catch(() => undefined); // interpreters never get one

  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  return { socket, state };
}

/** Emit any event with any arguments (garbage included) and resolve with the ack. */
export async function emitRaw(socket: Socket, event: string, ...args: unknown[]): Promise<unknown> {
  const ack: unknown = await socket.timeout(WAIT_MS).emitWithAck(event, ...args);
  checkAck(event, ack);
  return ack;
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

/** Who a test socket is: an account made for it on the server (see accounts.ts). */
export const interpreterAuth = (
  name: string,
  gender: 'female' | 'male' = 'female',
  languages: SignLanguage[] = ['sdl'],
): Who => ({ kind: 'interpreter', name, gender, languages });
export const clerkAuth = (name: string, extra: { office?: string } = {}): Who => ({
  kind: 'clerk',
  name,
  ...extra,
});
export const kioskAuth = (
  name: string,
  extra: { office?: string; counter?: string; kioskId?: string } = {},
): Who => ({
  kind: 'kiosk',
  name,
  ...extra,
});
/** A call's two ends by role: a kiosk at a Riyadh counter, or an interpreter. */
export const callMember = (role: 'kiosk' | 'interpreter', name: string, counter = '3'): Who =>
  role === 'kiosk' ? kioskAuth(name, { office: 'Riyadh', counter }) : interpreterAuth(name);

/** Tries a handshake that the server should refuse; resolves with the refusal's message. */
export async function refusal(
  url: string,
  cookie: string | null,
  extraHeaders: Record<string, string> = {},
): Promise<string> {
  const socket = io(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: { role: 'interpreter', name: 'Claimed in the payload' }, // ignored: identity comes from cookies
    extraHeaders: { ...(cookie ? { cookie } : {}), ...extraHeaders },
  });
  try {
    return await new Promise<string>((resolve, reject) => {
      socket.once('connect_error', (err) => resolve(err.message));
      socket.once('connect', () => reject(new Error('the server accepted a handshake it should refuse')));
    });
  } finally {
    socket.disconnect();
  }
}
