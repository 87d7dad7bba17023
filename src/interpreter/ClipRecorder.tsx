import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ClipTarget } from '../clips/targets.ts';
import { MAX_CLIP_MS } from '../clips/rules.ts';
import { useT } from '../i18n/i18n.ts';
import type { SignLanguage } from '../protocol/index.ts';
import { FramingGuide } from '../ui/FramingGuide.tsx';
import { PictogramFigure } from '../ui/PictogramFigure.tsx';
import { StatusBanner } from '../ui/StatusBanner.tsx';
import { VideoTile } from '../ui/VideoTile.tsx';
import type { Clock } from '../util/clock.ts';
import { createClipRecorder, type ClipRecorder as Recorder } from './clip-recorder-store.ts';

/** Recording one target's clip: what to sign, the camera with the framing guide, 3-2-1, review, trim, send. */
export function ClipRecorder(props: {
  target: ClipTarget;
  language: SignLanguage;
  clock: Clock;
  onClose: () => void;
  onSent: () => void;
}) {
  const t = useT();
  const [rec] = useState(() =>
    createClipRecorder({
      target: props.target.id,
      language: props.language,
      clock: props.clock,
      onSent: props.onSent,
    }),
  );
  useEffect(() => rec.dispose, [rec]);
  const heading = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => heading.current?.focus(), []);
  const state = rec.state.value;
  const problem = rec.problem.value;
  return (
    <section
      class="card clip-recorder"
      aria-labelledby="recorder-h"
      data-testid="clip-recorder"
      data-state={state}
    >
      <h2 id="recorder-h" tabIndex={-1} ref={heading}>
        {t('clips.library.recordFor', { text: props.target.text.ar })}
      </h2>
      <div class="sign-this">
        <PictogramFigure id={props.target.pictogram} size={72} showLabel={false} />
        <div>
          <p class="hint">{t('clips.recorder.sign')}</p>
          <p class="sign-this-text" lang="ar" dir="rtl">
            {props.target.text.ar}
          </p>
          <p lang="en" dir="ltr">
            {props.target.text.en}
          </p>
        </div>
      </div>
      {rec.cameraFailed.value ? (
        <StatusBanner tone="bad" testId="recorder-camera-error">
          {t('clips.recorder.cameraError')}
        </StatusBanner>
      ) : null}
      {problem ? (
        <StatusBanner tone="bad" testId="recorder-problem">
          {problem.key === 'refused'
            ? t('clips.recorder.refused', { message: problem.message ?? '' })
            : t(`clips.recorder.${problem.key}` as 'clips.recorder.decode')}
        </StatusBanner>
      ) : null}
      {state === 'review' || state === 'working' || state === 'sent' ? (
        <Review rec={rec} />
      ) : (
        <Capture rec={rec} />
      )}
      <div class="controls">
        <button type="button" class="btn" data-testid="recorder-close" onClick={props.onClose}>
          {t('clips.recorder.close')}
        </button>
      </div>
    </section>
  );
}

function Capture({ rec }: { rec: Recorder }) {
  const t = useT();
  const state = rec.state.value;
  return (
    <>
      <div class="recorder-preview">
        <VideoTile stream={rec.stream.value} label={t('video.self')} testId="recorder-preview" muted mirror />
        {state === 'countdown' ? (
          <span class="recorder-countdown" aria-hidden="true">
            {rec.countdown.value}
          </span>
        ) : null}
      </div>
      <p class="hint">{t('clips.recorder.framing')}</p>
      {rec.framing.value ? <FramingGuide hint={rec.framing.value} /> : null}
      <p role="status" data-testid="recorder-status">
        {state === 'countdown'
          ? t('clips.recorder.countdown', { n: rec.countdown.value })
          : state === 'recording'
            ? t('clips.recorder.recording', { s: Math.floor(rec.elapsedS.value), max: MAX_CLIP_MS / 1000 })
            : ''}
      </p>
      <div class="controls">
        {state === 'recording' ? (
          <button type="button" class="btn btn-danger" data-testid="recorder-stop" onClick={() => rec.stop()}>
            {t('clips.recorder.stop')}
          </button>
        ) : (
          <button
            type="button"
            class="btn btn-primary"
            data-testid="recorder-start"
            disabled={!rec.stream.value || state !== 'preview'}
            onClick={() => rec.start()}
          >
            {t('clips.recorder.start')}
          </button>
        )}
      </div>
    </>
  );
}

function Review({ rec }: { rec: Recorder }) {
  const t = useT();
  const take = rec.take.value;
  const state = rec.state.value;
  const { startS, endS } = rec.trim.value;
  const max = take ? Math.round(take.durationS * 10) / 10 : 0;
  const busy = state !== 'review';
  return (
    <>
      <h3>{t('clips.recorder.review')}</h3>
      {take ? (
        <video
          class="sign-clip"
          src={take.url}
          controls
          muted
          playsinline
          data-testid="recorder-take"
          aria-label={t('clips.recorder.review')}
        />
      ) : null}
      <div class="trim">
        <label>
          {t('clips.recorder.trimStart')}
          <input
            type="number"
            data-testid="trim-start"
            min={0}
            max={endS}
            step={0.1}
            value={startS}
            disabled={busy}
            onInput={(e) => {
              const v = Number(e.currentTarget.value);
              if (Number.isFinite(v)) rec.trim.value = { startS: Math.max(0, Math.min(v, endS - 0.2)), endS };
            }}
          />
        </label>
        <label>
          {t('clips.recorder.trimEnd')}
          <input
            type="number"
            data-testid="trim-end"
            min={startS}
            max={max}
            step={0.1}
            value={endS}
            disabled={busy}
            onInput={(e) => {
              const v = Number(e.currentTarget.value);
              if (Number.isFinite(v))
                rec.trim.value = { startS, endS: Math.min(max, Math.max(v, startS + 0.2)) };
            }}
          />
        </label>
      </div>
      <label class="consent">
        <input
          type="checkbox"
          data-testid="recorder-consent"
          checked={rec.consent.value}
          disabled={busy}
          onChange={(e) => (rec.consent.value = e.currentTarget.checked)}
        />
        <span>{t('clips.recorder.consent')}</span>
      </label>
      <p role="status" data-testid="recorder-status">
        {state === 'working' ? t('clips.recorder.sending') : state === 'sent' ? t('clips.recorder.sent') : ''}
      </p>
      {state === 'sent' ? null : (
        <div class="controls">
          <button
            type="button"
            class="btn btn-primary"
            data-testid="recorder-submit"
            disabled={busy || !rec.consent.value}
            onClick={() => void rec.submit()}
          >
            {t('clips.recorder.submit')}
          </button>
          <button
            type="button"
            class="btn"
            data-testid="recorder-again"
            disabled={busy}
            onClick={() => rec.again()}
          >
            {t('clips.recorder.again')}
          </button>
        </div>
      )}
    </>
  );
}
