// Small graphs that together use every layer kind the exporters support, on the bundled MNIST digits
// (fast to load, no network). Shared by the PyTorch, Keras, tfjs and import tests.
import { GRAPH_FORMAT, GRAPH_VERSION, type DatasetConfig, type GraphEdge, type GraphFile, type GraphNode, type TrainingConfig } from '../../../shared/graph/types';
import type { ParamValues } from '../../../shared/layers/types';

type NodeSpec = [id: string, kind: string, params?: ParamValues];
/** [source, target] or [source, target, sourceHandle, targetHandle]. */
type EdgeSpec = [string, string, string?, string?];

export function graph(name: string, nodes: NodeSpec[], edges: EdgeSpec[], dataset: Partial<DatasetConfig>, training: Partial<TrainingConfig> = {}): GraphFile {
  return {
    format: GRAPH_FORMAT,
    version: GRAPH_VERSION,
    name,
    nodes: nodes.map(([id, kind, params], i): GraphNode => ({ id, kind, params: params ?? {}, position: { x: i * 240, y: 0 } })),
    edges: edges.map(([source, target, sh, th], i): GraphEdge => ({
      id: `e${i}_${source}-${target}`, source, target, sourceHandle: sh ?? 'out', targetHandle: th ?? 'in',
    })),
    dataset: {
      id: 'mnist-bundled', representation: 'vector', labels: 'onehot', normalization: 'scale01', validationSplit: 0.1, limit: 512, seed: 7,
      ...dataset,
    },
    training: {
      epochs: 1, batchSize: 32, optimizer: 'adam', learningRate: 0.003, loss: 'categoricalCrossentropy', metrics: ['accuracy'], backend: 'cpu',
      ...training,
    },
  };
}

/** Dense, BatchNormalization, Activation, Dropout, Reshape, Permute, LayerNormalization, Flatten, Add, Multiply, Concatenate. */
export const coreGraph = graph(
  'core kinds',
  [
    ['x', 'Input', { shape: [784] }],
    ['d1', 'Dense', { units: 32, activation: 'linear' }],
    ['bn', 'BatchNormalization', { momentum: 0.8 }],
    ['act', 'Activation', { activation: 'relu' }],
    ['drop', 'Dropout', { rate: 0.1 }],
    ['rs', 'Reshape', { targetShape: [4, -1] }],
    ['perm', 'Permute', { dims: [2, 1] }],
    ['ln', 'LayerNormalization', {}],
    ['flat', 'Flatten'],
    ['a', 'Dense', { units: 16, activation: 'tanh' }],
    ['b', 'Dense', { units: 16, activation: 'sigmoid', useBias: false }],
    ['sum', 'Add'],
    ['gate', 'Multiply'],
    ['cat', 'Concatenate', { axis: -1 }],
    ['head', 'Dense', { units: 10, activation: 'softmax' }],
    ['y', 'Output'],
  ],
  [
    ['x', 'd1'], ['d1', 'bn'], ['bn', 'act'], ['act', 'drop'], ['drop', 'rs'], ['rs', 'perm'], ['perm', 'ln'], ['ln', 'flat'],
    ['flat', 'a'], ['flat', 'b'], ['a', 'sum'], ['b', 'sum'], ['sum', 'gate'], ['a', 'gate'], ['sum', 'cat'], ['gate', 'cat'],
    ['cat', 'head'], ['head', 'y'],
  ],
  {},
);

/** Conv2D (same, strided), MaxPooling2D, AveragePooling2D ('same'), GlobalAveragePooling2D on [28, 28, 1] images. */
export const convGraph = graph(
  'conv kinds',
  [
    ['x', 'Input', { shape: [28, 28, 1] }],
    ['c1', 'Conv2D', { filters: 4, kernelSize: 3, padding: 'same' }],
    ['mp', 'MaxPooling2D', { poolSize: 2 }],
    ['c2', 'Conv2D', { filters: 6, kernelSize: 3, strides: 2, padding: 'same' }],
    ['ap', 'AveragePooling2D', { poolSize: 2, padding: 'same' }],
    ['c3', 'Conv2D', { filters: 4, kernelSize: 2, padding: 'valid', dilationRate: 2, activation: 'elu' }],
    ['gap', 'GlobalAveragePooling2D'],
    ['flat', 'Flatten'],
    ['cat', 'Concatenate'],
    ['head', 'Dense', { units: 10, activation: 'softmax' }],
    ['y', 'Output'],
  ],
  [['x', 'c1'], ['c1', 'mp'], ['mp', 'c2'], ['c2', 'ap'], ['ap', 'c3'], ['c3', 'gap'], ['ap', 'flat'], ['flat', 'cat'], ['gap', 'cat'], ['cat', 'head'], ['head', 'y']],
  { representation: 'image' },
);

/** Conv1D (causal dilated, strided valid), LSTM with returnState feeding a decoder LSTM's initial state, GRU,
 * SimpleRNN, Bidirectional, TimeDistributed, GlobalAveragePooling1D, RepeatVector, SelectStep (added to the
 * decoder's output) on rows of pixels [28, 28]. */
export const recurrentGraph = graph(
  'recurrent kinds',
  [
    ['x', 'Input', { shape: [28, 28] }],
    ['causal', 'Conv1D', { filters: 8, kernelSize: 3, dilationRate: 2, padding: 'causal' }],
    ['down', 'Conv1D', { filters: 8, kernelSize: 3, strides: 2, padding: 'valid', activation: 'tanh' }],
    ['enc', 'LSTM', { units: 8, returnSequences: true, returnState: true }],
    ['gru', 'GRU', { units: 8, returnSequences: true }],
    ['bi', 'Bidirectional', { cell: 'GRU', units: 4, mergeMode: 'concat', returnSequences: true }],
    ['td', 'TimeDistributed', { units: 8, activation: 'relu' }],
    ['rnn', 'SimpleRNN', { units: 8, returnSequences: true }],
    ['gap', 'GlobalAveragePooling1D'],
    ['rep', 'RepeatVector', { n: 3 }],
    ['dec', 'LSTM', { units: 8, useInitialState: true }],
    ['last', 'SelectStep', { step: -2 }],
    ['mix', 'Add'],
    ['head', 'Dense', { units: 10, activation: 'softmax' }],
    ['y', 'Output'],
  ],
  [
    ['x', 'causal'], ['causal', 'down'], ['down', 'enc'], ['enc', 'gru'], ['gru', 'bi'], ['bi', 'td'], ['td', 'rnn'], ['rnn', 'gap'],
    ['gap', 'rep'], ['rep', 'dec'], ['enc', 'dec', 'h', 'h0'], ['enc', 'dec', 'c', 'c0'], ['rnn', 'last'], ['dec', 'mix'], ['last', 'mix'],
    ['mix', 'head'], ['head', 'y'],
  ],
  { representation: 'matrix', limit: 384 },
);

/** Embedding: raw pixel values 0..255 used as token ids, sparse integer labels. */
export const embeddingGraph = graph(
  'embedding',
  [
    ['x', 'Input', { shape: [784] }],
    ['emb', 'Embedding', { inputDim: 256, outputDim: 4 }],
    ['gap', 'GlobalAveragePooling1D'],
    ['head', 'Dense', { units: 10, activation: 'softmax' }],
    ['y', 'Output'],
  ],
  [['x', 'emb'], ['emb', 'gap'], ['gap', 'head'], ['head', 'y']],
  { normalization: 'none', labels: 'int' },
  { loss: 'sparseCategoricalCrossentropy', learningRate: 0.01 },
);

export const KIND_GRAPHS = [coreGraph, convGraph, recurrentGraph, embeddingGraph];
