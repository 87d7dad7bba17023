/** The one queue of call requests, oldest first (a requeued request goes to the head). */
import type { GenderPref, SignLanguage } from '../../src/protocol/index.ts';

export interface QueuedRequest {
  id: string;
  kioskId: string;
  gender: GenderPref;
  language: SignLanguage;
  requestedAt: number;
  requeuedFrom: string | null;
  /** Interpreters who declined, missed or dropped this request: it is not offered to them again. */
  declinedBy: Set<string>;
  offer: { interpreterId: string; offerId: number; cancelTimer: () => void } | null;
  /** Cancels the gender-question and fallback-offer timers. */
  cancelTimers: Array<() => void>;
  askedAnyGender: boolean;
  /** What the kiosk was last told ("queued:3:40"), so it is told again only when that changes. */
  lastStatus: string;
}

export interface Matchable {
  id: string;
  gender: 'female' | 'male';
  languages: ReadonlySet<SignLanguage>;
}

export function matches(request: QueuedRequest, interpreter: Matchable): boolean {
  return (
    !request.declinedBy.has(interpreter.id) &&
    interpreter.languages.has(request.language) &&
    (request.gender === 'any' || request.gender === interpreter.gender)
  );
}

export class RequestQueue {
  private readonly items: QueuedRequest[] = [];
  private readonly byId = new Map<string, QueuedRequest>();

  get length(): number {
    return this.items.length;
  }

  add(request: QueuedRequest, atHead = false): void {
    if (atHead) this.items.unshift(request);
    else this.items.push(request);
    this.byId.set(request.id, request);
  }

  remove(request: QueuedRequest): void {
    const i = this.items.indexOf(request);
    if (i >= 0) this.items.splice(i, 1);
    this.byId.delete(request.id);
  }

  get(id: string): QueuedRequest | undefined {
    return this.byId.get(id);
  }

  /** In queue order (position = index + 1). */
  entries(): readonly QueuedRequest[] {
    return this.items;
  }

  oldestRequestedAt(): number | null {
    let oldest: number | null = null;
    for (const r of this.items) if (oldest === null || r.requestedAt < oldest) oldest = r.requestedAt;
    return oldest;
  }
}
