/**
 * The supervisor's wallboard as a pure view of the core's state: which kiosks are connected and what
 * each counter is doing, every interpreter's presence and for how long, and the queue — limited to
 * the viewer's office (null: every office, for an admin). Interpreters serve every office: each board
 * shows them all, but names a call's kiosk only when that kiosk is in the viewer's scope.
 * The enrolled kiosks (online or not) and today's service level come from the database and are
 * joined in by the shell.
 */
import type { Wallboard } from '../../src/protocol/index.ts';
import type { CoreState, KioskClient } from './types.ts';

export type LiveBoard = Omit<Wallboard, 'kiosks' | 'level'> & {
  /** The connected kiosks in scope, by account id, with what each counter is doing. */
  kiosks: Map<string, 'idle' | 'session' | 'waiting' | 'in-call'>;
};

export function liveBoard(s: CoreState, office: string | null, now: number): LiveBoard {
  const inScope = (k: { office: string | null } | undefined) =>
    k !== undefined && (office === null || k.office === office);
  const kioskOf = (id: string) => {
    const c = s.clients.get(id);
    return c?.kind === 'kiosk' ? c : undefined;
  };
  const kiosks = new Map<string, 'idle' | 'session' | 'waiting' | 'in-call'>();
  const waiting = new Set([...s.requests.values()].map((r) => r.kioskId));
  const calling = new Set([...s.calls.values()].map((c) => c.kioskId));
  for (const c of [...s.clients.values()]) {
    if (c.kind !== 'kiosk' || !inScope(c)) continue;
    kiosks.set(
      c.accountId,
      calling.has(c.id) ? 'in-call' : waiting.has(c.id) ? 'waiting' : c.session ? 'session' : 'idle',
    );
  }
  // Each interpreter of a call (the lead and a teammate or the one joining) is shown in it.
  const callOf = new Map(
    [...s.calls.values()].flatMap((c) => [
      [c.interpreterId, c] as const,
      ...(c.partner ? [[c.partner.interpreterId, c] as const] : []),
    ]),
  );
  const interpreters: Wallboard['interpreters'] = [];
  for (const c of [...s.clients.values()]) {
    if (c.kind !== 'interpreter') continue;
    const call = callOf.get(c.id);
    const kiosk: KioskClient | undefined = call ? kioskOf(call.kioskId) : undefined;
    interpreters.push({
      name: c.name,
      status: c.status,
      since: c.statusSince,
      callStartedAt: call?.startedAt ?? null,
      callKiosk: kiosk && inScope(kiosk) ? kiosk.name : null,
    });
  }
  interpreters.sort((a, b) => a.name.localeCompare(b.name));
  const queue: Wallboard['queue'] = [];
  // Queued and ringing requests alike, longest waiting first.
  for (const r of [...s.requests.values()].sort((a, b) => a.requestedAt - b.requestedAt)) {
    const kiosk = kioskOf(r.kioskId);
    if (!kiosk || !inScope(kiosk)) continue;
    queue.push({
      kioskName: kiosk.name,
      office: kiosk.office,
      requestedAt: r.requestedAt,
      gender: r.gender,
      language: r.language,
      ringing: r.offer !== null,
    });
  }
  return { at: now, office, kiosks, interpreters, queue };
}
