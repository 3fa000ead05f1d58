// Activation: the tfjs function as ONNX operators (activations.ts).
import type { ActivationParams } from '../../../../shared/layers/core/activation';
import { defineOnnxEmitter } from '../types';
import { activate, unsupportedActivation } from '../activations';

export const activationOnnx = defineOnnxEmitter<ActivationParams>({
  kind: 'Activation',
  check: (n) => unsupportedActivation(n.params.activation),
  emit: (n, ins, g) => [activate(g, ins[0][0], n.params.activation, n.name)],
});
