// Activation -> layers.Activation.
import type { ActivationParams } from '../../../../shared/layers/core/activation';
import { applyLine, defineKerasGenerator, kerasActivation } from '../types';

export const activationKeras = defineKerasGenerator<ActivationParams>({
  kind: 'Activation',
  generate: (n) => ({ lines: [applyLine(n, 'Activation', [kerasActivation(n.params.activation, n)])] }),
});
