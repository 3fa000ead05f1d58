// Permute: Keras dims count from 1 without the batch axis, so the ONNX perm is [0, ...dims].
import type { PermuteParams } from '../../../../shared/layers/core/permute';
import { defineOnnxEmitter } from '../types';

export const permuteOnnx = defineOnnxEmitter<PermuteParams>({
  kind: 'Permute',
  emit: (n, ins, g) => [g.transpose(ins[0][0], [0, ...n.params.dims], n.name)],
});
