import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultRetryPolicy, IceRecovery, type RetryPolicy } from '../../src/call/ice-recovery.ts';
import { systemClock } from '../../src/util/clock.ts';

function setup(policy: RetryPolicy = defaultRetryPolicy) {
  const restart = vi.fn();
  const giveUp = vi.fn();
  const recovery = new IceRecovery({ policy, clock: systemClock, restart, giveUp });
  return { recovery, restart, giveUp };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('default retry policy', () => {
  it('waits 2 s after a disconnect, restarts at once after a failure, backs off, then gives up', () => {
    expect(defaultRetryPolicy({ attempt: 0, state: 'disconnected' })).toBe(2000);
    expect(defaultRetryPolicy({ attempt: 0, state: 'failed' })).toBe(0);
    expect(defaultRetryPolicy({ attempt: 1, state: 'failed' })).toBe(4000);
    expect(defaultRetryPolicy({ attempt: 5, state: 'disconnected' })).toBe(10_000);
    expect(defaultRetryPolicy({ attempt: 8, state: 'disconnected' })).toBeNull();
  });
});

describe('IceRecovery', () => {
  it('restarts ICE 2 s after a disconnect that does not heal', () => {
    const { recovery, restart } = setup();
    recovery.handleIceState('disconnected');
    vi.advanceTimersByTime(1999);
    expect(restart).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(restart).toHaveBeenCalledTimes(1);
  });

  it('does nothing when the disconnect heals by itself', () => {
    const { recovery, restart } = setup();
    recovery.handleIceState('disconnected');
    vi.advanceTimersByTime(1000);
    recovery.handleIceState('connected');
    vi.advanceTimersByTime(60_000);
    expect(restart).not.toHaveBeenCalled();
  });

  it('restarts at once on failure and keeps trying on the policy until connected', () => {
    const { recovery, restart } = setup();
    recovery.handleIceState('disconnected');
    recovery.handleIceState('failed');
    vi.advanceTimersByTime(0);
    expect(restart).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(4000);
    expect(restart).toHaveBeenCalledTimes(2);
    recovery.handleIceState('connected');
    vi.advanceTimersByTime(60_000);
    expect(restart).toHaveBeenCalledTimes(2);
  });

  it('gives up when the policy says so', () => {
    const { recovery, restart, giveUp } = setup(({ attempt }) => (attempt < 2 ? 100 : null));
    recovery.handleIceState('disconnected');
    vi.advanceTimersByTime(1000);
    expect(restart).toHaveBeenCalledTimes(2);
    expect(giveUp).toHaveBeenCalledTimes(1);
  });
});
