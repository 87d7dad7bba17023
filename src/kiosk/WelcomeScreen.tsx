import callIcon from '../../assets/pictograms/call-interpreter.svg';
import { useT } from '../i18n/i18n.ts';
import type { CounterStore } from './counter-store.ts';

/** What the counter shows between citizens: one big button, and the code the clerk pairs with. */
export function WelcomeScreen({ counter }: { counter: CounterStore }) {
  const t = useT();
  const code = counter.pairingCode.value;
  const clerk = counter.clerkName.value;
  return (
    <section class="welcome" aria-labelledby="welcome-h" data-testid="welcome">
      <h2 id="welcome-h">{t('counter.welcome.heading')}</h2>
      <p class="lead">{t('counter.welcome.lead')}</p>
      <button
        type="button"
        class="btn btn-primary btn-big"
        data-testid="start-session"
        onClick={() => void counter.start()}
      >
        <img src={callIcon} alt="" />
        {t('counter.welcome.start')}
      </button>
      <p class="pairing" data-testid="pairing">
        {clerk ? t('counter.welcome.clerk', { name: clerk }) : null}
        {!clerk && code ? (
          <>
            {t('counter.welcome.pairing')}
            <bdi data-testid="pairing-code" class="code">
              {code}
            </bdi>
          </>
        ) : null}
      </p>
    </section>
  );
}
