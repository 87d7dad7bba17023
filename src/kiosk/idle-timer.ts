/**
 * When an untouched kiosk session ends: after `idleS` without a touch, with a warning that counts down
 * for the last `warningS` (WCAG 2.2.1: the citizen can ask for more time with one touch). Paused
 * while a call is waiting or running: a call is never ended for being idle. Pure: time is passed in.
 */
import type { IdlePolicy } from '../protocol/index.ts';

export interface IdleTick {
  /** Whole seconds left before the session ends. */
  leftS: number;
  warning: boolean;
  expired: boolean;
}

export class IdleTimer {
  private lastActivity: number;

  constructor(
    private readonly policy: Pick<IdlePolicy, 'idleS' | 'warningS'>,
    now: number,
  ) {
    this.lastActivity = now;
  }

  touch(now: number): void {
    this.lastActivity = now;
  }

  tick(now: number, paused: boolean): IdleTick {
    if (paused) this.lastActivity = now;
    const leftMs = this.lastActivity + this.policy.idleS * 1000 - now;
    const leftS = Math.max(0, Math.ceil(leftMs / 1000));
    return { leftS, warning: leftMs > 0 && leftS <= this.policy.warningS, expired: leftMs <= 0 };
  }
}
