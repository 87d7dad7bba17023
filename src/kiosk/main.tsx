import { render } from 'preact';
import '../ui/theme.css';
import { setLanguage } from '../i18n/i18n.ts';
import { connectSocket } from '../net/socket.ts';
import { KioskApp } from './KioskApp.tsx';
import { createKioskStore } from './kiosk-store.ts';

// The counter's name comes from the kiosk's start-up URL (e.g. /kiosk/?name=Counter%203).
const name = new URLSearchParams(location.search).get('name')?.trim() || 'Kiosk';
setLanguage('ar');
const store = createKioskStore(connectSocket({ role: 'kiosk', name }));
void store.startCamera();
render(<KioskApp store={store} />, document.getElementById('app')!);
addEventListener('pagehide', () => store.dispose());
