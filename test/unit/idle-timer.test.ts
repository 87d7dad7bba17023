import { describe, expect, it } from 'vitest';
import { IdleTimer } from '../../src/kiosk/idle-timer.ts';
import {
  KIOSK_SESSION_TABLE,
  type KioskSessionEvent,
  type KioskSessionState,
} from '../../src/kiosk/session-machine.ts';
import { next } from '../../src/util/machine.ts';

describe('idle timer', () => {
  const policy = { idleS: 120, warningS: 30 };

  it('warns for the last 30 s, counting down, then expires', () => {
    const timer = new IdleTimer(policy, 0);
    expect(timer.tick(89_000, false)).toEqual({ leftS: 31, warning: false, expired: false });
    expect(timer.tick(90_000, false)).toEqual({ leftS: 30, warning: true, expired: false });
    expect(timer.tick(119_500, false)).toEqual({ leftS: 1, warning: true, expired: false });
    expect(timer.tick(120_000, false)).toEqual({ leftS: 0, warning: false, expired: true });
  });

  it('starts again from a touch ("I am still here")', () => {
    const timer = new IdleTimer(policy, 0);
    expect(timer.tick(100_000, false).warning).toBe(true);
    timer.touch(100_000);
    expect(timer.tick(100_000, false)).toEqual({ leftS: 120, warning: false, expired: false });
    expect(timer.tick(219_000, false).expired).toBe(false);
    expect(timer.tick(220_000, false).expired).toBe(true);
  });

  it('never runs out during a call, and counts the whole time again after it', () => {
    const timer = new IdleTimer(policy, 0);
    for (let t = 0; t <= 600_000; t += 10_000) expect(timer.tick(t, true).expired).toBe(false);
    expect(timer.tick(600_000 + 119_000, false).expired).toBe(false);
    expect(timer.tick(600_000 + 120_000, false).expired).toBe(true);
  });
});

describe('kiosk session machine', () => {
  it('goes welcome → active → ending → welcome and nowhere else', () => {
    const log: string[] = [];
    const go = (from: KioskSessionState, event: KioskSessionEvent) =>
      next('kiosk session', KIOSK_SESSION_TABLE, from, event, (l) => log.push(l));
    expect(go('welcome', 'start')).toBe('active');
    expect(go('active', 'end')).toBe('ending');
    expect(go('ending', 'wiped')).toBe('welcome');
    expect(go('active', 'wiped')).toBeNull(); // never back to welcome without the wipe
    expect(go('welcome', 'end')).toBeNull();
    expect(log).toContain('kiosk session: active refuses wiped');
  });
});
