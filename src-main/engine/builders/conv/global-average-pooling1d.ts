import { defineBuilder, type SymbolicTensor } from '../../types';
import type { GlobalAveragePooling1DParams } from '../../../../shared/layers/conv/global-average-pooling1d';

export const globalAveragePooling1dBuilder = defineBuilder<GlobalAveragePooling1DParams>({
  kind: 'GlobalAveragePooling1D',
  build(inputs, _p, { tf, name }) {
    return [tf.layers.globalAveragePooling1d({ name }).apply(inputs[0][0]) as SymbolicTensor];
  },
});
