// Small graphs on the bundled MNIST digits (rows as a [28, 28] sequence) that together use every attention
// and transformer kind with every option that changes the code: scores output, hard and additive attention,
// explicit keys, causal masks, MHA without bias, sinusoidal and learned positions, pre/post-norm, stacked
// blocks, GELU, and a decoder with cross-attention to an encoder's memory. Used by the export tests.
import { GRAPH_FORMAT, GRAPH_VERSION, type GraphEdge, type GraphFile, type GraphNode } from '../../../../shared/graph/types';
import type { ParamValues } from '../../../../shared/layers/types';

type NodeSpec = [id: string, kind: string, params?: ParamValues];
/** [source, target] or [source, target, sourceHandle, targetHandle]. */
type EdgeSpec = [string, string, string?, string?];

function graph(name: string, nodes: NodeSpec[], edges: EdgeSpec[]): GraphFile {
  return {
    format: GRAPH_FORMAT,
    version: GRAPH_VERSION,
    name,
    nodes: nodes.map(([id, kind, params], i): GraphNode => ({ id, kind, params: params ?? {}, position: { x: i * 240, y: 0 } })),
    edges: edges.map(([source, target, sh, th], i): GraphEdge => ({
      id: `e${i}_${source}-${target}-${th ?? 'in'}`, source, target, sourceHandle: sh ?? 'out', targetHandle: th ?? 'in',
    })),
    dataset: {
      id: 'mnist-bundled', representation: 'matrix', labels: 'onehot', normalization: 'scale01', validationSplit: 0.1, limit: 256, seed: 7,
    },
    training: {
      epochs: 1, batchSize: 32, optimizer: 'adam', learningRate: 0.003, loss: 'categoricalCrossentropy', metrics: ['accuracy'], backend: 'cpu',
    },
  };
}

/** Attention (scaled self-attention, causal, with scores; additive hard attention with a separate key),
 * MultiHeadAttention (causal, explicit key, valueDim; self-attention without bias), both PositionalEncodings. */
export const attentionGraph = graph(
  'attention kinds',
  [
    ['x', 'Input', { shape: [28, 28] }],
    ['emb', 'Dense', { units: 16, activation: 'linear' }],
    ['pe', 'PositionalEncoding', { mode: 'sinusoidal' }],
    ['self', 'Attention', { score: 'scaled', causal: true, returnScores: true }],
    ['hard', 'Attention', { score: 'additive', units: 8, mode: 'hard' }],
    ['mha', 'MultiHeadAttention', { heads: 2, keyDim: 4, valueDim: 3, causal: true, dropout: 0.1 }],
    ['mha_nb', 'MultiHeadAttention', { heads: 2, keyDim: 5, useBias: false }],
    ['learned', 'PositionalEncoding', { mode: 'learned', maxLength: 30 }],
    ['pool', 'GlobalAveragePooling1D'],
    ['spool', 'GlobalAveragePooling1D'],
    ['cat', 'Concatenate'],
    ['head', 'Dense', { units: 10, activation: 'softmax' }],
    ['y', 'Output'],
  ],
  [
    ['x', 'emb'], ['emb', 'pe'],
    ['pe', 'self', 'out', 'query'], ['pe', 'self', 'out', 'value'],
    ['self', 'hard', 'out', 'query'], ['x', 'hard', 'out', 'value'], ['emb', 'hard', 'out', 'key'],
    ['hard', 'mha', 'out', 'query'], ['emb', 'mha', 'out', 'value'], ['pe', 'mha', 'out', 'key'],
    ['mha', 'mha_nb', 'out', 'query'], ['mha', 'mha_nb', 'out', 'value'],
    ['mha_nb', 'learned'], ['learned', 'pool'], ['self', 'spool', 'scores', 'in'],
    ['pool', 'cat'], ['spool', 'cat'], ['cat', 'head'], ['head', 'y'],
  ],
);

/** A pre-norm GELU encoder stack feeding a post-norm decoder stack's memory (cross-attention, keyDim set,
 * a memory size different from the decoder's), plus a decoder-only block. */
export const transformerGraph = graph(
  'transformer blocks',
  [
    ['x', 'Input', { shape: [28, 28] }],
    ['emb', 'Dense', { units: 16, activation: 'linear' }],
    ['pe', 'PositionalEncoding', { mode: 'sinusoidal' }],
    ['enc', 'TransformerEncoderBlock', { layers: 2, heads: 2, ffDim: 32, normFirst: true, activation: 'gelu', dropout: 0.1 }],
    ['dec_in', 'Dense', { units: 12, activation: 'tanh' }],
    ['dec', 'TransformerDecoderBlock', { layers: 2, heads: 3, keyDim: 4, ffDim: 0, dropout: 0.1 }],
    ['gpt', 'TransformerDecoderBlock', { layers: 1, heads: 2, ffDim: 24, normFirst: true, activation: 'tanh', dropout: 0 }],
    ['pool', 'GlobalAveragePooling1D'],
    ['head', 'Dense', { units: 10, activation: 'softmax' }],
    ['y', 'Output'],
  ],
  [
    ['x', 'emb'], ['emb', 'pe'], ['pe', 'enc'], ['x', 'dec_in'], ['dec_in', 'dec'], ['enc', 'dec', 'out', 'memory'],
    ['dec', 'gpt'], ['gpt', 'pool'], ['pool', 'head'], ['head', 'y'],
  ],
);

export const ATTENTION_GRAPHS = [attentionGraph, transformerGraph];
