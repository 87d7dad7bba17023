import { render } from 'preact';
import '../ui/theme.css';
import { setLanguage, useT } from '../i18n/i18n.ts';
import { connectSocket } from '../net/socket.ts';
import { createSessionFeed } from '../session/session-feed.ts';
import { Shell } from '../ui/Shell.tsx';
import { createCounterStore } from './counter-store.ts';
import { EnrollScreen } from './EnrollScreen.tsx';
import { KioskApp } from './KioskApp.tsx';
import { createKioskStore } from './kiosk-store.ts';
import { systemClock } from '../util/clock.ts';
import { keepAwake } from './keep-awake.ts';
import { Watchdog } from './watchdog.ts';
import { createDeviceStore } from './device-store.ts';
import { offlineShell } from './offline-shell.ts';
import { createSignClips } from './sign-clips-store.ts';
import { effect } from '@preact/signals';

setLanguage('ar');
const root = document.getElementById('app')!;

// Where the kiosk stands (office, counter, name) comes from its enrolled device account. Without the
// server (the page came from the offline shell), the kiosk starts anyway: it serves the citizen face
// to face and connects by itself when the server is back.
const who = await reach();
if (who === 'kiosk' || who === 'offline') start();
else render(<Enroll />, root);

async function reach(): Promise<'kiosk' | 'other' | 'offline'> {
  try {
    const res = await fetch('/api/me', { credentials: 'same-origin', cache: 'no-store' });
    if (res.status >= 500) return 'offline';
    const me = res.ok ? ((await res.json()) as { role?: string }) : null;
    return me?.role === 'kiosk' ? 'kiosk' : 'other';
  } catch {
    return 'offline';
  }
}

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
  // The library's sign clips, in the citizen's sign language or else the office's first.
  const clips = createSignClips(() => store.languagePref.value ?? store.languages.value[0] ?? null);
  // At start and as each session begins: approvals made since show from the next citizen on. (Not at
  // the welcome screen: that is when a new version of the offline shell takes over.)
  void clips.load();
  const stopClips = effect(() => {
    if (counter.phase.value === 'active') void clips.load();
  });
  const device = createDeviceStore({
    socket,
    clock: systemClock,
    stream: () => store.localStream.value,
    idle: () => counter.phase.value === 'welcome',
  });
  render(<KioskApp store={store} counter={counter} feed={feed} device={device} clips={clips} />, root);
  // Vision after the first screen is up: it must never delay the button a citizen needs. The
  // device checks itself once the camera is open (at boot).
  void store.startCamera().then(() => {
    systemClock.setTimeout(() => void store.startVision(), 500);
    systemClock.setTimeout(() => void device.run(), 1500);
  });
  const stopAwake = keepAwake();
  const stopWatch = watch(store, counter);
  const stopShell = offlineShell(
    () => counter.phase.value === 'welcome',
    (fn) => systemClock.setInterval(fn, 30 * 60_000),
  );
  // A read-only look at what the kiosk holds of the citizen (for support staff and the wipe's test).
  Object.assign(window, { ashirKiosk: { snapshot: () => counter.snapshot() } });
  addEventListener('pagehide', () => {
    stopAwake();
    stopWatch();
    stopShell();
    stopClips();
    clips.dispose();
    device.dispose();
    counter.dispose();
    feed.dispose();
    store.dispose();
    // Leaving on purpose: the server lets go at once instead of waiting for a reconnection.
    socket.disconnect();
  });
}

/** Every 30 s: a page offline for long, or whose memory keeps growing, reloads at the welcome screen. */
function watch(store: ReturnType<typeof createKioskStore>, counter: ReturnType<typeof createCounterStore>) {
  const dog = new Watchdog();
  return systemClock.setInterval(() => {
    const now = systemClock.now();
    dog.connection(store.connection.value === 'online', now);
    const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
    if (memory) dog.heap(memory.usedJSHeapSize);
    const why = dog.reason(now);
    if (why && counter.phase.value === 'welcome') {
      console.warn('kiosk watchdog: reloading', why);
      location.reload();
    }
  }, 30_000);
}
