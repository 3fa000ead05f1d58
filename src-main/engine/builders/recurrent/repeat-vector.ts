import { defineBuilder, type SymbolicTensor } from '../../types';
import type { RepeatVectorParams } from '../../../../shared/layers/recurrent/repeat-vector';

export const repeatVectorBuilder = defineBuilder<RepeatVectorParams>({
  kind: 'RepeatVector',
  build(inputs, p, { tf, name }) {
    return [tf.layers.repeatVector({ n: p.n, name }).apply(inputs[0][0]) as SymbolicTensor];
  },
});
