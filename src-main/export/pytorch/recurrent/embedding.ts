// Embedding -> nn.Embedding (same [inputDim, outputDim] table as tfjs's 'embeddings').
import type { EmbeddingParams } from '../../../../shared/layers/recurrent/embedding';
import { definePyGenerator } from '../types';

export const embeddingPy = definePyGenerator<EmbeddingParams>({
  kind: 'Embedding',
  generate(n) {
    const p = n.params;
    return {
      init: [`self.${n.name} = nn.Embedding(${p.inputDim}, ${p.outputDim})`],
      forward: [`${n.outputVars[0]} = self.${n.name}(${n.inputVars[0][0]}.long())`],
      weights: [{ tfjs: 'embeddings', torch: `${n.name}.weight` }],
      warnings: p.maskZero
        ? [`Embedding (${n.node.id}): 'Mask zero' is not reproduced; padding steps (id 0) are fed to later layers like any other id.`]
        : [],
    };
  },
});
