// WaveNet-style forecaster (van den Oord et al. 2016) at a small size: a stack of dilated causal convolutions
// with gated activation units, residual connections and skip connections, predicting the next value at EVERY
// time step; the last step's prediction is the forecast. Every piece is an ordinary layer node: a gated unit is
// two Conv1D nodes (tanh and sigmoid) and a Multiply, a residual connection an Add, the skip sum an Add.
import type { Template } from '.';
import { datasetConfig, gridGraph, trainingConfig, withRepeatedBlocks, type PlacedNode, type TemplateBlock, type Wire } from './build';
import { fillText } from './text';

export const WAVENET_DILATIONS = [1, 2, 4, 8];
export const WAVENET_KERNEL = 2;
/** Steps one output of the stack sees: 1 + (kernel - 1) * sum of dilations = 16 (the 1x1 convolutions add none). */
export const WAVENET_RECEPTIVE_FIELD = 1 + (WAVENET_KERNEL - 1) * WAVENET_DILATIONS.reduce((a, b) => a + b, 0);
/** Steps per training window: twice the receptive field, so most steps (16 of 32) see a full receptive field. */
export const WAVENET_WINDOW = 2 * WAVENET_RECEPTIVE_FIELD;
/** Channels of the residual stream and of every gated unit. */
export const WAVENET_CHANNELS = 16;
export const WAVENET_NOISE = 0.1;

function wavenetParts(): { nodes: PlacedNode[]; wires: Wire[] } {
  const C = WAVENET_CHANNELS;
  const nodes: PlacedNode[] = [
    { id: 'window', kind: 'Input', params: { feature: 'x', shape: [WAVENET_WINDOW, 1] }, col: 0, label: `Past ${WAVENET_WINDOW} values` },
    { id: 'input_proj', kind: 'Conv1D', params: { filters: C, kernelSize: 1, padding: 'causal', activation: 'linear' }, col: 1, label: '1x1 conv: to 16 channels' },
  ];
  const wires: Wire[] = [['window', 'input_proj']];
  let stream = 'input_proj';
  const skips: string[] = [];
  let col = 2;
  WAVENET_DILATIONS.forEach((d, i) => {
    const p = `d${d}`;
    const conv = { filters: C, kernelSize: WAVENET_KERNEL, dilationRate: d, padding: 'causal' };
    const last = i === WAVENET_DILATIONS.length - 1;
    nodes.push(
      { id: `${p}_filter`, kind: 'Conv1D', params: { ...conv, activation: 'tanh' }, col, row: 1, label: `Dilation ${d}: filter (tanh)` },
      { id: `${p}_gate`, kind: 'Conv1D', params: { ...conv, activation: 'sigmoid' }, col, row: 2, label: `Dilation ${d}: gate (sigmoid)` },
      { id: `${p}_gated`, kind: 'Multiply', col: col + 1, row: 1, label: `Dilation ${d}: tanh x sigmoid` },
      { id: `${p}_1x1`, kind: 'Conv1D', params: { filters: C, kernelSize: 1, padding: 'causal', activation: 'linear' }, col: col + 2, row: 1, label: `Dilation ${d}: 1x1 (residual and skip)` },
    );
    wires.push([stream, `${p}_filter`], [stream, `${p}_gate`], [`${p}_filter`, `${p}_gated`], [`${p}_gate`, `${p}_gated`], [`${p}_gated`, `${p}_1x1`]);
    skips.push(`${p}_1x1`);
    if (!last) {
      // The residual connection: the layer adds what it computed to its input.
      nodes.push({ id: `${p}_residual`, kind: 'Add', col: col + 3, label: `Residual: input + layer ${i + 1}` });
      wires.push([stream, `${p}_residual`], [`${p}_1x1`, `${p}_residual`]);
      stream = `${p}_residual`;
    }
    col += 4;
  });
  nodes.push(
    { id: 'skip_sum', kind: 'Add', col, row: 1, label: 'Sum of the skip connections' },
    { id: 'skip_relu', kind: 'Activation', params: { activation: 'relu' }, col: col + 1, row: 1 },
    { id: 'out_1x1', kind: 'Conv1D', params: { filters: C, kernelSize: 1, padding: 'causal', activation: 'relu' }, col: col + 2, row: 1, label: '1x1 conv, relu' },
    { id: 'next_value', kind: 'Conv1D', params: { filters: 1, kernelSize: 1, padding: 'causal', activation: 'linear' }, col: col + 3, row: 1, label: '1x1 conv: next value at every step' },
    { id: 'target', kind: 'Output', params: { target: 'y' }, col: col + 4, row: 1 },
  );
  wires.push(...skips.map((s): Wire => [s, 'skip_sum']), ['skip_sum', 'skip_relu'], ['skip_relu', 'out_1x1'], ['out_1x1', 'next_value'], ['next_value', 'target']);
  return { nodes, wires };
}

const { nodes, wires } = wavenetParts();

/**
 * The canvas can show the layers as blocks when the whole model does not read at a useful size: the residual
 * layers that feed the next one are one repeated block (×3, each also sending its skip output to the skip
 * sum), and the last layer, which has no residual Add, a block of its own.
 */
const layerNodes = (d: number, parts: string[]) => parts.map((part) => `d${d}_${part}`);
const lastDilation = WAVENET_DILATIONS[WAVENET_DILATIONS.length - 1];
const wavenetBlocks: TemplateBlock[] = [
  {
    label: 'Gated residual layer',
    repeats: WAVENET_DILATIONS.slice(0, -1).map((d) => layerNodes(d, ['filter', 'gate', 'gated', '1x1', 'residual'])),
    perRepeat: { nodeId: `d${WAVENET_DILATIONS[0]}_filter`, param: 'dilationRate', formula: '2^i' },
  },
  { label: `Last gated layer (dilation ${lastDilation})`, repeats: [layerNodes(lastDilation, ['filter', 'gate', 'gated', '1x1'])] },
];

const textParams = {
  window: WAVENET_WINDOW, dilations: WAVENET_DILATIONS.join(', '), channels: WAVENET_CHANNELS,
  receptiveField: WAVENET_RECEPTIVE_FIELD, noise: WAVENET_NOISE,
};

const description =
  'Window [{{window}}, 1] -> 1x1 conv -> 4 residual layers, each a gated unit tanh(causal conv) x sigmoid(causal conv) ' +
  '(kernel 2, dilations {{dilations}}, {{channels}} channels) and a 1x1 conv feeding both the residual ' +
  'sum and a skip connection -> sum of skips -> relu -> 1x1 -> 1x1: the next value at every step. Receptive field {{receptiveField}} steps.';

export const wavenet: Template = {
  id: 'wavenet-forecast',
  name: 'WaveNet: dilated causal convolutions',
  description,
  textParams,
  explanation:
    'WaveNet predicts the next value at EVERY time step: the output is a sequence [32, 1] and the target at step t is ' +
    'the value at t + 1 (the dataset option target = every step). That only makes sense if step t cannot see step ' +
    't + 1, which is what causal padding guarantees: each convolution pads on the left only, so an output depends ' +
    'on the current and earlier steps, never later ones. The forecast is the last step\'s prediction; the evaluation ' +
    'reports its error separately ("forecast MSE"). Dilation spaces the kernel taps apart: with kernel 2 and ' +
    'dilations 1, 2, 4, 8 each layer doubles how far back the stack sees. Receptive field = 1 + (kernel - 1) x ' +
    '(1 + 2 + 4 + 8) = {{receptiveField}} steps from 4 layers (the 1x1 convolutions add nothing); plain ' +
    'convolutions would need 15 layers for that. The window holds 32 steps, twice the receptive field, so steps 16 ' +
    'to 32 see a full receptive field and the earlier ones see less (zeros from the padding). Each layer is ' +
    "WaveNet's gated activation unit, tanh(W_f * x) x sigmoid(W_g * x): the sigmoid branch decides how much of the " +
    'tanh branch passes (two Conv1D nodes and a Multiply). A 1x1 convolution of the gated output is added back to ' +
    "the layer's input (a residual connection: the stack learns corrections and gradients pass through the Adds) " +
    'and also sent to the output as a skip connection; the sum of the skips goes through relu and two 1x1 ' +
    'convolutions to the prediction. Inputs and targets are standardised with the training part of a noisy sum of ' +
    'sines (periods 7, 30, 90); the loss is the mean squared error over all steps. No model can predict the noise, ' +
    'so the loss cannot fall below noise variance / series variance: with noise {{noise}}, 0.01 / 1.985 = 0.0050 ' +
    'here (see the README table for what it reaches).',
  tryNext: [
    "Set the padding of the eight dilated convolutions to 'same': every step but the last now sees the value it " +
      'must predict. The training and validation loss fall below the noise floor (impossible without looking ahead), ' +
      "while the forecast MSE at the last step, where there is no future to copy, gets worse: a leak (the template's " +
      'leak test measures both).',
    'Shrink the receptive field: delete the dilation-8 layer (its five nodes; wire the dilation-4 residual Add into ' +
      'the skip sum) so the stack sees 8 steps, and compare the forecast MSE.',
    'Raise the noise option from 0.1 to 0.5: the floor rises to 0.25 / 2.24 = 0.11 (the series variance grows with the noise) and the loss stops near it.',
    "Set the dataset target back to 'after window' and put a Select step node (step -1) after the last 1x1 conv: one " +
      'prediction per window instead of 32, the same forecast, but 32 times fewer training signals per window.',
  ],
  graph: withRepeatedBlocks(gridGraph({
    name: 'WaveNet forecaster',
    description: fillText(description, textParams),
    nodes,
    wires,
    dataset: datasetConfig({
      id: 'time-series', representation: 'sequence', normalization: 'standardize',
      options: { window: WAVENET_WINDOW, horizon: 1, length: 5000, noise: WAVENET_NOISE, target: 'every step' },
    }),
    training: trainingConfig({ epochs: 20, batchSize: 64, learningRate: 0.003, loss: 'meanSquaredError', metrics: [] }),
  }), wavenetBlocks),
};
