import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { language, setLanguage, useT } from '../i18n/i18n.ts';

export type ConnectionState = 'connecting' | 'online' | 'offline';

/** Page frame: title bar with the language switch and the server connection, then the main area. */
export function Shell(props: { title: string; connection: ConnectionState; children: ComponentChildren }) {
  const t = useT();
  useEffect(() => {
    document.title = props.title;
  }, [props.title]);
  const other = language.value === 'ar' ? 'en' : 'ar';
  const tone = props.connection === 'online' ? 'ok' : props.connection === 'offline' ? 'bad' : 'wait';
  return (
    <>
      <header class="shell-header">
        <h1>{props.title}</h1>
        <span class="spacer" />
        <span class="badge" data-tone={tone} data-testid="connection">
          <span class="dot" aria-hidden="true" />
          {t(`app.connection.${props.connection}`)}
        </span>
        <button
          type="button"
          class="btn btn-lang"
          lang={other}
          aria-label={t('app.switchLanguageLabel')}
          onClick={() => setLanguage(other)}
        >
          {t('app.switchLanguage')}
        </button>
      </header>
      <main class="shell-main">{props.children}</main>
    </>
  );
}
