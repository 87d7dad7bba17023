import { useT } from '../i18n/i18n.ts';

/** Privacy in one sentence, and the attributions the licences ask for (OpenMoji CC BY-SA 4.0). */
export function AboutView() {
  const t = useT();
  return (
    <section aria-labelledby="about-h" data-testid="about">
      <h2 id="about-h">{t('counter.about.heading')}</h2>
      <p>{t('counter.about.privacy')}</p>
      <p class="attribution">{t('counter.about.pictograms')}</p>
      <p>{t('counter.about.font')}</p>
    </section>
  );
}
