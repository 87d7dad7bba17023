import callIcon from '../../assets/pictograms/call-interpreter.svg';
import { useT } from '../i18n/i18n.ts';
import type { Offer } from './interpreter-store.ts';

/** An incoming call, shown visually (never by sound alone): a full-width banner with the two answers. */
export function OfferBanner(props: {
  offer: Offer;
  busy: boolean;
  onAccept: () => void;
  onDecline: () => void;
}) {
  const t = useT();
  const waitedS = Math.max(0, Math.round((Date.now() - props.offer.requestedAt) / 1000));
  return (
    <section class="offer" role="alert" aria-labelledby="offer-title" data-testid="offer">
      <img src={callIcon} alt="" width={72} height={72} />
      <div class="offer-text">
        <h2 id="offer-title">{t('interpreter.incoming', { kiosk: props.offer.kioskName })}</h2>
        <p>{t('interpreter.waited', { seconds: waitedS })}</p>
      </div>
      <div class="controls">
        <button
          type="button"
          class="btn btn-primary"
          data-testid="accept"
          disabled={props.busy}
          onClick={props.onAccept}
        >
          {t('interpreter.accept')}
        </button>
        <button
          type="button"
          class="btn"
          data-testid="decline"
          disabled={props.busy}
          onClick={props.onDecline}
        >
          {t('interpreter.decline')}
        </button>
      </div>
    </section>
  );
}
