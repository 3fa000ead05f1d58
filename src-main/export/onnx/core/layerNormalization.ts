// LayerNormalization over the last axis -> ONNX LayerNormalization (opset 17), gamma as Scale, beta as B.
import type { LayerNormalizationParams } from '../../../../shared/layers/core/layerNormalization';
import { attr } from '../context';
import { defineOnnxEmitter } from '../types';

export const layerNormalizationOnnx = defineOnnxEmitter<LayerNormalizationParams>({
  kind: 'LayerNormalization',
  emit: (n, ins, g) => [
    g.op1('LayerNormalization', [ins[0][0], g.weight(n, 'gamma'), g.weight(n, 'beta')], n.name, [attr.int('axis', -1), attr.float('epsilon', n.params.epsilon)]),
  ],
});
