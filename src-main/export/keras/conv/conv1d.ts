// Conv1D -> layers.Conv1D; Keras supports 'causal' padding natively.
import type { Conv1DParams } from '../../../../shared/layers/conv/conv1d';
import { applyLine, defineKerasGenerator, kerasActivation } from '../types';
import { pyString } from '../../codegen/escape';

export const conv1dKeras = defineKerasGenerator<Conv1DParams>({
  kind: 'Conv1D',
  generate: (n) => ({ lines: [applyLine(n, 'Conv1D', [String(n.params.filters), String(n.params.kernelSize), `strides=${n.params.strides}`, `padding=${pyString(n.params.padding)}`, `dilation_rate=${n.params.dilationRate}`, `activation=${kerasActivation(n.params.activation, n)}`])] }),
});
