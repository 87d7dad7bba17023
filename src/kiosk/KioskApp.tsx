import callIcon from '../../assets/pictograms/call-interpreter.svg';
import endIcon from '../../assets/pictograms/end-call.svg';
import waitIcon from '../../assets/pictograms/wait.svg';
import { IN_CALL_STATES, WAITING_STATES } from '../call/call-machine.ts';
import { useT } from '../i18n/i18n.ts';
import { Shell } from '../ui/Shell.tsx';
import { StatusBanner } from '../ui/StatusBanner.tsx';
import { QualityBadge } from '../ui/QualityBadge.tsx';
import { Question } from '../ui/Question.tsx';
import { VideoTile } from '../ui/VideoTile.tsx';
import type { KioskStore } from './kiosk-store.ts';
import { FramingGuide } from './FramingGuide.tsx';
import { PreferenceChoice } from './PreferenceChoice.tsx';
import { WaitingPanel } from './WaitingPanel.tsx';

export function KioskApp({ store }: { store: KioskStore }) {
  const t = useT();
  const state = store.state.value;
  const waiting = WAITING_STATES.includes(state);
  const inCall = IN_CALL_STATES.includes(state);
  const canCall = state === 'idle' || state === 'ended' || state === 'failed';
  const notice = store.notice.value;

  const message =
    state === 'queued'
      ? t('kiosk.state.queued', { position: store.position.value ?? 1 })
      : state === 'connected'
        ? t('kiosk.state.connected', { name: store.interpreterName.value })
        : t(`kiosk.state.${state}`);

  return (
    <Shell title={t('kiosk.title')} connection={store.connection.value}>
      <StatusBanner
        testId="kiosk-status"
        state={state}
        tone={state === 'failed' ? 'bad' : state === 'connected' ? 'ok' : 'info'}
        icon={waiting ? waitIcon : undefined}
      >
        {message}
        {notice && (state === 'ended' || state === 'failed' || notice === 'requeued')
          ? ` — ${t(noticeKey(notice))}`
          : null}
      </StatusBanner>

      {store.cameraFailed.value ? (
        <StatusBanner tone="bad" testId="camera-error">
          {t('video.cameraError')}
        </StatusBanner>
      ) : null}

      {canCall ? <PreferenceChoice store={store} /> : null}
      {state === 'queued' || state === 'ringing' ? <WaitingPanel store={store} /> : null}

      {canCall ? (
        <button
          type="button"
          class="btn btn-primary btn-big"
          data-testid="call-button"
          disabled={!store.localStream.value || store.connection.value !== 'online'}
          onClick={() => void store.callInterpreter()}
        >
          <img src={callIcon} alt="" />
          {t('kiosk.callButton')}
        </button>
      ) : null}

      {inCall && store.qualityLevel.value ? <QualityBadge level={store.qualityLevel.value} /> : null}
      {store.offerTextForPoorVideo.value ? (
        <Question
          id="poor-video"
          testId="poor-video-offer"
          question={t('kiosk.poorVideo.question')}
          yes={t('kiosk.poorVideo.yes')}
          no={t('kiosk.poorVideo.no')}
          touchless={store.questionTouchless.value}
          onAnswer={(yes) => (store.poorVideoChoice.value = yes ? 'chosen' : 'dismissed')}
        />
      ) : null}
      {inCall && store.poorVideoChoice.value === 'chosen' ? (
        <StatusBanner testId="text-chosen">{t('kiosk.fallback.chosen')}</StatusBanner>
      ) : null}

      <div class="stage">
        {inCall ? (
          <VideoTile stream={store.remoteStream.value} label={t('video.interpreter')} testId="remote-video" />
        ) : null}
        <div class="side">
          <VideoTile
            stream={store.localStream.value}
            label={t('video.self')}
            testId="self-video"
            muted
            mirror
          />
          {store.framing.value ? <FramingGuide hint={store.framing.value} /> : null}
        </div>
      </div>

      <div class="controls">
        {waiting ? (
          <button type="button" class="btn" data-testid="cancel-button" onClick={() => void store.cancel()}>
            {t('kiosk.cancel')}
          </button>
        ) : null}
        {inCall ? (
          <button type="button" class="btn btn-danger" data-testid="end-call" onClick={() => store.hangUp()}>
            <img src={endIcon} alt="" width={40} height={40} />
            {t('kiosk.endCall')}
          </button>
        ) : null}
      </div>
    </Shell>
  );
}

function noticeKey(notice: NonNullable<KioskStore['notice']['value']>) {
  switch (notice) {
    case 'endedByInterpreter':
      return 'kiosk.endedByInterpreter' as const;
    case 'requeued':
      return 'kiosk.requeued' as const;
    case 'timeout':
      return 'errors.timeout' as const;
    case 'generic':
      return 'errors.generic' as const;
  }
}
