// SNAIL-style few-shot classifier: dilated causal convolutions and causal attention over an episode.
import type { Template } from '.';
import { datasetConfig, gridGraph, trainingConfig } from './build';

export const SNAIL_WAYS = 5;
export const SNAIL_SHOTS = 1;
const STEPS = SNAIL_WAYS * SNAIL_SHOTS + 1;
const FEATURES = 784 + SNAIL_WAYS;

const description =
  `Episode [${STEPS}, ${FEATURES}] (${SNAIL_WAYS}-way ${SNAIL_SHOTS}-shot + query) -> Dense 64 per step -> 2 dense causal-conv blocks (dilations 1, 2) -> ` +
  `causal attention block (Dense query/key/value projections of 32) -> Flatten -> Dense ${SNAIL_WAYS} softmax: the class of the query.`;

export const snail: Template = {
  id: 'snail-fewshot',
  name: 'SNAIL few-shot classifier',
  description,
  explanation:
    'Few-shot learning: each sample is a whole episode, N labelled examples (image + one-hot label of its ' +
    'class in this episode) followed by a query image with an empty label slot; the model must name the ' +
    'query\'s class from the examples. Test episodes use digit classes never seen in training, so the ' +
    'network must learn to compare, not to memorise digits. SNAIL mixes two tools: dilated causal ' +
    'convolutions (each block\'s output is concatenated to its input, a DenseNet-style "TC block") gather ' +
    'information from nearby steps, and causal soft attention (queries, keys and values are learned Dense projections of ' +
    'each step, as in the paper) lets the query pick out the example it resembles anywhere in the episode. Causal means step t sees only steps <= t, so the query, last, sees everything.',
  tryNext: [
    'Raise shots to 5 (and the Input shape to match): more examples per class make the task easier.',
    'Remove the attention block and compare test accuracy on the held-out classes.',
    'Stack a second pair of causal-conv blocks and another attention block, as the paper does for Omniglot.',
  ],
  graph: gridGraph({
    name: 'SNAIL few-shot',
    description,
    nodes: [
      { id: 'episode', kind: 'Input', params: { feature: 'x', shape: [STEPS, FEATURES] }, col: 0, label: 'Episode: examples then query' },
      { id: 'embed', kind: 'Dense', params: { units: 64, activation: 'relu' }, col: 1, label: 'Per-step embedding' },
      { id: 'tc_1', kind: 'Conv1D', params: { filters: 32, kernelSize: 2, dilationRate: 1, padding: 'causal', activation: 'relu' }, col: 2, row: 1, label: 'Causal conv, dilation 1' },
      { id: 'dense_1', kind: 'Concatenate', params: { axis: -1 }, col: 3 },
      { id: 'tc_2', kind: 'Conv1D', params: { filters: 32, kernelSize: 2, dilationRate: 2, padding: 'causal', activation: 'relu' }, col: 4, row: 1, label: 'Causal conv, dilation 2' },
      { id: 'dense_2', kind: 'Concatenate', params: { axis: -1 }, col: 5 },
      { id: 'queries', kind: 'Dense', params: { units: 32, activation: 'linear' }, col: 6, row: 1 },
      { id: 'keys', kind: 'Dense', params: { units: 32, activation: 'linear' }, col: 6, row: 2 },
      { id: 'values', kind: 'Dense', params: { units: 32, activation: 'linear' }, col: 6, row: 3 },
      { id: 'attention', kind: 'Attention', params: { score: 'scaled', causal: true }, col: 7, row: 1, label: 'Causal attention' },
      { id: 'dense_3', kind: 'Concatenate', params: { axis: -1 }, col: 8 },
      { id: 'flatten', kind: 'Flatten', col: 9 },
      { id: 'classes', kind: 'Dense', params: { units: SNAIL_WAYS, activation: 'softmax' }, col: 10 },
      { id: 'query_class', kind: 'Output', params: { target: 'y' }, col: 11 },
    ],
    wires: [
      ['episode', 'embed'],
      ['embed', 'tc_1'],
      ['embed', 'dense_1'],
      ['tc_1', 'dense_1'],
      ['dense_1', 'tc_2'],
      ['dense_1', 'dense_2'],
      ['tc_2', 'dense_2'],
      ['dense_2', 'queries'],
      ['dense_2', 'keys'],
      ['dense_2', 'values'],
      ['queries', 'attention', 'out', 'query'],
      ['values', 'attention', 'out', 'value'],
      ['keys', 'attention', 'out', 'key'],
      ['dense_2', 'dense_3'],
      ['attention', 'dense_3'],
      ['dense_3', 'flatten'],
      ['flatten', 'classes'],
      ['classes', 'query_class'],
    ],
    dataset: datasetConfig({
      id: 'fewshot-mnist', representation: 'sequence', normalization: 'scale01',
      options: { ways: SNAIL_WAYS, shots: SNAIL_SHOTS, episodes: 4000 },
    }),
    training: trainingConfig({ epochs: 20, batchSize: 32, learningRate: 0.003 }),
  }),
};
