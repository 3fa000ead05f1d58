import { defineBuilder, type SymbolicTensor } from '../../types';
import type { MultiplyParams } from '../../../../shared/layers/core/multiply';

export const multiplyBuilder = defineBuilder<MultiplyParams>({
  kind: 'Multiply',
  build(inputs, _p, { tf, name }) {
    return [tf.layers.multiply({ name }).apply(inputs[0]) as SymbolicTensor];
  },
});
