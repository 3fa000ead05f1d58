// The one-line descriptions of the GPT templates, written from the graph itself and its inference (never
// hand-written figures), so an edit of the block count, the width or a preset shows in them at once.
import type { GraphFile, GraphNode } from '../graph/types';
import type { GraphInference } from '../infer';
import type { ParamValues } from '../layers/types';
import { getLayerDef, withDefaults } from '../layers';
import { graphPresets, matchingPreset } from './preset-data';
import { fillText, type TextParams } from './text';

const fmt = (n: number) => n.toLocaleString('en-US');

interface GptParts {
  context: number | null;
  embedding: ParamValues;
  positions: ParamValues | null;
  decoder: ParamValues;
  finalNorm: boolean;
  head: { kind: string; params: ParamValues };
}

function paramsOf(node: GraphNode): ParamValues {
  const def = getLayerDef(node.kind);
  return def ? withDefaults(def, node.params) : node.params;
}

/** The pieces of a decoder-only GPT graph, or null when the graph no longer has that structure. */
function gptParts(graph: Pick<GraphFile, 'nodes'>): GptParts | null {
  const first = (kind: string) => graph.nodes.find((n) => n.kind === kind);
  const input = first('Input');
  const embedding = first('Embedding');
  const decoder = first('TransformerDecoderBlock');
  const head = first('TiedDense') ?? [...graph.nodes].reverse().find((n) => n.kind === 'Dense');
  if (!input || !embedding || !decoder || !head) return null;
  const shape = paramsOf(input).shape;
  const positions = first('PositionalEncoding');
  return {
    context: Array.isArray(shape) && shape.length === 1 ? shape[0] : null,
    embedding: paramsOf(embedding),
    positions: positions ? paramsOf(positions) : null,
    decoder: paramsOf(decoder),
    finalNorm: graph.nodes.some((n) => n.kind === 'LayerNormalization'),
    head: { kind: head.kind, params: paramsOf(head) },
  };
}

/**
 * The English phrases of the descriptions, with {{placeholders}}; the `lessons` catalogue serves them under
 * `gpt.<key>` (shared/i18n/lessons-catalog.ts) and the Korean catalogue has the same keys. `_one`/`_other`: plural.
 */
export const GPT_TEXT_EN = {
  card:
    '{{title}}: {{blocks}}, d = {{d}}, {{heads}} heads of {{headDim}}, feed-forward {{ff}}, context {{context}}, ' +
    'vocabulary {{vocab}}, {{positions}}, {{norm}}; {{head}}. {{total}}{{published}}. ' +
    'View-only: far too large to train here; shrink layers, d and vocabulary to train a small GPT.',
  edited: '{{name}} (edited)',
  blocks_one: '{{count}} decoder block',
  blocks_other: '{{count}} decoder blocks',
  positions: '{{mode}} positions',
  noPositions: 'no positions',
  preNormFinal: 'pre-norm with a final LayerNorm',
  preNorm: 'pre-norm',
  postNorm: 'post-norm',
  headTied: 'the output head reuses the token embedding (tied weights)',
  headSeparate: 'a separate output head',
  published: ' (published: {{published}})',
  total: '{{params}} parameters',
  noTotal_one: 'no total while the graph has {{count}} problem',
  noTotal_other: 'no total while the graph has {{count}} problems',
  chain:
    'Token ids [{{context}}] -> Embedding {{vocab}} x {{d}} -> {{positions}}{{blockCount}} x TransformerDecoderBlock ' +
    '(causal, {{heads}} heads, ff {{ff}}) -> {{head}}: the next character at every position. {{total}}.',
  chainPositions: '{{mode}} positions -> ',
  chainHeadTied: "Tied Dense (the Embedding's matrix again) {{fn}} over {{vocab}}",
  chainHeadDense: 'Dense {{size}} {{fn}}',
} as const;

type PluralBase<K> = K extends `${infer B}_one` ? B : K extends `${infer B}_other` ? B : K;
export type GptTextKey = PluralBase<keyof typeof GPT_TEXT_EN>;
/** Turns a phrase key and its values into text in some language (English here; the current language in the app). */
export type GptTranslate = (key: GptTextKey, params?: TextParams & { count?: number }) => string;

/** The English phrases, with i18next's English plural rule (count 1: `_one`, else `_other`). */
export const gptTextEnglish: GptTranslate = (key, params = {}) => {
  const table: Record<string, string> = GPT_TEXT_EN;
  const plural = params.count === undefined ? key : `${key}_${params.count === 1 ? 'one' : 'other'}`;
  return fillText(table[plural] ?? table[key], params);
};

function total(inference: GraphInference, tr: GptTranslate): string {
  const n = inference.errors.length;
  return n ? tr('noTotal', { count: n }) : tr('total', { params: fmt(inference.totalParams) });
}

/** GPT-1/2/3 (view-only): the configuration as the papers give it, and the count by inference. */
export function describeGptCard(graph: GraphFile, inference: GraphInference, tr: GptTranslate = gptTextEnglish): string | null {
  const parts = gptParts(graph);
  if (!parts) return null;
  const { embedding, decoder, positions } = parts;
  const d = Number(embedding.outputDim);
  const heads = Number(decoder.heads);
  const headDim = Number(decoder.keyDim) || d / heads;
  const ff = Number(decoder.ffDim) || 4 * d;
  const preset = matchingPreset(graph);
  const title = preset ? preset.name : graphPresets(graph).length ? tr('edited', { name: graph.name }) : graph.name;
  const norm = decoder.normFirst ? (parts.finalNorm ? tr('preNormFinal') : tr('preNorm')) : tr('postNorm');
  return tr('card', {
    title,
    blocks: tr('blocks', { count: Number(decoder.layers) }),
    d,
    heads,
    headDim,
    ff,
    context: parts.context ?? '?',
    vocab: String(embedding.inputDim),
    positions: positions ? tr('positions', { mode: String(positions.mode) }) : tr('noPositions'),
    norm,
    head: parts.head.kind === 'TiedDense' ? tr('headTied') : tr('headSeparate'),
    total: total(inference, tr),
    published: preset?.published && !inference.errors.length ? tr('published', { published: preset.published }) : '',
  });
}

/** The tiny character GPT: the chain of layers and the count by inference. */
export function describeGptChain(graph: GraphFile, inference: GraphInference, tr: GptTranslate = gptTextEnglish): string | null {
  const parts = gptParts(graph);
  if (!parts) return null;
  const { embedding, decoder, positions, head } = parts;
  const vocab = String(embedding.inputDim);
  const ff = Number(decoder.ffDim) || 4 * Number(embedding.outputDim);
  return tr('chain', {
    context: parts.context ?? '?',
    vocab,
    d: String(embedding.outputDim),
    positions: positions ? tr('chainPositions', { mode: String(positions.mode) }) : '',
    blockCount: String(decoder.layers),
    heads: String(decoder.heads),
    ff,
    head:
      head.kind === 'TiedDense'
        ? tr('chainHeadTied', { fn: String(head.params.activation), vocab })
        : tr('chainHeadDense', { size: String(head.params.units), fn: String(head.params.activation) }),
    total: total(inference, tr),
  });
}
