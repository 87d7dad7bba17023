import { useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.ts';
import { PICTOGRAMS, PICTOGRAM_CATEGORIES } from '../pictograms/catalog.ts';
import { PictogramFigure, pictogramLabel } from '../ui/PictogramFigure.tsx';
import { StatusBanner } from '../ui/StatusBanner.tsx';
import { FullScreen } from '../ui/FullScreen.tsx';
import type { CounterStore } from './counter-store.ts';
import { pictogramTarget } from '../clips/targets.ts';
import { ClipButton } from './SignClip.tsx';

/** The pictogram board by category; a touch sends the pictogram and shows it large. */
export function PictogramBoard({ counter }: { counter: CounterStore }) {
  const t = useT();
  const [last, setLast] = useState<{ id: string; ok: boolean } | null>(null);
  const tap = async (id: string) => setLast({ id, ok: (await counter.tapPictogram(id)) === 'sent' });
  return (
    <section aria-labelledby="board-h" data-testid="board">
      <h2 id="board-h">{t('counter.board.heading')}</h2>
      <p class="hint">{t('counter.board.hint')}</p>
      {last ? (
        <StatusBanner tone={last.ok ? 'ok' : 'bad'} testId="board-status">
          {last.ok ? t('counter.board.sent', { label: pictogramLabel(last.id) }) : t('counter.board.failed')}
        </StatusBanner>
      ) : null}
      {last && !last.ok ? (
        // It could not be sent: show it to the clerk, large, face to face.
        <FullScreen
          title={t('kiosk.offline.showClerk')}
          testId="board-fullscreen"
          onClose={() => setLast(null)}
        >
          <PictogramFigure id={last.id} size={280} />
        </FullScreen>
      ) : null}
      {PICTOGRAM_CATEGORIES.map((category) => (
        <section key={category} aria-labelledby={`board-${category}`} class="board-category">
          <h3 id={`board-${category}`}>{t(`counter.board.categories.${category}`)}</h3>
          <div class="board-grid">
            {PICTOGRAMS.filter((p) => p.category === category).map((p) => (
              <div key={p.id} class="picto-item">
                <button
                  type="button"
                  class="btn picto-btn"
                  data-testid={`picto-${p.id}`}
                  onClick={() => void tap(p.id)}
                >
                  <PictogramFigure id={p.id} size={64} />
                </button>
                <ClipButton
                  target={pictogramTarget(p.id)}
                  text={pictogramLabel(p.id)}
                  testId={`picto-clip-${p.id}`}
                />
              </div>
            ))}
          </div>
        </section>
      ))}
    </section>
  );
}
