// GPT-1, GPT-2 XL and GPT-3 as LayerLab graphs, to read their structure and parameter counts (view-only:
// far too big to train here). Token ids -> Embedding -> learned positions -> N x decoder block ->
// [final LayerNorm] -> Dense(vocab) head.
//
// GPT ties the output head to the token embedding (one shared vocab x d matrix). LayerLab's Dense head
// has its own weights, so the graphs use a bias-free Dense head and every description gives both figures:
// without the head (what the papers count) and with a separate head (what these graphs hold).
import { chainGraph } from './build';
import type { GraphFile } from '../graph/types';
import { decoderBlockParams, layerNormParams } from '../layers/attention/common';

export interface GptConfig {
  id: string;
  name: string;
  layers: number;
  d: number;
  heads: number;
  ffDim: number;
  context: number;
  vocab: number;
  /** GPT-2/3: x + f(LN(x)) and a final LayerNorm; GPT-1: LN(x + f(x)). */
  preNorm: boolean;
  /** The count the paper or model card gives, for the description. */
  published: string;
  learningRate: number;
}

export const GPT_CONFIGS: GptConfig[] = [
  { id: 'gpt-1', name: 'GPT-1', layers: 12, d: 768, heads: 12, ffDim: 3072, context: 512, vocab: 40478, preNorm: false, published: '117M', learningRate: 2.5e-4 },
  { id: 'gpt-2-xl', name: 'GPT-2 XL', layers: 48, d: 1600, heads: 25, ffDim: 6400, context: 1024, vocab: 50257, preNorm: true, published: '1.5B (1,558M)', learningRate: 1e-4 },
  { id: 'gpt-3', name: 'GPT-3 175B', layers: 96, d: 12288, heads: 96, ffDim: 49152, context: 2048, vocab: 50257, preNorm: true, published: '175B', learningRate: 6e-5 },
];

export interface GptCounts {
  /** Embedding + positions + blocks + final norm: the parameters of the tied model. */
  withoutHead: number;
  /** The separate vocab x d output head (no bias). */
  head: number;
  /** What the LayerLab graph holds (separate head). */
  withHead: number;
}

/** Arithmetic only; the test checks it against whole-graph inference. */
export function gptCounts(c: GptConfig): GptCounts {
  const block = decoderBlockParams({ d: c.d, heads: c.heads, headDim: c.d / c.heads, ffDim: c.ffDim }, null);
  const withoutHead = c.vocab * c.d + c.context * c.d + c.layers * block + (c.preNorm ? layerNormParams(c.d) : 0);
  const head = c.d * c.vocab;
  return { withoutHead, head, withHead: withoutHead + head };
}

const fmt = (n: number) => n.toLocaleString('en-US');

export function gptDescription(c: GptConfig): string {
  const n = gptCounts(c);
  return (
    `${c.name}: ${c.layers} decoder blocks, d = ${c.d}, ${c.heads} heads of ${c.d / c.heads}, feed-forward ${c.ffDim}, ` +
    `context ${c.context}, vocabulary ${c.vocab}, learned positions, ${c.preNorm ? 'pre-norm with a final LayerNorm' : 'post-norm'}. ` +
    `${fmt(n.withoutHead)} parameters with the output head tied to the embedding, as GPT does (published: ${c.published}); ` +
    `this graph has a separate bias-free Dense head of ${fmt(n.head)}, so it shows ${fmt(n.withHead)}. ` +
    'View-only: far too large to train here; shrink layers, d and vocabulary to train a small GPT.'
  );
}

export function gptGraph(c: GptConfig): GraphFile {
  const graph = chainGraph({
    name: c.name,
    description: gptDescription(c),
    steps: [
      { id: 'tokens', kind: 'Input', params: { feature: 'x', shape: [c.context] }, label: `Token ids [${c.context}]` },
      { id: 'token_embedding', kind: 'Embedding', params: { inputDim: c.vocab, outputDim: c.d } },
      { id: 'positions', kind: 'PositionalEncoding', params: { mode: 'learned', maxLength: c.context } },
      {
        id: 'decoder',
        kind: 'TransformerDecoderBlock',
        params: { layers: c.layers, heads: c.heads, keyDim: 0, ffDim: c.ffDim, dropout: 0.1, normFirst: c.preNorm, activation: 'gelu' },
        label: `${c.layers} x decoder block`,
      },
      ...(c.preNorm ? [{ id: 'final_norm', kind: 'LayerNormalization', params: { epsilon: 1e-5 } }] : []),
      { id: 'lm_head', kind: 'Dense', params: { units: c.vocab, activation: 'softmax', useBias: false }, label: 'Output head (tied in GPT)' },
      { id: 'next_token', kind: 'Output', params: { target: 'y' } },
    ],
    dataset: {
      id: 'char-text',
      representation: 'sequence',
      labels: 'int',
      normalization: 'none',
      validationSplit: 0.1,
      limit: 0,
      seed: 42,
      options: { context: c.context },
    },
    training: {
      epochs: 1,
      batchSize: 8,
      optimizer: 'adam',
      learningRate: c.learningRate,
      loss: 'sparseCategoricalCrossentropy',
      metrics: ['accuracy'],
      backend: 'auto',
    },
  });
  graph.extras = { viewOnly: true, counts: gptCounts(c) };
  return graph;
}

export interface GptTemplate {
  id: string;
  name: string;
  description: string;
  graph: GraphFile;
}

/** Same shape as templates/index.ts Template; never build these with tfjs (GPT-3 would need ~700 GB). */
export const GPT_TEMPLATES: GptTemplate[] = GPT_CONFIGS.map((c) => ({ id: c.id, name: c.name, description: gptDescription(c), graph: gptGraph(c) }));
