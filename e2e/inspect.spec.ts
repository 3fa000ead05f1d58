// Look inside a trained run: the Transformer classifier template's attention heads (every head of both encoder
// blocks, as heat maps), and the CNN template's feature maps, trained briefly on bundled MNIST digits (28x28x1,
// not a CIFAR download). Clicking a layer on the canvas shows its activation and the canvas highlights it.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { getTemplate } from '../shared/templates';
import type { GraphFile } from '../shared/graph/types';

async function openGraph(page: Page, g: GraphFile): Promise<void> {
  await expect(page.getByTestId('total-params')).toBeVisible();
  await page.getByTestId('file-input').setInputFiles({ name: `${g.name}.layerlab.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(g)) });
  const confirm = page.getByTestId('confirm-ok');
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await expect(page.getByTestId('file-name')).toHaveText(g.name);
}

/** Trains the graph on screen, then opens its run's "Look inside". */
async function trainAndLookInside(page: Page): Promise<void> {
  await page.getByTestId('btn-train').click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-status', 'completed', { timeout: 150_000 });
  await page.getByTestId('tab-runs').click();
  await page.locator('[data-testid^="run-row-"]').first().click();
  await page.getByTestId('run-inspect').locator('summary').click();
  await expect(page.getByTestId('inspect-view')).toBeVisible({ timeout: 60_000 });
}

/** Screenshots at both window sizes, with `what` scrolled into the bottom panel, for the README and review. */
async function shoot(page: Page, name: string, what: ReturnType<Page['getByTestId']>): Promise<void> {
  for (const size of [{ width: 1440, height: 900 }, { width: 1280, height: 720 }]) {
    await page.setViewportSize(size);
    await what.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/inspect-${name}-${size.width}.png` });
  }
}

/** A template's graph with a few hundred bundled digits and one epoch. */
function short(id: string, name: string, patch: (g: GraphFile) => void = () => {}): GraphFile {
  const g = structuredClone(getTemplate(id)!.graph);
  g.name = name;
  g.dataset = { ...g.dataset, limit: 300, validationSplit: 0.2 };
  g.training = { ...g.training, epochs: 2, batchSize: 50, learningRate: 0.003 };
  patch(g);
  return g;
}

test('Transformer template: every attention head of both encoder blocks as a heat map; canvas click shows a layer', async ({ app: page }) => {
  await openGraph(page, short('transformer-encoder-mnist', 'inspect transformer'));
  await trainAndLookInside(page);
  await page.getByTestId('inspect-node-encoder').click();
  const view = page.getByTestId('inspect-view');
  await expect(view).toHaveAttribute('data-view', 'attention');
  // 2 blocks x 4 heads, each a 28 x 28 map (one row per image row = token).
  await expect(page.getByTestId('inspect-head')).toHaveCount(8);
  await expect(view).toContainText('block 1 self-attention');
  await expect(view).toContainText('block 2 self-attention');
  const size = await page.getByTestId('inspect-head').first().locator('canvas').evaluate((c: HTMLCanvasElement) => [c.width, c.height]);
  expect(size[0]).toBe(size[1]);
  expect(size[0] % 28).toBe(0);
  await expect(page.getByTestId('node-encoder')).toHaveAttribute('data-inspected', 'true');
  await shoot(page, 'attention', page.getByTestId('inspect-head').first());

  // A click on a layer on the canvas shows that layer here; the highlight moves with it.
  await page.getByTestId('node-embed').click();
  await expect(view).toHaveAttribute('data-node', 'embed');
  await expect(view).toHaveAttribute('data-view', 'heat');
  await expect(page.getByTestId('node-embed')).toHaveAttribute('data-inspected', 'true');
  await expect(page.getByTestId('node-encoder')).not.toHaveAttribute('data-inspected', 'true');
});

test('CNN template on MNIST: feature maps of the first conv as an image grid, the PCA of the test set by class', async ({ app: page }) => {
  const g = short('cnn-cifar10', 'inspect cnn', (graph) => {
    graph.dataset = { ...graph.dataset, id: 'mnist-bundled', representation: 'image', options: {} };
    graph.nodes.find((n) => n.id === 'image')!.params.shape = [28, 28, 1];
    for (const n of graph.nodes) if (n.kind === 'Conv2D') n.params.filters = 8;
    graph.nodes.find((n) => n.id === 'dense')!.params.units = 32;
  });
  await openGraph(page, g);
  await trainAndLookInside(page);
  await page.getByTestId('inspect-node-conv_1').click();
  const view = page.getByTestId('inspect-view');
  await expect(view).toHaveAttribute('data-view', 'maps');
  await expect(page.getByTestId('inspect-maps')).toHaveAttribute('data-maps', '8');
  await expect(page.getByTestId('inspect-stats')).toContainText('[28, 28, 8]');
  await expect(page.getByTestId('inspect-stats')).toContainText(/zeros \d+\.\d%/);
  // The output layer: ten bars, one per digit.
  await page.getByTestId('inspect-node-classes').click();
  await expect(page.getByTestId('inspect-bars')).toHaveAttribute('data-bars', '10');
  await page.getByTestId('inspect-node-conv_1').click();
  await shoot(page, 'feature-maps', page.getByTestId('inspect-maps'));

  await page.getByTestId('inspect-project').click();
  await expect(page.getByTestId('inspect-scatter')).toBeVisible({ timeout: 60_000 });
  expect(Number(await page.getByTestId('inspect-scatter').getAttribute('data-points'))).toBeGreaterThan(20);
  await expect(page.getByTestId('inspect-project-node')).toHaveValue('dense');
  await shoot(page, 'pca', page.getByTestId('inspect-scatter'));
});

test('LSTM template on MNIST rows: the gates i, f, o and the cell c as heat maps over the 28 rows', async ({ app: page }) => {
  await openGraph(page, short('lstm-mnist-rows', 'inspect lstm', (graph) => {
    graph.nodes.find((n) => n.id === 'lstm')!.params.units = 16;
  }));
  await trainAndLookInside(page);
  await page.getByTestId('inspect-node-lstm').click();
  await expect(page.getByTestId('inspect-view')).toHaveAttribute('data-view', 'lstm');
  for (const g of ['i', 'f', 'o', 'c', 'h']) {
    // 28 time steps (rows) x 16 units, drawn at whole pixels per cell.
    const [w, h] = await page.getByTestId(`inspect-gate-${g}`).locator('canvas').evaluate((c: HTMLCanvasElement) => [c.width, c.height]);
    expect(h / 28).toBe(w / 16);
  }
  await shoot(page, 'lstm', page.getByTestId('inspect-lstm'));
});
