import { FLOWS } from '../flows/definitions.ts';
import { language, useT } from '../i18n/i18n.ts';
import { PictogramFigure } from '../ui/PictogramFigure.tsx';
import type { CounterStore } from './counter-store.ts';

/** The office's services, each a flow of short questions that ends in a request card. */
export function ServicesView({ counter }: { counter: CounterStore }) {
  const t = useT();
  return (
    <section aria-labelledby="services-h" data-testid="services">
      <h2 id="services-h">{t('counter.services.heading')}</h2>
      <ul class="service-list">
        {FLOWS.map((flow) => (
          <li key={flow.id}>
            <button
              type="button"
              class="btn service-btn"
              data-testid={`service-${flow.id}`}
              onClick={() => counter.chooseFlow(flow.id)}
            >
              <PictogramFigure id={flow.pictogram} size={64} showLabel={false} />
              {flow.title[language.value]}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
