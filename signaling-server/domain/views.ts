/** Read-only views of the core's state: counts for /healthz, /api/stats and tests (never content). */
import type { CoreState } from './types.ts';

export function counts(s: CoreState) {
  let available = 0;
  let kiosks = 0;
  let clerks = 0;
  let sessions = 0;
  for (const c of [...s.clients.values()]) {
    if (c.kind === 'interpreter' && c.status === 'available') available++;
    if (c.kind === 'kiosk') {
      kiosks++;
      if (c.session) sessions++;
    }
    if (c.kind === 'clerk') clerks++;
  }
  return { queued: s.queue.length, calls: [...s.calls.keys()].length, available, kiosks, clerks, sessions };
}
