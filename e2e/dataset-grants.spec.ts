// A shared graph file names its dataset path, and a graph can come from anyone: the path it names is not read
// until the user allows it. Opening such a graph shows the path with an Allow button instead of its contents;
// allowing it loads the preview; a path the user types is allowed by the typing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { showGraphSettings } from './helpers';

const LINE = 'root:x:0:0:a line the graph should not see:/root:/bin/bash\n';

function graphReading(file: string) {
  const node = (id: string, kind: string, params: object, y: number) => ({ id, kind, params, position: { x: 0, y } });
  return {
    format: 'layerlab-graph',
    version: 1,
    name: 'shared graph',
    nodes: [node('input', 'Input', { feature: 'x', shape: [16] }, 0), node('embed', 'Embedding', { inputDim: 100, outputDim: 8 }, 120), node('output', 'Output', { target: 'y' }, 240)],
    edges: [
      { id: 'e1', source: 'input', sourceHandle: 'out', target: 'embed', targetHandle: 'in' },
      { id: 'e2', source: 'embed', sourceHandle: 'out', target: 'output', targetHandle: 'in' },
    ],
    dataset: { id: 'char-text', representation: 'sequence', labels: 'int', normalization: 'none', validationSplit: 0.1, limit: 0, seed: 1, options: { path: file, context: 16 } },
    training: { epochs: 1, batchSize: 16, optimizer: 'adam', learningRate: 0.01, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'], backend: 'auto' },
  };
}

test('a dataset path that came inside a graph file is read only after the user allows it', async ({ app: page }, testInfo) => {
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-grants-e2e-'));
  try {
    const secret = join(dir, 'passwd');
    writeFileSync(secret, LINE.repeat(30));
    await expect(page.getByTestId('total-params')).toBeVisible();
    await page.getByTestId('file-input').setInputFiles({ name: 'shared.layerlab.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(graphReading(secret))) });
    const confirm = page.getByTestId('confirm-ok');
    if (await confirm.isVisible().catch(() => false)) await confirm.click();
    await expect(page.locator('.ll-node[data-kind="Embedding"]')).toHaveCount(1);

    await showGraphSettings(page);
    await page.getByTestId('btn-preview-data').click();
    const panel = page.getByTestId('dataset-panel');
    const ask = panel.getByTestId('dataset-allow-path');
    await expect(ask).toBeVisible({ timeout: 60_000 });
    await expect(panel.getByTestId('dataset-allow-path-value')).toHaveText(secret);
    await expect(panel).not.toContainText('a line the graph should not see');
    await expect(panel.getByTestId('dataset-samples')).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('dataset-allow-path.png') });

    await panel.getByTestId('dataset-allow-path-button').click();
    await expect(panel).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
    await expect(ask).toHaveCount(0);
    await expect(panel.getByTestId('dataset-samples')).toBeVisible();

    // A path the user types is theirs: it loads without asking.
    const typed = join(dir, 'mine.txt');
    writeFileSync(typed, 'To be, or not to be, that is the question. '.repeat(20));
    const field = page.getByTestId('param-dataset-option-path');
    await field.fill(typed);
    await field.press('Enter');
    await expect(panel.getByTestId('dataset-samples')).toContainText('To be', { timeout: 60_000 });
    await expect(panel.getByTestId('dataset-allow-path')).toHaveCount(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
