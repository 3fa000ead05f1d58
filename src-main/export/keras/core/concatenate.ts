// Concatenate -> layers.Concatenate (same axis numbering: batch is axis 0).
import type { ConcatenateParams } from '../../../../shared/layers/core/concatenate';
import { defineKerasGenerator, kerasName } from '../types';

export const concatenateKeras = defineKerasGenerator<ConcatenateParams>({
  kind: 'Concatenate',
  generate: (n) => ({
    lines: [`${n.outputVars[0]} = layers.Concatenate(axis=${n.params.axis}, name=${kerasName(n)})([${n.inputVars[0].join(', ')}])`],
  }),
});
