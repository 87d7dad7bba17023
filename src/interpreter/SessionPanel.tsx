import { useT } from '../i18n/i18n.ts';
import type { SessionFeed } from '../session/session-feed.ts';
import { ChatCompose } from '../ui/ChatCompose.tsx';
import { ConversationFeed, LatestPictograms } from '../ui/ConversationFeed.tsx';
import { RequestCardView } from '../ui/RequestCardView.tsx';

/** During a call: the citizen's request card, the pictograms, and the counter's chat. */
export function SessionPanel({ feed }: { feed: SessionFeed }) {
  const t = useT();
  if (!feed.sessionId.value) return null;
  return (
    <div class="clerk-layout" data-testid="interpreter-session">
      <div class="clerk-col">
        {feed.card.value ? (
          <RequestCardView
            card={feed.card.value}
            heading={t('counter.card.headingFor')}
            testId="interpreter-card"
          />
        ) : null}
        <LatestPictograms feed={feed} testId="interpreter-latest" size={96} />
      </div>
      <div class="clerk-col">
        <ConversationFeed feed={feed} testId="interpreter-feed" />
        <ChatCompose
          feed={feed}
          onSend={async (text) => (await feed.sendChat(text)) === 'sent'}
          id="interpreter-compose"
        />
      </div>
    </div>
  );
}
