// Builds the desktop app: out/main/index.js (main process), out/main/worker.js (training worker) and
// out/main/jobs.js (dataset previews and exports), both run in utilityProcesses, out/preload/index.js
// (sandboxed, so CommonJS and self-contained), out/renderer/ (the React app).
// The browser host builds the same renderer with vite.web.config.mts.
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/electron/main.ts'),
          worker: resolve(__dirname, 'src-main/training/worker.ts'),
          jobs: resolve(__dirname, 'src-main/jobs/job-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only 'electron': bundle everything else into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/electron/preload.ts') },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 1500,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-renderer/index.html') },
      },
    },
    server: { host: '127.0.0.1' },
  },
});
