/**
 * The kiosk's offline shell's file name: vite.config.ts builds it, the server never lets HTTP cache
 * it, and the kiosk registers it (src/kiosk/offline-shell.ts). One name for the three.
 */
export const KIOSK_SERVICE_WORKER = 'kiosk-sw.js';
