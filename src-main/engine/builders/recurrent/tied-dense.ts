import { defineBuilder, type SymbolicTensor } from '../../types';
import type { TiedDenseParams } from '../../../../shared/layers/recurrent/tied-dense';
import { TiedDenseLayer } from '../../custom/tied';

export const tiedDenseBuilder = defineBuilder<TiedDenseParams>({
  kind: 'TiedDense',
  build(inputs, p, { name, linked }) {
    const table = linked?.tiedTo;
    if (!table) throw new Error(`${name}: the tied Embedding shared no matrix`);
    const layer = new TiedDenseLayer({ activation: p.activation, useBias: p.useBias, name });
    return [layer.apply([inputs[0][0], table]) as SymbolicTensor];
  },
});
