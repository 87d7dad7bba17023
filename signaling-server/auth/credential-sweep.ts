/**
 * Open sockets whose credential is no longer good are disconnected: checked again every
 * CREDENTIAL_CHECK_MS against the accounts store, so a person or kiosk disabled by the admin CLI
 * (another process), a sign-in session that expired or ended elsewhere, or a revoked kiosk loses
 * its sockets within that time. Sign-out in this server disconnects at once (auth-routes).
 */
import { everyOneAtATime, type Clock } from '../../src/util/clock.ts';
import type { Disposer } from '../../src/util/emitter.ts';
import type { SocketData } from '../../src/protocol/index.ts';
import type { Accounts } from '../store/accounts.ts';
import { identify, type CookieNames } from './identity.ts';

interface SweptSocket {
  id: string;
  data: SocketData;
  handshake: { headers: { cookie?: string | undefined } };
  disconnect(close: boolean): unknown;
}

export function sweepCredentials(deps: {
  sockets: () => Iterable<SweptSocket>;
  accounts: Accounts;
  cookies: CookieNames;
  clock: Clock;
  everyMs: number;
  onRevoked: (socket: SweptSocket) => void;
  /** A failing check (a locked database) is reported and tried again next time, never thrown. */
  onError: (err: unknown) => void;
}): Disposer {
  // Spread over the interval: each second a slice of the sockets is checked (by a hash of the id),
  // so a thousand sockets never cost one long pause of the event loop.
  const tickMs = Math.min(1000, deps.everyMs);
  const slices = Math.max(1, Math.round(deps.everyMs / tickMs));
  let tick = 0;
  const sliceOf = (id: string) => {
    let h = 0;
    for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) | 0;
    return Math.abs(h) % slices;
  };
  const sweep = async () => {
    const slice = tick++ % slices;
    try {
      for (const socket of [...deps.sockets()]) {
        if (sliceOf(socket.id) !== slice) continue;
        const now = await identify(deps.accounts, socket.handshake.headers.cookie, deps.cookies);
        if (now?.accountId === socket.data.accountId && now.role === socket.data.role) continue;
        deps.onRevoked(socket);
        socket.disconnect(true);
      }
    } catch (err) {
      deps.onError(err);
    }
  };
  return everyOneAtATime(deps.clock, tickMs, sweep);
}
