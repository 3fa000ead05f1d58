// The same specs run in two projects: 'web' drives Debian's Chromium against the web host; 'electron'
// drives the packaged app through Playwright's _electron where an Electron binary exists (else it skips
// and says why).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 180_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  globalSetup: './global-setup.ts',
  outputDir: '../test-results',
  use: {
    viewport: { width: 1400, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  projects: [
    { name: 'web', use: { browserName: 'chromium' } },
    { name: 'electron' },
  ],
});
