import { useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.ts';
import { enrollKiosk } from '../net/auth.ts';
import { StatusBanner } from '../ui/StatusBanner.tsx';

/**
 * First start of a kiosk device: the installer types the one-time code from `npm run admin -- kiosk
 * add`; the server answers with the device credential in an HttpOnly cookie, and the kiosk starts.
 */
export function EnrollScreen({ onEnrolled }: { onEnrolled: () => void }) {
  const t = useT();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      class="card welcome"
      data-testid="enroll"
      onSubmit={(e) => {
        e.preventDefault();
        void enrollKiosk(code.trim()).then((r) => {
          if (r.ok) onEnrolled();
          else setError(r.code === 'timeout' ? t('errors.timeout') : t('auth.enroll.wrong'));
        });
      }}
    >
      <h2>{t('auth.enroll.heading')}</h2>
      <p class="lead">{t('auth.enroll.lead')}</p>
      <label class="field">
        <span>{t('auth.enroll.code')}</span>
        <input
          name="code"
          required
          inputMode="numeric"
          autocomplete="off"
          dir="ltr"
          maxLength={11}
          value={code}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
      </label>
      {error ? (
        <StatusBanner tone="bad" testId="enroll-error">
          {error}
        </StatusBanner>
      ) : null}
      <button type="submit" class="btn btn-primary btn-big" disabled={!code.trim()}>
        {t('auth.enroll.submit')}
      </button>
    </form>
  );
}
