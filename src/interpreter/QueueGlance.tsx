import { useT } from '../i18n/i18n.ts';
import { formatDuration } from '../ui/format.ts';
import { useNow } from '../ui/use-now.ts';
import type { InterpreterStore } from './interpreter-store.ts';

/** How many wait, how long the longest has waited, how many colleagues are free. */
export function QueueGlance({ store }: { store: InterpreterStore }) {
  const t = useT();
  const now = useNow(store.clock);
  const q = store.queue.value;
  return (
    <section class="glance" aria-labelledby="queue-heading" data-testid="queue">
      <h2 id="queue-heading">{t('interpreter.queue.heading')}</h2>
      <dl>
        <div>
          <dt>{t('interpreter.queue.waiting')}</dt>
          <dd data-testid="queue-waiting">{q.waiting}</dd>
        </div>
        <div>
          <dt>{t('interpreter.queue.longest')}</dt>
          <dd dir="ltr">
            {q.oldestRequestedAt === null ? '—' : formatDuration((now - q.oldestRequestedAt) / 1000)}
          </dd>
        </div>
        <div>
          <dt>{t('interpreter.queue.available')}</dt>
          <dd>{q.available}</dd>
        </div>
      </dl>
    </section>
  );
}
