import { useT } from '../i18n/i18n.ts';
import { ratingFaceUrl } from '../pictograms/images.ts';
import type { HoldState } from '../vision/hold.ts';
import { ProgressRing } from './Question.tsx';

const RATINGS = [3, 2, 1] as const;

/**
 * "How was it?" after a call: three large faces with their words (never a face alone), and a way to
 * skip. Optional: nothing waits for it.
 */
export function RatingPrompt(props: {
  question: string;
  onRate: (rating: 1 | 2 | 3) => void;
  onSkip: () => void;
  testId: string;
  /** With the camera's help, a held thumb up rates "good" and a thumb down "bad". */
  touchless?: HoldState | undefined;
}) {
  const t = useT();
  const ring = (r: 1 | 2 | 3) => {
    const held = props.touchless?.holding;
    return (held === 'yes' && r === 3) || (held === 'no' && r === 1) ? (
      <ProgressRing progress={props.touchless!.progress} />
    ) : null;
  };
  return (
    <section class="rating" aria-labelledby={`${props.testId}-q`} data-testid={props.testId}>
      <h2 id={`${props.testId}-q`}>{props.question}</h2>
      <div class="rating-faces">
        {RATINGS.map((r) => (
          <button
            key={r}
            type="button"
            class="btn btn-big"
            data-testid={`${props.testId}-${r}`}
            onClick={() => props.onRate(r)}
          >
            {ring(r)}
            <img src={ratingFaceUrl(r)} alt="" width={64} height={64} />
            {t(`rating.r${r}`)}
          </button>
        ))}
      </div>
      {props.touchless ? <p class="hint">{t('rating.touchless')}</p> : null}
      <button type="button" class="btn" data-testid={`${props.testId}-skip`} onClick={props.onSkip}>
        {t('rating.skip')}
      </button>
    </section>
  );
}
