import { resolve } from 'node:path';
import { defineConfig } from 'vite';

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
