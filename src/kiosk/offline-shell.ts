/**
 * The kiosk's offline shell: a service worker (built by vite-plugin-pwa, `kiosk-sw.js`) keeps the
 * kiosk's page, scripts, fonts and pictograms, and caches the vision models and sign clips at first
 * use, so a kiosk whose server is away still starts and serves the citizen in front of it. A new
 * version is taken only at the welcome screen: it waits while a citizen is being served.
 */
import { effect } from '@preact/signals';
import type { Disposer } from '../util/emitter.ts';
import { KIOSK_SERVICE_WORKER } from './service-worker-name.ts';

export function offlineShell(atWelcome: () => boolean, every: (fn: () => void) => Disposer): Disposer {
  // (Under `vite dev` there is no worker file: registering fails with a warning, and that is all.)
  if (!('serviceWorker' in navigator)) return () => {};
  const container = navigator.serviceWorker;
  let reg: ServiceWorkerRegistration | null = null;
  /** A new version waits (installed, not active): take it now if nobody is being served. */
  const takeIfIdle = () => {
    // Read the screen first: an effect that runs this must depend on it even while nothing waits.
    const idle = atWelcome();
    if (idle && reg?.waiting) reg.waiting.postMessage({ type: 'SKIP_WAITING' });
  };
  // The page was controlled by a version and another one takes over: load it (at welcome, see above).
  const updating = container.controller !== null;
  const onControllerChange = () => {
    if (updating) location.reload();
  };
  container.addEventListener('controllerchange', onControllerChange);
  container
    .register(`/${KIOSK_SERVICE_WORKER}`, { scope: '/kiosk/' })
    .then((r) => {
      reg = r;
      r.addEventListener('updatefound', () => {
        const next = r.installing;
        next?.addEventListener('statechange', () => next.state === 'installed' && takeIfIdle());
      });
      takeIfIdle();
    })
    .catch((err: unknown) => console.warn('offline shell not installed', err));
  const stopCheck = every(() => {
    void reg?.update().catch(() => {});
    takeIfIdle();
  });
  const stopWatch = effect(() => void takeIfIdle());
  return () => {
    stopCheck();
    stopWatch();
    container.removeEventListener('controllerchange', onControllerChange);
  };
}
