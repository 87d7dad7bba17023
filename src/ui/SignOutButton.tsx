import { useT } from '../i18n/i18n.ts';
import { signOut } from '../net/auth.ts';

/** Ends the sign-in (the server deletes the session) and starts the page again at its sign-in form. */
export function SignOutButton() {
  const t = useT();
  return (
    <button
      type="button"
      class="btn"
      data-testid="sign-out"
      onClick={() => void signOut().then(() => location.reload())}
    >
      {t('auth.signOut')}
    </button>
  );
}
