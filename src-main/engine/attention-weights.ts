// Attention weights of a trained model's Attention / MultiHeadAttention layers for given inputs, computed with
// each layer's own weights from its own inputs (a side model from the model's inputs to the layer's inputs).
// Used by the evaluation after training (attention maps) and by free-running decoding (seq2seq-decode.ts).
import type * as tfTypes from '@tensorflow/tfjs';
import type { AttentionMaps } from '../../shared/api';
import { attentionWeights, linear } from './custom/attention';
import type { TF } from './types';

/** Attention maps are cut to this many queries and keys (a heatmap bigger than this is unreadable). */
export const MAX_ATTENTION_SIDE = 64;
const MAX_ATTENTION_LAYERS = 4;

function one<T>(list: T[]): T | T[] {
  return list.length === 1 ? list[0] : list;
}

export type AttentionKind = AttentionMaps['kind'];
export const ATTENTION_CLASSES: Record<string, AttentionKind> = {
  LayerLabAttention: 'Attention',
  LayerLabMultiHeadAttention: 'MultiHeadAttention',
};

interface AttentionInternals {
  cfg: { causal: boolean; mode?: string; returnScores?: boolean };
  logits?: (q: tfTypes.Tensor, k: tfTypes.Tensor) => tfTypes.Tensor;
  w?: MhaProjections;
}

/** [n, Tq, Tk] or [n, h, Tq, Tk] weights from the layer's own inputs, with its own weights. */
export function layerAttention(tf: TF, layer: tfTypes.layers.Layer, kind: AttentionKind, inputs: tfTypes.Tensor[]): tfTypes.Tensor {
  const inner = layer as unknown as AttentionInternals;
  const [q, v = q, kIn] = inputs; // one input: self-attention (builders pass a tensor wired to query and value once)
  const k = kIn ?? v;
  return tf.tidy(() => {
    if (kind === 'Attention') {
      return attentionWeights(inner.logits!.call(layer, q, k), inner.cfg.causal, inner.cfg.mode === 'hard');
    }
    return mhaAttentionWeights(tf, inner.w!, q, k, inner.cfg.causal);
  });
}

/** The query/key projection weights of one multi-head attention (a MultiHeadAttention layer or a transformer block's). */
export interface MhaProjections {
  sizes: { heads: number; headKeyDim: number };
  qKernel: tfTypes.LayerVariable;
  kKernel: tfTypes.LayerVariable;
  qBias?: tfTypes.LayerVariable;
  kBias?: tfTypes.LayerVariable;
}

/** [n, heads, Tq, Tk] weights softmax(Q K^T / sqrt(d_k)) of one multi-head attention for queries `q`, keys `k`. */
export function mhaAttentionWeights(tf: TF, w: MhaProjections, q: tfTypes.Tensor, k: tfTypes.Tensor, causal: boolean): tfTypes.Tensor {
  return tf.tidy(() => {
    const heads = w.sizes.heads;
    const split = (x: tfTypes.Tensor) => {
      const [b, t, hk] = x.shape;
      return tf.transpose(tf.reshape(x, [b, t, heads, hk / heads]), [0, 2, 1, 3]);
    };
    const qh = split(linear(q, w.qKernel.read(), w.qBias?.read()));
    const kh = split(linear(k, w.kKernel.read(), w.kBias?.read()));
    return attentionWeights(tf.div(tf.matMul(qh, kh, false, true), Math.sqrt(w.sizes.headKeyDim)), causal);
  });
}

function toMaps(weights: tfTypes.Tensor): number[][][][] {
  // [n, Tq, Tk] is one head; [n, h, Tq, Tk] as is. Cut to MAX_ATTENTION_SIDE queries and keys.
  const raw = weights.arraySync() as number[][][] | number[][][][];
  const arr = weights.rank === 3 ? (raw as number[][][]).map((m) => [m]) : (raw as number[][][][]);
  return arr.map((heads) => heads.map((rows) => rows.slice(0, MAX_ATTENTION_SIDE).map((r) => r.slice(0, MAX_ATTENTION_SIDE))));
}

/** Attention weights of one attention layer for a batch: per sample, per head, [queries][keys]. */
export interface LayerAttention {
  layer: string;
  kind: AttentionKind;
  /** Per sample, per head, [queries][keys], cut to MAX_ATTENTION_SIDE. */
  samples: number[][][][];
}

/**
 * Attention weights of the model's Attention / MultiHeadAttention layers (the first MAX_ATTENTION_LAYERS) for the
 * inputs `xs` (model.inputs order). Layers whose weights cannot be read are named in `notes`.
 */
export function attentionWeightsFor(tf: TF, model: tfTypes.LayersModel, xs: tfTypes.Tensor[], notes: string[]): LayerAttention[] {
  const found = model.layers.filter((l) => ATTENTION_CLASSES[l.getClassName()]);
  if (found.length > MAX_ATTENTION_LAYERS) notes.push(`Attention maps for the first ${MAX_ATTENTION_LAYERS} of ${found.length} attention layers.`);
  const out: LayerAttention[] = [];
  for (const layer of found.slice(0, MAX_ATTENTION_LAYERS)) {
    const kind = ATTENTION_CLASSES[layer.getClassName()];
    let symbolic: tfTypes.SymbolicTensor[];
    try {
      const input = layer.input;
      symbolic = Array.isArray(input) ? input : [input];
    } catch (err) {
      notes.push(`No attention map for ${layer.name}: ${(err as Error).message}`);
      continue;
    }
    // A side model from the model's inputs to this layer's inputs (deduplicated: self-attention feeds one tensor twice).
    const unique = [...new Set(symbolic)];
    const side = tf.model({ inputs: model.inputs, outputs: unique });
    const values = side.predict(one(xs)) as tfTypes.Tensor | tfTypes.Tensor[];
    const list = Array.isArray(values) ? values : [values];
    try {
      const weights = layerAttention(tf, layer, kind, symbolic.map((s) => list[unique.indexOf(s)]));
      out.push({ layer: layer.name, kind, samples: toMaps(weights) });
      tf.dispose(weights);
    } finally {
      tf.dispose(list);
    }
  }
  return out;
}

