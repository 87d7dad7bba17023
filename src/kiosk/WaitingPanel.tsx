import waitIcon from '../../assets/pictograms/wait.svg';
import { useT } from '../i18n/i18n.ts';
import { formatDuration } from '../ui/format.ts';
import type { KioskStore } from './kiosk-store.ts';

/** While the citizen waits: place in line and expected wait as big numbers beside a pictogram. */
export function WaitingPanel({ store }: { store: KioskStore }) {
  const t = useT();
  const wait = store.estimatedWaitS.value;
  return (
    <section class="waiting" data-testid="waiting">
      <img src={waitIcon} alt="" width={96} height={96} />
      <div class="waiting-figures">
        <p class="figure" data-testid="position">
          {t('kiosk.position')}: <span class="figure-number">{store.position.value ?? '…'}</span>
        </p>
        <p class="figure" data-testid="estimate">
          {wait === null ? (
            t('kiosk.estimateUnknown')
          ) : (
            <>
              {t('kiosk.estimate')}:{' '}
              <span class="figure-number" dir="ltr">
                {formatDuration(wait)}
              </span>
            </>
          )}
        </p>
      </div>
    </section>
  );
}
