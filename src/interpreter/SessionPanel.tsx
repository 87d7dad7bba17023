import type { SessionFeed } from '../session/session-feed.ts';
import { SessionColumns } from '../ui/SessionColumns.tsx';

/** During a call: the citizen's request card, the pictograms, and the counter's chat. */
export function SessionPanel({ feed }: { feed: SessionFeed }) {
  if (!feed.sessionId.value) return null;
  return (
    <SessionColumns
      feed={feed}
      id="interpreter"
      onSend={async (text) => (await feed.sendChat(text)) === 'sent'}
    />
  );
}
