import { useT } from '../i18n/i18n.ts';
import { formatDuration } from '../ui/format.ts';
import type { InterpreterStore } from './interpreter-store.ts';

/** This shift's calls, newest first (kept in the page only; the server has the records). */
export function CallHistory({ store }: { store: InterpreterStore }) {
  const t = useT();
  const entries = store.history.value;
  return (
    <section aria-labelledby="history-heading" data-testid="history">
      <h2 id="history-heading">{t('interpreter.history.heading')}</h2>
      {entries.length === 0 ? (
        <p>{t('interpreter.history.empty')}</p>
      ) : (
        <table class="history">
          <thead>
            <tr>
              <th scope="col">{t('interpreter.history.time')}</th>
              <th scope="col">{t('interpreter.history.kiosk')}</th>
              <th scope="col">{t('interpreter.history.duration')}</th>
              <th scope="col">{t('interpreter.history.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.startedAt}>
                <td dir="ltr">{new Date(e.startedAt).toLocaleTimeString('en-GB')}</td>
                <td>{e.kioskName}</td>
                <td dir="ltr">{formatDuration(e.durationS)}</td>
                <td>{t(`interpreter.history.${e.outcome}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
