/**
 * A kiosk stands in a hall all day: its screen must not sleep. A Screen Wake Lock is held while the
 * page is visible and taken again whenever it becomes visible (the browser drops it when hidden).
 * Where the browser refuses (no wake lock, or not allowed) the kiosk works as before; the managed
 * device's power settings are then what keeps it on (docs/KIOSK.md).
 */
import type { Disposer } from '../util/emitter.ts';

export function keepAwake(nav: Navigator = navigator, doc: Document = document): Disposer {
  let sentinel: WakeLockSentinel | null = null;
  let stopped = false;
  const take = async () => {
    if (stopped || doc.visibilityState !== 'visible' || !('wakeLock' in nav)) return;
    try {
      sentinel = await nav.wakeLock.request('screen');
      if (stopped) void sentinel.release();
    } catch (err) {
      console.warn('screen wake lock refused', err);
    }
  };
  const onVisibility = () => void take();
  doc.addEventListener('visibilitychange', onVisibility);
  void take();
  return () => {
    stopped = true;
    doc.removeEventListener('visibilitychange', onVisibility);
    void sentinel?.release().catch(() => {});
  };
}
