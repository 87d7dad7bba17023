import waitIcon from '../../assets/pictograms/wait.svg';
import { useT } from '../i18n/i18n.ts';
import { formatDuration } from '../ui/format.ts';
import type { KioskStore } from './kiosk-store.ts';

/**
 * While the citizen waits: place in line and expected wait as big numbers beside a pictogram, and
 * the two questions the server may ask (any gender? go on by text meanwhile?). Nothing by sound.
 */
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

      {store.askAnyGender.value ? (
        <div class="question" role="group" aria-labelledby="ask-any" data-testid="ask-any-gender">
          <p id="ask-any">{t('kiosk.askAnyGender.question')}</p>
          <div class="controls">
            <button type="button" class="btn btn-primary" onClick={() => void store.acceptAnyGender(true)}>
              {t('kiosk.askAnyGender.yes')}
            </button>
            <button type="button" class="btn" onClick={() => void store.acceptAnyGender(false)}>
              {t('kiosk.askAnyGender.no')}
            </button>
          </div>
        </div>
      ) : null}

      {store.fallback.value === 'offered' ? (
        <div class="question" role="group" aria-labelledby="fallback-q" data-testid="fallback-offer">
          <p id="fallback-q">{t('kiosk.fallback.question')}</p>
          <div class="controls">
            <button type="button" class="btn btn-primary" onClick={() => void store.chooseFallback(true)}>
              {t('kiosk.fallback.yes')}
            </button>
            <button type="button" class="btn" onClick={() => void store.chooseFallback(false)}>
              {t('kiosk.fallback.no')}
            </button>
          </div>
        </div>
      ) : null}
      {store.fallback.value === 'chosen' ? (
        <p class="question" data-testid="fallback-chosen">
          {t('kiosk.fallback.chosen')}
        </p>
      ) : null}
    </section>
  );
}
