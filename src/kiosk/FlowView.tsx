import { useContext, useState } from 'preact/hooks';
import { cardOf, isYesNo, stepOf } from '../flows/engine.ts';
import { FullScreen } from '../ui/FullScreen.tsx';
import { signClipFor } from '../flows/sign-clips.ts';
import { answerTarget, stepTarget } from '../clips/targets.ts';
import { ClipButton, SignClipsContext, StepClip } from './SignClip.tsx';
import { language, useT } from '../i18n/i18n.ts';
import { PictogramFigure } from '../ui/PictogramFigure.tsx';
import { ProgressRing } from '../ui/Question.tsx';
import { RequestCardView } from '../ui/RequestCardView.tsx';
import { StatusBanner } from '../ui/StatusBanner.tsx';
import type { HoldState } from '../vision/hold.ts';
import type { CounterStore } from './counter-store.ts';

/**
 * One step of a service flow: a pictogram, one short sentence, the sign-language clip when the office
 * has one, and big answers; back and start over. At the end, the request card.
 */
export function FlowView(props: {
  counter: CounterStore;
  touchless: HoldState | undefined;
  shared: boolean;
}) {
  const t = useT();
  const { counter } = props;
  const [showing, setShowing] = useState(false);
  const flow = counter.flow.value;
  const walk = counter.walk.value;
  if (!flow || !walk) return null;
  const lng = language.value;
  const card = cardOf(walk);
  if (card)
    return (
      <section aria-labelledby="card-done-h" data-testid="flow-done">
        <h2 id="card-done-h" class="sr-only">
          {flow.title[lng]}
        </h2>
        <RequestCardView card={card} heading={t('counter.card.heading')} testId="kiosk-card" />
        <StatusBanner tone={props.shared ? 'ok' : 'info'} testId="card-status">
          {props.shared ? t('counter.card.sent') : t('counter.card.notSent')}
        </StatusBanner>
        {showing ? (
          <FullScreen
            title={t('kiosk.offline.showClerk')}
            testId="card-fullscreen"
            onClose={() => setShowing(false)}
          >
            <RequestCardView card={card} heading={t('counter.card.heading')} testId="card-large" />
          </FullScreen>
        ) : null}
        <div class="controls">
          {props.shared ? null : (
            <button
              type="button"
              class="btn btn-primary"
              data-testid="show-card"
              onClick={() => setShowing(true)}
            >
              {t('kiosk.offline.showClerk')}
            </button>
          )}
          {props.shared || counter.offline.value ? null : (
            <button
              type="button"
              class="btn btn-primary"
              data-testid="send-card"
              onClick={() => void counter.shareCard()}
            >
              {t('kiosk.offline.sendCard')}
            </button>
          )}
          <button type="button" class="btn" onClick={() => counter.back()}>
            {t('counter.flow.back')}
          </button>
          <button
            type="button"
            class="btn btn-primary"
            data-testid="another-service"
            onClick={() => counter.open('services')}
          >
            {t('counter.card.another')}
          </button>
        </div>
      </section>
    );

  const step = stepOf(flow, walk.stepId!);
  // A clip from the library (approved by a supervisor) first, else one built into the app.
  const library = useContext(SignClipsContext)?.urlFor(stepTarget(flow.id, step.id)) ?? null;
  const clip = library ? null : signClipFor(flow.id, step.id);
  const yesNo = isYesNo(step);
  const ring = (id: string) =>
    yesNo && props.touchless?.holding === id ? <ProgressRing progress={props.touchless.progress} /> : null;
  return (
    <section aria-labelledby="flow-h" data-testid="flow-step" data-step={step.id}>
      <p class="flow-title">
        {flow.title[lng]} — {t('counter.flow.step', { n: walk.answers.length + 1 })}
      </p>
      <div class="step-head">
        <PictogramFigure id={step.pictogram} size={120} showLabel={false} />
        <h2 id="flow-h">{step.text[lng]}</h2>
      </div>
      <StepClip key={step.id} target={stepTarget(flow.id, step.id)} text={step.text[lng]} />
      {clip ? (
        <video
          class="sign-clip"
          src={clip}
          controls
          muted
          loop
          autoplay
          playsinline
          aria-label={t('counter.flow.clip')}
        />
      ) : null}
      <div class="answers" role="group" aria-labelledby="flow-h">
        {step.answers.map((a) => (
          <div key={a.id} class="answer-item">
            <button
              type="button"
              class={`btn answer-btn${a.id === 'yes' ? ' btn-primary' : ''}`}
              data-testid={`answer-${a.id}`}
              onClick={() => void counter.answerStep(a.id)}
            >
              {ring(a.id)}
              <PictogramFigure id={a.pictogram} size={72} showLabel={false} />
              {a.label[lng]}
            </button>
            <ClipButton
              target={answerTarget(flow.id, step.id, a.id)}
              text={a.label[lng]}
              testId={`answer-clip-${a.id}`}
            />
          </div>
        ))}
      </div>
      {yesNo && props.touchless ? <p class="hint">{t('kiosk.touchless')}</p> : null}
      <div class="controls">
        <button type="button" class="btn" data-testid="flow-back" onClick={() => counter.back()}>
          {t('counter.flow.back')}
        </button>
        <button type="button" class="btn" data-testid="flow-start-over" onClick={() => counter.startOver()}>
          {t('counter.flow.startOver')}
        </button>
      </div>
    </section>
  );
}
