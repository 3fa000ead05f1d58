// Dense -> Gemm on [batch, features], MatMul + Add on longer shapes (the last axis, as tfjs); tfjs's kernel
// [in, units] is already the MatMul layout.
import type { DenseParams } from '../../../../shared/layers/core/dense';
import { defineOnnxEmitter } from '../types';
import { activate, unsupportedActivation } from '../activations';

export const denseOnnx = defineOnnxEmitter<DenseParams>({
  kind: 'Dense',
  check: (n) => unsupportedActivation(n.params.activation),
  emit(n, ins, g) {
    const rank = n.inputShapes[0][0].length + 1;
    const bias = n.params.useBias ? g.weight(n, 'bias') : null;
    const y = g.linear(ins[0][0], rank, g.weight(n, 'kernel'), bias, `${n.name}_linear`);
    return [activate(g, y, n.params.activation, n.name)];
  },
});
