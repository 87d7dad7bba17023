/** One line per client event: validated payload in, the domain's answer out. */
import type { Ack, ClientEventName, ClientEventResults, ClientPayload } from '../../src/protocol/index.ts';
import type { CounterDesk } from '../domain/counter-desk.ts';
import type { ClientId, Switchboard } from '../domain/switchboard.ts';

export type Handler<E extends ClientEventName> = (
  from: ClientId,
  payload: ClientPayload<E>,
) => Ack<ClientEventResults[E]>;
export type Handlers = { [E in ClientEventName]: Handler<E> };

export function domainHandlers(sb: Switchboard, desk: CounterDesk): Handlers {
  return {
    'presence:set': (from, p) => sb.setPresence(from, p.status),
    'call:request': (from, p) => sb.requestCall(from, p),
    'call:cancel': (from, p) => sb.cancelRequest(from, p.requestId),
    'call:relax': (from, p) => sb.relaxGender(from, p.requestId),
    'call:fallback': (from, p) => sb.chooseFallback(from, p.requestId),
    'call:accept': (from, p) => sb.accept(from, p.requestId),
    'call:decline': (from, p) => sb.decline(from, p.requestId),
    'call:signal': (from, p) => sb.relaySignal(from, p.callId, p.data),
    'call:end': (from, p) => sb.endCall(from, p.callId),
    'call:resume': (from, p) => sb.resumeCall(from, p),
    'session:pair': (from, p) => desk.pair(from, p.code),
    'session:unpair': (from) => desk.unpair(from),
    'session:start': (from) => desk.startSession(from),
    'session:end': (from, p) => desk.endSessionFrom(from, p.reason),
    'chat:send': (from, p) => desk.chat(from, p.text),
    'chat:draft': (from, p) => desk.draft(from, p.text),
    'pictogram:send': (from, p) => desk.pictograms(from, p.ids),
    'card:send': (from, p) => desk.shareCard(from, p.card),
  };
}
