// LayerNormalization over the last axis -> nn.LayerNorm (gamma = weight, beta = bias).
import type { LayerNormalizationParams } from '../../../../shared/layers/core/layerNormalization';
import { definePyGenerator } from '../types';
import { lastDim } from '../shape';

export const layerNormalizationPy = definePyGenerator<LayerNormalizationParams>({
  kind: 'LayerNormalization',
  generate(n) {
    const c = lastDim(n.inputShapes[0][0], n);
    return {
      init: [`self.${n.name} = nn.LayerNorm(${c}, eps=${n.params.epsilon})`],
      forward: [`${n.outputVars[0]} = self.${n.name}(${n.inputVars[0][0]})`],
      weights: [
        { tfjs: 'gamma', torch: `${n.name}.weight` },
        { tfjs: 'beta', torch: `${n.name}.bias` },
      ],
    };
  },
});
