import { useT } from '../i18n/i18n.ts';
import { Question } from '../ui/Question.tsx';
import { StatusBanner } from '../ui/StatusBanner.tsx';
import type { KioskStore } from './kiosk-store.ts';

/**
 * The questions the call may ask the citizen, wherever they are in the session: any interpreter
 * gender? any interpreter without the service's specialty? go on by text and pictures while keeping the place? poor video, text meanwhile? Nothing
 * by sound; a held thumb answers too when the camera helps.
 */
export function CallQuestions({ store }: { store: KioskStore }) {
  const t = useT();
  return (
    <>
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
      {store.askAnySkill.value ? (
        <Question
          id="ask-any-skill"
          testId="ask-any-skill"
          question={t('kiosk.askAnySkill.question', {
            skills: store.askAnySkill.value.map((s) => t(`supervisor.skills.${s}`)).join(t('kiosk.listJoin')),
          })}
          yes={t('kiosk.askAnyGender.yes')}
          no={t('kiosk.askAnyGender.no')}
          touchless={store.questionTouchless.value}
          onAnswer={(yes) => void store.acceptAnySkill(yes)}
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
        <StatusBanner testId="fallback-chosen">{t('kiosk.fallback.chosen')}</StatusBanner>
      ) : null}
      {store.offerTextForPoorVideo.value ? (
        <Question
          id="poor-video"
          testId="poor-video-offer"
          question={t('kiosk.poorVideo.question')}
          yes={t('kiosk.poorVideo.yes')}
          no={t('kiosk.poorVideo.no')}
          touchless={store.questionTouchless.value}
          onAnswer={(yes) => (store.poorVideoChoice.value = yes ? 'chosen' : 'dismissed')}
        />
      ) : null}
      {store.poorVideoChoice.value === 'chosen' ? (
        <StatusBanner testId="text-chosen">{t('kiosk.fallback.chosen')}</StatusBanner>
      ) : null}
    </>
  );
}
