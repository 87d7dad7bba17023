/**
 * What the switchboard reports for the call records. The SQLite repository implements it; the
 * domain does not know about SQL. Times are epoch milliseconds from the injected clock.
 */
import type { RequestContext } from '../../src/protocol/index.ts';

export type OfferOutcome = 'accepted' | 'declined' | 'timeout' | 'withdrawn' | 'offline';
/** How a request that was never answered ended. 'fallback' is chosen by the recorder when it applies. */
export type UnansweredOutcome = 'cancelled' | 'abandoned' | 'failed';

/** What an interpreter is told of a request, plus its id and the request it was requeued from. */
export interface NewRequestRecord extends RequestContext {
  id: string;
  requeuedFrom: string | null;
}

export interface CallRecorder {
  requested(request: NewRequestRecord): void;
  /** Returns the offer's id, for offerResult(). */
  offered(requestId: string, interpreterName: string, at: number): number;
  offerResult(offerId: number, outcome: OfferOutcome, at: number): void;
  answered(requestId: string, interpreterName: string, at: number): void;
  fallbackChosen(requestId: string, at: number): void;
  unanswered(requestId: string, outcome: UnansweredOutcome, at: number): void;
  ended(requestId: string, reason: string, at: number): void;
}
