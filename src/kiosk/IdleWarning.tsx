import { useEffect, useRef } from 'preact/hooks';
import { useT } from '../i18n/i18n.ts';
import type { CounterStore } from './counter-store.ts';

/**
 * The idle warning (WCAG 2.2.1): a visible countdown and one big button to keep the session. It is a
 * modal dialog, so the button has the focus; no sound is needed to notice it.
 */
export function IdleWarning({ counter }: { counter: CounterStore }) {
  const t = useT();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <div class="overlay">
      <div
        class="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-h"
        aria-describedby="idle-body"
        data-testid="idle-warning"
      >
        <h2 id="idle-h">{t('counter.idle.heading')}</h2>
        <p id="idle-body">{t('counter.idle.body', { seconds: counter.idle.value.leftS })}</p>
        <p class="countdown" aria-hidden="true" data-testid="idle-countdown">
          {counter.idle.value.leftS}
        </p>
        <button
          ref={button}
          type="button"
          class="btn btn-primary btn-big"
          data-testid="still-here"
          onClick={() => counter.stillHere()}
        >
          {t('counter.idle.stillHere')}
        </button>
      </div>
    </div>
  );
}
