import waitIcon from '../../assets/pictograms/wait.svg';
import { useT } from '../i18n/i18n.ts';
import { formatDuration } from '../ui/format.ts';
import { Question } from '../ui/Question.tsx';
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
        <Question
          id="ask-any"
          testId="ask-any-gender"
          question={t('kiosk.askAnyGender.question')}
          yes={t('kiosk.askAnyGender.yes')}
          no={t('kiosk.askAnyGender.no')}
          touchless={store.questionTouchless.value}
          onAnswer={(yes) => void store.acceptAnyGender(yes)}
        />
      ) : null}
      {store.fallback.value === 'offered' ? (
        <Question
          id="fallback-q"
          testId="fallback-offer"
          question={t('kiosk.fallback.question')}
          yes={t('kiosk.fallback.yes')}
          no={t('kiosk.fallback.no')}
          touchless={store.questionTouchless.value}
          onAnswer={(yes) => void store.chooseFallback(yes)}
        />
      ) : null}
      {store.fallback.value === 'chosen' ? (
        <p class="question" data-testid="fallback-chosen">
          {t('kiosk.fallback.chosen')}
        </p>
      ) : null}
    </section>
  );
}
