import { defineBuilder, type SymbolicTensor } from '../../types';
import type { EmbeddingParams } from '../../../../shared/layers/recurrent/embedding';

export const embeddingBuilder = defineBuilder<EmbeddingParams>({
  kind: 'Embedding',
  build(inputs, p, { tf, name }) {
    const layer = tf.layers.embedding({ inputDim: p.inputDim, outputDim: p.outputDim, maskZero: p.maskZero, name });
    return [layer.apply(inputs[0][0]) as SymbolicTensor];
  },
});
