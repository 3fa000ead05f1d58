/* global document */
// Regenerates the README's pictures: starts the web host, opens the MLP template, trains it briefly on the
// bundled digits and captures the window (resources/screenshot.png); then the template gallery
// (resources/screenshot-gallery.png) and the SNAIL template as it opens, with its lesson
// (resources/screenshot-snail.png). Needs /usr/bin/chromium and a web build.
// With --diagnostics, only the diagnostics pictures: the Layers view of the MLP after a short training
// (resources/screenshot-layers.png), the learning-rate finder on it (resources/screenshot-lr-finder.png) and the
// long-dependency LSTM's input gradient per time step (resources/screenshot-input-gradient.png); with
// --input-gradient, only that last picture.
// With --lang ko, the same pictures with the interface in Korean, written as resources/screenshot-*-ko.png.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const host = spawn(process.execPath, ['--import', 'tsx', join(root, 'src-main/web/serve.ts'), '--port', '0'], {
  cwd: root,
  env: { ...process.env, LAYERLAB_HOME: mkdtempSync(join(tmpdir(), 'layerlab-shot-')) },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise((ok, fail) => {
  let out = '';
  host.stdout.on('data', (d) => {
    out += d;
    const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
    if (m) ok(m[1]);
  });
  host.on('exit', () => fail(new Error(out)));
});
const langArg = process.argv.indexOf('--lang');
const LANG = langArg > 0 ? process.argv[langArg + 1] : 'en';
if (!['en', 'ko'].includes(LANG)) throw new Error(`--lang must be en or ko, not ${LANG}`);
/** resources/screenshot-x.png, or resources/screenshot-x-ko.png in Korean. */
const pic = (name) => `resources/${LANG === 'en' ? name : name.replace(/\.png$/, `-${LANG}.png`)}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
/** Sets a training or dataset field in the graph settings the way a user does. */
async function setField(page, testId, value) {
  await page.getByTestId(`param-${testId}`).fill(value);
  await page.getByTestId(`param-${testId}`).press('Enter');
}

async function trainToEnd(page) {
  await page.getByTestId('btn-train').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="train-status"]')?.getAttribute('data-status') === 'completed', null, { timeout: 600_000 });
}

async function diagnosticsPictures(page) {
  await page.goto(url);
  await page.getByTestId('total-params').waitFor();
  await setField(page, 'limit', '2000');
  await setField(page, 'epochs', '3');
  await trainToEnd(page);
  await page.getByTestId('charts-layers').click();
  await page.getByTestId('layers-epoch-select').selectOption({ index: 0 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(root, pic('screenshot-layers.png')) });
  console.log(`wrote ${pic('screenshot-layers.png')}`);
  await page.getByTestId('lr-finder-open').click();
  await page.getByTestId('lr-finder-chart').waitFor({ timeout: 300_000 });
  await page.screenshot({ path: join(root, pic('screenshot-lr-finder.png')) });
  console.log(`wrote ${pic('screenshot-lr-finder.png')}`);
  await page.getByTestId('lr-finder-close').click();
  await inputGradientPicture(page);
}

async function inputGradientPicture(page) {
  await page.goto(`${url}&template=long-dependency-lstm`);
  await page.getByTestId('total-params').waitFor();
  await page.waitForTimeout(2000);
  await setField(page, 'limit', '2500');
  await setField(page, 'epochs', '6');
  await page.getByTestId('tab-live').click();
  await trainToEnd(page);
  await page.getByTestId('charts-layers').click();
  await page.getByTestId('chart-input-gradient').waitFor();
  await page.screenshot({ path: join(root, pic('screenshot-input-gradient.png')) });
  console.log(`wrote ${pic('screenshot-input-gradient.png')}`);
}

try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // The interface language, as if chosen in the app (remembered in localStorage).
  await page.addInitScript((lang) => localStorage.setItem('layerlab.lang', lang), LANG);
  if (process.argv.includes('--input-gradient')) {
    await inputGradientPicture(page);
    process.exitCode = 0;
  } else if (process.argv.includes('--diagnostics')) {
    await diagnosticsPictures(page);
    process.exitCode = 0;
  } else {
  // First a template as it opens (before anything unsaved exists, so no recovery offer covers it).
  await page.goto(`${url}&template=snail-fewshot`);
  await page.getByTestId('total-params').waitFor();
  // The layout runs in a web worker as the template opens: wait until the canvas shows its view (it stays
  // hidden while arranging), then a moment for the wires.
  await page.waitForFunction(() => document.querySelector('[data-testid="canvas"]')?.getAttribute('data-view') === 'ready', null, { timeout: 120_000 });
  await page.waitForTimeout(1000);
  await page.screenshot({ path: join(root, pic('screenshot-snail.png')) });
  console.log(`wrote ${pic('screenshot-snail.png')}`);
  await page.goto(url);
  await page.getByTestId('total-params').waitFor();
  await page.getByTestId('param-limit').fill('3000');
  await page.getByTestId('param-limit').press('Enter');
  await page.getByTestId('param-epochs').fill('2');
  await page.getByTestId('param-epochs').press('Enter');
  await page.getByTestId('btn-train').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="train-status"]')?.getAttribute('data-status') === 'completed', null, { timeout: 600_000 });
  await page.screenshot({ path: join(root, pic('screenshot.png')) });
  console.log(`wrote ${pic('screenshot.png')}`);
  await page.getByTestId('btn-templates').click();
  await page.getByTestId('template-gallery').waitFor();
  await page.screenshot({ path: join(root, pic('screenshot-gallery.png')) });
  console.log(`wrote ${pic('screenshot-gallery.png')}`);
  }
} finally {
  await browser.close();
  host.kill();
}
