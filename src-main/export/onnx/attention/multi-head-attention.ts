// MultiHeadAttention: four projections, heads split by Reshape + Transpose, scaled dot products, Softmax
// (causal mask optional), heads joined and projected back (subgraphs.ts). Dropout is off at inference.
import type { MultiHeadAttentionParams } from '../../../../shared/layers/attention/multi-head-attention';
import { defineOnnxEmitter } from '../types';
import { causalMask, knownSteps, mhaInitializers, multiHeadAttention, requireSteps } from './subgraphs';

export const multiHeadAttentionOnnx = defineOnnxEmitter<MultiHeadAttentionParams>({
  kind: 'MultiHeadAttention',
  check(n) {
    const keyShape = n.inputShapes[2]?.[0] ?? n.inputShapes[1][0];
    if (n.params.causal && (knownSteps(n.inputShapes[0][0]) === null || knownSteps(keyShape) === null)) return 'causal attention needs fixed query and key lengths for its mask';
    return null;
  },
  emit(n, ins, g) {
    const p = n.params;
    const v = ins[1][0];
    const keyShape = n.inputShapes[2]?.[0] ?? n.inputShapes[1][0];
    const mask = p.causal ? causalMask(g, requireSteps(n, n.inputShapes[0][0], 'a causal mask'), requireSteps(n, keyShape, 'a causal mask')) : null;
    const shape = { heads: p.heads, headKeyDim: p.keyDim, headValueDim: p.valueDim > 0 ? p.valueDim : p.keyDim, mask };
    return [multiHeadAttention(g, mhaInitializers(g, n, 'mha', p.useBias), shape, ins[0][0], ins[2]?.[0] ?? v, v, n.name)];
  },
});
