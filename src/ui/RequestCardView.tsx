import { viewCard, type RequestCard } from '../flows/engine.ts';
import { FLOWS_BY_ID } from '../flows/definitions.ts';
import { language, useT } from '../i18n/i18n.ts';
import { PictogramFigure } from './PictogramFigure.tsx';

/** The outcome of a service flow: the service, each question with its answer, and what to have ready. */
export function RequestCardView(props: { card: RequestCard; heading: string; testId: string }) {
  const t = useT();
  const view = viewCard(FLOWS_BY_ID, props.card);
  if (!view) return null;
  const lng = language.value;
  return (
    <section class="request-card" aria-labelledby={`${props.testId}-h`} data-testid={props.testId}>
      <h2 id={`${props.testId}-h`}>
        <PictogramFigure id={view.pictogram} size={56} showLabel={false} />
        <span>
          {props.heading}: {view.title[lng]}
        </span>
      </h2>
      <dl class="card-answers">
        {view.rows.map((row, i) => (
          <div key={i} class="card-row">
            <dt>{row.question[lng]}</dt>
            <dd>
              <PictogramFigure id={row.pictogram} size={40} showLabel={false} />
              {row.answer[lng]}
            </dd>
          </div>
        ))}
      </dl>
      <h3>{t('counter.card.checklist')}</h3>
      <ul class="checklist">
        {view.checklist.map((item, i) => (
          <li key={i}>{item[lng]}</li>
        ))}
      </ul>
    </section>
  );
}
