// Runs and experiments as a user does them: train a tiny model twice, compare both runs' loss curves in the
// Runs panel, re-open one run's graph into the canvas; then run a 3x2 experiment and see six trials and
// the best one.
import { readFileSync, readdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { startControlRun } from './testing/control-run';

/** A 784-16-10 MLP on 200 bundled digits: trains in seconds on any backend. */
function tinyGraph(name: string, extras?: Record<string, unknown>) {
  const node = (id: string, kind: string, params: Record<string, unknown>, y: number) => ({ id, kind, params, position: { x: 200, y } });
  const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, sourceHandle: 'out', target, targetHandle: 'in' });
  return {
    format: 'layerlab-graph',
    version: 1,
    name,
    nodes: [
      node('input', 'Input', { feature: 'x', shape: [784] }, 0),
      node('hidden', 'Dense', { units: 16, activation: 'relu' }, 120),
      node('head', 'Dense', { units: 10, activation: 'softmax' }, 240),
      node('output', 'Output', { target: 'y' }, 360),
    ],
    edges: [edge('input', 'hidden'), edge('hidden', 'head'), edge('head', 'output')],
    dataset: { id: 'mnist-bundled', representation: 'vector', labels: 'onehot', normalization: 'scale01', validationSplit: 0.2, limit: 200, seed: 1 },
    training: { epochs: 1, batchSize: 50, optimizer: 'adam', learningRate: 0.01, loss: 'categoricalCrossentropy', metrics: ['accuracy'], backend: 'auto' },
    ...(extras ? { extras } : {}),
  };
}

async function openGraph(page: Page, graph: object, fileName: string): Promise<void> {
  const confirm = page.getByTestId('confirm-ok');
  await page.getByTestId('file-input').setInputFiles({ name: fileName, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(graph)) });
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await expect(page.locator('.ll-node[data-kind="Dense"]')).toHaveCount(2);
}

async function trainOnce(page: Page): Promise<void> {
  await page.getByTestId('tab-live').click();
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
}

test('train twice, overlay both runs, re-open one into the canvas', async ({ app: page }) => {
  await expect(page.getByTestId('total-params')).toBeVisible();
  await openGraph(page, tinyGraph('tiny A'), 'tiny-a.layerlab.json');
  await trainOnce(page);
  await expect(page.getByTestId('chart-loss')).not.toHaveAttribute('data-points', '0');
  // Smoothing and log scale redraw the same points.
  await page.getByTestId('chart-log').check();
  await expect(page.getByTestId('chart-loss')).toHaveAttribute('data-scale', 'log');
  await page.getByTestId('chart-log').uncheck();

  await openGraph(page, { ...tinyGraph('tiny B'), training: { ...tinyGraph('x').training, learningRate: 0.001 } }, 'tiny-b.layerlab.json');
  await trainOnce(page);
  // loss, acc, val loss, val acc as the Training tab shows them at the end.
  const [loss, , valLoss, valAcc] = (await page.getByTestId('train-metrics').locator('dd').allTextContents()).map(Number);

  await page.getByTestId('tab-runs').click();
  const rows = page.locator('[data-testid^="run-row-"]');
  // The Runs tab lists the graph on screen (tiny B); both runs are one click away.
  await expect(rows).toHaveCount(1);
  // Its columns say which split each number is from (the validation accuracy was headed 'acc', which the
  // Training tab uses for the training accuracy).
  expect((await page.getByTestId('runs-table').locator('th').allTextContents()).slice(3, 6)).toEqual(['loss', 'val loss', 'val acc']);
  const cells = (await rows.first().locator('td').allTextContents()).slice(3, 6).map(Number);
  [loss, valLoss, valAcc].forEach((v, i) => expect(cells[i], `column ${i + 3}`).toBeCloseTo(v, 2));
  await page.getByTestId('runs-scope-all').click();
  // All runs: this test's two, newest first (runs of the suite's other specs share the data folder).
  const ours = rows.filter({ hasText: /tiny [AB]/ });
  await expect(ours).toHaveCount(2);
  expect(await rows.count()).toBeGreaterThanOrEqual(2);
  await expect(ours.nth(0)).toHaveAttribute('data-status', 'completed');
  await expect(ours.nth(0)).toContainText('tiny B');
  await expect(ours.nth(1)).toContainText('tiny A');

  // Tick both: their loss curves are overlaid.
  for (let i = 0; i < 2; i++) await ours.nth(i).locator('input[type="checkbox"]').check();
  await expect(page.getByTestId('runs-overlay')).toHaveAttribute('data-runs', '2');
  await expect.poll(async () => Number(await page.getByTestId('chart-overlay').getAttribute('data-points'))).toBeGreaterThan(4);

  // Open run A and re-open its graph: the canvas shows tiny A with its learning rate.
  await ours.nth(1).click();
  await expect(page.getByTestId('run-detail')).toContainText('tiny A');
  await expect(page.getByTestId('run-detail')).toContainText('lr 0.01');
  await page.screenshot({ path: 'test-results/runs-panel.png' });
  // Its evaluation on the test split: confusion matrix, per-class accuracy, predictions misclassified first.
  await expect(page.getByTestId('evaluation')).toBeVisible();
  await expect(page.getByTestId('confusion-matrix').locator('tbody tr')).toHaveCount(10);
  await expect(page.getByTestId('per-class-accuracy').locator('.ll-perclass-row')).toHaveCount(10);
  const gallery = page.getByTestId('eval-gallery').locator('figure');
  expect(await gallery.count()).toBeGreaterThan(0);
  await expect(gallery.first()).toHaveAttribute('data-correct', 'false');
  await page.setViewportSize({ width: 1400, height: 1800 });
  await page.screenshot({ path: 'test-results/runs-evaluation.png' });
  await page.setViewportSize({ width: 1400, height: 900 });

  // Take the trained model away: tfjs files, then a PyTorch script with the run's weights and data.
  const exported = async (format: string): Promise<string[]> => {
    await page.getByTestId('export-format').selectOption(format);
    await page.getByTestId('export-start').click();
    await expect(page.getByTestId('export-result')).toBeVisible({ timeout: 60_000 });
    const dir = (await page.getByTestId('export-result').locator('code').textContent())!;
    expect(dir.startsWith(process.env.LAYERLAB_E2E_HOME!)).toBe(true); // the web host writes into its data folder
    return readdirSync(dir).sort();
  };
  expect(await exported('tfjs')).toEqual(expect.arrayContaining(['model.json', 'weights.bin']));
  expect(await exported('pytorch')).toEqual(expect.arrayContaining(['data.npz', 'model.py', 'weights.npz']));
  // ONNX: model.onnx at opset 17 with the run's weights (src-main/export/onnx tests compare it with tfjs).
  expect(await exported('onnx')).toContain('model.onnx');
  await expect(page.getByTestId('export-result')).toContainText('ONNX opset 17');
  for (const [width, height] of [[1440, 900], [1280, 720]]) {
    await page.setViewportSize({ width, height });
    await page.getByTestId('run-export').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/runs-export-onnx-${width}.png` });
  }
  await page.setViewportSize({ width: 1400, height: 900 });

  await page.getByTestId('run-reopen').click();
  const confirm = page.getByTestId('confirm-ok');
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await expect(page.getByTestId('param-graph-name')).toHaveValue('tiny A');
  await expect(page.getByTestId('param-learningRate')).toHaveValue('0.01');
  await expect(page.locator('.ll-node[data-kind="Dense"]')).toHaveCount(2);
});

test('pause holds training within a batch, resume continues it, stop keeps the run', async ({ app: page }) => {
  await expect(page.getByTestId('total-params')).toBeVisible();
  // Long enough (40 epochs x 100 batches) that no backend finishes before the pause click lands.
  const slow = tinyGraph('tiny pause');
  await openGraph(page, { ...slow, dataset: { ...slow.dataset, limit: 1000 }, training: { ...slow.training, epochs: 40, batchSize: 8 } }, 'pause.layerlab.json');
  await page.getByTestId('train-start').click();
  const loss = page.getByTestId('chart-loss');
  await expect.poll(async () => Number(await loss.getAttribute('data-points')), { timeout: 60_000 }).toBeGreaterThan(0);
  // A control run of the same graph trains beside it (started over the host's api, not in this page).
  const control = await startControlRun({ ...slow, name: 'control', dataset: { ...slow.dataset, limit: 1000 }, training: { ...slow.training, epochs: 40, batchSize: 8 } });
  await expect.poll(() => control.batches(), { timeout: 120_000 }).toBeGreaterThan(0);
  await page.getByTestId('train-pause').click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-status', 'paused');
  const progress = Number(await page.getByTestId('train-progress').getAttribute('data-progress'));
  // While the control trains 10 batches, a run that ignored the pause would train some too: a count, not a wait.
  const controlAtPause = control.batches();
  await expect.poll(() => control.batches(), { timeout: 60_000 }).toBeGreaterThanOrEqual(controlAtPause + 10);
  expect(Number(await page.getByTestId('train-progress').getAttribute('data-progress'))).toBe(progress);
  await control.stop();
  expect(progress).toBeLessThan(1);
  await page.screenshot({ path: 'test-results/live-paused.png' });
  await page.getByTestId('train-resume').click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-status', 'running');
  await expect.poll(async () => Number(await page.getByTestId('train-progress').getAttribute('data-progress')), { timeout: 60_000 }).toBeGreaterThan(progress);
  await page.getByTestId('train-stop').click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-status', 'stopped', { timeout: 30_000 });
  const stoppedAt = Number(await page.getByTestId('train-progress').getAttribute('data-progress'));
  expect(stoppedAt).toBeGreaterThan(progress);
  expect(stoppedAt).toBeLessThan(1);
  await page.getByTestId('tab-runs').click();
  await expect(page.locator('[data-testid^="run-row-"]').first()).toHaveAttribute('data-status', 'stopped');
  await page.getByTestId('tab-live').click();

  // The hyperparameters panel offers schedule, early stopping and clipping; turning one on writes it to the graph.
  await page.getByTestId('param-earlyStopping').check();
  await expect(page.getByTestId('param-esPatience')).toHaveValue('3');
  await page.getByTestId('param-lrSchedule').selectOption('step');
  await expect(page.getByTestId('param-lrStepEpochs')).toBeVisible();
  await page.getByTestId('training-advanced').scrollIntoViewIfNeeded();
  await page.getByTestId('training-advanced').screenshot({ path: 'test-results/hyperparameters.png' });
});

test('a 3x2 experiment runs six trials and marks the best', async ({ app: page }) => {
  const experiment = {
    params: [
      { path: 'training.learningRate', values: [0.001, 0.01, 0.1] },
      { path: 'training.batchSize', values: [50, 100] },
    ],
    mode: 'grid',
    budget: { epochsPerTrial: 1, maxTrials: 6 },
    seed: 1,
  };
  await expect(page.getByTestId('total-params')).toBeVisible();
  await openGraph(page, tinyGraph('tiny sweep', { experiment }), 'sweep.layerlab.json');
  await page.getByTestId('tab-experiments').click();
  await expect(page.getByTestId('exp-trial-count')).toContainText('6 trials');

  // A bad value is refused with a message before anything runs.
  const values = page.getByTestId('exp-values-training.batchSize');
  await values.fill('0, 50');
  await expect(page.getByTestId('exp-values-problem')).toContainText('value 0 is refused, batch size must be a whole number >= 1');
  await values.press('Tab');
  await expect(page.getByTestId('exp-problem')).toContainText("Parameter 'training.batchSize': value 0 is refused");
  await expect(page.getByTestId('exp-start')).toBeDisabled();
  await values.fill('50, 100');
  await values.press('Tab');
  await expect(page.getByTestId('exp-trial-count')).toContainText('6 trials');

  await page.getByTestId('exp-start').click();
  const view = page.getByTestId('experiment-view');
  await expect(view).toHaveAttribute('data-status', 'completed', { timeout: 170_000 });
  await expect(page.locator('[data-testid^="exp-row-"]')).toHaveCount(6);
  await expect(page.locator('[data-testid^="exp-row-"][data-status="completed"]')).toHaveCount(6);
  await expect(page.getByTestId('exp-best')).toHaveCount(1);
  await expect.poll(async () => Number(await page.getByTestId('chart-exp-loss').getAttribute('data-points')), { timeout: 20_000 }).toBeGreaterThan(6);

  // The best row has the lowest val loss of the table (columns: #, lr, batch size, status, loss, val loss).
  const valLosses = await page.locator('[data-testid^="exp-row-"] td:nth-child(6)').allTextContents();
  const bestVal = await page.locator('[data-testid^="exp-row-"][data-best="true"] td:nth-child(6)').textContent();
  expect(Number(bestVal)).toBe(Math.min(...valLosses.map(Number)));
  await page.screenshot({ path: 'test-results/experiment.png' });

  // Apply best writes its values into the graph.
  const bestLr = await page.locator('[data-testid^="exp-row-"][data-best="true"] td:nth-child(2)').textContent();
  await page.getByTestId('exp-apply-best').click();
  await expect(page.getByTestId('param-learningRate')).toHaveValue(String(Number(bestLr)));

  // The definition is saved with the graph file, so a shared file carries it.
  const downloadPromise = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  const saved = JSON.parse(readFileSync(await (await downloadPromise).path(), 'utf8'));
  expect(saved.extras.experiment).toEqual(experiment);
  expect(saved.training.learningRate).toBe(Number(bestLr));
});
