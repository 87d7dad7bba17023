/**
 * Pushes the wallboard to every supervisor and admin socket: at once when one connects, then at most
 * once a second and only when it changed. Each viewer sees its own scope (a supervisor their office,
 * an admin every office); the board joins the core's live view with the enrolled kiosks and today's
 * service level from the database. A failure is reported and tried again, never thrown.
 */
import type { Wallboard, SocketData } from '../../src/protocol/index.ts';
import { everyOneAtATime, type Clock } from '../../src/util/clock.ts';
import type { Disposer } from '../../src/util/emitter.ts';
import { liveBoard } from '../domain/wallboard.ts';
import type { CoreState } from '../domain/types.ts';
import type { Accounts } from '../store/accounts.ts';
import type { ServiceLevel } from '../../src/protocol/index.ts';

interface Viewer {
  id: string;
  data: SocketData;
  emit(event: 'wallboard:state', board: Wallboard): unknown;
}

/** The office a viewer may see: null for an admin (all); a supervisor of no office sees nothing. */
export function scopeOf(data: SocketData): string | null | undefined {
  if (data.role === 'admin') return null;
  if (data.role === 'supervisor') return data.office ?? '';
  return undefined;
}

export function wallboardFeed(deps: {
  viewers: () => Iterable<Viewer>;
  state: () => CoreState;
  accounts: Accounts;
  level: (now: number, office: string | null) => Promise<ServiceLevel>;
  clock: Clock;
  everyMs: number;
  onError: (err: unknown) => void;
}) {
  const last = new Map<string, string>();
  const boardFor = async (office: string | null, now: number): Promise<Wallboard> => {
    const enrolled = await deps.accounts.kiosks.inOffice(office);
    const level = await deps.level(now, office);
    // The live view is read after the database answered, so it is the newest.
    const live = liveBoard(deps.state(), office, now);
    const kiosks = enrolled.map((k) => {
      const activity = live.kiosks.get(k.id);
      return {
        id: k.id,
        name: k.name,
        office: k.office,
        counter: k.counter,
        online: activity !== undefined,
        lastSeenAt: k.lastSeenAt,
        activity: activity ?? ('offline' as const),
        selfTest: k.selfTest,
      };
    });
    return { ...live, kiosks, level };
  };
  const push = async (viewers: Iterable<Viewer>) => {
    try {
      const now = deps.clock.now();
      const boards = new Map<string | null, { board: Wallboard; json: string }>();
      for (const viewer of [...viewers]) {
        const scope = scopeOf(viewer.data);
        if (scope === undefined) continue;
        let made = boards.get(scope);
        if (!made) {
          const board = await boardFor(scope, now);
          // `at` changes every time: compare without it, so only a real change is sent.
          made = { board, json: JSON.stringify({ ...board, at: 0 }) };
          boards.set(scope, made);
        }
        if (last.get(viewer.id) === made.json) continue;
        last.set(viewer.id, made.json);
        viewer.emit('wallboard:state', made.board);
      }
    } catch (err) {
      deps.onError(err);
    }
  };
  const stop: Disposer = everyOneAtATime(deps.clock, deps.everyMs, () => push(deps.viewers()));
  return {
    /** A viewer just connected: it gets the board now. */
    joined: (viewer: Viewer) => void push([viewer]),
    left: (id: string) => last.delete(id),
    dispose: stop,
  };
}
