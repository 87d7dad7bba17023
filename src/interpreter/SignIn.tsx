import { useEffect, useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.ts';
import type { Gender, SignLanguage } from '../protocol/index.ts';
import type { Profile } from './interpreter-store.ts';

export function SignIn({ onSubmit }: { onSubmit: (profile: Profile) => void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [gender, setGender] = useState<Gender | null>(null);
  const [offered, setOffered] = useState<SignLanguage[]>([]);
  const [languages, setLanguages] = useState<SignLanguage[]>([]);
  useEffect(() => {
    void fetch('/api/sign-languages')
      .then((r) => r.json() as Promise<{ languages: SignLanguage[] }>)
      .then((r) => {
        setOffered(r.languages);
        setLanguages(r.languages.slice(0, 1));
      })
      .catch((err: unknown) => console.warn('sign languages not loaded', err));
  }, []);
  const toggle = (l: SignLanguage, on: boolean) =>
    setLanguages((ls) => (on ? [...ls.filter((x) => x !== l), l] : ls.filter((x) => x !== l)));
  const ready = name.trim() !== '' && gender !== null && languages.length > 0;

  return (
    <form
      class="card"
      data-testid="sign-in"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) onSubmit({ name: name.trim(), gender, languages });
      }}
    >
      <h2>{t('interpreter.signIn.heading')}</h2>
      <label class="field">
        <span>{t('interpreter.signIn.name')}</span>
        <input
          name="name"
          required
          maxLength={60}
          autocomplete="name"
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </label>
      <fieldset class="options">
        <legend>{t('interpreter.signIn.gender')}</legend>
        {(['female', 'male'] as const).map((g) => (
          <label key={g} class="option">
            <input type="radio" name="gender" required checked={gender === g} onChange={() => setGender(g)} />
            {t(`interpreter.signIn.${g}`)}
          </label>
        ))}
      </fieldset>
      <fieldset class="options">
        <legend>{t('interpreter.signIn.languages')}</legend>
        {offered.map((l) => (
          <label key={l} class="option">
            <input
              type="checkbox"
              checked={languages.includes(l)}
              onChange={(e) => toggle(l, e.currentTarget.checked)}
            />
            {t(`languages.${l}`)}
          </label>
        ))}
      </fieldset>
      <button type="submit" class="btn btn-primary" disabled={!ready}>
        {t('interpreter.signIn.submit')}
      </button>
    </form>
  );
}
