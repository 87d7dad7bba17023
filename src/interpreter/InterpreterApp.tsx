import { useCallback, useEffect, useState } from 'preact/hooks';
import { SignLibrary } from './SignLibrary.tsx';
import endIcon from '../../assets/pictograms/end-call.svg';
import { useT } from '../i18n/i18n.ts';
import { Shell } from '../ui/Shell.tsx';
import { StatusBanner } from '../ui/StatusBanner.tsx';
import { VideoTile } from '../ui/VideoTile.tsx';
import { AlertSettings } from './AlertSettings.tsx';
import { alertIncoming } from './alerts.ts';
import { CallHistory } from './CallHistory.tsx';
import { RatingPrompt } from '../ui/RatingPrompt.tsx';
import type { InterpreterStore } from './interpreter-store.ts';
import { OfferBanner } from './OfferBanner.tsx';
import { PresenceControls } from './PresenceControls.tsx';
import { QualityPanel } from './QualityPanel.tsx';
import { SessionPanel } from './SessionPanel.tsx';
import { QueueGlance } from './QueueGlance.tsx';
import { TeamPanel } from './TeamPanel.tsx';
import { SignInForm } from '../ui/SignInForm.tsx';
import { whoAmI } from '../net/auth.ts';
import { SignOutButton } from '../ui/SignOutButton.tsx';

export function InterpreterApp({ store }: { store: InterpreterStore }) {
  const t = useT();
  const offer = store.offer.value;
  useEffect(() => {
    if (!offer) return;
    return alertIncoming(t('interpreter.alerts.notificationTitle'), offer.context.kioskName, store.clock);
  }, [offer?.requestId]);
  const accept = useCallback(() => void store.accept(), [store]);
  /** The sign library, outside calls: a call that starts closes it (and its camera). */
  const [library, setLibrary] = useState(false);
  const inCall = store.callPhase.value !== null;
  useEffect(() => {
    if (inCall) setLibrary(false);
  }, [inCall]);
  const decline = useCallback(() => void store.decline(), [store]);

  if (store.profile.value === null) {
    return (
      <Shell title={t('interpreter.title')} connection="connecting">
        <SignInForm onSignedIn={() => void startAsMe(store)} />
      </Shell>
    );
  }
  const phase = store.callPhase.value;
  const notice = store.notice.value;
  const profile = store.profile.value;
  const quality = store.quality.value;
  const qualityLevel = store.qualityLevel.value;

  return (
    <Shell title={t('interpreter.title')} connection={store.connection.value}>
      <PresenceControls store={store} />
      {phase ? null : (
        <div class="toolbar">
          <button
            type="button"
            class="btn"
            aria-pressed={library}
            data-testid="open-library"
            onClick={() => setLibrary(!library)}
          >
            {t('clips.library.open')}
          </button>
          <SignOutButton />
        </div>
      )}
      {offer ? (
        <OfferBanner
          offer={offer}
          busy={store.busy.value}
          clock={store.clock}
          onAccept={accept}
          onDecline={decline}
        />
      ) : null}

      {phase ? (
        <StatusBanner testId="call-status" state={phase} tone={phase === 'connected' ? 'ok' : 'info'}>
          {phase === 'connected'
            ? t('interpreter.connected', { name: store.peerName.value })
            : phase === 'reconnecting'
              ? t('interpreter.reconnecting')
              : t('interpreter.connecting')}
        </StatusBanner>
      ) : notice ? (
        <StatusBanner testId="notice" tone={notice === 'callEnded' ? 'info' : 'bad'}>
          {t(noticeKey(notice))}
        </StatusBanner>
      ) : null}

      {store.cameraFailed.value ? (
        <StatusBanner tone="bad" testId="camera-error">
          {t('video.cameraError')}
        </StatusBanner>
      ) : null}

      {library && !phase ? (
        <SignLibrary languages={profile.languages} clock={store.clock} onClose={() => setLibrary(false)} />
      ) : (
        <div class="stage">
          {phase ? (
            <VideoTile stream={store.remoteStream.value} label={t('video.citizen')} testId="remote-video" />
          ) : null}
          <div class="side">
            <VideoTile
              stream={store.localStream.value}
              label={t('video.self')}
              testId="self-video"
              muted
              mirror
            />
            {phase ? null : <QueueGlance store={store} />}
            {phase && quality && qualityLevel ? <QualityPanel sample={quality} level={qualityLevel} /> : null}
          </div>
        </div>
      )}

      {phase ? <TeamPanel store={store} /> : null}
      {phase && store.feed.value ? <SessionPanel feed={store.feed.value} /> : null}

      {phase ? (
        <div class="level-meter" data-testid="sound-meters">
          <label for="meter-citizen">{t('speech.citizenSide')}</label>
          <meter id="meter-citizen" min={0} max={0.3} value={store.citizenSideLevel.value} />
          <label for="meter-own">{t('speech.ownVoice')}</label>
          <meter id="meter-own" min={0} max={0.3} value={store.ownVoiceLevel.value} />
        </div>
      ) : null}
      {phase ? (
        <div class="controls">
          <button
            type="button"
            class="btn"
            aria-pressed={store.muted.value}
            data-testid="mute"
            onClick={() => store.toggleMute()}
          >
            {store.muted.value ? t('interpreter.unmute') : t('interpreter.mute')}
          </button>
          <button
            type="button"
            class="btn"
            aria-pressed={store.cameraOff.value}
            data-testid="camera"
            onClick={() => store.toggleCamera()}
          >
            {store.cameraOff.value ? t('interpreter.cameraOn') : t('interpreter.cameraOff')}
          </button>
          <button type="button" class="btn btn-danger" data-testid="end-call" onClick={() => store.hangUp()}>
            <img src={endIcon} alt="" width={40} height={40} />
            {store.team.value?.mate ? t('interpreter.team.handOff') : t('interpreter.endCall')}
          </button>
        </div>
      ) : library ? null : (
        <>
          {store.lastCall.value ? (
            <RatingPrompt
              question={t('rating.connection')}
              testId="rate-connection"
              onRate={(r) => void store.rateConnection(r)}
              onSkip={() => (store.lastCall.value = null)}
            />
          ) : null}
          <AlertSettings />
          <CallHistory store={store} />
        </>
      )}
    </Shell>
  );
}

function noticeKey(notice: NonNullable<InterpreterStore['notice']['value']>) {
  switch (notice) {
    case 'offerWithdrawn':
      return 'interpreter.offerWithdrawn' as const;
    case 'missedCall':
      return 'interpreter.missedCall' as const;
    case 'callEnded':
      return 'interpreter.callEnded' as const;
    case 'callFailed':
      return 'interpreter.callFailed' as const;
    case 'transferred':
      return 'interpreter.team.transferred' as const;
    case 'noCamera':
      return 'errors.noCamera' as const;
    case 'timeout':
      return 'errors.timeout' as const;
    case 'generic':
      return 'errors.generic' as const;
  }
}

/** After sign-in (or on a page load with a valid session): connect as the signed-in interpreter. */
export async function startAsMe(store: InterpreterStore): Promise<boolean> {
  const me = await whoAmI();
  if (me?.role !== 'interpreter') return false;
  await store.start({ name: me.name, gender: me.gender, languages: me.languages });
  return true;
}
