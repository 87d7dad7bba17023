import { useT } from '../i18n/i18n.ts';
import { PictogramFigure } from '../ui/PictogramFigure.tsx';
import type { CounterStore, KioskView } from './counter-store.ts';

type Section = Exclude<KioskView, 'flow'>;

const TILES: { view: Section; pictogram: string }[] = [
  { view: 'services', pictogram: 'form' },
  { view: 'board', pictogram: 'question' },
  { view: 'chat', pictogram: 'signature' },
  { view: 'call', pictogram: 'deaf' },
];

/** The first screen of a session: four big ways to talk, each with a pictogram. */
export function HomeView({ counter }: { counter: CounterStore }) {
  const t = useT();
  return (
    <section aria-labelledby="home-h" data-testid="home">
      <h2 id="home-h">{t('counter.home.heading')}</h2>
      <div class="tiles">
        {TILES.map((tile) => (
          <button
            key={tile.view}
            type="button"
            class="btn tile-btn"
            data-testid={`home-${tile.view}`}
            onClick={() => counter.open(tile.view)}
          >
            <PictogramFigure id={tile.pictogram} size={96} showLabel={false} />
            {t(`counter.nav.${tile.view}`)}
          </button>
        ))}
      </div>
    </section>
  );
}
