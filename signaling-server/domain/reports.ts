/**
 * What the members say about a call after it ended: the interpreter's page reports the quality of
 * the video it received, and each member may rate the call once. A call is remembered for
 * REPORT_WINDOW_MS after it ends, with its members' accounts: only they may report on it, each thing
 * once; after the window, or from anyone else, the answer is `not_found` (the same as a wrong id).
 */
import type { Ack, CallEndReason, QualitySummary } from '../../src/protocol/index.ts';
import { arm, put, record, refuse, type Tx } from './tx.ts';
import type { Call, ClientId } from './types.ts';

export const REPORT_WINDOW_MS = 120_000;
export const reportTimer = (callId: string) => `ended:${callId}`;

/** Called when a call ends: its members may report on it for a while. */
export function rememberEnded(
  tx: Tx,
  call: Call,
  accounts: { kioskAccount: string; interpreterAccount: string },
  reason: CallEndReason,
): void {
  put(tx, 'endedCalls', call.id, { requestId: call.requestId, ...accounts, reported: [], reason });
  arm(tx, reportTimer(call.id), tx.now + REPORT_WINDOW_MS);
}

export function forgetEnded(tx: Tx, callId: string): void {
  put(tx, 'endedCalls', callId, undefined);
}

/** Which report `from` may make on `callId`, or a refusal. */
function claim(tx: Tx, from: ClientId, callId: string, what: 'quality' | 'rate'): string | Ack {
  const ended = tx.s.endedCalls.get(callId);
  const who = tx.s.clients.get(from);
  const role =
    who && ended && who.accountId === ended.interpreterAccount && who.kind === 'interpreter'
      ? 'interpreter'
      : who && ended && who.accountId === ended.kioskAccount && who.kind === 'kiosk'
        ? 'kiosk'
        : null;
  if (!ended || !role || (what === 'quality' && role !== 'interpreter'))
    return refuse(tx, 'not_found', 'No call of yours to report on.');
  const key = `${what}:${role}`;
  if (ended.reported.includes(key)) return refuse(tx, 'conflict', 'This was already reported.');
  put(tx, 'endedCalls', callId, { ...ended, reported: [...ended.reported, key] });
  return role;
}

export function reportQuality(tx: Tx, from: ClientId, callId: string, summary: QualitySummary): Ack {
  const role = claim(tx, from, callId, 'quality');
  if (typeof role !== 'string') return role;
  record(tx, { op: 'quality', requestId: tx.s.endedCalls.get(callId)!.requestId, summary });
  return { ok: true };
}

export function rateCall(tx: Tx, from: ClientId, callId: string, rating: 1 | 2 | 3): Ack {
  const role = claim(tx, from, callId, 'rate');
  if (typeof role !== 'string') return role;
  const by = role === 'kiosk' ? 'kiosk' : 'interpreter';
  record(tx, { op: 'rating', requestId: tx.s.endedCalls.get(callId)!.requestId, by, rating });
  return { ok: true };
}
