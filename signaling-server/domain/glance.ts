/**
 * After every step: offer what can be offered (oldest request first; the office's priority interpreters,
 * then the longest-idle one with the language, gender and skills asked, never one the office blocks), then
 * tell waiting kiosks their place and estimate, and every interpreter the queue at a glance, each at
 * most once per interval (a timer sends what changed since).
 */
import { arm, put, send, set, type Tx } from './tx.ts';
import type { CoreState } from './types.ts';
import { availableInterpreters, workingCount } from './presence.ts';
import { matches, offer, officeRouting } from './requests.ts';

export const SUMMARY_TIMER = 'glance:summary';
export const POSITIONS_TIMER = 'glance:positions';

export function settle(tx: Tx): void {
  // Who is free is looked for only when someone waits (most steps are relays with an empty queue).
  let free = tx.s.queue.length > 0 ? availableInterpreters(tx.s) : [];
  for (const id of tx.s.queue) {
    if (free.length === 0) break;
    const request = tx.s.requests.get(id)!;
    // A kiosk whose connection dropped is not offered a call until it is back (recovered or
    // rebound): a call:start sent to a connection that never comes back would start a call nobody
    // joins. It keeps its place meanwhile.
    if (request.offer || tx.s.held.has(request.kioskId)) continue;
    // The office's priority interpreters first, then anyone who fits; the longest idle of each.
    const office = officeRouting(tx.s, request.kioskId);
    const fits = free.filter((i) => matches(request, i, office));
    const pick = fits.find((i) => office?.priority.includes(i.accountId)) ?? fits[0];
    if (!pick) continue;
    offer(tx, request, pick);
    free = free.filter((i) => i !== pick);
  }
  throttled(tx, 'positionsAt', tx.cfg.routing.statusIntervalMs, POSITIONS_TIMER, sendPositions);
  throttled(tx, 'summaryAt', tx.cfg.routing.summaryIntervalMs, SUMMARY_TIMER, sendSummary);
}

/** Runs `fn` now if it has not run for `intervalMs`, or arms its timer for the end of the interval. */
function throttled(
  tx: Tx,
  key: 'positionsAt' | 'summaryAt',
  intervalMs: number,
  timer: string,
  fn: (tx: Tx) => boolean,
): void {
  if (tx.s.timers.get(timer) !== undefined) return;
  const dueAt = tx.s.glance[key] + intervalMs;
  if (dueAt > tx.now) {
    if (wouldSend(tx.s, key)) arm(tx, timer, dueAt);
    return;
  }
  if (fn(tx)) set(tx, 'glance', { ...tx.s.glance, [key]: tx.now });
}

function wouldSend(s: CoreState, key: 'positionsAt' | 'summaryAt'): boolean {
  if (key === 'summaryAt') return summaryKey(s) !== s.glance.summarySent;
  return statuses(s).some((st) => st.key !== st.request.lastStatus);
}

export function summaryOf(s: CoreState) {
  let oldest: number | null = null;
  for (const id of s.queue) {
    const at = s.requests.get(id)!.requestedAt;
    if (oldest === null || at < oldest) oldest = at;
  }
  return { waiting: s.queue.length, oldestRequestedAt: oldest, available: availableInterpreters(s).length };
}

const summaryKey = (s: CoreState) => JSON.stringify(summaryOf(s));

function sendSummary(tx: Tx): boolean {
  const key = summaryKey(tx.s);
  if (key === tx.s.glance.summarySent) return false;
  const summary = summaryOf(tx.s);
  for (const c of [...tx.s.clients.values()])
    if (c.kind === 'interpreter') send(tx, c.id, 'queue:summary', summary);
  set(tx, 'glance', { ...tx.s.glance, summarySent: key });
  return true;
}

/** What each waiting kiosk would be told now. */
function statuses(s: CoreState) {
  if (s.queue.length === 0) return [];
  const working = workingCount(s);
  // An invitation into a call tells its kiosk nothing here (the call's members hear of it).
  return s.queue.flatMap((id, index) => {
    const request = s.requests.get(id)!;
    if (request.join) return [];
    const state = request.offer ? ('ringing' as const) : ('queued' as const);
    const position = index + 1;
    const estimatedWaitS = state === 'ringing' ? 0 : estimateS(s.answerTimes, position, working);
    return [{ request, state, position, estimatedWaitS, key: `${state}:${position}:${estimatedWaitS}` }];
  });
}

/** Tell each waiting kiosk where it stands, when that changed since it was last told. */
function sendPositions(tx: Tx): boolean {
  let sent = false;
  for (const { request, key, state, position, estimatedWaitS } of statuses(tx.s)) {
    if (key === request.lastStatus) continue;
    put(tx, 'requests', request.id, { ...request, lastStatus: key });
    send(tx, request.kioskId, 'call:status', { requestId: request.id, state, position, estimatedWaitS });
    sent = true;
  }
  return sent;
}

/**
 * Seconds a request at `position` may expect to wait: the recent mean answer time for each "turn",
 * where `servers` interpreters take one request each per turn. Null until anything was answered.
 */
export function estimateS(recent: readonly number[], position: number, servers: number): number | null {
  if (recent.length === 0) return null;
  const meanMs = recent.reduce((a, b) => a + b, 0) / recent.length;
  const turns = Math.ceil(position / Math.max(1, servers));
  const seconds = (meanMs * turns) / 1000;
  // A rough figure, rounded so that it does not flicker (and is not resent) at every answer.
  const step = seconds < 60 ? 5 : 30;
  return Math.max(step, Math.round(seconds / step) * step);
}
