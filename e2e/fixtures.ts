// One fixture, `app`: a Page showing LayerLab, from the web host in Chromium or from the Electron app.
import { test as base, chromium, _electron, type Page } from '@playwright/test';
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

export const test = base.extend<{ app: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
  app: async ({}, use, testInfo) => {
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
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (err) => console.log(`[page error] ${err.message}`));
    await page.goto(process.env.LAYERLAB_URL!);
    await use(page);
    await browser.close();
  },
});

export { expect } from '@playwright/test';
