// GPT-1, the GPT-2 family and GPT-3 as LayerLab graphs, to read their structure and parameter counts (view-only:
// far too big to train here). Token ids -> Embedding -> learned positions -> N x decoder block ->
// [final LayerNorm] -> Tied Dense head, which reuses the token embedding's matrix as GPT does, so the counts
// on the canvas are the published ones. The GPT-2 sizes are presets of one graph (extras.presets).
import { chainGraph } from './build';
import type { GraphFile } from '../graph/types';
import { decoderBlockParams, layerNormParams } from '../layers/attention/common';
import { PRESETS_KEY, type GraphPreset } from './preset-data';
import { DESCRIBE_KEY, withLiveDescription } from './describe';

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
  /** The size the paper or model card gives, quoted in the description. */
  published: string;
  learningRate: number;
}

const GPT2 = { context: 1024, vocab: 50257, preNorm: true } as const;

export const GPT_CONFIGS: GptConfig[] = [
  { id: 'gpt-1', name: 'GPT-1', layers: 12, d: 768, heads: 12, ffDim: 3072, context: 512, vocab: 40478, preNorm: false, published: '117M', learningRate: 2.5e-4 },
  // The GPT-2 paper's table says 117M / 345M / 762M / 1542M; the released models' cards give these sizes.
  { id: 'gpt-2-small', name: 'GPT-2 small', layers: 12, d: 768, heads: 12, ffDim: 3072, ...GPT2, published: '124M', learningRate: 2.5e-4 },
  { id: 'gpt-2-medium', name: 'GPT-2 medium', layers: 24, d: 1024, heads: 16, ffDim: 4096, ...GPT2, published: '355M', learningRate: 2e-4 },
  { id: 'gpt-2-large', name: 'GPT-2 large', layers: 36, d: 1280, heads: 20, ffDim: 5120, ...GPT2, published: '774M', learningRate: 1.5e-4 },
  { id: 'gpt-2-xl', name: 'GPT-2 XL', layers: 48, d: 1600, heads: 25, ffDim: 6400, ...GPT2, published: '1.5B (1,558M)', learningRate: 1e-4 },
  { id: 'gpt-3', name: 'GPT-3 175B', layers: 96, d: 12288, heads: 96, ffDim: 49152, context: 2048, vocab: 50257, preNorm: true, published: '175B', learningRate: 6e-5 },
];

export const GPT2_PRESET_IDS = ['gpt-2-small', 'gpt-2-medium', 'gpt-2-large', 'gpt-2-xl'];

export function gptConfig(id: string): GptConfig {
  const c = GPT_CONFIGS.find((x) => x.id === id);
  if (!c) throw new Error(`No GPT configuration '${id}'`);
  return c;
}

/**
 * The tied model's parameters by arithmetic alone: embedding + positions + blocks + final norm; the head adds
 * nothing. Tests check it against whole-graph inference and tfjs.
 */
export function gptParams(c: GptConfig): number {
  const block = decoderBlockParams({ d: c.d, heads: c.heads, headDim: c.d / c.heads, ffDim: c.ffDim }, null);
  return c.vocab * c.d + c.context * c.d + c.layers * block + (c.preNorm ? layerNormParams(c.d) : 0);
}

/** The parameter values that make the GPT graph this configuration (node id -> values). */
export function gptPreset(c: GptConfig): GraphPreset {
  return {
    id: c.id,
    name: c.name,
    published: c.published,
    params: {
      tokens: { shape: [c.context] },
      token_embedding: { inputDim: c.vocab, outputDim: c.d },
      positions: { maxLength: c.context },
      decoder: { layers: c.layers, heads: c.heads, ffDim: c.ffDim },
    },
  };
}

/** The graph of `c`; `presets` are the configurations it can switch between (default: just `c`). */
export function gptGraph(c: GptConfig, presets: GptConfig[] = [c]): GraphFile {
  const graph = chainGraph({
    name: c.name,
    description: '',
    steps: [
      { id: 'tokens', kind: 'Input', params: { feature: 'x', shape: [c.context] }, label: 'Token ids' },
      { id: 'token_embedding', kind: 'Embedding', params: { inputDim: c.vocab, outputDim: c.d } },
      { id: 'positions', kind: 'PositionalEncoding', params: { mode: 'learned', maxLength: c.context } },
      {
        id: 'decoder',
        kind: 'TransformerDecoderBlock',
        params: { layers: c.layers, heads: c.heads, keyDim: 0, ffDim: c.ffDim, dropout: 0.1, normFirst: c.preNorm, activation: 'gelu' },
        label: `${c.layers} x decoder block`,
      },
      ...(c.preNorm ? [{ id: 'final_norm', kind: 'LayerNormalization', params: { epsilon: 1e-5 } }] : []),
      { id: 'lm_head', kind: 'TiedDense', params: { tiedTo: 'token_embedding', activation: 'softmax' }, label: 'Output head (tied)' },
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
  graph.extras = { viewOnly: true, [DESCRIBE_KEY]: 'gpt-card', [PRESETS_KEY]: presets.map(gptPreset) };
  return withLiveDescription(graph);
}

export interface GptTemplate {
  id: string;
  name: string;
  description: string;
  graph: GraphFile;
}

function gptTemplate(id: string, name: string, graph: GraphFile): GptTemplate {
  return { id, name, description: graph.description ?? '', graph };
}

const GPT2_CONFIGS = GPT2_PRESET_IDS.map(gptConfig);

/**
 * Same shape as templates/index.ts Template; never build these with tfjs (GPT-3 would need ~700 GB). The GPT-2
 * family opens as XL (the 1.5B of the course) with its four sizes as presets.
 */
export const GPT_TEMPLATES: GptTemplate[] = [
  gptTemplate('gpt-1', 'GPT-1', gptGraph(gptConfig('gpt-1'))),
  gptTemplate('gpt-2', 'GPT-2 (small to XL)', gptGraph(gptConfig('gpt-2-xl'), GPT2_CONFIGS)),
  gptTemplate('gpt-3', 'GPT-3 175B', gptGraph(gptConfig('gpt-3'))),
];
