// The Try panel on real runs, driven as a learner does: train the MNIST MLP briefly, open Try it, draw a "1"
// with the mouse and read the probability bars (ten classes summing to 1, the headline is the largest bar);
// Undo and Clear work on the drawing; a test sample shows its true class; that sample's pixels, made into a PNG file
// and dropped on the panel, get the class the run predicts for the sample. Then train the tiny GPT for a
// moment and generate text from a prompt: the prompt plus N characters, each with its distribution.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { openTemplate, showGraphSettings } from './helpers';
import { emptyGraph } from '../shared/graph/defaults';
import type { GraphFile } from '../shared/graph/types';

/** A 784-64-10 MLP on 3,000 bundled digits: seconds to train, and it reads a drawn "1". */
function smallMnist(): GraphFile {
  const g = emptyGraph('try mnist');
  const node = (id: string, kind: string, params: Record<string, unknown>, x: number) => ({ id, kind, params: params as never, position: { x, y: 100 } });
  const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, sourceHandle: 'out', target, targetHandle: 'in' });
  g.nodes = [node('input', 'Input', { feature: 'x', shape: [784] }, 0), node('hidden', 'Dense', { units: 64 }, 260), node('head', 'Dense', { units: 10, activation: 'softmax' }, 520), node('output', 'Output', { target: 'y' }, 780)];
  g.edges = [edge('input', 'hidden'), edge('hidden', 'head'), edge('head', 'output')];
  g.dataset = { ...g.dataset, limit: 3000, validationSplit: 0.1 };
  g.training = { ...g.training, epochs: 2, batchSize: 64, learningRate: 0.005 };
  return g;
}

async function setSetting(page: Page, testId: string, value: string): Promise<void> {
  const input = page.getByTestId(`param-${testId}`);
  await input.fill(value);
  await input.press('Enter');
  await expect(input).toHaveValue(value);
}

async function train(page: Page): Promise<void> {
  await page.getByTestId('btn-train').click();
  await page.getByTestId('tab-live').click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
}

async function bars(page: Page): Promise<{ name: string; p: number }[]> {
  const items = page.getByTestId('try-bars').getByTestId('try-bar');
  return items.evaluateAll((els) => els.map((e) => ({ name: e.getAttribute('data-class') ?? '', p: Number(e.getAttribute('data-p')) })));
}

test('draw a digit on a trained MNIST run and read the probability bars', async ({ app: page }) => {
  await expect(page.getByTestId('total-params')).toBeVisible();
  const g = smallMnist();
  await page.getByTestId('file-input').setInputFiles({ name: 'try.layerlab.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(g)) });
  await expect(page.getByTestId('file-name')).toHaveText(g.name);
  await train(page);
  await page.getByTestId('run-try').click();
  const panel = page.getByTestId('try-panel');
  await expect(panel).toHaveAttribute('data-mode', 'image', { timeout: 60_000 });
  await expect(page.getByTestId('try-weights')).toContainText('the weights training ended with (2 epochs)');

  // The empty canvas says what to do, and what the model reads is named.
  await expect(page.getByTestId('try-draw-hint')).toHaveText('Draw a digit here with the mouse');
  await expect(page.getByTestId('try-panel')).toContainText('What the model reads: 28x28, fitted into 20x20 and centred like MNIST');

  // A "1": one vertical stroke down the middle of the drawing area.
  const box = (await page.getByTestId('try-draw').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.52, box.y + box.height * 0.15);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width * (0.52 - i * 0.004), box.y + box.height * (0.15 + i * 0.07));
  await page.mouse.up();
  await expect(page.getByTestId('try-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('try-draw-hint')).toHaveCount(0);
  await expect(panel).toHaveAttribute('data-busy', 'false');
  let probs = await bars(page);
  expect(probs.map((b) => b.name)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  expect(probs.reduce((s, b) => s + b.p, 0)).toBeCloseTo(1, 3);
  const top = probs.reduce((a, b) => (b.p > a.p ? b : a));
  await expect(page.getByTestId('try-prediction')).toHaveText(top.name);
  expect(top.name, `bars: ${JSON.stringify(probs)}`).toBe('1');

  // A second stroke changes the answer; Undo brings the first one's bars back exactly.
  const first = probs;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.3, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => JSON.stringify(await bars(page))).not.toBe(JSON.stringify(first));
  await page.getByTestId('try-undo').click();
  await expect.poll(async () => JSON.stringify(await bars(page))).toBe(JSON.stringify(first));
  await page.getByTestId('try-clear').click();
  await expect(page.getByTestId('try-clear')).toBeDisabled();
  await expect(page.getByTestId('try-draw-hint')).toBeVisible();

  // A test sample: its image and its true class.
  await page.getByTestId('try-sample-index').fill('7');
  await page.getByTestId('try-sample').click();
  await expect(page.getByTestId('try-sample-image')).toBeVisible();
  await expect(page.getByTestId('try-bars').locator('li.truth')).toHaveCount(1);
  probs = await bars(page);
  expect(probs.reduce((s, b) => s + b.p, 0)).toBeCloseTo(1, 3);

  // Dropping an image file: a test digit the model is sure of (the file goes through the drop's own scaling, so a
  // doubtful digit could tip over), its pixels as a 28x28 PNG, dropped on the panel in a DataTransfer.
  let sample: { index: number; name: string } | null = null;
  for (const index of [7, 0, 1, 2, 3, 4, 5, 6, 8, 9]) {
    if (index !== 7) {
      // Sample 7 is shown already; another sample's bars replace it.
      const before = JSON.stringify(await bars(page));
      await page.getByTestId('try-sample-index').fill(String(index));
      await page.getByTestId('try-sample').click();
      await expect.poll(async () => JSON.stringify(await bars(page)), { timeout: 60_000 }).not.toBe(before);
      await expect(panel).toHaveAttribute('data-busy', 'false');
    }
    const shown = await bars(page);
    const best = shown.reduce((a, b) => (b.p > a.p ? b : a));
    if (best.p > 0.9) {
      sample = { index, name: best.name };
      break;
    }
  }
  expect(sample, 'one of ten test digits predicted with p > 0.9').not.toBeNull();
  const png = await page.getByTestId('try-sample-image').evaluate((canvas: HTMLCanvasElement) => {
    const { data, width, height } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    return { width, height, grey: Array.from({ length: width * height }, (_, p) => data[p * 4]) };
  });
  expect(png).toMatchObject({ width: 28, height: 28 });
  const dataTransfer = await page.evaluateHandle(async ({ width, height, grey }) => {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d')!;
    const image = ctx.createImageData(width, height);
    grey.forEach((v, p) => image.data.set([v, v, v, 255], p * 4));
    ctx.putImageData(image, 0, 0);
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
    const dt = new DataTransfer();
    dt.items.add(new File([blob], `digit-${width}.png`, { type: 'image/png' }));
    return dt;
  }, png);
  await panel.locator('.ll-try-inputs').first().dispatchEvent('drop', { dataTransfer });
  // The dropped image is no test sample: no sample image, no true class; the bars are its own.
  await expect(page.getByTestId('try-sample-image')).toHaveCount(0, { timeout: 60_000 });
  await expect(panel).toHaveAttribute('data-busy', 'false');
  await expect(page.getByTestId('try-bars').locator('li.truth')).toHaveCount(0);
  const dropped = await bars(page);
  expect(dropped.reduce((s, b) => s + b.p, 0)).toBeCloseTo(1, 3);
  const droppedBest = dropped.reduce((a, b) => (b.p > a.p ? b : a));
  expect(droppedBest.name, `sample ${sample!.index}; dropped bars: ${JSON.stringify(dropped)}`).toBe(sample!.name);
  await expect(page.getByTestId('try-prediction')).toHaveText(sample!.name);
  await expect(panel).not.toContainText('inverted'); // light ink on dark already, as MNIST digits are

  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
});

test('generate text with a briefly trained tiny GPT', async ({ app: page }) => {
  await openTemplate(page, 'char-gpt');
  await showGraphSettings(page);
  await setSetting(page, 'limit', '64');
  await setSetting(page, 'epochs', '1');
  await train(page);
  await page.getByTestId('run-try').click();
  await expect(page.getByTestId('try-panel')).toHaveAttribute('data-mode', 'generate', { timeout: 60_000 });
  await page.getByTestId('try-prompt').fill('Shall I compare thee');
  await page.getByTestId('try-count').fill('20');
  await page.getByTestId('try-seed').fill('4');
  await page.getByTestId('try-generate').click();
  const text = page.getByTestId('try-generated');
  await expect(text).toBeVisible({ timeout: 60_000 });
  const tokens = text.locator('.ll-try-token');
  await expect(tokens).toHaveCount(20);
  expect(((await text.textContent()) ?? '').startsWith('Shall I compare thee')).toBe(true);
  // Each character is a button showing the distribution it was drawn from; the picked one is among the bars.
  await tokens.nth(5).focus();
  const picked = ((await tokens.nth(5).textContent()) ?? '').replace('↵\n', '\n');
  const step = await page.getByTestId('try-step-bars').getByTestId('try-bar').evaluateAll((els) => els.map((e) => ({ name: e.getAttribute('data-class'), p: Number(e.getAttribute('data-p')) })));
  expect(step.length).toBeGreaterThan(1);
  expect(step.some((b) => b.name === picked)).toBe(true);
  // The last position's attention, per decoder block and head.
  await expect(page.getByTestId('try-last-attention').locator('tr')).toHaveCount(8);

  // Same seed, same text.
  const once = await text.textContent();
  await page.getByTestId('try-generate').click();
  await expect(page.getByTestId('try-panel')).toHaveAttribute('data-busy', 'false');
  await expect(text).toHaveText(once ?? '');
});
