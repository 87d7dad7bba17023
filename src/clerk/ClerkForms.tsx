import { useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.ts';
import { StatusBanner } from '../ui/StatusBanner.tsx';
import type { ClerkStore } from './clerk-store.ts';
import { ackErrorKey } from '../i18n/error-keys.ts';

/** The clerk types the code the kiosk shows (or the kiosk's configured id). */
export function PairForm({ store }: { store: ClerkStore }) {
  const t = useT();
  const [code, setCode] = useState('');
  return (
    <form
      class="card"
      data-testid="pair-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (code.trim()) void store.pair(code.trim());
      }}
    >
      <h2>{t('clerk.pair.heading')}</h2>
      <label class="field">
        <span>{t('clerk.pair.code')}</span>
        <input
          name="code"
          required
          maxLength={40}
          autocomplete="off"
          inputMode="numeric"
          dir="ltr"
          value={code}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
      </label>
      {store.pairError.value ? (
        <StatusBanner tone="bad" testId="pair-error">
          {t(ackErrorKey(store.pairError.value, 'pairing'))}
        </StatusBanner>
      ) : null}
      <button type="submit" class="btn btn-primary" data-testid="pair-submit" disabled={!code.trim()}>
        {t('clerk.pair.submit')}
      </button>
    </form>
  );
}
