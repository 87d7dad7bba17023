/**
 * A page that lost its server (a node of a cluster died) comes back on a new connection, under a new
 * socket id, and names the one it had (`client:rebind`). If that connection belonged to the same
 * account and was the same kind of client, the new one takes its place: its request keeps its place
 * in the queue, its call, session and pairing go on, an interpreter keeps its presence. Every link
 * to the old id (requests, offers, calls, pairings, timers) moves to the new one, and the page is
 * told where things stand. Otherwise nothing changes and the page starts afresh.
 */
import type { Ack } from '../../src/protocol/index.ts';
import { holdTimer } from './core.ts';
import { callOf } from './calls.ts';
import { pairedKiosk, tellState } from './counter.ts';
import { requestOf } from './requests.ts';
import { tellPresence, wrapUpTimer } from './presence.ts';
import { arm, cancel, log, put, send, type Tx } from './tx.ts';
import type { Call, Client, ClientId } from './types.ts';

export function rebind(tx: Tx, to: ClientId, previousId: ClientId): Ack<{ rebound: boolean }> {
  const fresh = tx.s.clients.get(to);
  const old = tx.s.clients.get(previousId);
  if (!fresh || !old || previousId === to || old.accountId !== fresh.accountId || old.kind !== fresh.kind)
    return { ok: true, rebound: false };
  // A new connection that has already started afresh (a request, a call, a pairing, a presence) keeps
  // what it has: two requests or calls for one page would break the rules every table keeps.
  if (startedAfresh(tx, fresh)) return { ok: true, rebound: false };
  // What the new connection got when it joined (a kiosk's new pairing code) gives way to the old state.
  put(tx, 'clients', previousId, undefined);
  put(tx, 'clients', to, { ...old, id: to } as Client);
  put(tx, 'held', previousId, undefined);
  cancel(tx, holdTimer(previousId));
  const wrapUpAt = tx.s.timers.get(wrapUpTimer(previousId));
  if (wrapUpAt !== undefined) {
    cancel(tx, wrapUpTimer(previousId));
    arm(tx, wrapUpTimer(to), wrapUpAt);
  }
  const moved = (id: ClientId) => (id === previousId ? to : id);
  for (const r of [...tx.s.requests.values()])
    if (r.kioskId === previousId || r.offer?.interpreterId === previousId)
      put(tx, 'requests', r.id, {
        ...r,
        kioskId: moved(r.kioskId),
        offer: r.offer && { interpreterId: moved(r.offer.interpreterId) },
        // The waiting page is told its place again.
        lastStatus: '',
      });
  for (const c of [...tx.s.calls.values()])
    if (c.kioskId === previousId || c.interpreterId === previousId || c.partner?.interpreterId === previousId)
      put(tx, 'calls', c.id, {
        ...c,
        kioskId: moved(c.kioskId),
        interpreterId: moved(c.interpreterId),
        partner: c.partner ? { ...c.partner, interpreterId: moved(c.partner.interpreterId) } : null,
      });
  for (const c of [...tx.s.clients.values()])
    if (c.kind === 'kiosk' && (c.clerkId === previousId || c.callView.interpreterId === previousId))
      put(tx, 'clients', c.id, {
        ...c,
        clerkId: c.clerkId && moved(c.clerkId),
        callView: {
          ...c.callView,
          interpreterId: c.callView.interpreterId && moved(c.callView.interpreterId),
        },
      });
  const now = tx.s.clients.get(to)!;
  // A call:start sent while the page was away (its node died just after) is sent again; a page that
  // already has the call ignores it.
  for (const c of [...tx.s.calls.values()])
    if (c.state === 'live' && (c.kioskId === to || c.interpreterId === to)) startAgain(tx, c, to);
  tellEnded(tx, now);
  if (now.kind === 'kiosk') tellState(tx, now);
  if (now.kind === 'interpreter') tellPresence(tx, now);
  if (now.kind === 'clerk') {
    const kiosk = pairedKiosk(tx.s, to);
    if (kiosk) tellState(tx, kiosk);
  }
  log(tx, 'info', 'rebound', { clientId: to, previousId, kind: now.kind });
  return { ok: true, rebound: true };
}

/**
 * A call:ended sent while the page was away is sent again for every call of its account that ended
 * lately; a page ignores one for a call it does not have. A kiosk put back in the queue learns where.
 */
function tellEnded(tx: Tx, member: Client): void {
  if (member.kind !== 'kiosk' && member.kind !== 'interpreter') return;
  for (const [callId, ended] of tx.s.endedCalls.entries()) {
    const account = member.kind === 'kiosk' ? ended.kioskAccount : ended.interpreterAccount;
    if (account !== member.accountId) continue;
    const reason = ended.reason ?? 'peer_hangup';
    const again =
      member.kind === 'kiosk'
        ? [...tx.s.requests.values()].find(
            (r) => r.requeuedFrom === ended.requestId && r.kioskId === member.id,
          )
        : undefined;
    const requeued = again && {
      requestId: again.id,
      position: Math.max(1, tx.s.queue.indexOf(again.id) + 1),
    };
    send(tx, member.id, 'call:ended', requeued ? { callId, reason, requeued } : { callId, reason });
  }
}

function startedAfresh(tx: Tx, fresh: Client): boolean {
  if (requestOf(tx.s, fresh.id) || callOf(tx.s, fresh.id)) return true;
  if (fresh.kind === 'kiosk') return fresh.session !== null || fresh.clerkId !== null;
  if (fresh.kind === 'clerk') return pairedKiosk(tx.s, fresh.id) !== undefined;
  if (fresh.kind === 'interpreter') return fresh.status !== 'offline';
  return false;
}

/**
 * A cluster's new leader: the calls that started in the moments before it took over are started
 * again for both members (the last leader may have died between committing a call and its emits
 * leaving); waiting kiosks are told their place again. Pages ignore a call:start they already have.
 */
export function resync(tx: Tx, since: number): void {
  for (const c of [...tx.s.calls.values()])
    if (c.state === 'live' && c.startedAt >= since)
      for (const id of [c.kioskId, c.interpreterId]) startAgain(tx, c, id);
  for (const r of [...tx.s.requests.values()]) put(tx, 'requests', r.id, { ...r, lastStatus: '' });
  log(tx, 'info', 'resync', { since });
}

function startAgain(tx: Tx, c: Call, to: ClientId): void {
  const member = tx.s.clients.get(to);
  if (!member || tx.s.held.has(to)) return;
  const kiosk = c.kioskId === to;
  const peer = tx.s.clients.get(kiosk ? c.interpreterId : c.kioskId);
  tx.effects.push({
    type: 'start-call',
    to,
    accountId: member.accountId,
    role: kiosk ? 'kiosk' : 'interpreter',
    initiator: kiosk,
    peerName: peer && 'name' in peer ? peer.name : '',
    callId: c.id,
    requestId: c.requestId,
    context: c.context,
  });
}
