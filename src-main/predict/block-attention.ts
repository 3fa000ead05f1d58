// Self-attention weights inside a trained model's Transformer blocks (TransformerEncoderBlock /
// TransformerDecoderBlock, one tfjs layer holding N blocks), for one input: a side model from the model's inputs
// to the block layer's input, then the layer recomputes its blocks and hands over each one's weights.
// The stand-alone Attention / MultiHeadAttention layers are read by engine/attention-weights.ts.
import type * as tfTypes from '@tensorflow/tfjs';
import type { TF } from '../engine/types';

const BLOCK_CLASSES = new Set(['LayerLabTransformerEncoder', 'LayerLabTransformerDecoder']);

interface BlockLayer {
  selfAttentionWeights(inputs: tfTypes.Tensor | tfTypes.Tensor[]): tfTypes.Tensor[];
}

/** One block's self-attention for the first sample: per head, [query][key]. */
export interface BlockAttention {
  /** The tfjs layer name (layerNameFor of the graph node). */
  layer: string;
  /** Block index inside the layer (0 = first). */
  block: number;
  heads: number[][][];
}

export function transformerAttentionFor(tf: TF, model: tfTypes.LayersModel, xs: tfTypes.Tensor[]): BlockAttention[] {
  const out: BlockAttention[] = [];
  for (const layer of model.layers.filter((l) => BLOCK_CLASSES.has(l.getClassName()))) {
    const input = layer.input;
    const symbolic = Array.isArray(input) ? input : [input];
    const side = tf.model({ inputs: model.inputs, outputs: symbolic });
    const values = side.predict(xs.length === 1 ? xs[0] : xs) as tfTypes.Tensor | tfTypes.Tensor[];
    const list = Array.isArray(values) ? values : [values];
    try {
      const maps = (layer as unknown as BlockLayer).selfAttentionWeights(list.length === 1 ? list[0] : list);
      maps.forEach((m, block) => out.push({ layer: layer.name, block, heads: (m.arraySync() as number[][][][])[0] }));
      tf.dispose(maps);
    } finally {
      tf.dispose(list);
    }
  }
  return out;
}
