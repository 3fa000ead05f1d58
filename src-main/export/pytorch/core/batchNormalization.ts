// BatchNormalization over the last axis (LastAxisBatchNorm helper). tfjs momentum m = PyTorch 1 - m.
import type { BatchNormalizationParams } from '../../../../shared/layers/core/batchNormalization';
import { definePyGenerator } from '../types';
import { lastDim } from '../shape';

export const batchNormalizationPy = definePyGenerator<BatchNormalizationParams>({
  kind: 'BatchNormalization',
  generate(n) {
    const c = lastDim(n.inputShapes[0][0], n);
    const momentum = Number((1 - n.params.momentum).toPrecision(12));
    return {
      init: [`self.${n.name} = LastAxisBatchNorm(${c}, eps=${n.params.epsilon}, momentum=${momentum})`],
      forward: [`${n.outputVars[0]} = self.${n.name}(${n.inputVars[0][0]})`],
      helpers: ['LastAxisBatchNorm'],
      weights: [
        { tfjs: 'gamma', torch: `${n.name}.weight` },
        { tfjs: 'beta', torch: `${n.name}.bias` },
        { tfjs: 'moving_mean', torch: `${n.name}.running_mean` },
        { tfjs: 'moving_variance', torch: `${n.name}.running_var` },
      ],
    };
  },
});
