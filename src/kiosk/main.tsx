import { render } from 'preact';
import '../ui/theme.css';
import { setLanguage } from '../i18n/i18n.ts';
import { connectSocket } from '../net/socket.ts';
import { createSessionFeed } from '../session/session-feed.ts';
import { createCounterStore } from './counter-store.ts';
import { KioskApp } from './KioskApp.tsx';
import { createKioskStore } from './kiosk-store.ts';

// Where the kiosk stands comes from its start-up URL:
// /kiosk/?name=Counter%203&office=Riyadh&counter=3&id=riyadh-03 (enrolled kiosks replace this later).
const params = new URLSearchParams(location.search);
const name = params.get('name')?.trim() || 'Kiosk';
const office = params.get('office')?.trim();
const counterNo = params.get('counter')?.trim();
const kioskId = params.get('id')?.trim();
setLanguage('ar');
const socket = connectSocket({
  role: 'kiosk',
  name,
  ...(office ? { office } : {}),
  ...(counterNo ? { counter: counterNo } : {}),
  ...(kioskId ? { kioskId } : {}),
});
const store = createKioskStore(socket);
const feed = createSessionFeed(socket, 'kiosk');
const counter = createCounterStore(socket, store, feed);
void store.loadLanguages();
render(<KioskApp store={store} counter={counter} feed={feed} />, document.getElementById('app')!);
// Vision after the first screen is up: it must never delay the button a citizen needs.
void store.startCamera().then(() => setTimeout(() => void store.startVision(), 500));
// A read-only look at what the kiosk holds of the citizen (for support staff and the wipe's test).
Object.assign(window, { ashirKiosk: { snapshot: () => counter.snapshot() } });
addEventListener('pagehide', () => {
  counter.dispose();
  feed.dispose();
  store.dispose();
});
