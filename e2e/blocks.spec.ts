// Blocks as a user drives them: repeat a WaveNet-style conv N times, change the count afterwards in the
// inspector (one undo step), save two layers as a reusable block and insert it from My blocks, and have
// the collapsed state and the block library survive saving and re-opening the file; an experiment offers
// the block's repeat count as a parameter to vary.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { showGraphSettings } from './helpers';
import { waitForOpenedView } from './testing/view';
import { emptyGraph } from '../shared/graph/defaults';
import type { GraphFile } from '../shared/graph/types';

const kind = (page: Page, k: string): Locator => page.locator(`.ll-node[data-kind="${k}"]`);
const node = (page: Page, id: string): Locator => page.getByTestId(`node-${id}`);
const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';

function dilated(): GraphFile {
  const g = emptyGraph('Blocks');
  g.dataset = { ...g.dataset, representation: 'matrix' };
  g.nodes = [
    { id: 'input_1', kind: 'Input', params: { feature: 'x', shape: [28, 28] }, position: { x: 0, y: 100 } },
    { id: 'conv_1', kind: 'Conv1D', params: { filters: 8, kernelSize: 2, padding: 'causal' }, position: { x: 260, y: 100 } },
    { id: 'output_1', kind: 'Output', params: {}, position: { x: 520, y: 100 } },
  ];
  g.edges = [
    { id: 'e_input_1-conv_1', source: 'input_1', sourceHandle: 'out', target: 'conv_1', targetHandle: 'in' },
    { id: 'e_conv_1-output_1', source: 'conv_1', sourceHandle: 'out', target: 'output_1', targetHandle: 'in' },
  ];
  return g;
}

async function open(page: Page, file: { name: string; buffer: Buffer }, visibleNodes: number): Promise<void> {
  await page.getByTestId('file-input').setInputFiles({ ...file, mimeType: 'application/json' });
  await expect(page.locator('.react-flow__node:visible')).toHaveCount(visibleNodes);
  await waitForOpenedView(page); // the view settles a moment after the document opens (laid out first if needed)
}

/** Clicks bare canvas, so nothing is selected. */
const clickEmpty = showGraphSettings;

async function setRepeats(page: Page, n: number): Promise<void> {
  await clickEmpty(page);
  await node(page, 'conv_1').click();
  await page.getByTestId('block-repeats').fill(String(n));
  await page.getByTestId('block-repeats').press('Enter');
}

const params = (convs: number) => String(2 * 28 * 8 + 8 + (convs - 1) * (2 * 8 * 8 + 8));

test('blocks: change the repeat count, save and insert a block, collapse survives re-open', async ({ app: page }) => {
  const g = dilated();
  await open(page, { name: 'Blocks.layerlab.json', buffer: Buffer.from(JSON.stringify(g)) }, 3);
  await node(page, 'conv_1').click();
  await page.getByTestId('btn-repeat').click();
  await page.getByTestId('repeat-times').fill('3');
  await page.getByTestId('repeat-param').selectOption({ label: 'conv_1 · Dilation' });
  await page.getByTestId('repeat-apply').click();
  await expect(kind(page, 'Conv1D')).toHaveCount(3);

  // The count can be changed afterwards; new repeats continue the formula 2^i.
  await setRepeats(page, 5);
  await expect(kind(page, 'Conv1D')).toHaveCount(5);
  await expect(node(page, 'conv1d_4')).toContainText('dilation 16');
  await expect(page.getByTestId('edge-label-e_conv1d_4-output_1')).toHaveText('[28, 8]');
  await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', params(5));
  await page.screenshot({ path: '/tmp/editor-shots/blocks-count.png' });
  // One undo step puts the 3 repeats back.
  await clickEmpty(page);
  await page.keyboard.press(`${MOD}+z`);
  await expect(kind(page, 'Conv1D')).toHaveCount(3);
  await setRepeats(page, 2);
  await expect(kind(page, 'Conv1D')).toHaveCount(2);
  await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', params(2));
  await setRepeats(page, 0);
  await expect(page.getByTestId('block-repeats-error')).toContainText('1 to 64');

  // Save the two convs as a reusable block, then insert a fresh copy from My blocks.
  await clickEmpty(page);
  await node(page, 'conv_1').click();
  await node(page, 'conv1d_1').click({ modifiers: [MOD] });
  await page.getByTestId('save-block-name').fill('Dilated pair');
  await page.getByTestId('save-block-apply').click();
  await page.getByTestId('palette-block-dilated-pair').click();
  await expect(kind(page, 'Conv1D')).toHaveCount(4);
  await expect(page.getByTestId('edge-label-e_conv1d_2-conv1d_3')).toBeAttached();

  // Collapse the repeated block; the state goes into the saved file.
  await clickEmpty(page);
  await node(page, 'conv_1').click();
  await page.getByTestId('block-collapse').click();
  // The block is one node now (its two convs hidden); the inserted pair stays.
  await expect(kind(page, 'Conv1D')).toHaveCount(2);
  await expect(page.getByTestId('block-node-block_1')).toContainText('2 repeats of 1 layer');
  await expect(page.getByTestId('block-toggle-conv_1')).toHaveText('×2 ▸');
  await clickEmpty(page);
  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  const savedPath = (await (await download).path())!;
  const saved = JSON.parse(readFileSync(savedPath, 'utf8')) as GraphFile;
  expect(saved.extras?.blocks).toEqual([
    { id: 'block_1', label: 'Conv1D', repeats: [['conv_1'], ['conv1d_1']], perRepeat: { nodeId: 'conv_1', param: 'dilationRate', formula: '2^i' }, collapsed: true },
  ]);
  expect((saved.extras?.blockLibrary as { name: string }[]).map((b) => b.name)).toEqual(['Dilated pair']);
  // The inserted copy kept each layer's settings and its inner wire.
  expect(saved.nodes.filter((n) => n.id === 'conv1d_2' || n.id === 'conv1d_3').map((n) => n.params.dilationRate)).toEqual([1, 2]);
  expect(saved.edges.some((e) => e.source === 'conv1d_2' && e.target === 'conv1d_3')).toBe(true);

  // Open something else, then the saved file again: still collapsed, and its block is in the palette.
  await open(page, { name: 'Other.layerlab.json', buffer: Buffer.from(JSON.stringify(dilated())) }, 3);
  await open(page, { name: 'Blocks.layerlab.json', buffer: readFileSync(savedPath) }, 5);
  await expect(kind(page, 'Conv1D')).toHaveCount(2);
  await expect(page.getByTestId('block-toggle-conv_1')).toHaveText('×2 ▸');
  await expect(page.getByTestId('palette-block-dilated-pair')).toBeVisible();
  await page.getByTestId('block-toggle-conv_1').click();
  await expect(kind(page, 'Conv1D')).toHaveCount(4);

  // A saved block can be removed from My blocks (and from the file's library), as one undo step.
  await page.getByTestId('palette-block-remove-dilated-pair').click();
  await expect(page.getByTestId('palette-block-dilated-pair')).toHaveCount(0);
  await expect(kind(page, 'Conv1D')).toHaveCount(4); // inserting nothing
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('palette-block-dilated-pair')).toBeVisible(); // the file's copy is back

  // An experiment can vary the block's repeat count.
  await page.getByTestId('tab-experiments').click();
  await page.getByTestId('exp-path-0').selectOption({ label: 'repeats of Conv1D' });
  const values = page.getByTestId('exp-values-blocks.block_1.times');
  await values.fill('1, 0');
  await expect(page.getByTestId('exp-values-problem')).toContainText('value 0 is refused, repeats of Conv1D must be a whole number from 1 to 64');
  await values.fill('1, 3');
  await values.press('Tab');
  await expect(page.getByTestId('exp-trial-count')).toContainText('2 trials');
});
