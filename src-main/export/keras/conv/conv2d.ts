// Conv2D -> layers.Conv2D (channels_last, as tfjs).
import type { Conv2DParams } from '../../../../shared/layers/conv/conv2d';
import { applyLine, defineKerasGenerator, kerasActivation } from '../types';
import { pyString } from '../../codegen/escape';

export const conv2dKeras = defineKerasGenerator<Conv2DParams>({
  kind: 'Conv2D',
  generate: (n) => ({ lines: [applyLine(n, 'Conv2D', [String(n.params.filters), String(n.params.kernelSize), `strides=${n.params.strides}`, `padding=${pyString(n.params.padding)}`, `dilation_rate=${n.params.dilationRate}`, `activation=${kerasActivation(n.params.activation, n)}`])] }),
});
