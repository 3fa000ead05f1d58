// Dense -> nn.Linear (works on the last axis like tfjs). tfjs kernel [in, units] = Linear.weight transposed.
import type { DenseParams } from '../../../../shared/layers/core/dense';
import { definePyGenerator } from '../types';
import { activationExpr } from '../activations';
import { lastDim } from '../shape';

export const densePy = definePyGenerator<DenseParams>({
  kind: 'Dense',
  generate(n) {
    const p = n.params;
    const inFeatures = lastDim(n.inputShapes[0][0], n);
    return {
      init: [`self.${n.name} = nn.Linear(${inFeatures}, ${p.units}, bias=${p.useBias ? 'True' : 'False'})`],
      forward: [`${n.outputVars[0]} = ${activationExpr(p.activation, `self.${n.name}(${n.inputVars[0][0]})`, n.node.id)}`],
      weights: [
        { tfjs: 'kernel', torch: `${n.name}.weight`, permute: [1, 0] },
        ...(p.useBias ? [{ tfjs: 'bias', torch: `${n.name}.bias` }] : []),
      ],
    };
  },
});
