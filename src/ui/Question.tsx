import type { HoldState } from '../vision/hold.ts';
import { useT } from '../i18n/i18n.ts';

/**
 * A yes/no question in words with two big answers (no timeout, no sound). With the camera's help
 * (`touchless`) a held thumb up or down answers too, and a ring fills on the answer being held.
 */
export function Question(props: {
  id: string;
  testId: string;
  question: string;
  yes: string;
  no: string;
  onAnswer: (yes: boolean) => void;
  touchless?: HoldState | undefined;
}) {
  const t = useT();
  const ring = (answer: 'yes' | 'no') =>
    props.touchless?.holding === answer ? <ProgressRing progress={props.touchless.progress} /> : null;
  return (
    <div class="question" role="group" aria-labelledby={props.id} data-testid={props.testId}>
      <p id={props.id}>{props.question}</p>
      <div class="controls">
        <button type="button" class="btn btn-primary" onClick={() => props.onAnswer(true)}>
          {ring('yes')}
          {props.yes}
        </button>
        <button type="button" class="btn" onClick={() => props.onAnswer(false)}>
          {ring('no')}
          {props.no}
        </button>
      </div>
      {props.touchless ? <p class="hint">{t('kiosk.touchless')}</p> : null}
    </div>
  );
}

export function ProgressRing({ progress }: { progress: number }) {
  const c = 2 * Math.PI * 14;
  return (
    <svg width="36" height="36" viewBox="0 0 36 36" aria-hidden="true" data-testid="hold-ring">
      <circle
        cx="18"
        cy="18"
        r="14"
        fill="none"
        stroke="currentColor"
        stroke-opacity="0.3"
        stroke-width="5"
      />
      <circle
        cx="18"
        cy="18"
        r="14"
        fill="none"
        stroke="currentColor"
        stroke-width="5"
        stroke-dasharray={`${c * progress} ${c}`}
        transform="rotate(-90 18 18)"
      />
    </svg>
  );
}
