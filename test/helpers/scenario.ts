/**
 * A browser scenario as steps that build on each other (a call: open, queue, ring, connect, end…),
 * each still its own test. A step runs the steps before it that have not run yet, so any one of them
 * runs alone (`vitest run -t "connects video"`) as well as in order; each step runs at most once, and
 * after a step failed the later ones fail at once, naming it.
 */
import { it } from 'vitest';

const STEP_TIMEOUT_MS = 90_000;

export function scenario() {
  const steps: Array<{ name: string; fn: () => unknown; state: 'pending' | 'done' | 'failed' }> = [];
  const runThrough = async (last: number) => {
    for (const s of steps.slice(0, last + 1)) {
      if (s.state === 'done') continue;
      if (s.state === 'failed') throw new Error(`an earlier step of this scenario failed: "${s.name}"`);
      try {
        await s.fn();
        s.state = 'done';
      } catch (err) {
        s.state = 'failed';
        throw err;
      }
    }
  };
  return {
    /** A step: a test that first brings the pages to where the previous step left them. */
    step(name: string, fn: () => unknown): void {
      const index = steps.push({ name, fn, state: 'pending' }) - 1;
      // Alone, a step also runs the ones before it: its time allows for all of them.
      it(name, () => runThrough(index), STEP_TIMEOUT_MS * (index + 1));
    },
  };
}
