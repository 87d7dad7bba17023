import type { ComponentChildren } from 'preact';
import { useT } from '../i18n/i18n.ts';
import type { SessionFeed } from '../session/session-feed.ts';
import { ChatCompose } from './ChatCompose.tsx';
import { ConversationFeed, LatestPictograms } from './ConversationFeed.tsx';
import { RequestCardView } from './RequestCardView.tsx';

/**
 * A counter session as the clerk and the interpreter see it: the citizen's request card and the
 * latest pictograms (large) on one side, the conversation and a text line on the other. `id` prefixes
 * every test id ("clerk", "interpreter"); `tools` go under the pictograms (the clerk's sender).
 */
export function SessionColumns(props: {
  feed: SessionFeed;
  id: string;
  onSend: (text: string) => Promise<boolean>;
  tools?: ComponentChildren;
}) {
  const t = useT();
  const { feed, id } = props;
  return (
    <div class="clerk-layout" data-testid={`${id}-panel`}>
      <div class="clerk-col">
        {feed.card.value ? (
          <RequestCardView
            card={feed.card.value}
            heading={t('counter.card.headingFor')}
            testId={`${id}-card`}
          />
        ) : (
          <p class="hint" data-testid={`${id}-no-card`}>
            {t('counter.card.empty')}
          </p>
        )}
        <LatestPictograms feed={feed} testId={`${id}-latest`} size={120} />
        {props.tools}
      </div>
      <div class="clerk-col">
        <ConversationFeed feed={feed} testId={`${id}-feed`} />
        <ChatCompose feed={feed} onSend={props.onSend} id={`${id}-compose`} />
      </div>
    </div>
  );
}
