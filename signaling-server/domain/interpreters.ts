/** The interpreters connected to this server, their presence, and who is free for what. */
import type { PresenceStatus, SignLanguage } from '../../src/protocol/index.ts';
import { transitionPresence } from './presence.ts';
import { matches, type QueuedRequest } from './queue.ts';

export interface Interpreter {
  id: string;
  /** The account behind the socket (call resume tokens are bound to it). */
  accountId: string;
  name: string;
  gender: 'female' | 'male';
  languages: ReadonlySet<SignLanguage>;
  status: PresenceStatus;
  /** When the interpreter last became available; the longest-idle one is offered first. */
  idleSince: number;
  ringingFor: string | null;
  callId: string | null;
  wrapUp: { endsAt: number; cancel: () => void } | null;
}

export class InterpreterPool {
  private readonly all = new Map<string, Interpreter>();
  /** Kept apart so that matching costs nothing when nobody is free (a long queue, a busy hour). */
  private readonly available = new Set<Interpreter>();

  constructor(private readonly log: (line: string, fields: Record<string, unknown>) => void) {}

  add(interpreter: Interpreter): void {
    this.all.set(interpreter.id, interpreter);
  }

  remove(id: string): void {
    const interpreter = this.all.get(id);
    if (!interpreter) return;
    interpreter.wrapUp?.cancel();
    this.available.delete(interpreter);
    this.all.delete(id);
  }

  get(id: string): Interpreter | undefined {
    return this.all.get(id);
  }

  setStatus(interpreter: Interpreter, to: PresenceStatus, now: number): void {
    if (interpreter.status === to) return;
    interpreter.status = transitionPresence(interpreter.status, to, (line) =>
      this.log(line, { interpreterId: interpreter.id }),
    );
    if (to !== 'wrap-up' && interpreter.wrapUp) {
      interpreter.wrapUp.cancel();
      interpreter.wrapUp = null;
    }
    if (to === 'available') {
      interpreter.idleSince = now;
      this.available.add(interpreter);
    } else {
      this.available.delete(interpreter);
    }
  }

  /** The longest-idle available interpreter this request may go to. */
  pickFor(request: QueuedRequest): Interpreter | undefined {
    let best: Interpreter | undefined;
    for (const i of this.available) {
      if (!matches(request, i)) continue;
      if (!best || i.idleSince < best.idleSince) best = i;
    }
    return best;
  }

  availableCount(): number {
    return this.available.size;
  }

  /** Interpreters who are working (not offline or on a break): they share the queue between them. */
  workingCount(): number {
    let n = 0;
    for (const i of this.all.values()) if (i.status !== 'offline' && i.status !== 'break') n++;
    return n;
  }
}
