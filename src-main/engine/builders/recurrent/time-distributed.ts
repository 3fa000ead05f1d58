import { defineBuilder, type SymbolicTensor } from '../../types';
import type { TimeDistributedParams } from '../../../../shared/layers/recurrent/time-distributed';

export const timeDistributedBuilder = defineBuilder<TimeDistributedParams>({
  kind: 'TimeDistributed',
  build(inputs, p, { tf, name }) {
    const dense = tf.layers.dense({ units: p.units, activation: p.activation, name: `${name}_dense` });
    return [tf.layers.timeDistributed({ layer: dense, name }).apply(inputs[0][0]) as SymbolicTensor];
  },
});
