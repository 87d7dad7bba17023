/** One line per client event: the validated payload goes into the routing core, its ack comes back. */
import type { Ack, ClientEventName, ClientEventResults, ClientPayload } from '../../src/protocol/index.ts';
import { CLIENT_EVENTS, fail } from '../../src/protocol/index.ts';
import type { SocketData } from '../../src/protocol/index.ts';
import type { Routing } from '../cluster/routing.ts';
import type { ClientId } from '../domain/types.ts';
import type { RecordStore } from '../store/call-records.ts';
import type { ResumeTokens } from './resume-tokens.ts';

export type Handler<E extends ClientEventName> = (
  from: ClientId,
  payload: ClientPayload<E>,
) => Ack<ClientEventResults[E]> | Promise<Ack<ClientEventResults[E]>>;
export type Handlers = { [E in ClientEventName]: Handler<E> };

/** `whoIs`: the identity of a socket of this node (from its handshake). */
export function domainHandlers(
  routing: Routing,
  whoIs: (id: ClientId) => SocketData | undefined,
  tokens: ResumeTokens,
  records: RecordStore,
  now: () => number,
): Handlers {
  const to =
    <E extends ClientEventName>(event: E): Handler<E> =>
    (from, payload) =>
      routing.dispatch({ type: 'client', from, event, payload } as never) as
        Ack<ClientEventResults[E]> | Promise<Ack<ClientEventResults[E]>>;
  const handlers = Object.fromEntries(Object.keys(CLIENT_EVENTS).map((e) => [e, to(e as ClientEventName)]));
  return {
    ...(handlers as Handlers),
    // The token is checked here, at the edge, against the sender's own account and role; the core
    // gets the request's record to rebuild the call from.
    'call:resume': async (from, p) => {
      const who = whoIs(from);
      const role = who?.role === 'kiosk' || who?.role === 'interpreter' ? who.role : null;
      if (!who || !role) return fail('forbidden', 'Only call members may resume a call.');
      const claim = { callId: p.callId, requestId: p.requestId, role, accountId: who.accountId };
      if (!tokens.verify(p.token, claim, now())) return fail('not_found', 'No such call to resume.');
      const resume = await records.resumeFacts(p.requestId);
      return (await routing.dispatch({
        type: 'client',
        from,
        event: 'call:resume',
        payload: p,
        resume,
      })) as Ack;
    },
  };
}
