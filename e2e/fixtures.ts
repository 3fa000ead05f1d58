// One fixture, `app`: a Page showing LayerLab, from the web host in Chromium or from the Electron app.
// In Chromium every test gets a fresh browser context (its own storage, cookies and downloads) in a browser that
// the worker launches once: launching and closing Chromium for each test cost more than many tests themselves.
import { test as base, chromium, _electron, type Browser, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const CHROMIUM = process.env.LAYERLAB_CHROMIUM ?? '/usr/bin/chromium';

function electronBinary(): string | null {
  const pathFile = join(root, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(root, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

function whyNoElectron(): string | null {
  if (!electronBinary()) {
    return 'Electron binary not installed (its download is not reachable here); the same specs ran against the web host';
  }
  if (!existsSync(join(root, 'out/main/index.js'))) return 'Electron bundle missing: run `npm run build` first';
  if (process.platform === 'linux' && !process.env.DISPLAY) return 'no display (set DISPLAY or run under xvfb-run)';
  return null;
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const test = base.extend<{ app: Page }, { webBrowser: () => Promise<Browser> }>({
  /**
   * The worker's Chromium, launched on first use (the electron project never launches it), and launched again
   * if a test crashed or closed it.
   */
  webBrowser: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
    async ({}, use) => {
      const launched: { browser?: Browser } = {};
      await use(async () => {
        if (!launched.browser?.isConnected()) launched.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
        return launched.browser;
      });
      if (launched.browser?.isConnected()) await launched.browser.close();
    },
    { scope: 'worker' },
  ],
  app: async ({ webBrowser }, use, testInfo) => {
    if (testInfo.project.name === 'electron') {
      const why = whyNoElectron();
      if (why) {
        console.log(`[electron] skipping "${testInfo.title}": ${why}`);
        testInfo.skip(true, why);
        return;
      }
      const electronApp = await _electron.launch({
        executablePath: electronBinary()!,
        args: [join(root, 'out/main/index.js')],
        env: { ...process.env, LAYERLAB_HOME: process.env.LAYERLAB_E2E_HOME ?? '' },
      });
      const page = await electronApp.firstWindow();
      await use(page);
      await electronApp.close();
      return;
    }
    const browser = await webBrowser();
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (err) => console.log(`[page error] ${err.message}`));
    await page.goto(process.env.LAYERLAB_URL!);
    await use(page);
    await context.close();
  },
});

export { expect } from '@playwright/test';
