// The walking skeleton as a user does it: build a model from the palette, wire it, see shapes and
// counts, train one short epoch on the bundled digits while the chart grows, save, re-open, and have a
// broken file refused without losing anything.
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { connect, dragFromPalette, nodesOfKind, showGraphSettings } from './helpers';
import type { Page } from '@playwright/test';

async function setField(page: Page, testId: string, value: string): Promise<void> {
  const input = page.getByTestId(`param-${testId}`);
  await input.fill(value);
  await input.press('Tab');
}

test('build, train, save and re-open a model', async ({ app: page }) => {
  await expect(page.getByTestId('total-params')).toBeVisible();
  await expect(page.getByTestId('backend-badge')).toContainText(/tensorflow|wasm|cpu/);

  // Start from an empty graph (Input + Output).
  await page.getByTestId('btn-new').click();
  const confirm = page.getByTestId('confirm-ok');
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await expect(nodesOfKind(page, 'Input')).toHaveCount(1);
  await expect(nodesOfKind(page, 'Output')).toHaveCount(1);
  await expect(nodesOfKind(page, 'Dense')).toHaveCount(0);

  // Drag three layers in from the palette.
  const canvasBox = (await page.getByTestId('canvas').boundingBox())!;
  // Staggered so that no two nodes' handles overlap.
  const at = (fx: number, fy: number): [number, number] => [canvasBox.x + canvasBox.width * fx, canvasBox.y + canvasBox.height * fy];
  await dragFromPalette(page, 'Dense', ...at(0.2, 0.6));
  await dragFromPalette(page, 'Dropout', ...at(0.45, 0.8));
  await dragFromPalette(page, 'Dense', ...at(0.68, 0.6));
  await expect(nodesOfKind(page, 'Dense')).toHaveCount(2);
  await expect(nodesOfKind(page, 'Dropout')).toHaveCount(1);

  // The second Dense becomes the 10-way softmax classifier.
  const hidden = nodesOfKind(page, 'Dense').nth(0);
  const head = nodesOfKind(page, 'Dense').nth(1);
  await head.click();
  await setField(page, 'units', '10');
  await page.getByTestId('param-activation').selectOption('softmax');
  await hidden.click();
  await setField(page, 'units', '32');

  // Wire Input -> Dense(32) -> Dropout -> Dense(10) -> Output.
  await connect(page, nodesOfKind(page, 'Input'), hidden);
  await connect(page, hidden, nodesOfKind(page, 'Dropout'));
  await connect(page, nodesOfKind(page, 'Dropout'), head);
  await connect(page, head, nodesOfKind(page, 'Output'));
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);

  // Shapes on the wires, counts on the nodes and in the header: 784*32+32 + 32*10+10 = 25,450.
  await expect(page.getByText('[784]').first()).toBeVisible();
  await expect(page.locator('[data-testid^="edge-label-"]', { hasText: '[10]' })).toHaveCount(1);
  await expect(hidden).toHaveAttribute('data-params', String(784 * 32 + 32));
  await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', String(784 * 32 + 32 + 32 * 10 + 10));
  await expect(page.locator('.ll-node[data-error="true"]')).toHaveCount(0);

  // A small, quick run: 1 epoch on 1,000 digits.
  await showGraphSettings(page);
  await setField(page, 'limit', '1000');
  await setField(page, 'epochs', '1');
  await setField(page, 'batchSize', '50');

  await page.getByTestId('train-start').click();
  const loss = page.getByTestId('chart-loss');
  await expect.poll(async () => Number(await loss.getAttribute('data-points')), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
  const points = Number(await loss.getAttribute('data-points'));
  expect(points).toBeGreaterThan(1);
  await expect(page.getByTestId('train-backend')).toContainText(/tensorflow|wasm|cpu/);
  await expect(page.getByTestId('train-metrics')).toContainText(/loss/i);

  // Save (Ctrl+S downloads the file in the browser).
  const downloadPromise = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/\.layerlab\.json$/);
  const savedPath = await download.path();
  const saved = JSON.parse(readFileSync(savedPath, 'utf8'));
  expect(saved.format).toBe('layerlab-graph');
  expect(saved.nodes).toHaveLength(5);
  expect(saved.edges).toHaveLength(4);
  expect(saved.dataset.limit).toBe(1000);

  // Change the graph, then re-open the saved file: the saved graph comes back.
  await page.getByTestId('btn-new').click();
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await expect(nodesOfKind(page, 'Dense')).toHaveCount(0);
  await page.getByTestId('file-input').setInputFiles(savedPath);
  await expect(nodesOfKind(page, 'Dense')).toHaveCount(2);
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);
  await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', '25450');

  // A broken file and a foreign JSON file are refused with a message; the graph stays.
  for (const [name, content] of [
    ['broken.layerlab.json', '{"format": "layerlab-graph", "nodes": ['],
    ['package.json', '{"name": "something", "version": "1.0.0", "dependencies": {}}'],
  ]) {
    await page.getByTestId('file-input').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
    await expect(page.getByTestId('error-dialog')).toBeVisible();
    await expect(page.getByTestId('error-dialog')).toContainText(name === 'package.json' ? /not a LayerLab graph/i : /JSON|line|position/i);
    await page.getByTestId('error-ok').click();
    await expect(nodesOfKind(page, 'Dense')).toHaveCount(2);
    await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', '25450');
  }
});
