import waitIcon from '../../assets/pictograms/wait.svg';
import { IN_CALL_STATES } from '../call/call-machine.ts';
import { useT } from '../i18n/i18n.ts';
import type { SessionFeed } from '../session/session-feed.ts';
import { ConversationFeed, LatestPictograms } from '../ui/ConversationFeed.tsx';
import { Shell } from '../ui/Shell.tsx';
import { StatusBanner } from '../ui/StatusBanner.tsx';
import { VideoTile } from '../ui/VideoTile.tsx';
import { AboutView } from './AboutView.tsx';
import { CallControls, CallPanel, CallStatus } from './CallPanel.tsx';
import { CallQuestions } from './CallQuestions.tsx';
import { ChatView } from './ChatView.tsx';
import type { CounterStore } from './counter-store.ts';
import { FlowView } from './FlowView.tsx';
import { SignClipsContext } from './SignClip.tsx';
import type { SignClips } from './sign-clips-store.ts';
import { FramingGuide } from '../ui/FramingGuide.tsx';
import { HomeView } from './HomeView.tsx';
import { IdleWarning } from './IdleWarning.tsx';
import type { KioskStore } from './kiosk-store.ts';
import type { DeviceStore } from './device-store.ts';
import { StaffPanel } from './StaffPanel.tsx';
import { PictogramBoard } from './PictogramBoard.tsx';
import { ServicesView } from './ServicesView.tsx';
import { SessionNav } from './SessionNav.tsx';
import { WelcomeScreen } from './WelcomeScreen.tsx';

export function KioskApp(props: {
  store: KioskStore;
  counter: CounterStore;
  feed: SessionFeed;
  device?: DeviceStore;
  clips?: SignClips;
}) {
  const { store, counter, feed, device } = props;
  const t = useT();
  const inSession = counter.phase.value === 'active';
  const selfView = (
    <div class="self">
      <VideoTile stream={store.localStream.value} label={t('video.self')} testId="self-video" muted mirror />
      {store.framing.value ? <FramingGuide hint={store.framing.value} /> : null}
      {store.cameraFailed.value ? (
        <StatusBanner tone="bad" testId="camera-error">
          {t('video.cameraError')}
        </StatusBanner>
      ) : null}
    </div>
  );
  return (
    <SignClipsContext.Provider value={props.clips ?? null}>
      <Shell title={t('kiosk.title')} connection={store.connection.value}>
        {counter.offline.value ? (
          <StatusBanner testId="offline-notice" tone="bad" icon={waitIcon}>
            {t('kiosk.offline.notice')}
          </StatusBanner>
        ) : null}
        {inSession ? (
          <>
            <SessionNav counter={counter} />
            <div class="session-layout">
              <div class="session-main">
                <MainView store={store} counter={counter} feed={feed} />
              </div>
              <aside class="session-side" aria-label={t('counter.feed.heading')}>
                {counter.view.value !== 'call' && store.state.value !== 'idle' ? (
                  <CallStatus store={store} />
                ) : null}
                <CallQuestions store={store} />
                {IN_CALL_STATES.includes(store.state.value) && counter.view.value !== 'call' ? (
                  <VideoTile
                    stream={store.remoteStream.value}
                    label={t('video.interpreter')}
                    testId="remote-video"
                  />
                ) : null}
                <div class="controls">
                  <CallControls store={store} />
                </div>
                {selfView}
                <LatestPictograms feed={feed} testId="latest-pictograms" />
                <ConversationFeed feed={feed} testId="kiosk-feed" />
              </aside>
            </div>
            {counter.idle.value.warning ? <IdleWarning counter={counter} /> : null}
          </>
        ) : (
          <div class="welcome-layout">
            <WelcomeScreen counter={counter} />
            {selfView}
            {device ? <StaffPanel device={device} /> : null}
          </div>
        )}
      </Shell>
    </SignClipsContext.Provider>
  );
}

function MainView(props: { store: KioskStore; counter: CounterStore; feed: SessionFeed }) {
  const { store, counter } = props;
  switch (counter.view.value) {
    case 'home':
      return <HomeView counter={counter} />;
    case 'services':
      return <ServicesView counter={counter} />;
    case 'flow':
      return (
        <FlowView
          counter={counter}
          touchless={store.questionTouchless.value}
          shared={counter.cardShared.value}
        />
      );
    case 'board':
      return <PictogramBoard counter={counter} />;
    case 'chat':
      return <ChatView counter={counter} />;
    case 'call':
      return <CallPanel store={store} />;
    case 'about':
      return <AboutView />;
  }
}
