import { defineBuilder, type SymbolicTensor } from '../../types';
import type { BidirectionalParams } from '../../../../shared/layers/recurrent/bidirectional';
import { makeRnnLayer } from './rnn-common';

export const bidirectionalBuilder = defineBuilder<BidirectionalParams>({
  kind: 'Bidirectional',
  build(inputs, p, { tf, name }) {
    const inner = makeRnnLayer(tf, p.cell, { units: p.units, returnSequences: p.returnSequences, name: `${name}_${p.cell.toLowerCase()}` });
    const layer = tf.layers.bidirectional({ layer: inner, mergeMode: p.mergeMode, name });
    return [layer.apply(inputs[0][0]) as SymbolicTensor];
  },
});
