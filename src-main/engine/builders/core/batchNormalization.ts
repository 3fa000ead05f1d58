import { defineBuilder, type SymbolicTensor } from '../../types';
import type { BatchNormalizationParams } from '../../../../shared/layers/core/batchNormalization';

export const batchNormalizationBuilder = defineBuilder<BatchNormalizationParams>({
  kind: 'BatchNormalization',
  build(inputs, p, { tf, name }) {
    return [tf.layers.batchNormalization({ momentum: p.momentum, epsilon: p.epsilon, name }).apply(inputs[0][0]) as SymbolicTensor];
  },
});
