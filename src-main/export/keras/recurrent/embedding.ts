// Embedding -> layers.Embedding (mask_zero as in LayerLab). When a head is tied to it, the layer object gets a
// variable of its own so the head can use its matrix (see tied-dense.ts).
import type { EmbeddingParams } from '../../../../shared/layers/recurrent/embedding';
import { applyLine, defineKerasGenerator, kerasLayerVar, kerasName, pyBool } from '../types';

export const embeddingKeras = defineKerasGenerator<EmbeddingParams>({
  kind: 'Embedding',
  generate(n) {
    const args = [String(n.params.inputDim), String(n.params.outputDim), `mask_zero=${pyBool(n.params.maskZero)}`];
    if (n.linkedBy.length === 0) return { lines: [applyLine(n, 'Embedding', args)] };
    return {
      lines: [
        `${kerasLayerVar(n)} = layers.Embedding(${[...args, `name=${kerasName(n)}`].join(', ')})`,
        `${n.outputVars[0]} = ${kerasLayerVar(n)}(${n.inputVars[0][0]})`,
      ],
    };
  },
});
