import { defineBuilder, type SymbolicTensor } from '../../types';
import type { EmbeddingParams } from '../../../../shared/layers/recurrent/embedding';
import { TiedEmbeddingLayer } from '../../custom/tied';

export const embeddingBuilder = defineBuilder<EmbeddingParams>({
  kind: 'Embedding',
  build(inputs, p, { tf, name, shareWeights }) {
    const args = { inputDim: p.inputDim, outputDim: p.outputDim, maskZero: p.maskZero, name };
    if (!shareWeights) return [tf.layers.embedding(args).apply(inputs[0][0]) as SymbolicTensor];
    // A head is tied to this table: the same lookup, plus the table itself as a second output for it.
    const [vectors, table] = new TiedEmbeddingLayer(args).apply(inputs[0][0]) as SymbolicTensor[];
    shareWeights(table);
    return [vectors];
  },
});
