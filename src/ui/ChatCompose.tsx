import { useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.ts';
import { MAX_CHAT_CHARS } from '../protocol/index.ts';
import type { SessionFeed } from '../session/session-feed.ts';

/** A text line to the session (the citizen and the interpreter see it as it is typed). */
export function ChatCompose(props: {
  feed: SessionFeed;
  onSend: (text: string) => Promise<boolean>;
  id: string;
}) {
  const t = useT();
  const [text, setText] = useState('');
  const left = MAX_CHAT_CHARS - text.length;
  return (
    <form
      class="card composer"
      aria-labelledby={`${props.id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        void props.onSend(text.trim()).then((ok) => {
          if (!ok) return;
          setText('');
          props.feed.typing('');
        });
      }}
    >
      <h2 id={`${props.id}-h`}>{t('clerk.compose.heading')}</h2>
      <label for={`${props.id}-text`}>{t('clerk.compose.label')}</label>
      <textarea
        id={`${props.id}-text`}
        data-testid={`${props.id}-text`}
        dir="auto"
        rows={3}
        maxLength={MAX_CHAT_CHARS}
        value={text}
        aria-describedby={`${props.id}-left`}
        onInput={(e) => {
          setText(e.currentTarget.value);
          props.feed.typing(e.currentTarget.value);
        }}
      />
      <p id={`${props.id}-left`} class={left <= 50 ? 'limit limit-near' : 'limit'}>
        {left <= 0 ? t('counter.chat.tooLong', { max: MAX_CHAT_CHARS }) : t('counter.chat.left', { n: left })}
      </p>
      <button type="submit" class="btn btn-primary" data-testid={`${props.id}-send`} disabled={!text.trim()}>
        {t('clerk.compose.send')}
      </button>
    </form>
  );
}
