/**
 * Gets a call's media back after a network blip, without anyone touching the kiosk: on ICE
 * "disconnected" wait (about 2 s) then restart ICE, on "failed" restart at once, and keep trying on
 * the schedule of an injected retry policy until ICE connects again or the policy gives up.
 */
import type { Clock } from '../util/clock.ts';

export interface RetryContext {
  /** Restarts already made since the media was last connected. */
  attempt: number;
  state: 'disconnected' | 'failed';
}
/** Milliseconds until the next ICE restart, or null to give up. */
export type RetryPolicy = (ctx: RetryContext) => number | null;

export const defaultRetryPolicy: RetryPolicy = ({ attempt, state }) => {
  if (attempt >= 8) return null;
  if (state === 'failed' && attempt === 0) return 0;
  return Math.min(2000 * 2 ** attempt, 10_000);
};

export class IceRecovery {
  private attempt = 0;
  private timer: (() => void) | null = null;
  private state: 'ok' | RetryContext['state'] = 'ok';

  constructor(
    private readonly deps: {
      policy: RetryPolicy;
      clock: Pick<Clock, 'setTimeout'>;
      restart: () => void;
      giveUp: () => void;
    },
  ) {}

  handleIceState(ice: RTCIceConnectionState): void {
    if (ice === 'connected' || ice === 'completed') {
      this.cancel();
      this.attempt = 0;
      this.state = 'ok';
    } else if (ice === 'disconnected' && this.state === 'ok') {
      this.state = 'disconnected';
      this.schedule();
    } else if (ice === 'failed' && this.state !== 'failed') {
      this.state = 'failed';
      this.cancel();
      this.schedule();
    }
  }

  dispose(): void {
    this.cancel();
  }

  private schedule(): void {
    if (this.state === 'ok') return;
    const delay = this.deps.policy({ attempt: this.attempt, state: this.state });
    if (delay === null) {
      this.deps.giveUp();
      return;
    }
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      this.attempt++;
      this.deps.restart();
      // Not connected again by the next turn of the policy: restart again.
      this.schedule();
    }, delay);
  }

  private cancel(): void {
    this.timer?.();
    this.timer = null;
  }
}
