// The one-line descriptions of the GPT templates, written from the graph itself and its inference (never
// hand-written figures), so an edit of the block count, the width or a preset shows in them at once.
import type { GraphFile, GraphNode } from '../graph/types';
import type { GraphInference } from '../infer';
import type { ParamValues } from '../layers/types';
import { getLayerDef, withDefaults } from '../layers';
import { graphPresets, matchingPreset } from './preset-data';

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

function total(inference: GraphInference): string {
  const n = inference.errors.length;
  return n ? `no total while the graph has ${n} problem${n === 1 ? '' : 's'}` : `${fmt(inference.totalParams)} parameters`;
}

function blocks(n: number): string {
  return `${n} decoder block${n === 1 ? '' : 's'}`;
}

/** GPT-1/2/3 (view-only): the configuration as the papers give it, and the count by inference. */
export function describeGptCard(graph: GraphFile, inference: GraphInference): string | null {
  const parts = gptParts(graph);
  if (!parts) return null;
  const { embedding, decoder, positions } = parts;
  const d = Number(embedding.outputDim);
  const heads = Number(decoder.heads);
  const headDim = Number(decoder.keyDim) || d / heads;
  const ff = Number(decoder.ffDim) || 4 * d;
  const preset = matchingPreset(graph);
  const title = preset ? preset.name : graphPresets(graph).length ? `${graph.name} (edited)` : graph.name;
  const norm = decoder.normFirst ? (parts.finalNorm ? 'pre-norm with a final LayerNorm' : 'pre-norm') : 'post-norm';
  const head = parts.head.kind === 'TiedDense' ? 'the output head reuses the token embedding (tied weights)' : 'a separate output head';
  return (
    `${title}: ${blocks(Number(decoder.layers))}, d = ${d}, ${heads} heads of ${headDim}, feed-forward ${ff}, ` +
    `context ${parts.context ?? '?'}, vocabulary ${embedding.inputDim}, ${positions ? `${positions.mode} positions` : 'no positions'}, ${norm}; ${head}. ` +
    `${total(inference)}${preset?.published && !inference.errors.length ? ` (published: ${preset.published})` : ''}. ` +
    'View-only: far too large to train here; shrink layers, d and vocabulary to train a small GPT.'
  );
}

/** The tiny character GPT: the chain of layers and the count by inference. */
export function describeGptChain(graph: GraphFile, inference: GraphInference): string | null {
  const parts = gptParts(graph);
  if (!parts) return null;
  const { embedding, decoder, positions, head } = parts;
  const vocab = embedding.inputDim;
  const ff = Number(decoder.ffDim) || 4 * Number(embedding.outputDim);
  const headText =
    head.kind === 'TiedDense'
      ? `Tied Dense (the Embedding's matrix again) ${head.params.activation} over ${vocab}`
      : `Dense ${head.params.units} ${head.params.activation}`;
  return (
    `Token ids [${parts.context ?? '?'}] -> Embedding ${vocab} x ${embedding.outputDim} -> ` +
    `${positions ? `${positions.mode} positions -> ` : ''}${decoder.layers} x TransformerDecoderBlock ` +
    `(causal, ${decoder.heads} heads, ff ${ff}) -> ${headText}: the next character at every position. ${total(inference)}.`
  );
}
