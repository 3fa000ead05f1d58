// TiedDense: x @ E^T (+ b) with E the tied Embedding's initializer itself (one tensor in the file, read by both
// the Gather and this head): Gemm(transB) on [batch, d], MatMul with a Transpose of E on sequences.
import type { TiedDenseParams } from '../../../../shared/layers/recurrent/tied-dense';
import { attr } from '../context';
import { defineOnnxEmitter } from '../types';
import { activate } from '../activations';

export const tiedDenseOnnx = defineOnnxEmitter<TiedDenseParams>({
  kind: 'TiedDense',
  emit(n, ins, g) {
    const table = n.links.tiedTo;
    const E = g.weight(n, 'embeddings', table.node.id);
    const bias = n.params.useBias ? g.weight(n, 'bias') : null;
    const rank = n.inputShapes[0][0].length + 1;
    let y: string;
    if (rank === 2) {
      y = g.op1('Gemm', bias ? [ins[0][0], E, bias] : [ins[0][0], E], `${n.name}_logits`, [attr.int('transB', 1)]);
    } else {
      y = g.op1('MatMul', [ins[0][0], g.transpose(E, [1, 0], `${n.name}_tied_T`)], `${n.name}_logits`);
      if (bias) y = g.op1('Add', [y, bias], `${n.name}_biased`);
    }
    return [activate(g, y, n.params.activation, n.name)];
  },
});
