// Graphs for the ONNX kind tests beyond the shared exporter graphs (export/testing/graphs.ts and the attention
// ones): every activation, each Bidirectional cell and merge mode, recurrent initial and final states,
// BatchNormalization on sequences and images, dot-score attention, 'same' Conv1D.
import { graph as sharedGraph } from '../testing/graphs';
import { ACTIVATIONS } from '../../../shared/layers/core/common';

/** No dataset in the catalogue has this id, so the Input nodes' own shapes stand (no data is loaded here). */
const graph: typeof sharedGraph = (name, nodes, edges, dataset, training) => sharedGraph(name, nodes, edges, { ...dataset, id: 'onnx-test-shapes' }, training);
export { graph };

/** One Dense per activation, all concatenated: a wrong activation formula shows in the output. */
export const activationsGraph = graph(
  'every activation',
  [
    ['x', 'Input', { shape: [6] }],
    ...ACTIVATIONS.map((a): [string, string, Record<string, string | number>] => [`d_${a}`, 'Dense', { units: 3, activation: a }]),
    ['cat', 'Concatenate', { axis: -1 }],
    ['y', 'Output'],
  ],
  [...ACTIVATIONS.map((a): [string, string] => ['x', `d_${a}`]), ...ACTIVATIONS.map((a): [string, string] => [`d_${a}`, 'cat']), ['cat', 'y']],
  { representation: 'vector' },
);

const cells = ['LSTM', 'GRU', 'SimpleRNN'] as const;
const merges = ['concat', 'sum', 'ave', 'mul'] as const;

/** Bidirectional: every cell with every merge mode, sequences and last steps. */
export const bidirectionalGraph = graph(
  'bidirectional cells and merges',
  [
    ['x', 'Input', { shape: [5, 3] }],
    ...cells.flatMap((cell, i) =>
      merges.map((mergeMode, j): [string, string, Record<string, string | number | boolean>] => [
        `bi_${cell}_${mergeMode}`,
        'Bidirectional',
        { cell, units: 3, mergeMode, returnSequences: (i + j) % 2 === 0 },
      ]),
    ),
    ...cells.flatMap((cell) => merges.map((m): [string, string] => [`flat_${cell}_${m}`, 'Flatten'])),
    ['cat', 'Concatenate', { axis: -1 }],
    ['y', 'Output'],
  ],
  [
    ...cells.flatMap((cell) => merges.flatMap((m): [string, string][] => [['x', `bi_${cell}_${m}`], [`bi_${cell}_${m}`, `flat_${cell}_${m}`], [`flat_${cell}_${m}`, 'cat']])),
    ['cat', 'y'],
  ],
  { representation: 'matrix' },
);

/** GRU and SimpleRNN states: returnState outputs feeding another cell's initial state; relu and softsign cells. */
export const statesGraph = graph(
  'recurrent states',
  [
    ['x', 'Input', { shape: [6, 4] }],
    ['g1', 'GRU', { units: 5, returnSequences: true, returnState: true }],
    ['g2', 'GRU', { units: 5, useInitialState: true, activation: 'softsign' }],
    ['r1', 'SimpleRNN', { units: 4, returnState: true, activation: 'relu' }],
    ['r2', 'SimpleRNN', { units: 4, returnSequences: true, useInitialState: true }],
    ['bn_seq', 'BatchNormalization', {}],
    ['flat', 'Flatten'],
    ['cat', 'Concatenate', { axis: -1 }],
    ['y', 'Output'],
  ],
  [
    ['x', 'g1'], ['g1', 'g2'], ['g1', 'g2', 'h', 'h0'], ['x', 'r1'], ['x', 'r2'], ['r1', 'r2', 'h', 'h0'],
    ['r2', 'bn_seq'], ['bn_seq', 'flat'], ['g2', 'cat'], ['flat', 'cat'], ['cat', 'y'],
  ],
  { representation: 'matrix' },
);

/** BatchNormalization on images, 'same' Conv1D, dot-score attention, a Conv1D 'same' with stride. */
export const miscGraph = graph(
  'image batch norm, same conv1d, dot attention',
  [
    ['x', 'Input', { shape: [8, 8, 2] }],
    ['bn_img', 'BatchNormalization', { epsilon: 0.01 }],
    ['rs', 'Reshape', { targetShape: [16, 8] }],
    ['c1', 'Conv1D', { filters: 4, kernelSize: 3, padding: 'same', strides: 2, activation: 'swish' }],
    ['att', 'Attention', { score: 'dot' }],
    ['flat', 'Flatten'],
    ['y', 'Output'],
  ],
  [['x', 'bn_img'], ['bn_img', 'rs'], ['rs', 'c1'], ['c1', 'att', 'out', 'query'], ['c1', 'att', 'out', 'value'], ['att', 'flat'], ['flat', 'y']],
  { representation: 'image' },
);

export const ONNX_EXTRA_GRAPHS = [activationsGraph, bidirectionalGraph, statesGraph, miscGraph];
