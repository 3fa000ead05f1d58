import { defineBuilder, type SymbolicTensor } from '../../types';
import type { FlattenParams } from '../../../../shared/layers/core/flatten';

export const flattenBuilder = defineBuilder<FlattenParams>({
  kind: 'Flatten',
  build(inputs, _p, { tf, name }) {
    const x = inputs[0][0];
    // tfjs Flatten rejects [batch, n] (inputSpec minNDim 3); a vector is already flat.
    if (x.shape.length <= 2) return [x];
    return [tf.layers.flatten({ name }).apply(x) as SymbolicTensor];
  },
});
