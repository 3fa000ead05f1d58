// Results belong to the graph on screen. Train graph A, open template B: the Training tab says B is not
// trained yet (not A's curves and accuracy), the Runs tab lists B's runs by default with every run one
// click away, and A's run is labelled as another graph's wherever it appears (row, detail, overlay legend,
// a run still training). Reopening A's graph brings its last run back to the Training tab.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { openTemplate } from './helpers';
import { emptyGraph } from '../shared/graph/defaults';
import type { GraphFile } from '../shared/graph/types';

/** A 784-16-10 MLP on 200 bundled digits: trains in seconds on any backend. */
function tinyGraph(name: string, training: Partial<GraphFile['training']> = {}): GraphFile {
  const g = emptyGraph(name);
  const node = (id: string, kind: string, params: Record<string, unknown>, x: number) => ({ id, kind, params: params as never, position: { x, y: 100 } });
  const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, sourceHandle: 'out', target, targetHandle: 'in' });
  g.nodes = [node('input', 'Input', { feature: 'x', shape: [784] }, 0), node('hidden', 'Dense', { units: 16 }, 260), node('head', 'Dense', { units: 10, activation: 'softmax' }, 520), node('output', 'Output', { target: 'y' }, 780)];
  g.edges = [edge('input', 'hidden'), edge('hidden', 'head'), edge('head', 'output')];
  g.dataset = { ...g.dataset, limit: 200, validationSplit: 0.2 };
  g.training = { ...g.training, epochs: 1, batchSize: 50, learningRate: 0.01, ...training };
  return g;
}

async function openFile(page: Page, g: GraphFile): Promise<void> {
  await page.getByTestId('file-input').setInputFiles({ name: `${g.name}.layerlab.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(g)) });
  const confirm = page.getByTestId('confirm-ok');
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await expect(page.getByTestId('file-name')).toHaveText(g.name);
}

/** Sets a graph setting the way a user does: select all, type, Enter. */
async function setSetting(page: Page, testId: string, value: string): Promise<void> {
  const input = page.getByTestId(`param-${testId}`);
  await input.fill(value);
  await input.press('Enter');
  await expect(input).toHaveValue(value);
}

test('train graph A, open template B: B is not trained yet, Runs lists B, A is labelled another graph', async ({ app: page }) => {
  await expect(page.getByTestId('total-params')).toBeVisible();
  await openFile(page, tinyGraph('graph A'));
  await page.getByTestId('btn-train').click();
  const status = page.getByTestId('train-status');
  await expect(status).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
  await expect(page.getByTestId('train-show-run')).toContainText(/Evaluation: [\d.]+% test acc/);
  expect(Number(await page.getByTestId('chart-loss').getAttribute('data-points'))).toBeGreaterThan(0);

  // Template B: its own lesson, and nothing of A's run in the Training tab.
  await openTemplate(page, 'mlp-mnist');
  await page.getByTestId('tab-live').click();
  await expect(status).toHaveAttribute('data-status', 'idle');
  await expect(status).toHaveText('Not trained yet');
  await expect(page.getByTestId('chart-loss')).toHaveAttribute('data-points', '0');
  await expect(page.getByTestId('train-show-run')).toHaveCount(0);
  await expect(page.getByTestId('train-metrics')).toHaveCount(0);

  // Runs: this graph has none yet; all runs shows A's, labelled as another graph's.
  await page.getByTestId('tab-runs').click();
  await expect(page.getByTestId('runs-scope-graph')).toHaveText('This graph (0)');
  await expect(page.getByTestId('runs-empty')).toContainText('This graph has no runs yet');
  await page.getByTestId('runs-scope-all').click();
  const rows = page.locator('[data-testid^="run-row-"]');
  // All runs of the suite's shared data folder: A's is there, labelled as another graph's.
  const rowA = rows.filter({ hasText: 'graph A' });
  await expect(rowA).toHaveCount(1);
  await expect(rowA).toHaveAttribute('data-other-graph', 'true');
  await expect(rowA.getByTestId('other-graph-badge')).toBeVisible();
  await rowA.click();
  await expect(page.getByTestId('run-detail')).toHaveAttribute('data-other-graph', 'true');
  await expect(page.getByTestId('run-other-graph-note')).toContainText('graph A');
  // Its evaluation gallery is A's own data (MNIST digits), shown under that label.
  await expect(page.getByTestId('evaluation')).toBeVisible();

  // Train B (small): the Runs tab lists B's run by default, A's only under All runs.
  await showSettings(page);
  await setSetting(page, 'limit', '200');
  await setSetting(page, 'epochs', '1');
  await setSetting(page, 'batchSize', '50');
  await page.getByTestId('btn-train').click();
  await expect(status).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
  await page.getByTestId('tab-runs').click();
  await page.getByTestId('runs-scope-graph').click();
  await expect(page.getByTestId('runs-scope-graph')).toHaveText('This graph (1)');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-other-graph', 'false');
  await expect(rows.first()).toContainText('MLP on MNIST');
  await page.getByTestId('runs-scope-all').click();
  const rowB = page.locator('[data-testid^="run-row-"][data-other-graph="false"]');
  await expect(rowB).toHaveCount(1);
  await expect(rowA).toHaveCount(1);
  // Overlaid, A's curve is named as another graph's.
  for (const row of [rowB, rowA]) await row.locator('input[type="checkbox"]').check();
  await expect(page.getByTestId('runs-overlay')).toContainText('graph A (other graph)');
  await page.screenshot({ path: 'test-results/runs-other-graph.png' });

  // Reopen A's graph from its run: the Training tab shows A's last run again.
  await rowA.click();
  await page.getByTestId('run-reopen').click();
  const confirm = page.getByTestId('confirm-ok');
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await page.getByTestId('tab-live').click();
  await expect(page.getByTestId('train-view')).toHaveAttribute('data-source', 'stored');
  await expect(status).toHaveAttribute('data-status', 'completed');
  await expect(page.getByTestId('train-last-run')).toBeVisible();
  await expect.poll(async () => Number(await page.getByTestId('chart-loss').getAttribute('data-points'))).toBeGreaterThan(0);
});

test("a run still training is named as another graph's, and can be stopped from there", async ({ app: page }) => {
  await expect(page.getByTestId('total-params')).toBeVisible();
  await openFile(page, tinyGraph('slow A', { epochs: 200, batchSize: 8 }));
  await page.getByTestId('btn-train').click();
  const status = page.getByTestId('train-status');
  await expect(status).toHaveAttribute('data-status', 'running', { timeout: 60_000 });
  await openFile(page, tinyGraph('graph C'));
  await page.getByTestId('tab-live').click();
  await expect(status).toHaveAttribute('data-status', 'idle');
  const banner = page.getByTestId('train-other-graph');
  await expect(banner).toContainText('slow A');
  await expect(banner).toContainText('another graph');
  await expect(page.getByTestId('train-start')).toBeDisabled();
  await expect(page.getByTestId('btn-train')).toHaveAttribute('data-other-graph', 'true');
  await page.screenshot({ path: 'test-results/training-other-graph.png' });
  await page.getByTestId('train-other-stop').click();
  await expect(banner).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('train-start')).toBeEnabled();
});

async function showSettings(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  if (!(await page.getByTestId('graph-settings').isVisible())) {
    const { showGraphSettings } = await import('./helpers');
    await showGraphSettings(page);
  }
}
