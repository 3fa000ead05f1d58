import { defineBuilder, type SymbolicTensor } from '../../types';
import type { ActivationParams } from '../../../../shared/layers/core/activation';

export const activationBuilder = defineBuilder<ActivationParams>({
  kind: 'Activation',
  build(inputs, p, { tf, name }) {
    return [tf.layers.activation({ activation: p.activation, name }).apply(inputs[0][0]) as SymbolicTensor];
  },
});
