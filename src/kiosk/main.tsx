import { render } from 'preact';
import '../ui/theme.css';
import { setLanguage, useT } from '../i18n/i18n.ts';
import { whoAmI } from '../net/auth.ts';
import { connectSocket } from '../net/socket.ts';
import { createSessionFeed } from '../session/session-feed.ts';
import { Shell } from '../ui/Shell.tsx';
import { createCounterStore } from './counter-store.ts';
import { EnrollScreen } from './EnrollScreen.tsx';
import { KioskApp } from './KioskApp.tsx';
import { createKioskStore } from './kiosk-store.ts';
import { systemClock } from '../util/clock.ts';

setLanguage('ar');
const root = document.getElementById('app')!;

// Where the kiosk stands (office, counter, name) comes from its enrolled device account.
const me = await whoAmI();
if (me?.role === 'kiosk') start();
else render(<Enroll />, root);

function Enroll() {
  const t = useT();
  return (
    <Shell title={t('kiosk.title')} connection="connecting">
      <EnrollScreen onEnrolled={() => location.reload()} />
    </Shell>
  );
}

function start() {
  const socket = connectSocket();
  const store = createKioskStore(socket);
  const feed = createSessionFeed(socket, 'kiosk');
  const counter = createCounterStore(socket, store, feed);
  void store.loadLanguages();
  render(<KioskApp store={store} counter={counter} feed={feed} />, root);
  // Vision after the first screen is up: it must never delay the button a citizen needs.
  void store.startCamera().then(() => systemClock.setTimeout(() => void store.startVision(), 500));
  // A read-only look at what the kiosk holds of the citizen (for support staff and the wipe's test).
  Object.assign(window, { ashirKiosk: { snapshot: () => counter.snapshot() } });
  addEventListener('pagehide', () => {
    counter.dispose();
    feed.dispose();
    store.dispose();
    // Leaving on purpose: the server lets go at once instead of waiting for a reconnection.
    socket.disconnect();
  });
}
