// Help beside the training settings and a layer's activation, in the real renderer: it names what is
// selected, opens to show the formula, follows a change of the choice, and BatchNormalization's help draws
// which axes it normalises. (Every option and field having help is checked in trainingHelp.test.tsx.)
import { test, expect } from './fixtures';
import { showGraphSettings } from './helpers';
import { waitForFittedView } from './testing/view';
import { emptyGraph } from '../shared/graph/defaults';
import type { GraphFile, GraphNode } from '../shared/graph/types';

function helpGraph(): GraphFile {
  const g = emptyGraph('Help tour');
  const kinds: Omit<GraphNode, 'position'>[] = [
    { id: 'input_1', kind: 'Input', params: { feature: 'x', shape: [784] } },
    { id: 'dense_1', kind: 'Dense', params: { units: 32, activation: 'relu' } },
    { id: 'norm_1', kind: 'BatchNormalization', params: {} },
    { id: 'dense_2', kind: 'Dense', params: { units: 10, activation: 'softmax' } },
    { id: 'output_1', kind: 'Output', params: { target: 'y' } },
  ];
  g.nodes = kinds.map((n, i) => ({ ...n, position: { x: i * 260, y: 100 } }));
  g.edges = kinds.slice(1).map((n, i) => ({ id: `e${i}`, source: kinds[i].id, sourceHandle: 'out', target: n.id, targetHandle: 'in' }));
  g.training = { ...g.training, optimizer: 'adam' };
  return g;
}

test('help beside training settings and activations, following the choice', async ({ app: page }) => {
  const g = helpGraph();
  await page.getByTestId('file-input').setInputFiles({ name: 'help.layerlab.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(g)) });
  await expect(page.getByTestId('file-name')).toHaveText(g.name);
  await waitForFittedView(page);
  await showGraphSettings(page);

  const optimizerHelp = page.getByTestId('help-optimizer');
  await expect(optimizerHelp.locator('summary')).toHaveText(/^Adam/);
  await expect(optimizerHelp.locator('.ll-topic-formula')).toBeHidden();
  await optimizerHelp.locator('summary').click();
  await expect(optimizerHelp.locator('.ll-topic-formula')).toContainText('m̂ = m / (1 − β1^t)');
  // Choosing another optimizer swaps the text in the open help.
  await page.getByTestId('param-optimizer').selectOption('nesterov');
  await expect(optimizerHelp.locator('summary')).toHaveText(/Nesterov/);
  await expect(optimizerHelp.locator('.ll-topic-formula')).toContainText('w ← w − η · (g + μ · v)');
  await expect(page.getByTestId('help-momentum')).toBeVisible();

  // Clipping's help is there as soon as clipping is on, and says what it is for.
  await page.getByTestId('param-gradientClip').check();
  const clipHelp = page.getByTestId('help-gradientClip');
  await clipHelp.locator('summary').click();
  await expect(clipHelp).toContainText('EXPLODING');
  await expect(page.getByTestId('field-clipNorm').locator('.ll-field-help')).toContainText('global gradient norm');

  // A layer's activation choice.
  await page.getByTestId('node-dense_1').click();
  const activationHelp = page.getByTestId('help-activation');
  await expect(activationHelp.locator('summary')).toHaveText(/^ReLU/);
  await page.getByTestId('param-activation').selectOption('gelu');
  await expect(activationHelp.locator('summary')).toHaveText(/^GELU/);

  // BatchNormalization: the running average and the picture of its axes.
  await page.getByTestId('node-norm_1').click();
  await expect(page.getByTestId('layer-help')).toContainText('moving_mean = momentum * moving_mean + (1 - momentum) * batch_mean');
  const diagram = page.getByTestId('diagram-normalization-axes');
  await diagram.scrollIntoViewIfNeeded();
  await expect(diagram).toBeVisible();
  // BatchNorm: one channel x 4 positions x 3 samples; LayerNorm: 4 channels of one sample at one position.
  await expect(diagram.locator('rect.marked')).toHaveCount(12 + 4);
  await diagram.screenshot({ path: 'test-results/normalization-axes.png' });
});
