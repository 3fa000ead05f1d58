// Every node's activation for one input of a trained model: one side model from the model's inputs to every
// node's output (and the inputs of the layers whose insides are shown: LSTM gates, attention weights), run once.
// A node's tfjs layer is the one named layerNameFor(nodeId) (engine/compile.ts names them so).
import type * as tfTypes from '@tensorflow/tfjs';
import type { GraphFile } from '../../shared/graph/types';
import { layerNameFor } from '../../shared/graph/node-names';
import { topologicalOrder } from '../../shared/graph/topo';
import { INSPECT_LIMITS, type ActivationView, type NodeActivation } from '../../shared/inspect';
import { ATTENTION_CLASSES, layerAttention } from '../engine/attention-weights';
import type { TF } from '../engine/types';
import { lstmTrace } from './lstm-gates';
import { activationStats, plainView, roundForView, trimMatrix } from './summarise';

type Layer = tfTypes.layers.Layer;

/** Transformer stacks (custom/transformer.ts) hand over every block's self-attention [B, heads, T, T]. */
const TRANSFORMER_CLASSES = new Set(['LayerLabTransformerEncoder', 'LayerLabTransformerDecoder']);
interface TransformerStack {
  selfAttentionWeights(inputs: tfTypes.Tensor | tfTypes.Tensor[]): tfTypes.Tensor[];
}
type Symbolic = tfTypes.SymbolicTensor;

export interface ActivationOptions {
  /** Labels of the first input's tokens (attention axes). */
  tokens?: string[];
}

function list<T>(x: T | T[]): T[] {
  return Array.isArray(x) ? x : [x];
}

/** The layer's symbolic inputs and outputs; null when tfjs cannot say (a layer applied more than once). */
function layerEnds(layer: Layer): { inputs: Symbolic[]; outputs: Symbolic[] } | null {
  try {
    return { inputs: list(layer.input), outputs: list(layer.output) };
  } catch {
    return null;
  }
}

function trimAttention(weights: tfTypes.Tensor): number[][][] {
  // [1, h, Tq, Tk] or [1, Tq, Tk] -> per head [Tq][Tk], capped.
  const raw = weights.arraySync() as number[][][] | number[][][][];
  const heads = weights.rank === 3 ? [(raw as number[][][])[0]] : (raw as number[][][][])[0];
  const cap = INSPECT_LIMITS.steps;
  return heads.map((m) => m.slice(0, cap).map((r) => r.slice(0, cap).map(roundForView)));
}

/** The gates of an LSTM layer for one sequence; null (with a note) when they cannot be reproduced. */
function lstmView(layer: Layer, x: tfTypes.Tensor, h: Float32Array, notes: string[]): ActivationView | null {
  const cfg = layer.getConfig() as { units: number; activation: string; recurrentActivation: string; returnSequences: boolean; goBackwards?: boolean };
  if (x.rank !== 3 || cfg.goBackwards) return null;
  const [kernel, recurrentKernel, bias] = layer.getWeights().map((w) => w.dataSync() as Float32Array);
  const steps = x.shape[1]!;
  const inputDim = x.shape[2]!;
  const trace = lstmTrace(x.dataSync(), steps, { kernel, recurrentKernel, bias: bias ?? null, inputDim, units: cfg.units, activation: cfg.activation, recurrentActivation: cfg.recurrentActivation });
  // Check the recomputation against what tfjs returned (masked steps, for one, are skipped by tfjs and not here).
  const u = cfg.units;
  const ours = cfg.returnSequences ? trace.h : trace.h.subarray((steps - 1) * u);
  let worst = 0;
  for (let j = 0; j < ours.length; j++) worst = Math.max(worst, Math.abs(ours[j] - h[j]));
  if (worst > 1e-3) {
    notes.push(`${layer.name}: the recomputed gates differ from the layer's output by ${worst.toPrecision(2)} (masked steps?), so only its output is shown`);
    return null;
  }
  const m = (a: Float32Array) => trimMatrix(a, steps, u);
  return { type: 'lstm', gates: { i: m(trace.i), f: m(trace.f), o: m(trace.o), c: m(trace.c) }, h: m(trace.h), steps, units: u };
}

/** Activations of every node of `graph` (Output nodes left out) for one input batch `xs` of size 1 (model.inputs order). */
export function computeActivations(tf: TF, model: tfTypes.LayersModel, graph: GraphFile, xs: tfTypes.Tensor[], notes: string[], opts: ActivationOptions = {}): NodeActivation[] {
  const byName = new Map(model.layers.map((l) => [l.name, l]));
  const kinds = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  const order = topologicalOrder(graph.nodes, graph.edges).order.filter((id) => kinds.get(id) !== 'Output');

  // Which symbolic tensors to fetch: each node's first output, and the inputs of layers whose insides are shown.
  const wanted: Symbolic[] = [];
  const want = (s: Symbolic) => {
    if (!wanted.includes(s)) wanted.push(s);
  };
  const plan: { nodeId: string; layer: Layer; out: Symbolic; ins: Symbolic[]; outputs: number }[] = [];
  for (const nodeId of order) {
    const layer = byName.get(layerNameFor(nodeId));
    const ends = layer && layerEnds(layer);
    if (!layer || !ends) {
      notes.push(`${nodeId}: no single layer output to show`);
      continue;
    }
    const cls = layer.getClassName();
    const insides = cls === 'LSTM' || ATTENTION_CLASSES[cls] || TRANSFORMER_CLASSES.has(cls);
    if (!model.inputs.includes(ends.outputs[0])) want(ends.outputs[0]);
    if (insides) ends.inputs.forEach((s) => !model.inputs.includes(s) && want(s));
    plan.push({ nodeId, layer, out: ends.outputs[0], ins: ends.inputs, outputs: ends.outputs.length });
  }

  const side = tf.model({ inputs: model.inputs, outputs: wanted });
  const values = list(side.predict(xs.length === 1 ? xs[0] : xs) as tfTypes.Tensor | tfTypes.Tensor[]);
  const tensorOf = (s: Symbolic): tfTypes.Tensor => {
    const at = model.inputs.indexOf(s);
    return at >= 0 ? xs[at] : values[wanted.indexOf(s)];
  };
  try {
    return plan.map(({ nodeId, layer, out, ins, outputs }) => {
      const t = tensorOf(out);
      const data = t.dataSync() as Float32Array;
      const shape = t.shape.slice(1);
      const cls = layer.getClassName();
      if (outputs > 1) notes.push(`${nodeId}: the first of its ${outputs} outputs is shown`);
      let view: ActivationView | null = null;
      if (cls === 'LSTM') view = lstmView(layer, tensorOf(ins[0]), data, notes);
      else if (ATTENTION_CLASSES[cls]) {
        const weights = layerAttention(tf, layer, ATTENTION_CLASSES[cls], ins.map(tensorOf));
        view = { type: 'attention', blocks: [{ name: 'attention', label: { code: 'attention' }, heads: trimAttention(weights) }], ...axisTokens(opts.tokens) };
        weights.dispose();
      } else if (TRANSFORMER_CLASSES.has(cls)) {
        const inputs = ins.map(tensorOf);
        const maps = (layer as unknown as TransformerStack).selfAttentionWeights(inputs.length === 1 ? inputs[0] : inputs);
        view = { type: 'attention', blocks: maps.map((m, i) => ({ name: `block ${i + 1} self-attention`, label: { code: 'blockSelfAttention', block: i + 1 }, heads: trimAttention(m) })), ...axisTokens(opts.tokens) };
        tf.dispose(maps);
      }
      return { nodeId, kind: kinds.get(nodeId) ?? cls, shape, stats: activationStats(data), view: view ?? plainView(data, shape) };
    });
  } finally {
    tf.dispose(values);
  }
}

/** Query and key labels when the tokens are known (self-attention over the first input's sequence). */
function axisTokens(tokens: string[] | undefined): { queryTokens?: string[]; keyTokens?: string[] } {
  if (!tokens) return {};
  const shown = tokens.slice(0, INSPECT_LIMITS.steps);
  return { queryTokens: shown, keyTokens: shown };
}
