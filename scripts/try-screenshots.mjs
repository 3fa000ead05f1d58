/* global document */
// Pictures of the Try panel for the README: trains a small MLP on the bundled digits, draws a 7 on the Try
// canvas (resources/screenshot-try.png), then trains the tiny GPT briefly and generates text
// (resources/screenshot-try-gpt.png). `--out DIR --size WxH` writes elsewhere at another window size.
// Needs /usr/bin/chromium and a web build (npm run build:web).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const outDir = resolve(arg('out', join(root, 'resources')));
const prefix = arg('prefix', 'screenshot-');
const [width, height] = arg('size', '1440x900').split('x').map(Number);

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

const node = (id, kind, params, x) => ({ id, kind, params, position: { x, y: 100 } });
const edge = (source, target) => ({ id: `${source}-${target}`, source, sourceHandle: 'out', target, targetHandle: 'in' });

async function trained(page) {
  await page.getByTestId('btn-train').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="train-status"]')?.getAttribute('data-status') === 'completed', null, { timeout: 600_000 });
}

/** Strokes of a 7 in drawing-area fractions. */
async function drawSeven(page) {
  const box = await page.getByTestId('try-draw').boundingBox();
  const at = (fx, fy) => [box.x + box.width * fx, box.y + box.height * fy];
  await page.mouse.move(...at(0.28, 0.22));
  await page.mouse.down();
  await page.mouse.move(...at(0.72, 0.22), { steps: 10 });
  await page.mouse.move(...at(0.45, 0.82), { steps: 14 });
  await page.mouse.up();
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(url);
  await page.getByTestId('total-params').waitFor();
  const graph = {
    format: 'layerlab-graph', version: 1, name: 'Digits MLP',
    nodes: [node('input', 'Input', { feature: 'x', shape: [784] }, 0), node('hidden', 'Dense', { units: 128, activation: 'relu' }, 260), node('head', 'Dense', { units: 10, activation: 'softmax' }, 520), node('output', 'Output', { target: 'y' }, 780)],
    edges: [edge('input', 'hidden'), edge('hidden', 'head'), edge('head', 'output')],
    dataset: { id: 'mnist-bundled', representation: 'vector', labels: 'onehot', normalization: 'scale01', validationSplit: 0.1, limit: 6000, seed: 1 },
    training: { epochs: 3, batchSize: 64, optimizer: 'adam', learningRate: 0.002, loss: 'categoricalCrossentropy', metrics: ['accuracy'], backend: 'auto' },
  };
  await page.getByTestId('file-input').setInputFiles({ name: 'digits.layerlab.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(graph)) });
  await page.getByTestId('total-params').waitFor();
  await trained(page);
  await page.getByTestId('run-try').click();
  await page.locator('[data-testid="try-panel"][data-mode="image"]').waitFor({ timeout: 120_000 });
  await drawSeven(page);
  await page.getByTestId('try-result').waitFor({ timeout: 120_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(outDir, `${prefix}try.png`) });
  console.log(`wrote ${join(outDir, `${prefix}try.png`)}`);
  await page.getByTestId('try-close').click();

  await page.goto(`${url}&template=char-gpt`);
  await page.getByTestId('total-params').waitFor();
  await page.getByTestId('param-limit').fill('1500');
  await page.getByTestId('param-limit').press('Enter');
  await page.getByTestId('param-epochs').fill('4');
  await page.getByTestId('param-epochs').press('Enter');
  await trained(page);
  await page.getByTestId('run-try').click();
  await page.locator('[data-testid="try-panel"][data-mode="generate"]').waitFor({ timeout: 120_000 });
  await page.getByTestId('try-count').fill('60');
  await page.getByTestId('try-generate').click();
  await page.getByTestId('try-generated').waitFor({ timeout: 120_000 });
  await page.locator('.ll-try-token').nth(3).focus();
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(outDir, `${prefix}try-gpt.png`) });
  console.log(`wrote ${join(outDir, `${prefix}try-gpt.png`)}`);
} finally {
  await browser.close();
  host.kill();
}
