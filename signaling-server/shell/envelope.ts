/**
 * What travels with an event through the driver besides the core's own input (the envelope), and
 * what one commit of the driver is made of (a batch): shared by the driver and cluster mode.
 */
import type { Ack } from '../../src/protocol/index.ts';
import type { CoreEvent, CoreState, Input, RecordOp } from '../domain/types.ts';

/** A client event's answer; undefined for other events. */
export type Reply = Ack<object> | undefined;

/**
 * What the shell may add to an event: an idempotency key (a resent event is answered, not applied
 * again), the randomness drawn where it came from (a resend steps the same), the node its socket is
 * on and the inbox entry it came from (cluster mode).
 */
export interface Envelope {
  key?: string;
  rand?: string;
  node?: string;
  inbox?: string;
}
export type Dispatched = CoreEvent & Pick<Input, 'resume'> & Envelope;

/** One input as stepped (replayable: the core is pure), with its envelope. */
export interface Stepped extends Omit<Envelope, 'rand'> {
  input: Input;
  now: number;
}

/** One commit's worth of steps, the state they lead to, and their records. */
export interface Batch {
  inputs: Stepped[];
  state: CoreState;
  records: RecordOp[];
}

/** How many answers are kept for resent events (a resend comes within seconds). */
const RECENT_KEYS = 20_000;

/** Keeps an event's answer by its idempotency key, forgetting the oldest past RECENT_KEYS. */
export function remember(recent: Map<string, Reply>, key: string, ack: Reply): void {
  recent.set(key, ack);
  if (recent.size > RECENT_KEYS) recent.delete(recent.keys().next().value!);
}
