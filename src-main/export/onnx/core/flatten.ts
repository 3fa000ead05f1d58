// Flatten -> ONNX Flatten(axis 1): the data keeps tfjs's channels-last order, so the flattened order is LayerLab's.
import { attr } from '../context';
import { defineOnnxEmitter } from '../types';

export const flattenOnnx = defineOnnxEmitter({
  kind: 'Flatten',
  emit: (n, ins, g) => [g.op1('Flatten', [ins[0][0]], n.name, [attr.int('axis', 1)])],
});
