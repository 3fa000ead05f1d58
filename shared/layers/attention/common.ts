// Shape checks and parameter-count arithmetic shared by the attention and transformer kinds.
// Counts mirror the custom tfjs layers in src-main/engine/custom/ weight for weight.
import { ShapeError, formatShape, type Fix, type Shape } from '../types';
import { messageFix } from '../messages';

/** A [T, d] sequence with a known feature size d; T may be unknown (null). */
export interface SeqShape {
  steps: number | null;
  features: number;
}

/** Checks that `shape` is a sequence [T, d] and returns its parts; `where` names the layer and input. */
export function expectSequence(shape: Shape | undefined, where: string, fixes: Fix[] = []): SeqShape {
  if (!shape) throw ShapeError.of('inputNotConnected', { where }, fixes);
  if (shape.length !== 2) throw ShapeError.of('expectSequence', { where, shape: formatShape(shape), rank: shape.length }, fixes);
  const [steps, features] = shape;
  if (features === null) throw ShapeError.of('unknownFeatures', { where, shape: formatShape(shape) });
  return { steps, features };
}

/** Sequence lengths must agree when both are known. */
export function sameSteps(a: number | null, b: number | null): boolean {
  return a === null || b === null || a === b;
}

/** Multi-head attention like Keras MultiHeadAttention (output projected back to the query's size). */
export function mhaParams(o: {
  queryDim: number;
  keyDim: number;
  valueDim: number;
  heads: number;
  headKeyDim: number;
  headValueDim: number;
  useBias: boolean;
}): number {
  const { queryDim, keyDim, valueDim, heads: h, headKeyDim: k, headValueDim: v, useBias } = o;
  const kernels = queryDim * h * k + keyDim * h * k + valueDim * h * v + h * v * queryDim;
  const biases = useBias ? h * k + h * k + h * v + queryDim : 0;
  return kernels + biases;
}

/** Layer normalisation over the last axis: gamma and beta. */
export function layerNormParams(d: number): number {
  return 2 * d;
}

/** Position-wise feed-forward: Dense(ff) then Dense(d), both with bias. */
export function feedForwardParams(d: number, ff: number): number {
  return d * ff + ff + ff * d + d;
}

export interface BlockSizes {
  d: number;
  heads: number;
  headDim: number;
  ffDim: number;
}

/** One encoder block: self-attention, two layer norms, feed-forward. */
export function encoderBlockParams(s: BlockSizes): number {
  const attn = mhaParams({ queryDim: s.d, keyDim: s.d, valueDim: s.d, heads: s.heads, headKeyDim: s.headDim, headValueDim: s.headDim, useBias: true });
  return attn + 2 * layerNormParams(s.d) + feedForwardParams(s.d, s.ffDim);
}

/** One decoder block; with memory of size `memoryDim` it adds cross-attention and a third layer norm. */
export function decoderBlockParams(s: BlockSizes, memoryDim: number | null): number {
  let n = encoderBlockParams(s);
  if (memoryDim !== null) {
    n += mhaParams({ queryDim: s.d, keyDim: memoryDim, valueDim: memoryDim, heads: s.heads, headKeyDim: s.headDim, headValueDim: s.headDim, useBias: true });
    n += layerNormParams(s.d);
  }
  return n;
}

/** Per-head size for a block: keyDim, or d / heads when keyDim is 0 (then d must divide evenly). */
export function resolveHeadDim(d: number, heads: number, keyDim: number, where: string): number {
  if (heads < 1) throw ShapeError.of('headsAtLeastOne', { where, heads }, [messageFix('fixOneHead', {}, { type: 'setParam', param: 'heads', value: 1 })]);
  if (keyDim > 0) return keyDim;
  if (d % heads !== 0) {
    const divisors = [];
    for (let h = 1; h <= d; h++) if (d % h === 0) divisors.push(h);
    const nearest = divisors.reduce((best, h) => (Math.abs(h - heads) < Math.abs(best - heads) ? h : best), 1);
    const keyDim = Math.max(1, Math.floor(d / heads));
    throw ShapeError.of('headsDivide', { where, d, heads }, [
      messageFix('fixUseHeads', { heads: nearest }, { type: 'setParam', param: 'heads', value: nearest }),
      messageFix('fixSetKeyDim', { keyDim }, { type: 'setParam', param: 'keyDim', value: keyDim }),
    ]);
  }
  return d / heads;
}

/** Activations the transformer feed-forward supports (same names on the engine side). */
export const FF_ACTIVATIONS = ['relu', 'gelu', 'tanh', 'sigmoid', 'linear'] as const;

/**
 * Values per sample an attention keeps for the backward pass (memory estimate): the projected q, k and v
 * of every head, the scores at each step of the way to the weights (scaled, masked, exponentiated,
 * normalised, dropped out) and the weighted values. Unknown lengths count as 1.
 */
export function attentionWorkingElements(heads: number, querySteps: number | null, keySteps: number | null, keyDim: number, valueDim: number): number {
  const tq = querySteps ?? 1;
  const tk = keySteps ?? 1;
  return heads * (tq * keyDim + tk * keyDim + tk * valueDim + 5 * tq * tk + tq * valueDim);
}

/**
 * Values per sample one Transformer block keeps for the backward pass: its self-attention (and the
 * cross-attention to `memorySteps` when given), the layer norms' intermediates (about five [T, d] each),
 * the residual sums, the output projections and the feed-forward's hidden activation before and after its
 * nonlinearity and dropout.
 */
export function transformerBlockWorkingElements(
  dims: { d: number; heads: number; headDim: number; ffDim: number },
  steps: number | null,
  memorySteps?: number | null,
): number {
  const t = steps ?? 1;
  const { d, heads, headDim, ffDim } = dims;
  let total = attentionWorkingElements(heads, steps, steps, headDim, headDim) + t * d * 14 + t * ffDim * 3;
  if (memorySteps !== undefined) total += attentionWorkingElements(heads, steps, memorySteps, headDim, headDim) + t * d * 8;
  return total;
}
