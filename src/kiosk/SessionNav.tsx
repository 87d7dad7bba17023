import { useT } from '../i18n/i18n.ts';
import { PictogramFigure } from '../ui/PictogramFigure.tsx';
import type { CounterStore, KioskView } from './counter-store.ts';

type Section = Exclude<KioskView, 'flow'>;

const SECTIONS: { view: Section; pictogram: string }[] = [
  { view: 'home', pictogram: 'office' },
  { view: 'services', pictogram: 'form' },
  { view: 'board', pictogram: 'question' },
  { view: 'chat', pictogram: 'signature' },
  { view: 'call', pictogram: 'deaf' },
  { view: 'about', pictogram: 'understand' },
];

/** The session's sections, each with a pictogram, and the end of the session. */
export function SessionNav({ counter }: { counter: CounterStore }) {
  const t = useT();
  const current = counter.view.value === 'flow' ? 'services' : counter.view.value;
  return (
    <nav class="session-nav" aria-label={t('counter.nav.label')}>
      {SECTIONS.map((s) => (
        <button
          key={s.view}
          type="button"
          class="btn nav-btn"
          data-testid={`nav-${s.view}`}
          aria-current={current === s.view ? 'page' : undefined}
          onClick={() => counter.open(s.view)}
        >
          <PictogramFigure id={s.pictogram} size={40} showLabel={false} />
          {t(`counter.nav.${s.view}`)}
        </button>
      ))}
      <button
        type="button"
        class="btn btn-danger nav-btn"
        data-testid="end-session"
        onClick={() => void counter.end()}
      >
        {t('counter.nav.end')}
      </button>
    </nav>
  );
}
