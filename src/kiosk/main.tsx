import { render } from 'preact';
import '../ui/theme.css';
import { setLanguage } from '../i18n/i18n.ts';
import { connectSocket } from '../net/socket.ts';
import { KioskApp } from './KioskApp.tsx';
import { createKioskStore } from './kiosk-store.ts';

// Where the kiosk stands comes from its start-up URL: /kiosk/?name=Counter%203&office=Riyadh&counter=3
// (enrolled kiosks with credentials replace this later).
const params = new URLSearchParams(location.search);
const name = params.get('name')?.trim() || 'Kiosk';
const office = params.get('office')?.trim();
const counter = params.get('counter')?.trim();
setLanguage('ar');
const store = createKioskStore(
  connectSocket({ role: 'kiosk', name, ...(office ? { office } : {}), ...(counter ? { counter } : {}) }),
);
void store.loadLanguages();
render(<KioskApp store={store} />, document.getElementById('app')!);
// Vision after the first screen is up: it must never delay the button a citizen needs.
void store.startCamera().then(() => setTimeout(() => void store.startVision(), 500));
addEventListener('pagehide', () => store.dispose());
