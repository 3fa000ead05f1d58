// Attention as MatMul / Softmax subgraphs, shared by Attention, MultiHeadAttention and the transformer blocks:
// the causal mask (an additive constant, -1e9 above the diagonal, as LayerLab's layers add it), multi-head
// attention with its four projections, and the blocks' layer norm (ONNX LayerNormalization, opset 17).
import type { Shape } from '../../../../shared/layers/types';
import { attr, type OnnxGraphContext } from '../context';
import { ExportError, type PlannedNode } from '../../codegen/plan';

/** Sequence length of a [time, features] shape, which a causal mask or position table needs known. */
export function knownSteps(shape: Shape | undefined): number | null {
  const t = shape?.[0];
  return typeof t === 'number' ? t : null;
}

export function requireSteps(n: PlannedNode, shape: Shape | undefined, what: string): number {
  const t = knownSteps(shape);
  if (t === null) throw new ExportError(`${n.node.kind} (${n.node.id}): ${what} needs a fixed sequence length`, n.node.id);
  return t;
}

/** Additive causal mask [tq, tk]: 0 where key j <= query i, -1e9 above the diagonal. */
export function causalMask(g: OnnxGraphContext, tq: number, tk: number): string {
  const data = new Float32Array(tq * tk);
  for (let i = 0; i < tq; i++) for (let j = i + 1; j < tk; j++) data[i * tk + j] = -1e9;
  return g.initializer(`causal_mask_${tq}x${tk}`, [tq, tk], data);
}

/** Softmax over the last axis after adding an optional mask. */
export function attentionWeights(g: OnnxGraphContext, logits: string, mask: string | null, base: string): string {
  const masked = mask ? g.op1('Add', [logits, mask], `${base}_masked`) : logits;
  return g.op1('Softmax', [masked], `${base}_weights`, [attr.int('axis', -1)]);
}

export interface MhaInitializers {
  qKernel: string;
  kKernel: string;
  vKernel: string;
  oKernel: string;
  qBias: string | null;
  kBias: string | null;
  vBias: string | null;
  oBias: string | null;
}

/** The projections of LayerLab's multi-head attention under `prefix` (e.g. 'mha', 'block0/self_attention'). */
export function mhaInitializers(g: OnnxGraphContext, n: PlannedNode, prefix: string, useBias: boolean): MhaInitializers {
  const w = (part: string, what: string) => g.weight(n, `${prefix}/${part}/${what}`);
  return {
    qKernel: w('query', 'kernel'),
    kKernel: w('key', 'kernel'),
    vKernel: w('value', 'kernel'),
    oKernel: w('output', 'kernel'),
    qBias: useBias ? w('query', 'bias') : null,
    kBias: useBias ? w('key', 'bias') : null,
    vBias: useBias ? w('value', 'bias') : null,
    oBias: useBias ? w('output', 'bias') : null,
  };
}

export interface MhaShape {
  heads: number;
  headKeyDim: number;
  headValueDim: number;
  /** The additive mask for causal attention, or null. */
  mask: string | null;
}

/** query [B, Tq, dq], key [B, Tk, dk], value [B, Tk, dv] -> [B, Tq, dq]; heads split by Reshape + Transpose. */
export function multiHeadAttention(g: OnnxGraphContext, w: MhaInitializers, s: MhaShape, query: string, key: string, value: string, base: string): string {
  const project = (x: string, kernel: string, bias: string | null, headDim: number, perm: number[], part: string) =>
    g.transpose(g.reshape(g.linear(x, 3, kernel, bias, `${base}_${part}`), [0, 0, s.heads, headDim], `${base}_${part}_heads`), perm, `${base}_${part}_split`);
  const q = project(query, w.qKernel, w.qBias, s.headKeyDim, [0, 2, 1, 3], 'q'); // [B, h, Tq, k]
  const kT = project(key, w.kKernel, w.kBias, s.headKeyDim, [0, 2, 3, 1], 'k'); // [B, h, k, Tk]
  const v = project(value, w.vKernel, w.vBias, s.headValueDim, [0, 2, 1, 3], 'v'); // [B, h, Tk, v]
  const logits = g.op1('Div', [g.op1('MatMul', [q, kT], `${base}_dots`), g.scalar(Math.sqrt(s.headKeyDim))], `${base}_logits`);
  const weights = attentionWeights(g, logits, s.mask, base);
  const ctx = g.transpose(g.op1('MatMul', [weights, v], `${base}_ctx`), [0, 2, 1, 3], `${base}_ctx_t`);
  return g.linear(g.reshape(ctx, [0, 0, s.heads * s.headValueDim], `${base}_concat`), 3, w.oKernel, w.oBias, base);
}
