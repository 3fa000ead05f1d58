// The PyTorch engine as a user drives it: choose "PyTorch" as the engine in the training settings (offered
// because the host found a Python with torch), train the MLP and the Transformer templates, watch the live
// chart grow, try a run while it trains, stop it, try it again, and find the same evaluation in the Runs panel
// as a TensorFlow.js run of the same graph shows. Skips, saying why, where no Python with torch exists (CI installs
// python3-torch, so it runs there).
import { spawnSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { getTemplate } from '../shared/templates';
import type { GraphFile } from '../shared/graph/types';
import { test, expect } from './fixtures';
import { showGraphSettings } from './helpers';

const torchPython = [process.env.LAYERLAB_PYTHON, 'python3', '/usr/bin/python3']
  .filter((p): p is string => !!p)
  .find((p) => spawnSync(p, ['-c', 'import torch'], { stdio: 'ignore', timeout: 120_000 }).status === 0);
const NO_TORCH = 'no python3 with torch on this machine (apt-get install python3-torch, or set LAYERLAB_PYTHON)';
if (!torchPython) console.log(`[pytorch e2e] skipping: ${NO_TORCH}`);

function template(id: string, name: string, patch: { limit: number; epochs: number; batchSize: number }): GraphFile {
  const g = structuredClone(getTemplate(id)!.graph);
  g.name = name;
  g.dataset = { ...g.dataset, limit: patch.limit };
  g.training = { ...g.training, epochs: patch.epochs, batchSize: patch.batchSize, backend: 'auto' };
  return g;
}

async function openGraph(page: Page, graph: GraphFile): Promise<void> {
  const confirm = page.getByTestId('confirm-ok');
  await page.getByTestId('file-input').setInputFiles({ name: `${graph.name}.layerlab.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(graph)) });
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await expect(page.getByTestId(`node-${graph.nodes[0].id}`)).toBeVisible();
}

async function chooseEngine(page: Page, engine: 'tfjs' | 'pytorch'): Promise<void> {
  await showGraphSettings(page);
  if (engine === 'pytorch') {
    // The first probe imports torch on the host: it can take a while on a loaded machine.
    await expect(page.getByTestId('param-engine').locator('option[value="pytorch"]')).toBeEnabled({ timeout: 180_000 });
  }
  await page.getByTestId('param-engine').selectOption(engine);
  if (engine === 'pytorch') await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
}

/** A test sample through the open Try panel: its bars, with its true class marked. */
async function trySample(page: Page): Promise<void> {
  await page.getByTestId('try-sample-index').fill('3');
  await page.getByTestId('try-sample').click();
  await expect(page.getByTestId('try-bars').locator('li.truth')).toHaveCount(1, { timeout: 60_000 });
}

const points = async (page: Page) => Number(await page.getByTestId('chart-loss').getAttribute('data-points'));

/** The data-testids inside the evaluation of the open run: what the evaluation shows, whatever the numbers. */
async function evaluationParts(page: Page, runName: string): Promise<string[]> {
  await page.getByTestId('tab-runs').click();
  await page.locator('[data-testid^="run-row-"]', { hasText: runName }).first().click();
  const evaluation = page.getByTestId('run-detail').getByTestId('evaluation');
  await expect(evaluation).toBeVisible();
  const ids = await evaluation.locator('[data-testid]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
  await page.getByTestId('tab-live').click();
  return [...new Set(ids)].sort();
}

test.describe('PyTorch engine', () => {
  test.skip(!torchPython, NO_TORCH);

  test('MLP template: PyTorch trains with a live chart, Stop keeps the run, evaluation as a TensorFlow.js run shows it', async ({ app: page }) => {
    test.setTimeout(600_000);
    await expect(page.getByTestId('total-params')).toBeVisible();

    // The reference: the same graph trained by TensorFlow.js.
    await openGraph(page, template('mlp-mnist', 'mlp tfjs', { limit: 600, epochs: 1, batchSize: 64 }));
    await chooseEngine(page, 'tfjs');
    await page.getByTestId('tab-live').click();
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('train-status')).toHaveAttribute('data-status', 'completed', { timeout: 240_000 });
    const tfjsParts = await evaluationParts(page, 'mlp tfjs');
    expect(tfjsParts).toEqual(expect.arrayContaining(['eval-loss', 'eval-accuracy', 'confusion-matrix', 'per-class-accuracy', 'eval-gallery']));

    await openGraph(page, template('mlp-mnist', 'mlp pytorch', { limit: 600, epochs: 200, batchSize: 16 }));
    await chooseEngine(page, 'pytorch');
    await page.getByTestId('torchrun-settings').locator('summary').click();
    await expect(page.getByTestId('torch-command-0')).toContainText('model.py --events --checkpoint-dir checkpoints --device auto');
    await page.getByTestId('pytorch-settings').screenshot({ path: 'test-results/pytorch-settings.png' });
    await page.getByTestId('tab-live').click();
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('train-backend')).toHaveText(/^pytorch cpu/, { timeout: 240_000 });
    await expect.poll(() => points(page), { timeout: 120_000 }).toBeGreaterThan(0);
    const first = await points(page);
    await expect.poll(() => points(page), { timeout: 120_000 }).toBeGreaterThan(first); // the chart grows while PyTorch trains
    await expect(page.getByTestId('train-epoch')).toHaveText(/epoch ([2-9]|\d{2,})\/200/, { timeout: 240_000 }); // an epoch is done
    await page.screenshot({ path: 'test-results/pytorch-live.png' });
    // Try while PyTorch trains: the latest epoch's weights, labelled with their epoch, answer a test sample.
    await page.getByTestId('tab-runs').click();
    await page.locator('[data-testid^="run-row-"]', { hasText: 'mlp pytorch' }).first().click();
    await page.getByTestId('run-detail').getByTestId('run-try').click();
    await expect(page.getByTestId('try-weights')).toContainText(/the weights of epoch \d+, saved while training/, { timeout: 60_000 });
    await trySample(page);
    await page.screenshot({ path: 'test-results/pytorch-try-running.png' });
    await page.getByTestId('try-close').click();
    await page.getByTestId('tab-live').click();
    await page.getByTestId('train-stop').click();
    await expect(page.getByTestId('train-status')).toHaveAttribute('data-status', 'stopped', { timeout: 60_000 });
    // Try after Stop: the weights training ended with.
    await page.getByTestId('run-try').click();
    await expect(page.getByTestId('try-weights')).toContainText('the weights training ended with', { timeout: 60_000 });
    await trySample(page);
    await page.getByTestId('try-close').click();
    await page.getByTestId('tab-runs').click();
    const row = page.locator('[data-testid^="run-row-"]', { hasText: 'mlp pytorch' }).first();
    await expect(row).toHaveAttribute('data-status', 'stopped');
    await expect(row).toContainText('pytorch cpu');
    await page.getByTestId('tab-live').click();
    expect(await evaluationParts(page, 'mlp pytorch')).toEqual(tfjsParts);
  });

  test('Transformer template: PyTorch trains it to the end and it is evaluated', async ({ app: page }) => {
    test.setTimeout(600_000);
    await expect(page.getByTestId('total-params')).toBeVisible();
    await openGraph(page, template('transformer-encoder-mnist', 'transformer pytorch', { limit: 400, epochs: 2, batchSize: 32 }));
    await chooseEngine(page, 'pytorch');
    await page.getByTestId('tab-live').click();
    await page.getByTestId('train-start').click();
    await expect.poll(() => points(page), { timeout: 240_000 }).toBeGreaterThan(0);
    await expect(page.getByTestId('train-status')).toHaveAttribute('data-status', 'completed', { timeout: 400_000 });
    const parts = await evaluationParts(page, 'transformer pytorch');
    expect(parts).toEqual(expect.arrayContaining(['eval-loss', 'eval-accuracy', 'confusion-matrix']));
    await page.getByTestId('tab-runs').click();
    await expect(page.locator('[data-testid^="run-row-"]', { hasText: 'transformer pytorch' }).first()).toHaveAttribute('data-status', 'completed');
  });
});
