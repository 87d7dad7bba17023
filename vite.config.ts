import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { KIOSK_SERVICE_WORKER } from './src/kiosk/service-worker-name.ts';

const src = resolve(import.meta.dirname, 'src');

export default defineConfig({
  root: src,
  publicDir: false,
  base: '/',
  resolve: {
    // simple-peer's package entry expects Node globals (global, process); its browser build does not.
    alias: { 'simple-peer': 'simple-peer/simplepeer.min.js' },
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [
    // The kiosk's offline shell: its page, scripts, styles, fonts and pictograms are precached; the
    // vision models and sign clips are cached at first use. Only /kiosk/ is controlled; a new version
    // waits until the kiosk is at its welcome screen (src/kiosk/offline-shell.ts).
    VitePWA({
      injectRegister: false,
      registerType: 'prompt',
      manifest: false,
      filename: KIOSK_SERVICE_WORKER,
      scope: '/kiosk/',
      workbox: {
        // Sign clips are built into assets/ too (src/flows/sign-clips.ts): kept like the pictograms.
        globPatterns: ['kiosk/index.html', 'assets/**/*.{js,css,woff,woff2,svg,png,webm,mp4}'],
        navigateFallback: '/kiosk/index.html',
        navigateFallbackAllowlist: [/^\/kiosk\//],
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            urlPattern: ({ url }) =>
              url.pathname.startsWith('/models/') ||
              url.pathname.startsWith('/vision/wasm/') ||
              url.pathname.startsWith('/sign-clips/'),
            handler: 'CacheFirst',
            options: { cacheName: 'ashir-kiosk-media', expiration: { maxEntries: 200 } },
          },
          {
            // The list of approved clips: from the server when it answers, else the last one (a kiosk
            // that starts without its server still offers the clips it has).
            urlPattern: ({ url }) => url.pathname === '/api/clips/approved',
            handler: 'NetworkFirst',
            options: { cacheName: 'ashir-sign-clips-list', networkTimeoutSeconds: 5 },
          },
          {
            // The sign library's approved clips: fetched whole by the kiosk (never by range), named by
            // their content, so a cached one is never stale.
            urlPattern: ({ url }) => url.pathname.startsWith('/clips/'),
            handler: 'CacheFirst',
            options: {
              cacheName: 'ashir-sign-clips',
              expiration: { maxEntries: 2000 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
  ],
  // The kiosk's vision worker (src/vision/vision-worker.ts) is a module worker.
  worker: { format: 'es' },
  build: {
    outDir: resolve(import.meta.dirname, process.env.ASHIR_BUILD_DIR ?? 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    // Inlined assets would be data: URLs; keep every asset a same-origin file.
    assetsInlineLimit: 0,
    rollupOptions: {
      input: {
        index: resolve(src, 'index.html'),
        kiosk: resolve(src, 'kiosk/index.html'),
        interpreter: resolve(src, 'interpreter/index.html'),
        clerk: resolve(src, 'clerk/index.html'),
        supervisor: resolve(src, 'supervisor/index.html'),
      },
    },
  },
  server: { fs: { allow: [import.meta.dirname] } },
});
