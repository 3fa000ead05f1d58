// Builds the renderer as a plain web page for the browser/headless host (src-main/web serves out/renderer-web).
// Electron builds the same src-renderer/index.html through electron.vite.config.ts.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

export default defineConfig({
  root: resolve(import.meta.dirname, 'src-renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer-web'),
    emptyOutDir: true,
    // CSP forbids inline scripts; keep assets as files.
    assetsInlineLimit: 0,
    // React + React Flow are ~530 kB minified; one chunk is fine for a local app.
    chunkSizeWarningLimit: 1500,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
