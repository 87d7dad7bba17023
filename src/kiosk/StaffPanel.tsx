import { useRef, useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.ts';
import { StatusBanner } from '../ui/StatusBanner.tsx';
import type { DeviceStore } from './device-store.ts';

const HOLD_MS = 3000;

/**
 * For office staff, not citizens: a notice when the last self-test failed, and — behind a hidden
 * gesture (hold the kiosk's corner mark for 3 s) — the self-test's checks and a button to run it.
 */
export function StaffPanel({ device }: { device: DeviceStore }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const timer = useRef<number | null>(null);
  const failed = device.failed.value;
  const stop = () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };
  return (
    <div class="staff">
      <span
        class="staff-mark"
        data-testid="staff-mark"
        aria-hidden="true"
        onPointerDown={() => {
          stop();
          timer.current = window.setTimeout(() => setOpen(true), HOLD_MS);
        }}
        onPointerUp={stop}
        onPointerLeave={stop}
      />
      {failed.length > 0 ? (
        <StatusBanner testId="self-test-notice" tone="bad">
          {t('kiosk.staff.failed', {
            checks: failed.map((c) => t(`kiosk.staff.checks.${c}`)).join(t('kiosk.listJoin')),
          })}
        </StatusBanner>
      ) : null}
      {open ? (
        <section class="staff-panel" aria-labelledby="staff-h" data-testid="staff-panel">
          <h2 id="staff-h">{t('kiosk.staff.heading')}</h2>
          <ul>
            {(device.results.value ?? []).map((r) => (
              <li key={r.check} data-testid={`check-${r.check}`} data-status={r.status}>
                {t(`kiosk.staff.checks.${r.check}`)}: {t(`kiosk.staff.status.${r.status}`)}
                {r.detail ? <bdi> ({r.detail})</bdi> : null}
              </li>
            ))}
          </ul>
          <div class="controls">
            <button
              type="button"
              class="btn btn-primary"
              data-testid="run-self-test"
              disabled={device.running.value}
              onClick={() => void device.run()}
            >
              {device.running.value ? t('kiosk.staff.running') : t('kiosk.staff.run')}
            </button>
            <button type="button" class="btn" onClick={() => setOpen(false)}>
              {t('kiosk.staff.close')}
            </button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
