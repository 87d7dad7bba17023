import { useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.ts';
import { signIn } from '../net/auth.ts';
import { StatusBanner } from './StatusBanner.tsx';

/** Name and password for the consoles; the server sets an HttpOnly session cookie on success. */
export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const t = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<'wrong' | 'throttled' | 'offline' | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      class="card"
      data-testid="sign-in"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        void signIn(username.trim(), password).then((r) => {
          setBusy(false);
          if (r.ok) return onSignedIn();
          setError(r.code === 'rate_limited' ? 'throttled' : r.code === 'timeout' ? 'offline' : 'wrong');
        });
      }}
    >
      <h2>{t('auth.heading')}</h2>
      <label class="field">
        <span>{t('auth.username')}</span>
        <input
          name="username"
          required
          maxLength={60}
          autocomplete="username"
          dir="ltr"
          value={username}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span>{t('auth.password')}</span>
        <input
          name="password"
          type="password"
          required
          maxLength={200}
          autocomplete="current-password"
          dir="ltr"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      {error ? (
        <StatusBanner tone="bad" testId="sign-in-error">
          {t(`auth.errors.${error}`)}
        </StatusBanner>
      ) : null}
      <button type="submit" class="btn btn-primary" disabled={busy || !username.trim() || !password}>
        {t('auth.submit')}
      </button>
    </form>
  );
}
