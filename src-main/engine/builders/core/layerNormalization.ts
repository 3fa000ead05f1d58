import { defineBuilder, type SymbolicTensor } from '../../types';
import type { LayerNormalizationParams } from '../../../../shared/layers/core/layerNormalization';

export const layerNormalizationBuilder = defineBuilder<LayerNormalizationParams>({
  kind: 'LayerNormalization',
  build(inputs, p, { tf, name }) {
    return [tf.layers.layerNormalization({ epsilon: p.epsilon, name }).apply(inputs[0][0]) as SymbolicTensor];
  },
});
