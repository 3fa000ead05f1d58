// Before training a model that would not fit in memory, the app says so with the estimate: the inspector
// shows it, Train refuses above the machine's memory and asks above half of it. The graphs are sized from
// this machine's memory (the e2e host runs here), so the cases hold on any machine.
import os from 'node:os';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { emptyGraph } from '../shared/graph/defaults';
import { showGraphSettings } from './helpers';

/** Adam keeps about 18 values per weight at the peak of a step (shared/graph/memory.ts), 4 bytes each. */
const BYTES_PER_WEIGHT = 18 * 4;

/** Input [784] -> Dense(w) -> Dense(w) -> Dense 10 -> Output: about w^2 weights, so memory is chosen by w. */
function wideGraph(name: string, targetBytes: number) {
  const w = Math.round(Math.sqrt(targetBytes / BYTES_PER_WEIGHT));
  const g = emptyGraph(name);
  const node = (id: string, kind: string, params: Record<string, unknown>, x: number) => ({ id, kind, params: params as never, position: { x, y: 100 } });
  const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, sourceHandle: 'out', target, targetHandle: 'in' });
  g.nodes = [
    node('input', 'Input', { feature: 'x', shape: [784] }, 0),
    node('wide_1', 'Dense', { units: w }, 260),
    node('wide_2', 'Dense', { units: w }, 520),
    node('head', 'Dense', { units: 10, activation: 'softmax' }, 780),
    node('output', 'Output', { target: 'y' }, 1040),
  ];
  g.edges = [edge('input', 'wide_1'), edge('wide_1', 'wide_2'), edge('wide_2', 'head'), edge('head', 'output')];
  return g;
}

async function open(page: Page, g: ReturnType<typeof wideGraph>): Promise<void> {
  await page.getByTestId('file-input').setInputFiles({ name: `${g.name}.layerlab.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(g)) });
  const confirm = page.getByTestId('confirm-ok');
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await expect(page.getByTestId('file-name')).toHaveText(g.name);
}

test('a model larger than the machine is refused before training, with the estimate', async ({ app: page }) => {
  await expect(page.getByTestId('total-params')).toBeVisible();
  await open(page, wideGraph('too wide', os.totalmem() * 1.5));
  await showGraphSettings(page);
  const note = page.getByTestId('memory-estimate');
  await expect(note).toHaveAttribute('data-verdict', 'too-large');
  await expect(note).toContainText(/Training needs about [\d.]+ GB \(weights .*adam state and update .*\): more than this machine's [\d.]+ GB of memory, so it cannot train here/);
  // The node being edited says so too.
  await page.getByTestId('node-wide_1').click();
  await expect(page.getByTestId('node-inspector').getByTestId('memory-estimate')).toHaveAttribute('data-verdict', 'too-large');
  await page.screenshot({ path: 'test-results/memory-too-large-inspector.png' });

  await page.getByTestId('btn-train').click();
  const dialog = page.getByTestId('error-dialog');
  await expect(dialog).toContainText('Too large to train on this machine');
  await expect(dialog).toContainText(/Training needs about [\d.]+ GB/);
  await page.screenshot({ path: 'test-results/memory-refused.png' });
  await page.getByTestId('error-ok').click();
  await page.getByTestId('tab-live').click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-status', 'idle');
});

test('a model that needs more than half the machine asks first; Cancel starts nothing', async ({ app: page }) => {
  await expect(page.getByTestId('total-params')).toBeVisible();
  await open(page, wideGraph('rather wide', os.totalmem() * 0.75));
  await showGraphSettings(page);
  const note = page.getByTestId('memory-estimate');
  await expect(note).toHaveAttribute('data-verdict', 'tight');
  await expect(note).toContainText('more than half of this machine');
  await page.getByTestId('btn-train').click();
  const question = page.getByTestId('confirm-dialog');
  await expect(question).toContainText('Train a model this large?');
  await expect(question).toContainText(/Training needs about [\d.]+ GB/);
  await page.getByTestId('confirm-cancel').click();
  await page.getByTestId('tab-live').click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-status', 'idle');

  // Halving the batch does not rescue it (weights dominate), but making the layers small does.
  await page.getByTestId('node-wide_1').click();
  await page.getByTestId('param-units').fill('64');
  await page.getByTestId('param-units').press('Enter');
  await page.getByTestId('node-wide_2').click();
  await page.getByTestId('param-units').fill('64');
  await page.getByTestId('param-units').press('Enter');
  await showGraphSettings(page);
  await expect(note).toHaveAttribute('data-verdict', 'fits');
});
