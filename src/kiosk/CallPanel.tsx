import callIcon from '../../assets/pictograms/call-interpreter.svg';
import endIcon from '../../assets/pictograms/end-call.svg';
import waitIcon from '../../assets/pictograms/wait.svg';
import { IN_CALL_STATES, WAITING_STATES } from '../call/call-machine.ts';
import { useT } from '../i18n/i18n.ts';
import { QualityBadge } from '../ui/QualityBadge.tsx';
import { StatusBanner } from '../ui/StatusBanner.tsx';
import { VideoTile } from '../ui/VideoTile.tsx';
import { RatingPrompt } from '../ui/RatingPrompt.tsx';
import { SpeakingCue } from '../ui/SpeakingCue.tsx';
import type { KioskStore } from './kiosk-store.ts';
import { PreferenceChoice } from './PreferenceChoice.tsx';
import { WaitingPanel } from './WaitingPanel.tsx';

/** The interpreter section: preferences and the call button, the wait, then the interpreter large. */
export function CallPanel({ store }: { store: KioskStore }) {
  const t = useT();
  const state = store.state.value;
  const canCall = state === 'idle' || state === 'ended' || state === 'failed';
  const inCall = IN_CALL_STATES.includes(state);
  return (
    <section aria-labelledby="call-h" data-testid="call-panel">
      <h2 id="call-h">{t('counter.call.heading')}</h2>
      <CallStatus store={store} />
      {canCall && store.rateCallId.value ? (
        <RatingPrompt
          question={t('rating.kiosk')}
          testId="rate-call"
          touchless={store.questionTouchless.value}
          onRate={(r) => void store.rate(r)}
          onSkip={() => void store.rate(null)}
        />
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
      {inCall && store.joining.value ? (
        <StatusBanner testId="interpreter-joining" tone="info">
          {t(store.joining.value === 'transfer' ? 'kiosk.team.joiningTransfer' : 'kiosk.team.joiningTeam')}
        </StatusBanner>
      ) : null}
      {inCall ? (
        <VideoTile stream={store.remoteStream.value} label={t('video.interpreter')} testId="remote-video" />
      ) : null}
      {inCall ? <OtherInterpreter store={store} /> : null}
      {inCall && store.qualityLevel.value ? <QualityBadge level={store.qualityLevel.value} /> : null}
      {inCall ? (
        <div class="speaking-cues">
          <SpeakingCue
            speaking={store.interpreterVoicing.value}
            label={t('speech.interpreterVoicing')}
            testId="cue-interpreter"
          />
          <SpeakingCue
            speaking={store.clerkSpeaking.value}
            label={t('speech.clerkSpeaking')}
            testId="cue-clerk"
          />
        </div>
      ) : null}
    </section>
  );
}

/** With two interpreters: the other one small, and a big button to see them large instead. */
function OtherInterpreter({ store }: { store: KioskStore }) {
  const t = useT();
  const other = store.otherInterpreter.value;
  if (!other) return null;
  return (
    <div class="other-interpreter" data-testid="other-interpreter">
      <VideoTile stream={other.stream} label={other.name} testId="other-video" />
      <button
        type="button"
        class="btn"
        data-testid="pin-other"
        onClick={() => (store.pinned.value = other.leg)}
      >
        {t('kiosk.team.showLarge', { name: other.name })}
      </button>
    </div>
  );
}

/** Cancel while waiting, end while in a call: on every screen of the session. */
export function CallControls({ store }: { store: KioskStore }) {
  const t = useT();
  const state = store.state.value;
  if (WAITING_STATES.includes(state))
    return (
      <button type="button" class="btn" data-testid="cancel-button" onClick={() => void store.cancel()}>
        {t('kiosk.cancel')}
      </button>
    );
  if (IN_CALL_STATES.includes(state))
    return (
      <button type="button" class="btn btn-danger" data-testid="end-call" onClick={() => store.hangUp()}>
        <img src={endIcon} alt="" width={40} height={40} />
        {t('kiosk.endCall')}
      </button>
    );
  return null;
}

/** What the interpreter call is doing, in words, on every screen of the session. */
export function CallStatus({ store }: { store: KioskStore }) {
  const t = useT();
  const state = store.state.value;
  const notice = store.notice.value;
  const message =
    state === 'queued'
      ? t('kiosk.state.queued', { position: store.position.value ?? 1 })
      : state === 'connected'
        ? t('kiosk.state.connected', { name: store.interpreterName.value })
        : t(`kiosk.state.${state}`);
  return (
    <StatusBanner
      testId="kiosk-status"
      state={state}
      tone={state === 'failed' ? 'bad' : state === 'connected' ? 'ok' : 'info'}
      icon={WAITING_STATES.includes(state) ? waitIcon : undefined}
    >
      {message}
      {notice && (state === 'ended' || state === 'failed' || notice === 'requeued')
        ? ` — ${t(noticeKey(notice))}`
        : null}
    </StatusBanner>
  );
}

function noticeKey(notice: NonNullable<KioskStore['notice']['value']>) {
  switch (notice) {
    case 'endedByInterpreter':
      return 'kiosk.endedByInterpreter' as const;
    case 'requeued':
      return 'kiosk.requeued' as const;
    case 'noCamera':
      return 'errors.noCamera' as const;
    case 'timeout':
      return 'errors.timeout' as const;
    case 'generic':
      return 'errors.generic' as const;
  }
}
