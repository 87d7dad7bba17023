import endIcon from '../../assets/pictograms/end-call.svg';
import { useT } from '../i18n/i18n.ts';
import { Shell } from '../ui/Shell.tsx';
import { StatusBanner } from '../ui/StatusBanner.tsx';
import { VideoTile } from '../ui/VideoTile.tsx';
import type { InterpreterStore } from './interpreter-store.ts';
import { OfferBanner } from './OfferBanner.tsx';
import { SignIn } from './SignIn.tsx';

export function InterpreterApp({ store }: { store: InterpreterStore }) {
  const t = useT();
  if (store.name.value === null) {
    return (
      <Shell title={t('interpreter.title')} connection="connecting">
        <SignIn onSubmit={(name) => void store.signIn(name)} />
      </Shell>
    );
  }
  const presence = store.presence.value;
  const offer = store.offer.value;
  const phase = store.callPhase.value;
  const notice = store.notice.value;
  const canToggle = presence === 'available' || presence === 'offline';

  return (
    <Shell title={t('interpreter.title')} connection={store.connection.value}>
      <div class="toolbar">
        <label class="switch">
          <input
            type="checkbox"
            data-testid="available"
            checked={store.pendingAvailable.value ?? presence !== 'offline'}
            disabled={
              !canToggle ||
              store.busy.value ||
              !store.localStream.value ||
              store.connection.value !== 'online'
            }
            onChange={(e) => void store.setAvailable(e.currentTarget.checked)}
          />
          <span>{t('interpreter.available')}</span>
        </label>
        <span
          class="badge"
          data-testid="presence"
          data-state={presence}
          data-tone={presence === 'offline' ? 'bad' : 'ok'}
        >
          <span class="dot" aria-hidden="true" />
          {t('interpreter.presenceLabel', { status: t(`interpreter.presence.${presence}`) })}
        </span>
      </div>

      {offer ? (
        <OfferBanner
          offer={offer}
          busy={store.busy.value}
          onAccept={() => void store.accept()}
          onDecline={() => void store.decline()}
        />
      ) : null}

      {phase ? (
        <StatusBanner testId="call-status" state={phase} tone={phase === 'connected' ? 'ok' : 'info'}>
          {phase === 'connected'
            ? t('interpreter.connected', { name: store.peerName.value })
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

      <div class="stage">
        {phase ? (
          <VideoTile stream={store.remoteStream.value} label={t('video.citizen')} testId="remote-video" />
        ) : null}
        <VideoTile
          stream={store.localStream.value}
          label={t('video.self')}
          testId="self-video"
          muted
          mirror
        />
      </div>

      {phase ? (
        <div class="controls">
          <button type="button" class="btn btn-danger" data-testid="end-call" onClick={() => store.hangUp()}>
            <img src={endIcon} alt="" width={40} height={40} />
            {t('interpreter.endCall')}
          </button>
        </div>
      ) : null}
    </Shell>
  );
}

function noticeKey(notice: NonNullable<InterpreterStore['notice']['value']>) {
  switch (notice) {
    case 'offerWithdrawn':
      return 'interpreter.offerWithdrawn' as const;
    case 'callEnded':
      return 'interpreter.callEnded' as const;
    case 'callFailed':
      return 'interpreter.callFailed' as const;
    case 'timeout':
      return 'errors.timeout' as const;
    case 'generic':
      return 'errors.generic' as const;
  }
}
