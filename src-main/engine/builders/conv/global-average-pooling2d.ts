import { defineBuilder, type SymbolicTensor } from '../../types';
import type { GlobalAveragePooling2DParams } from '../../../../shared/layers/conv/global-average-pooling2d';

export const globalAveragePooling2dBuilder = defineBuilder<GlobalAveragePooling2DParams>({
  kind: 'GlobalAveragePooling2D',
  build(inputs, _p, { tf, name }) {
    return [tf.layers.globalAveragePooling2d({ name }).apply(inputs[0][0]) as SymbolicTensor];
  },
});
