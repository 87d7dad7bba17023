import { useEffect, useRef } from 'preact/hooks';
import callIcon from '../../assets/pictograms/call-interpreter.svg';
import { FLOWS_BY_ID } from '../flows/definitions.ts';
import { language, useT } from '../i18n/i18n.ts';
import { formatDuration } from '../ui/format.ts';
import { useNow } from '../ui/use-now.ts';
import type { Clock } from '../util/clock.ts';
import type { Offer } from './interpreter-store.ts';

/**
 * An incoming call, shown visually (never by sound alone): a full-width banner with the request's
 * context (with the service and the skills it needs) and the two answers, which also answer to Alt+A and Alt+D. Focus moves to "accept".
 */
export function OfferBanner(props: {
  offer: Offer;
  busy: boolean;
  clock: Clock;
  onAccept: () => void;
  onDecline: () => void;
}) {
  const t = useT();
  const now = useNow(props.clock);
  const accept = useRef<HTMLButtonElement>(null);
  const { context, join } = props.offer;
  const service = context.flow ? FLOWS_BY_ID.get(context.flow) : undefined;
  const { onAccept, onDecline } = props;
  useEffect(() => {
    accept.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.code === 'KeyA') onAccept();
      else if (e.code === 'KeyD') onDecline();
      else return;
      e.preventDefault();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [props.offer.requestId, onAccept, onDecline]);

  return (
    <section class="offer" role="alert" aria-labelledby="offer-title" data-testid="offer">
      <img src={callIcon} alt="" width={72} height={72} />
      <div class="offer-text">
        <h2 id="offer-title">{t('interpreter.incoming', { kiosk: context.kioskName })}</h2>
        {join ? (
          <p data-testid="offer-join">
            {t(join.kind === 'transfer' ? 'interpreter.team.offerTransfer' : 'interpreter.team.offerTeam', {
              from: join.from,
            })}
            {join.reason ? ` ${t(`interpreter.team.reasons.${join.reason}`)}.` : ''}
            {join.note ? ` ${t('interpreter.team.note')}: ${join.note}` : ''}
          </p>
        ) : null}
        <dl class="context" data-testid="offer-context">
          {context.office ? <Item label={t('interpreter.context.office')} value={context.office} /> : null}
          {context.counter ? <Item label={t('interpreter.context.counter')} value={context.counter} /> : null}
          <Item label={t('interpreter.context.preference')} value={t(`kiosk.gender.${context.gender}`)} />
          <Item label={t('interpreter.context.language')} value={t(`languages.${context.language}`)} />
          {service ? (
            <Item label={t('interpreter.context.service')} value={service.title[language.value]} />
          ) : null}
          {context.skills.length > 0 ? (
            <Item
              label={t('interpreter.context.skills')}
              value={context.skills.map((s) => t(`supervisor.skills.${s}`)).join(t('kiosk.listJoin'))}
            />
          ) : null}
          <Item
            label={t('interpreter.context.waited')}
            value={formatDuration((now - context.requestedAt) / 1000)}
            ltr
          />
        </dl>
        <p class="hint">{t('interpreter.shortcuts')}</p>
      </div>
      <div class="controls">
        <button
          ref={accept}
          type="button"
          class="btn btn-primary"
          data-testid="accept"
          aria-keyshortcuts="Alt+A"
          disabled={props.busy}
          onClick={onAccept}
        >
          {t('interpreter.accept')}
        </button>
        <button
          type="button"
          class="btn"
          data-testid="decline"
          aria-keyshortcuts="Alt+D"
          disabled={props.busy}
          onClick={onDecline}
        >
          {t('interpreter.decline')}
        </button>
      </div>
    </section>
  );
}

function Item(props: { label: string; value: string; ltr?: boolean }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd dir={props.ltr ? 'ltr' : undefined}>{props.value}</dd>
    </div>
  );
}
