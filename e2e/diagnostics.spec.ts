// Training diagnostics and the learning-rate finder, driven as a learner would: train a tiny MLP and open the
// Layers view (per-layer gradient norms, histograms per epoch, dead ReLUs); run the learning-rate finder from
// the Training tab and use its suggestion, which lands in the training settings.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { showGraphSettings } from './helpers';
import { emptyGraph } from '../shared/graph/defaults';
import type { GraphFile } from '../shared/graph/types';

const PICS = process.env.LAYERLAB_PICS_DIR;

/** A 784-16(relu)-10 MLP on a few hundred bundled digits, diagnostics every batch. */
function tinyGraph(name: string, limit: number): GraphFile {
  const g = emptyGraph(name);
  const node = (id: string, kind: string, params: Record<string, unknown>, x: number) => ({ id, kind, params: params as never, position: { x, y: 100 } });
  const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, sourceHandle: 'out', target, targetHandle: 'in' });
  g.nodes = [node('input', 'Input', { feature: 'x', shape: [784] }, 0), node('hidden', 'Dense', { units: 16, activation: 'relu' }, 260), node('head', 'Dense', { units: 10, activation: 'softmax' }, 520), node('output', 'Output', { target: 'y' }, 780)];
  g.edges = [edge('input', 'hidden'), edge('hidden', 'head'), edge('head', 'output')];
  g.dataset = { ...g.dataset, limit, validationSplit: 0.2 };
  g.training = { ...g.training, epochs: 3, batchSize: 20, optimizer: 'adam', learningRate: 0.01, diagnostics: { record: true, everyBatches: 1 } };
  return g;
}

async function openFile(page: Page, g: GraphFile): Promise<void> {
  await page.getByTestId('file-input').setInputFiles({ name: `${g.name}.layerlab.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(g)) });
  const confirm = page.getByTestId('confirm-ok');
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await expect(page.getByTestId('file-name')).toHaveText(g.name);
}

test('after a short training the Layers view shows per-layer gradient norms, histograms per epoch and dead ReLUs', async ({ app: page }) => {
  await expect(page.getByTestId('total-params')).toBeVisible();
  await openFile(page, tinyGraph('diag mlp', 200));
  await page.getByTestId('btn-train').click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
  await page.getByTestId('charts-layers').click();
  // 160 training digits / 20 = 8 batches per epoch, 3 epochs, every batch recorded, 2 layers: 48 points.
  await expect(page.getByTestId('chart-grad-norms')).toHaveAttribute('data-points', '48');
  await expect(page.getByTestId('chart-weight-norms')).toHaveAttribute('data-points', '48');
  await expect(page.locator('.ll-legend-item').filter({ hasText: 'Dense layer 1 of 2' }).first()).toBeVisible();
  await expect(page.getByTestId('dead-relus')).toContainText(/dead ReLUs \(epoch 3\): Dense layer 1 of 2 \d+%/);
  await expect(page.getByTestId('histogram-rows')).toHaveAttribute('data-rows', '3');
  await page.getByTestId('layers-epoch-select').selectOption({ label: 'Weights: Dense layer 2 of 2' });
  await expect(page.getByTestId('histogram-rows')).toHaveAttribute('data-rows', '3');
  if (PICS) await page.screenshot({ path: `${PICS}/diag-layers-${page.viewportSize()!.width}.png` });
});

test('the learning-rate finder runs from the Training tab and its suggestion becomes the learning rate', async ({ app: page }) => {
  await expect(page.getByTestId('total-params')).toBeVisible();
  await openFile(page, tinyGraph('lr mlp', 600));
  await page.getByTestId('tab-live').click();
  await page.getByTestId('lr-finder-open').click();
  await expect(page.getByTestId('lr-finder')).toBeVisible();
  await expect(page.getByTestId('lr-finder-chart')).toBeVisible({ timeout: 120_000 });
  expect(Number(await page.getByTestId('lr-finder-chart').getAttribute('data-points'))).toBeGreaterThan(20);
  await expect(page.getByTestId('lr-finder-chart-marker')).toBeVisible();
  const suggestion = Number(await page.getByTestId('lr-finder-suggestion').getAttribute('data-value'));
  expect(suggestion).toBeGreaterThan(1e-6);
  expect(suggestion).toBeLessThan(1);
  if (PICS) await page.screenshot({ path: `${PICS}/diag-lr-finder-${page.viewportSize()!.width}.png` });
  await page.getByTestId('lr-finder-use').click();
  await expect(page.getByTestId('lr-finder')).toHaveCount(0);
  await showGraphSettings(page);
  await expect(page.getByTestId('param-learningRate')).toHaveValue(String(Number(suggestion.toPrecision(2))));
});
