import { useEffect, useState } from 'preact/hooks';
import type { Clock } from '../util/clock.ts';

/** The current time by `clock`, re-rendering the component once a second while it is mounted. */
export function useNow(clock: Clock, intervalMs = 1000): number {
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => clock.setInterval(() => setNow(clock.now()), intervalMs), [clock, intervalMs]);
  return now;
}
