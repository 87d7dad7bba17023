/** Read-only views of the core's state: counts for /healthz, /api/stats and tests (never content). */
import type { CoreState } from './types.ts';

export function counts(s: CoreState) {
  let available = 0;
  let kiosks = 0;
  let clerks = 0;
  let sessions = 0;
  for (const c of Object.values(s.clients)) {
    if (c.kind === 'interpreter' && c.status === 'available') available++;
    if (c.kind === 'kiosk') {
      kiosks++;
      if (c.session) sessions++;
    }
    if (c.kind === 'clerk') clerks++;
  }
  return { queued: s.queue.length, calls: Object.keys(s.calls).length, available, kiosks, clerks, sessions };
}
