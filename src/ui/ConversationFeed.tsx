import { useEffect, useRef } from 'preact/hooks';
import { useT } from '../i18n/i18n.ts';
import type { SessionRole } from '../protocol/index.ts';
import type { SessionFeed } from '../session/session-feed.ts';
import { PictogramFigure } from './PictogramFigure.tsx';

/**
 * The session's conversation as one log: text lines and pictogram messages, newest last, and below
 * them what the others are typing right now (real-time text). Screen readers hear new lines politely.
 */
export function ConversationFeed(props: { feed: SessionFeed; testId: string }) {
  const t = useT();
  const { feed } = props;
  const who = (from: SessionRole) => (from === feed.me ? t('counter.feed.me') : t(`counter.feed.${from}`));
  const end = useRef<HTMLDivElement>(null);
  const items = feed.items.value;
  useEffect(() => end.current?.scrollIntoView?.({ block: 'nearest' }), [items.length]);
  const drafts = Object.entries(feed.drafts.value).filter(
    ([from, text]) => from !== feed.me && text && text.trim() !== '',
  ) as [SessionRole, string][];
  return (
    <section class="feed" aria-labelledby={`${props.testId}-h`} data-testid={props.testId}>
      <h2 id={`${props.testId}-h`}>{t('counter.feed.heading')}</h2>
      <div class="feed-log" role="log" aria-live="polite" tabIndex={0} aria-labelledby={`${props.testId}-h`}>
        <ol class="feed-items">
          {items.length === 0 ? <li class="feed-empty">{t('counter.feed.empty')}</li> : null}
          {items.map((item) => (
            <li
              key={item.id}
              class="feed-item"
              data-from={item.from}
              data-mine={String(item.from === feed.me)}
            >
              <span class="feed-who">{who(item.from)}</span>
              {item.kind === 'chat' ? (
                <span class="feed-text" dir="auto">
                  {item.text}
                </span>
              ) : (
                <span class="feed-pictos">
                  {item.ids.map((id, i) => (
                    <PictogramFigure key={i} id={id} size={48} />
                  ))}
                </span>
              )}
            </li>
          ))}
        </ol>
        <div ref={end} />
      </div>
      {drafts.map(([from, text]) => (
        <p key={from} class="feed-draft" data-testid={`${props.testId}-draft-${from}`}>
          <span class="feed-who">{t('counter.feed.typing', { who: who(from) })}</span>
          <span class="feed-text" dir="auto">
            {text}
          </span>
        </p>
      ))}
    </section>
  );
}

/** The newest pictogram message, large: what the citizen tapped, or what the clerk showed them. */
export function LatestPictograms(props: { feed: SessionFeed; testId: string; size?: number }) {
  const t = useT();
  const last = props.feed.lastPictograms.value;
  if (!last) return null;
  const who = last.from === props.feed.me ? t('counter.feed.me') : t(`counter.feed.${last.from}`);
  return (
    <section class="latest-pictos" aria-labelledby={`${props.testId}-h`} data-testid={props.testId}>
      <h2 id={`${props.testId}-h`}>
        {t('counter.feed.latest')} — {who}
      </h2>
      <div class="latest-row" aria-live="polite">
        {last.ids.map((id, i) => (
          <PictogramFigure key={`${last.id}-${i}`} id={id} size={props.size ?? 140} />
        ))}
      </div>
    </section>
  );
}
