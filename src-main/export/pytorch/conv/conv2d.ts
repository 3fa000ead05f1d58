// Conv2D on channels-last images (Conv2dNHWC helper: permutes to NCHW inside, TensorFlow 'same' padding).
// tfjs kernel [kh, kw, in, out] -> PyTorch weight [out, in, kh, kw].
import type { Conv2DParams } from '../../../../shared/layers/conv/conv2d';
import { definePyGenerator } from '../types';
import { activationExpr } from '../activations';
import { lastDim } from '../shape';
import { pyString } from '../../codegen/escape';

export const conv2dPy = definePyGenerator<Conv2DParams>({
  kind: 'Conv2D',
  generate(n) {
    const p = n.params;
    const c = lastDim(n.inputShapes[0][0], n);
    return {
      init: [
        `self.${n.name} = Conv2dNHWC(${c}, ${p.filters}, ${p.kernelSize}, stride=${p.strides}, dilation=${p.dilationRate}, tf_padding=${pyString(p.padding)})`,
      ],
      forward: [`${n.outputVars[0]} = ${activationExpr(p.activation, `self.${n.name}(${n.inputVars[0][0]})`, n.node.id)}`],
      helpers: ['Conv2dNHWC'],
      weights: [
        { tfjs: 'kernel', torch: `${n.name}.weight`, permute: [3, 2, 0, 1] },
        { tfjs: 'bias', torch: `${n.name}.bias` },
      ],
    };
  },
});
