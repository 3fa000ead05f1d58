// SNAIL-style few-shot classifier: dilated causal convolutions and causal attention over an episode.
import type { Template } from '.';
import { datasetConfig, gridGraph, trainingConfig } from './build';

export const SNAIL_WAYS = 5;
export const SNAIL_SHOTS = 1;
/** Values per example of the synthetic classes. */
export const SNAIL_DIMS = 16;
const STEPS = SNAIL_WAYS * SNAIL_SHOTS + 1;
const FEATURES = SNAIL_DIMS + SNAIL_WAYS;

const description =
  `Episode [${STEPS}, ${FEATURES}] (${SNAIL_WAYS}-way ${SNAIL_SHOTS}-shot + query) -> linear Dense 32 per step -> 2 dense causal-conv blocks (dilations 1, 2) -> ` +
  `causal attention block (one Dense 32 projection shared by queries and keys, Dense 32 values) -> Flatten -> Dense ${SNAIL_WAYS} softmax: the class of the query.`;

export const snail: Template = {
  id: 'snail-fewshot',
  name: 'SNAIL few-shot classifier',
  description,
  explanation:
    'Few-shot learning: each sample is a whole episode, N labelled examples (features + one-hot label of its ' +
    'class in this episode) followed by a query with an empty label slot; the model must name the ' +
    'query\'s class from the examples. The classes are synthetic: each is a random prototype vector and its examples are ' +
    'noisy copies. Validation and test episodes use NEW prototypes never seen in training, so the validation ' +
    'accuracy is few-shot accuracy on held-out classes (chance: 1 in N). The network must learn to compare, not to ' +
    'memorise classes. SNAIL mixes two tools: dilated causal convolutions (each block\'s output is concatenated to its ' +
    'input, a DenseNet-style "TC block") gather information from nearby steps, and causal soft attention lets the ' +
    'query pick out the example it resembles anywhere in the episode and copy its label from the values. Causal means ' +
    'step t sees only steps <= t, so the query, last, sees everything. Two choices make it learn quickly at this size: ' +
    'the per-step embedding is linear, so distances between examples survive into the attention (a relu embedding ' +
    'stayed at chance in our runs), and queries and keys share one projection, so the attention score is a learned ' +
    'similarity from the first step.',
  tryNext: [
    'Give the keys their own Dense projection (as in the paper): it still learns, but more slowly.',
    'Raise the dataset noise from 0.6 to 1.0, or lower shots to 1 with more ways: watch the held-out accuracy fall.',
    'Raise shots to 5 (and the Input shape to match): more examples per class make the task easier.',
    'Remove the attention block and compare validation accuracy on the held-out classes.',
    "Switch to 'Few-shot MNIST episodes' (Input [6, 789]): with only 5 training digits it memorises its episodes and " +
      'stays near chance on the held-out digits. Real few-shot sets have many training classes (Omniglot: 1,200).',
  ],
  graph: gridGraph({
    name: 'SNAIL few-shot',
    description,
    nodes: [
      { id: 'episode', kind: 'Input', params: { feature: 'x', shape: [STEPS, FEATURES] }, col: 0, label: 'Episode: examples then query' },
      { id: 'embed', kind: 'Dense', params: { units: 32, activation: 'linear' }, col: 1, label: 'Per-step embedding (linear)' },
      { id: 'tc_1', kind: 'Conv1D', params: { filters: 32, kernelSize: 2, dilationRate: 1, padding: 'causal', activation: 'relu' }, col: 2, row: 1, label: 'Causal conv, dilation 1' },
      { id: 'dense_1', kind: 'Concatenate', params: { axis: -1 }, col: 3 },
      { id: 'tc_2', kind: 'Conv1D', params: { filters: 32, kernelSize: 2, dilationRate: 2, padding: 'causal', activation: 'relu' }, col: 4, row: 1, label: 'Causal conv, dilation 2' },
      { id: 'dense_2', kind: 'Concatenate', params: { axis: -1 }, col: 5 },
      { id: 'queries_keys', kind: 'Dense', params: { units: 32, activation: 'linear' }, col: 6, row: 1, label: 'Queries = keys' },
      { id: 'values', kind: 'Dense', params: { units: 32, activation: 'linear' }, col: 6, row: 2 },
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
      ['dense_2', 'queries_keys'],
      ['dense_2', 'values'],
      ['queries_keys', 'attention', 'out', 'query'],
      ['values', 'attention', 'out', 'value'],
      ['queries_keys', 'attention', 'out', 'key'],
      ['dense_2', 'dense_3'],
      ['attention', 'dense_3'],
      ['dense_3', 'flatten'],
      ['flatten', 'classes'],
      ['classes', 'query_class'],
    ],
    dataset: datasetConfig({
      id: 'fewshot-prototypes', representation: 'sequence', normalization: 'none',
      options: { ways: SNAIL_WAYS, shots: SNAIL_SHOTS, episodes: 8000, dims: SNAIL_DIMS },
    }),
    training: trainingConfig({ epochs: 10, batchSize: 32, learningRate: 0.005 }),
  }),
};
