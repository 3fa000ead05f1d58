// The dataset panel as a user meets it: open it from the inspector, read sizes, shapes and class balance of
// the bundled MNIST, see the digits drawn, switch the representation, look at a generated sequence task,
// and get a clear error naming the file when a path is wrong.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { showGraphSettings } from './helpers';

async function fill(page: Page, testId: string, value: string): Promise<void> {
  const input = page.getByTestId(`param-${testId}`);
  await input.fill(value);
  await input.press('Tab');
}

/** Non-black pixels of the n-th sample canvas (the digits are white on black). */
async function litPixels(page: Page, n: number): Promise<{ lit: number; total: number; width: number; height: number }> {
  return page.getByTestId('sample-image').nth(n).evaluate((el) => {
    const canvas = el as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let lit = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] > 30) lit++;
    return { lit, total: data.length / 4, width: canvas.width, height: canvas.height };
  });
}

test('the dataset panel shows sizes, shapes, balance and drawn samples of the bundled MNIST', async ({ app: page }, testInfo) => {
  await showGraphSettings(page);
  await page.getByTestId('param-dataset').selectOption('mnist-bundled');
  await page.getByTestId('param-representation').selectOption('vector');
  await page.getByTestId('param-normalization').selectOption('scale01');
  await fill(page, 'validationSplit', '0.1');
  await fill(page, 'limit', '0');

  await page.getByTestId('btn-preview-data').click();
  const panel = page.getByTestId('dataset-panel');
  await expect(panel).toBeVisible();
  await expect(panel).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });

  // 10,000 bundled digits: 8,000 for training (10% of it held out for validation) and 2,000 for testing.
  await expect(panel.getByTestId('size-train')).toContainText('7,200');
  await expect(panel.getByTestId('size-validation')).toContainText('800');
  await expect(panel.getByTestId('size-test')).toContainText('2,000');
  await expect(panel.getByTestId('preview-feature-x')).toContainText('[784]');
  await expect(panel.getByTestId('preview-target-y')).toContainText('[10]');
  await expect(panel.getByTestId('preview-target-y')).toContainText('10 classes');
  // Scaled to 0..1 on the training split.
  await expect(panel.getByTestId('preview-feature-x')).toContainText('min 0 · max 1');

  await expect(panel.getByTestId('class-balance')).toHaveAttribute('data-classes', '10');
  await expect(panel.getByTestId('balance-bar')).toHaveCount(10);
  // Every digit class has a few hundred samples: no bar is empty.
  const titles = await panel.getByTestId('balance-bar').evaluateAll((bars) => bars.map((b) => b.getAttribute('title') ?? ''));
  for (const t of titles) expect(Number(/: ([\d,]+) \(/.exec(t)![1].replace(/,/g, ''))).toBeGreaterThan(500);

  await expect(panel.getByTestId('dataset-sample')).toHaveCount(16);
  await expect(panel.getByTestId('sample-image')).toHaveCount(16);
  await expect(panel.getByTestId('sample-label').first()).toHaveText(/^[0-9]$/);
  for (const n of [0, 7, 15]) {
    const px = await litPixels(page, n);
    expect(px).toMatchObject({ width: 28, height: 28 });
    // A handwritten digit covers roughly 10-25% of the 784 pixels; blank or all-white would be 0 or 784.
    expect(px.lit, `sample ${n} has ink`).toBeGreaterThan(40);
    expect(px.lit, `sample ${n} is not all white`).toBeLessThan(500);
  }
  await page.screenshot({ path: testInfo.outputPath('dataset-panel-mnist.png') });

  // The inspector stays usable beside the panel: the matrix representation reloads the preview.
  await page.getByTestId('param-representation').selectOption('matrix');
  await expect(panel.getByTestId('preview-feature-x')).toContainText('[28, 28]', { timeout: 60_000 });
  await expect(panel).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  expect((await litPixels(page, 0)).lit).toBeGreaterThan(40);

  await page.getByTestId('dataset-preview-close').click();
  await expect(panel).toHaveCount(0);
});

test('a generated sequence task shows its samples as text', async ({ app: page }, testInfo) => {
  await showGraphSettings(page);
  await page.getByTestId('param-dataset').selectOption('addition');
  await page.getByTestId('btn-preview-data').click();
  const panel = page.getByTestId('dataset-panel');
  await expect(panel).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await expect(panel.getByRole('heading', { name: 'Addition (seq2seq)' })).toBeVisible();
  await expect(panel.getByTestId('class-balance')).toHaveCount(0);
  await expect(panel.getByTestId('sample-image')).toHaveCount(0);
  const inputs = await panel.getByTestId('sample-text').allTextContents();
  const targets = await panel.getByTestId('sample-target-text').allTextContents();
  expect(inputs.length).toBe(16);
  expect(targets.length).toBe(16);
  // "123+45" -> "168": every sample is a sum, and its target is that sum.
  for (let i = 0; i < inputs.length; i++) {
    const [, a, b] = /^"(\d+)\+(\d+) *"$/.exec(inputs[i]) ?? [];
    expect(a, `input ${inputs[i]}`).toBeDefined();
    expect(targets[i]).toBe(`→ ${JSON.stringify(String(Number(a) + Number(b)).padEnd(4))}`);
  }
  await page.screenshot({ path: testInfo.outputPath('dataset-panel-addition.png') });

  // Without a vocabulary the tokens are shown as ids; the copy task's target is its input.
  await page.getByTestId('param-dataset').selectOption('seq-copy');
  await expect(panel.getByRole('heading', { name: 'Sequence copy' })).toBeVisible();
  await expect(panel).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  const ids = await panel.getByTestId('sample-text').allTextContents();
  const copies = await panel.getByTestId('sample-target-text').allTextContents();
  expect(ids.length).toBe(16);
  for (let i = 0; i < ids.length; i++) {
    expect(ids[i]).toMatch(/^\d( \d){7}$/);
    expect(copies[i]).toBe(`→ ${ids[i]}`);
  }

  // A time series shows a line plot of the window.
  await page.getByTestId('param-dataset').selectOption('time-series');
  await expect(panel.getByTestId('sample-series')).toHaveCount(16, { timeout: 60_000 });
  await expect(panel.getByTestId('preview-feature-x')).toContainText('[32, 1]');
  await page.screenshot({ path: testInfo.outputPath('dataset-panel-series.png') });
});

/** IDX unsigned-byte images [n, 28, 28]: a filled square whose size depends on the sample. */
function idxImages(n: number): Buffer {
  const header = Buffer.from([0, 0, 8, 3, 0, 0, 0, n, 0, 0, 0, 28, 0, 0, 0, 28]);
  const body = Buffer.alloc(n * 784);
  for (let i = 0; i < n; i++) for (let y = 4; y < 10 + i; y++) for (let x = 4; x < 10 + i; x++) body[i * 784 + y * 28 + x] = 255;
  return Buffer.concat([header, body]);
}

function idxLabels(n: number): Buffer {
  return Buffer.concat([Buffer.from([0, 0, 8, 1, 0, 0, 0, n]), Buffer.from(Array.from({ length: n }, (_, i) => i % 10))]);
}

test('a bad path shows an error naming the file, and fixing it recovers', async ({ app: page }, testInfo) => {
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-ds-e2e-'));
  try {
    await showGraphSettings(page);
    await page.getByTestId('param-dataset').selectOption('kmnist');
    await page.getByTestId('btn-preview-data').click();
    const panel = page.getByTestId('dataset-panel');
    const missing = join(dir, 'no-such-folder');
    await page.getByTestId('param-dataset-option-path').fill(missing);
    await page.getByTestId('param-dataset-option-path').press('Enter'); // fields commit on Enter or blur
    const error = panel.getByTestId('dataset-preview-error');
    await expect(error).toContainText(missing, { timeout: 60_000 });
    await expect(error).toContainText('no such file or folder');

    // An IDX folder whose training images file is not IDX: the error names that file; fixed, it loads.
    const idx = join(dir, 'idx');
    mkdirSync(idx);
    writeFileSync(join(idx, 'train-images-idx3-ubyte'), Buffer.concat([Buffer.from('GIF89a'), idxImages(12).subarray(6)]));
    writeFileSync(join(idx, 'train-labels-idx1-ubyte'), idxLabels(12));
    writeFileSync(join(idx, 't10k-images-idx3-ubyte'), idxImages(4));
    writeFileSync(join(idx, 't10k-labels-idx1-ubyte'), idxLabels(4));
    await page.getByTestId('param-dataset-option-path').fill(idx);
    await page.getByTestId('param-dataset-option-path').press('Enter'); // fields commit on Enter or blur
    await expect(error).toContainText(join(idx, 'train-images-idx3-ubyte'), { timeout: 60_000 });
    await expect(error).toContainText('wrong magic number');
    writeFileSync(join(idx, 'train-images-idx3-ubyte'), idxImages(12));
    await panel.getByTestId('dataset-preview-reload').click();
    await expect(panel).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
    await expect(panel.getByTestId('size-test')).toContainText('4');
    expect((await litPixels(page, 0)).lit).toBeGreaterThan(0);

    // A CSV with a word in a numeric column: the error names the file, the row and the column.
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'a,b,label\n1,2,x\n3,4,y\n5,oops,x\n6,7,y\n');
    await page.getByTestId('param-dataset').selectOption('csv');
    await page.getByTestId('param-dataset-option-path').fill(bad);
    await page.getByTestId('param-dataset-option-path').press('Enter'); // fields commit on Enter or blur
    await expect(error).toContainText(bad, { timeout: 60_000 });
    await expect(error).toContainText("column 'b': 'oops' is not a number");
    await page.screenshot({ path: testInfo.outputPath('dataset-panel-error.png') });

    // Fix the file; Reload shows it: 4 rows, 2 numeric features, 2 classes.
    writeFileSync(bad, 'a,b,label\n1,2,x\n3,4,y\n5,6,x\n6,7,y\n8,9,x\n');
    await panel.getByTestId('dataset-preview-reload').click();
    await expect(panel).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
    await expect(error).toHaveCount(0);
    await expect(panel.getByTestId('preview-feature-x')).toContainText('[2]');
    await expect(panel.getByTestId('balance-bar')).toHaveCount(2);
    await expect(panel.getByTestId('sample-numbers').first()).toBeVisible();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the inspector warns when a dataset path cannot be read, and shows the sizes read from the files', async ({ app: page }, testInfo) => {
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-ds-e2e-'));
  try {
    await showGraphSettings(page);
    await page.getByTestId('param-dataset').selectOption('kmnist');
    const missing = join(dir, 'no-such-folder');
    await page.getByTestId('param-dataset-option-path').fill(missing);
    await page.getByTestId('param-dataset-option-path').press('Enter');
    const warning = page.getByTestId('dataset-files-problem');
    await expect(warning).toContainText(missing, { timeout: 60_000 });
    await expect(page.getByTestId('dataset-shapes')).not.toContainText('train');
    await warning.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('dataset-files-problem.png') });

    const idx = join(dir, 'idx');
    mkdirSync(idx);
    writeFileSync(join(idx, 'train-images-idx3-ubyte'), idxImages(12));
    writeFileSync(join(idx, 'train-labels-idx1-ubyte'), idxLabels(12));
    writeFileSync(join(idx, 't10k-images-idx3-ubyte'), idxImages(4));
    writeFileSync(join(idx, 't10k-labels-idx1-ubyte'), idxLabels(4));
    await page.getByTestId('param-dataset-option-path').fill(idx);
    await page.getByTestId('param-dataset-option-path').press('Enter');
    await expect(page.getByTestId('dataset-shapes')).toContainText('4 test', { timeout: 60_000 });
    await expect(warning).toHaveCount(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A CIFAR-10 binary batch: per record a label byte, then 1024 red, 1024 green, 1024 blue bytes (planar). */
function cifarBatch(records: number): Buffer {
  const buf = Buffer.alloc(records * 3073);
  for (let r = 0; r < records; r++) {
    const base = r * 3073;
    buf[base] = r % 10;
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        const p = y * 32 + x;
        // Left half red, right half blue, so a drawing that mixed up channels or orientation shows it.
        buf[base + 1 + p] = x < 16 ? 230 : 10;
        buf[base + 1 + 1024 + p] = 20;
        buf[base + 1 + 2048 + p] = x < 16 ? 10 : 230;
      }
    }
  }
  return buf;
}

test('CIFAR-10 batches are drawn in colour at 32x32, and a truncated batch is named', async ({ app: page }, testInfo) => {
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-cifar-e2e-'));
  try {
    for (let i = 1; i <= 5; i++) writeFileSync(join(dir, `data_batch_${i}.bin`), cifarBatch(4));
    writeFileSync(join(dir, 'test_batch.bin'), cifarBatch(5));
    await showGraphSettings(page);
    await page.getByTestId('param-dataset').selectOption('cifar10');
    await page.getByTestId('param-representation').selectOption('image');
    await page.getByTestId('param-normalization').selectOption('none');
    await fill(page, 'validationSplit', '0.1');
    await page.getByTestId('param-dataset-option-path').fill(dir);
    await page.getByTestId('param-dataset-option-path').press('Enter'); // fields commit on Enter or blur
    await page.getByTestId('btn-preview-data').click();
    const panel = page.getByTestId('dataset-panel');
    await expect(panel).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
    await expect(panel.getByTestId('preview-feature-x')).toContainText('[32, 32, 3]');
    await expect(panel.getByTestId('size-train')).toContainText('18');
    await expect(panel.getByTestId('size-validation')).toContainText('2');
    await expect(panel.getByTestId('size-test')).toContainText('5');
    // Labels 0..9 are shown by their CIFAR-10 names (the splits are shuffled, so any of the ten).
    const labels = await panel.getByTestId('sample-label').allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) expect(['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']).toContain(l);
    const pixels = await panel.getByTestId('sample-image').first().evaluate((el) => {
      const canvas = el as HTMLCanvasElement;
      const ctx = canvas.getContext('2d')!;
      return { width: canvas.width, height: canvas.height, left: Array.from(ctx.getImageData(3, 16, 1, 1).data), right: Array.from(ctx.getImageData(28, 16, 1, 1).data) };
    });
    expect(pixels).toMatchObject({ width: 32, height: 32 });
    // Drawn against the training range 10..230: red on the left, blue on the right.
    expect(pixels.left[0]).toBeGreaterThan(200);
    expect(pixels.left[2]).toBeLessThan(40);
    expect(pixels.right[2]).toBeGreaterThan(200);
    expect(pixels.right[0]).toBeLessThan(40);

    await page.screenshot({ path: testInfo.outputPath('dataset-panel-cifar.png') });

    // A batch cut short mid-record: the error names that file.
    writeFileSync(join(dir, 'test_batch.bin'), cifarBatch(5).subarray(0, 3073 * 5 - 100));
    await panel.getByTestId('dataset-preview-reload').click();
    await expect(panel.getByTestId('dataset-preview-error')).toContainText('test_batch.bin', { timeout: 60_000 });
    await expect(panel.getByTestId('dataset-preview-error')).toContainText('truncated');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
