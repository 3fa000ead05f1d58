import { defineBuilder, type SymbolicTensor } from '../../types';
import type { AddParams } from '../../../../shared/layers/core/add';

export const addBuilder = defineBuilder<AddParams>({
  kind: 'Add',
  build(inputs, _p, { tf, name }) {
    return [tf.layers.add({ name }).apply(inputs[0]) as SymbolicTensor];
  },
});
