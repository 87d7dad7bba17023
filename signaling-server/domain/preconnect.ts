/**
 * The connection a kiosk and the interpreter its request rings at make while it rings (the offer's
 * `preconnect` effects, requests.ts): their signalling, relayed only between the two of them.
 */
import type { Ack, SignalData } from '../../src/protocol/index.ts';
import { refuse, send, type Tx } from './tx.ts';
import type { ClientId } from './types.ts';

/**
 * Signalling between a kiosk and the interpreter its request rings at, and on into the call the
 * offer became (a candidate on its way at the accept still arrives). Anyone else: not found.
 */
export function relayOfferSignal(tx: Tx, from: ClientId, requestId: string, data: SignalData): Ack {
  const request = tx.s.requests.get(requestId);
  let to: ClientId | null = null;
  if (request?.offer && !request.join) {
    if (from === request.kioskId) to = request.offer.interpreterId;
    else if (from === request.offer.interpreterId) to = request.kioskId;
  } else {
    const call = [...tx.s.calls.values()].find((c) => c.requestId === requestId);
    if (call?.kioskId === from) to = call.interpreterId || null;
    else if (call && call.interpreterId === from) to = call.kioskId || null;
  }
  if (!to) return refuse(tx, 'not_found', 'This call is no longer offered.');
  send(tx, to, 'offer:signal', { requestId, data });
  return { ok: true };
}
