import { useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.ts';

export function SignIn({ onSubmit }: { onSubmit: (name: string) => void }) {
  const t = useT();
  const [name, setName] = useState('');
  return (
    <form
      class="card"
      data-testid="sign-in"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) onSubmit(name.trim());
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
      <button type="submit" class="btn btn-primary">
        {t('interpreter.signIn.submit')}
      </button>
    </form>
  );
}
