// BatchNormalization (inference: moving mean and variance) over the last axis. ONNX normalises axis 1, so a
// longer input is moved channels-first and back.
import type { BatchNormalizationParams } from '../../../../shared/layers/core/batchNormalization';
import { attr } from '../context';
import { defineOnnxEmitter } from '../types';

export const batchNormalizationOnnx = defineOnnxEmitter<BatchNormalizationParams>({
  kind: 'BatchNormalization',
  emit(n, ins, g) {
    const rank = n.inputShapes[0][0].length + 1;
    const toFirst = [0, rank - 1, ...Array.from({ length: rank - 2 }, (_, i) => i + 1)];
    const toLast = [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1];
    const x = rank > 2 ? g.transpose(ins[0][0], toFirst, `${n.name}_nchw`) : ins[0][0];
    const weights = ['gamma', 'beta', 'moving_mean', 'moving_variance'].map((w) => g.weight(n, w));
    const y = g.op1('BatchNormalization', [x, ...weights], rank > 2 ? `${n.name}_bn` : n.name, [attr.float('epsilon', n.params.epsilon)]);
    return [rank > 2 ? g.transpose(y, toLast, n.name) : y];
  },
});
