// TimeDistributed(Dense): nn.Linear already works on the last axis at every step.
import type { TimeDistributedParams } from '../../../../shared/layers/recurrent/time-distributed';
import { definePyGenerator } from '../types';
import { activationExpr } from '../activations';
import { lastDim } from '../shape';

export const timeDistributedPy = definePyGenerator<TimeDistributedParams>({
  kind: 'TimeDistributed',
  generate(n) {
    const p = n.params;
    const features = lastDim(n.inputShapes[0][0], n);
    return {
      init: [`self.${n.name} = nn.Linear(${features}, ${p.units})`],
      forward: [`${n.outputVars[0]} = ${activationExpr(p.activation, `self.${n.name}(${n.inputVars[0][0]})`, n.node.id)}`],
      weights: [
        { tfjs: 'kernel', torch: `${n.name}.weight`, permute: [1, 0] },
        { tfjs: 'bias', torch: `${n.name}.bias` },
      ],
    };
  },
});
