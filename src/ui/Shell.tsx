import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { language, setLanguage, useT } from '../i18n/i18n.ts';

import type { HandshakeErrorCode } from '../protocol/index.ts';

/** `refused:<code>`: the server refused the handshake, for the reason the code names. */
export type ConnectionState = 'connecting' | 'online' | 'offline' | `refused:${HandshakeErrorCode}`;

/** Page frame: title bar with the language switch and the server connection, then the main area. */
export function Shell(props: { title: string; connection: ConnectionState; children: ComponentChildren }) {
  const t = useT();
  useEffect(() => {
    document.title = props.title;
  }, [props.title]);
  const other = language.value === 'ar' ? 'en' : 'ar';
  const refused = props.connection.startsWith('refused:')
    ? (props.connection.slice('refused:'.length) as HandshakeErrorCode)
    : null;
  const shown = refused ? 'offline' : (props.connection as 'connecting' | 'online' | 'offline');
  const tone = shown === 'online' ? 'ok' : shown === 'offline' ? 'bad' : 'wait';
  return (
    <>
      <header class="shell-header">
        <h1>{props.title}</h1>
        <span class="spacer" />
        <span class="badge" data-tone={tone} data-testid="connection">
          <span class="dot" aria-hidden="true" />
          {t(`app.connection.${shown}`)}
        </span>
        {refused ? (
          <span class="badge" data-tone="bad" role="alert" data-testid="connection-refused">
            {t(`errors.handshake.${refused}`)}
          </span>
        ) : null}
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
