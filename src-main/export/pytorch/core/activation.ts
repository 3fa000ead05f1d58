// Activation: the tfjs function as a PyTorch expression.
import type { ActivationParams } from '../../../../shared/layers/core/activation';
import { definePyGenerator } from '../types';
import { activationExpr } from '../activations';

export const activationPy = definePyGenerator<ActivationParams>({
  kind: 'Activation',
  generate: (n) => ({ init: [], forward: [`${n.outputVars[0]} = ${activationExpr(n.params.activation, n.inputVars[0][0], n.node.id)}`] }),
});
