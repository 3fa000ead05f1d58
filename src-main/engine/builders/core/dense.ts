import { defineBuilder, type SymbolicTensor } from '../../types';
import type { DenseParams } from '../../../../shared/layers/core/dense';

export const denseBuilder = defineBuilder<DenseParams>({
  kind: 'Dense',
  build(inputs, p, { tf, name }) {
    const layer = tf.layers.dense({ units: p.units, activation: p.activation, useBias: p.useBias, name });
    return [layer.apply(inputs[0][0]) as SymbolicTensor];
  },
});
