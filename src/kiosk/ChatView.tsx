import { useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.ts';
import { MAX_CHAT_CHARS } from '../protocol/index.ts';
import { StatusBanner } from '../ui/StatusBanner.tsx';
import { FullScreen } from '../ui/FullScreen.tsx';
import { ArabicKeyboard } from './ArabicKeyboard.tsx';
import type { CounterStore } from './counter-store.ts';

const QUICK = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6'] as const;

/**
 * Writing to the clerk (and the interpreter): quick phrases, the text as it is typed (the others see
 * it live), an Arabic on-screen keyboard, and the length limit said before it is reached.
 */
export function ChatView({ counter }: { counter: CounterStore }) {
  const t = useT();
  const [failed, setFailed] = useState(false);
  const [showing, setShowing] = useState(false);
  const text = counter.composer.value;
  const left = MAX_CHAT_CHARS - text.length;
  const type = (next: string) => counter.type(next.slice(0, MAX_CHAT_CHARS));
  const send = async (message: string) => {
    if (!message.trim()) return;
    setFailed((await counter.sendText(message.trim())) !== 'sent');
  };
  return (
    <section aria-labelledby="chat-h" data-testid="chat">
      <h2 id="chat-h">{t('counter.chat.heading')}</h2>
      <div class="quick" role="group" aria-label={t('counter.chat.quick')}>
        {QUICK.map((q) => (
          <button
            key={q}
            type="button"
            class="btn"
            data-testid={`quick-${q}`}
            onClick={() => void send(t(`counter.chat.${q}`))}
          >
            {t(`counter.chat.${q}`)}
          </button>
        ))}
      </div>
      <form
        class="composer"
        onSubmit={(e) => {
          e.preventDefault();
          void send(text);
        }}
      >
        <label for="composer-text">{t('counter.chat.label')}</label>
        <textarea
          id="composer-text"
          data-testid="composer"
          dir="auto"
          rows={2}
          maxLength={MAX_CHAT_CHARS}
          value={text}
          aria-describedby="composer-left"
          onInput={(e) => type(e.currentTarget.value)}
        />
        <p id="composer-left" class={left <= 50 ? 'limit limit-near' : 'limit'} aria-live="polite">
          {left <= 0
            ? t('counter.chat.tooLong', { max: MAX_CHAT_CHARS })
            : t('counter.chat.left', { n: left })}
        </p>
        <div class="controls">
          <button type="submit" class="btn btn-primary" data-testid="composer-send" disabled={!text.trim()}>
            {t('counter.chat.send')}
          </button>
          <button type="button" class="btn" onClick={() => type('')} disabled={!text}>
            {t('counter.chat.clear')}
          </button>
          <button
            type="button"
            class="btn"
            data-testid="show-text"
            disabled={!text.trim()}
            onClick={() => setShowing(true)}
          >
            {t('kiosk.offline.showText')}
          </button>
        </div>
      </form>
      {showing ? (
        // The face-to-face pad: the citizen turns the screen to the clerk.
        <FullScreen
          title={t('kiosk.offline.showClerk')}
          testId="pad-fullscreen"
          onClose={() => setShowing(false)}
        >
          <p class="pad-text" dir="auto">
            {text}
          </p>
        </FullScreen>
      ) : null}
      {failed ? (
        <StatusBanner tone="bad" testId="chat-failed">
          {t('counter.chat.failed')}
        </StatusBanner>
      ) : null}
      <ArabicKeyboard
        onKey={(k) => type(text + k)}
        onBackspace={() => type([...text].slice(0, -1).join(''))}
      />
    </section>
  );
}
