import { useT } from '../i18n/i18n.ts';
import { PictogramFigure, pictogramLabel } from '../ui/PictogramFigure.tsx';
import type { ClerkStore } from './clerk-store.ts';

/**
 * Showing pictograms to the citizen: the clerk types a word or phrase (Arabic or English), picks from
 * the suggestions, reviews the selection and sends it.
 */
export function PictogramSender({ store }: { store: ClerkStore }) {
  const t = useT();
  const selected = store.selected.value;
  const suggestions = store.suggestions.value;
  return (
    <section class="card" aria-labelledby="picto-send-h" data-testid="picto-sender">
      <h2 id="picto-send-h">{t('clerk.pictograms.heading')}</h2>
      <label class="field">
        <span>{t('clerk.pictograms.search')}</span>
        <input
          data-testid="picto-search"
          dir="auto"
          maxLength={200}
          value={store.query.value}
          onInput={(e) => (store.query.value = e.currentTarget.value)}
        />
      </label>
      {store.query.value.trim() ? (
        <>
          <h3>{t('clerk.pictograms.suggestions')}</h3>
          {suggestions.length === 0 ? <p class="hint">{t('clerk.pictograms.none')}</p> : null}
          <ul class="suggestions" data-testid="picto-suggestions">
            {suggestions.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  class="btn"
                  aria-pressed={selected.includes(p.id)}
                  data-testid={`suggest-${p.id}`}
                  onClick={() => store.toggle(p.id)}
                >
                  <PictogramFigure id={p.id} size={56} />
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {selected.length ? (
        <>
          <h3>{t('clerk.pictograms.selected')}</h3>
          <ul class="suggestions" data-testid="picto-selected">
            {selected.map((id) => (
              <li key={id}>
                <button
                  type="button"
                  class="btn"
                  aria-label={t('clerk.pictograms.remove', { label: pictogramLabel(id) })}
                  onClick={() => store.toggle(id)}
                >
                  <PictogramFigure id={id} size={56} />
                </button>
              </li>
            ))}
          </ul>
          <button
            type="button"
            class="btn btn-primary"
            data-testid="picto-send"
            onClick={() => void store.sendPictograms()}
          >
            {t('clerk.pictograms.send')}
          </button>
        </>
      ) : null}
    </section>
  );
}
