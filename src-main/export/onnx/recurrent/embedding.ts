// Embedding -> Cast (the float ids LayerLab feeds to int64) + Gather rows of the table. A tied head reads the
// same initializer (tied-dense.ts). maskZero cannot be exported: the padding mask changes how later recurrent
// and pooling layers step, and ONNX operators take no per-step mask.
import type { EmbeddingParams } from '../../../../shared/layers/recurrent/embedding';
import { attr } from '../context';
import { DataType } from '../../../onnx/proto';
import { defineOnnxEmitter } from '../types';

export const embeddingOnnx = defineOnnxEmitter<EmbeddingParams>({
  kind: 'Embedding',
  check: (n) =>
    n.params.maskZero
      ? 'maskZero (id 0 as padding) has no ONNX form: the mask changes how the following recurrent and pooling layers step, and ONNX operators take no mask; turn maskZero off to export'
      : null,
  emit(n, ins, g) {
    const ids = g.op1('Cast', [ins[0][0]], `${n.name}_ids`, [attr.int('to', DataType.INT64)]);
    return [g.op1('Gather', [g.weight(n, 'embeddings'), ids], n.name, [attr.int('axis', 0)])];
  },
});
