import { defineBuilder, type SymbolicTensor } from '../../types';
import type { DropoutParams } from '../../../../shared/layers/core/dropout';

export const dropoutBuilder = defineBuilder<DropoutParams>({
  kind: 'Dropout',
  build(inputs, p, { tf, name }) {
    return [tf.layers.dropout({ rate: p.rate, name }).apply(inputs[0][0]) as SymbolicTensor];
  },
});
