import { defineBuilder, type SymbolicTensor } from '../../types';
import type { ConcatenateParams } from '../../../../shared/layers/core/concatenate';

export const concatenateBuilder = defineBuilder<ConcatenateParams>({
  kind: 'Concatenate',
  build(inputs, p, { tf, name }) {
    return [tf.layers.concatenate({ axis: p.axis, name }).apply(inputs[0]) as SymbolicTensor];
  },
});
