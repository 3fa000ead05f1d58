// Concatenate: Keras counts the batch axis as 0 (or -1 = last), as ONNX Concat does.
import type { ConcatenateParams } from '../../../../shared/layers/core/concatenate';
import { attr } from '../context';
import { defineOnnxEmitter } from '../types';

export const concatenateOnnx = defineOnnxEmitter<ConcatenateParams>({
  kind: 'Concatenate',
  emit: (n, ins, g) => [g.op1('Concat', ins[0], n.name, [attr.int('axis', n.params.axis)])],
});
