// Dense -> layers.Dense.
import type { DenseParams } from '../../../../shared/layers/core/dense';
import { applyLine, defineKerasGenerator, kerasActivation, pyBool } from '../types';

export const denseKeras = defineKerasGenerator<DenseParams>({
  kind: 'Dense',
  generate: (n) => ({ lines: [applyLine(n, 'Dense', [String(n.params.units), `activation=${kerasActivation(n.params.activation, n)}`, `use_bias=${pyBool(n.params.useBias)}`])] }),
});
