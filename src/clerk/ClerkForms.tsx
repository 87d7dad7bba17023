import { useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.ts';
import { StatusBanner } from '../ui/StatusBanner.tsx';
import type { ClerkStore } from './clerk-store.ts';

export function ClerkSignIn({ onSubmit }: { onSubmit: (name: string) => void }) {
  const t = useT();
  const [name, setName] = useState('');
  return (
    <form
      class="card"
      data-testid="clerk-sign-in"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) onSubmit(name.trim());
      }}
    >
      <h2>{t('clerk.signIn.heading')}</h2>
      <label class="field">
        <span>{t('clerk.signIn.name')}</span>
        <input
          name="name"
          required
          maxLength={60}
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </label>
      <button type="submit" class="btn btn-primary" disabled={!name.trim()}>
        {t('clerk.signIn.submit')}
      </button>
    </form>
  );
}

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
          {store.pairError.value}
        </StatusBanner>
      ) : null}
      <button type="submit" class="btn btn-primary" data-testid="pair-submit" disabled={!code.trim()}>
        {t('clerk.pair.submit')}
      </button>
    </form>
  );
}
