import { defineBuilder, type SymbolicTensor } from '../../types';
import type { PermuteParams } from '../../../../shared/layers/core/permute';

export const permuteBuilder = defineBuilder<PermuteParams>({
  kind: 'Permute',
  build(inputs, p, { tf, name }) {
    return [tf.layers.permute({ dims: [...p.dims], name }).apply(inputs[0][0]) as SymbolicTensor];
  },
});
