// Conv1D on [time, features] (Conv1dNWC helper): 'same', 'valid' or 'causal' (left padding only),
// with dilation. tfjs kernel [k, in, out] -> PyTorch weight [out, in, k].
import type { Conv1DParams } from '../../../../shared/layers/conv/conv1d';
import { definePyGenerator } from '../types';
import { activationExpr } from '../activations';
import { lastDim } from '../shape';
import { pyString } from '../../codegen/escape';

export const conv1dPy = definePyGenerator<Conv1DParams>({
  kind: 'Conv1D',
  generate(n) {
    const p = n.params;
    const c = lastDim(n.inputShapes[0][0], n);
    return {
      init: [
        `self.${n.name} = Conv1dNWC(${c}, ${p.filters}, ${p.kernelSize}, stride=${p.strides}, dilation=${p.dilationRate}, tf_padding=${pyString(p.padding)})`,
      ],
      forward: [`${n.outputVars[0]} = ${activationExpr(p.activation, `self.${n.name}(${n.inputVars[0][0]})`, n.node.id)}`],
      helpers: ['Conv1dNWC'],
      weights: [
        { tfjs: 'kernel', torch: `${n.name}.weight`, permute: [2, 1, 0] },
        { tfjs: 'bias', torch: `${n.name}.bias` },
      ],
    };
  },
});
